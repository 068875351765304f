"""The worker's group commit (issue 11, speed): a backlog's files fsynced in one round, each
before it is renamed into place, and nothing at all acknowledged before the commit is durable."""

import os
import time

from harness import RunningDaemon, load, report, write_config
from mailrouter import durable
from mailrouter.entry_dir import EntryDir

REPORTER = "reporter@example.net"


def _backlog(tmp_path, sink, count):
    """A daemon's config and a spool holding `count` reports accepted while it was down."""
    config = load(write_config(tmp_path, sink.port, limits={"daily_acks_per_sender": 100}))
    spool = EntryDir(config.state_dir / "spool")
    for i in range(count):
        spool.put(report(body=f"Report number {i}.\n", message_id=f"<round-{i}@example.net>"),
                  {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]})
    return config, spool


def _recording(monkeypatch):
    """Record, in order, every file fsync (by path) and every rename or link into place."""
    events, real_fsync, real_replace, real_link = [], durable.os.fsync, durable.os.replace, durable.os.link

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(source, target):
        events.append(("rename", os.fspath(source), os.fspath(target)))
        return real_replace(source, target)

    def link(source, target):
        events.append(("rename", os.fspath(source), os.fspath(target)))
        return real_link(source, target)

    monkeypatch.setattr(durable.os, "fsync", fsync)
    monkeypatch.setattr(durable.os, "replace", replace)
    monkeypatch.setattr(durable.os, "link", link)
    return events


def test_a_backlogs_case_records_are_fsynced_together_each_before_its_rename(tmp_path, sink, monkeypatch):
    config, spool = _backlog(tmp_path, sink, 16)
    events = _recording(monkeypatch)
    running = RunningDaemon(config).start()
    try:
        running.run_until_idle(timeout=120)
        assert len(running.store.codes()) == 16 and spool.ids() == []
    finally:
        running.stop()
    fsynced, waiting, most_waiting = set(), set(), 0
    for event in events:
        if event[0] == "fsync":
            fsynced.add(os.path.realpath(event[1]))
            waiting.add(os.path.realpath(event[1]))
            continue
        source, target = os.path.realpath(event[1]), event[2]
        if target.endswith(("case.json", ".bin", ".key", ".eml")):
            assert source in fsynced, f"{target} renamed into place before its contents were fsynced"
        most_waiting = max(most_waiting, len({p for p in waiting if p.endswith("case.json.tmp")
                                              or ".case.json." in p}))
        waiting.discard(source)
    # One commit of 16 entries: their 16 case records fsynced before the first is renamed,
    # where one after another each would wait for its own fsync (at most 1 waiting).
    assert most_waiting >= 16


def test_a_backlogs_identities_and_case_keys_are_whole_after_their_commit(tmp_path, sink):
    config, spool = _backlog(tmp_path, sink, 18)
    running = RunningDaemon(config).start()
    try:
        running.run_until_idle(timeout=120)
        codes = running.store.codes()
        assert len(codes) == 18 and spool.ids() == []
        assert all(running.daemon.ctx.reporters.known(code) for code in codes)
    finally:
        running.stop()
    state = config.state_dir
    assert not [p for p in state.rglob(".*.tmp")], "a temporary file outlived its commit"
    names = (state / "cases" / "names.log").read_text().splitlines()
    assert sorted(names) == sorted(codes)          # every code name issued logged, once


def test_a_case_whose_commit_failed_is_filed_whole_on_the_next_attempt(tmp_path, sink):
    """A new case is written at its commit's first flush: if that flush fails, the store must
    not go on believing in the case it held in memory, or the retry would send its mail
    for a case that is on no disk."""
    config = load(write_config(tmp_path, sink.port))
    running = RunningDaemon(config).start()
    keys = config.state_dir / "case-keys"
    try:
        keys.rename(tmp_path / "keys-away")
        keys.write_bytes(b"")                # the case key cannot be written: the commit fails
        assert running.send(report(), mail_from=REPORTER)[0] == 250
        (entry,) = running.state.spool.ids()
        deadline = time.monotonic() + 60
        while running.state.spool.meta(entry).get("attempts") != 1:
            assert time.monotonic() < deadline, "the worker never tried"
            time.sleep(0.01)
        keys.unlink()
        (tmp_path / "keys-away").rename(keys)
        running.advance(minutes=2)
        running.run_until_idle(timeout=120)
        assert running.state.spool.ids() == []
        (code,) = running.store.codes()                      # on disk, once
        assert running.store.get(code).get("acknowledged") is True
        assert len(sink.messages_to(REPORTER)) == 1
    finally:
        running.stop()


def test_a_commit_whose_case_files_failed_to_write_sends_no_mail_about_that_case(tmp_path, sink, monkeypatch):
    """The new case's write is taken on at the commit's first flush, and its files are written
    with the others after (durable.py). When those writes fail (ENOSPC on a case file, the
    disk stands in here for one that is full), the mail the commit held about the case must go
    with it: the retry files the report under another code name, and the first one would
    have reached the reporter and every member about a case that is on no disk."""
    import errno
    config = load(write_config(tmp_path, sink.port))
    cases, failing, write_synced = str(config.state_dir / "cases"), [True], durable.write_synced

    def full_for_cases(path, data, **options):
        if failing[0] and str(path).startswith(cases) and ".case.json." in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return write_synced(path, data, **options)

    monkeypatch.setattr(durable, "write_synced", full_for_cases)
    running = RunningDaemon(config).start()
    try:
        assert running.send(report(), mail_from=REPORTER)[0] == 250
        deadline = time.monotonic() + 30
        while not running.daemon.worker.faults.paused():
            assert time.monotonic() < deadline, "the worker never met the full disk"
            time.sleep(0.01)
        failing[0] = False
        running.daemon.worker.spooled()              # space again: what waits is tried now
        running.run_until_idle(timeout=60)
        (code,) = running.store.codes()
        (ack,) = sink.messages_to(REPORTER)
        assert f"[{code}]" in ack["Subject"]
        assert all(f"[{code}]" in mail["Subject"] for mail in sink.all())
    finally:
        running.stop()
