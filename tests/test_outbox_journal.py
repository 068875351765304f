"""The outbox journal (issue 11, speed): one fsynced record per spool entry's mail, and the
queue files rebuilt from it after a crash, never a lost or resurrected message."""

import time
from datetime import timedelta

import pytest

from harness import START, RunningDaemon, load, report, write_config
from mailrouter.app.queue_store import Places
from mailrouter.app.state import open_state
from mailrouter.outbound import outbox as outbox_module
from mailrouter.clock import FixedClock
from mailrouter.entry_dir import EntryDir
from mailrouter.pipeline.worker import BATCH

REPORTER = "reporter@example.net"
RECIPIENTS = [REPORTER, "ana@example.org", "bo@example.org", "chidi@example.org"]


def queued_but_undelivered(tmp_path, sink):
    """A daemon that processed one report while the relay said 451 to everyone, stopped."""
    path = write_config(tmp_path, sink.port)
    for address in RECIPIENTS:
        sink.answers[address] = ["451 4.3.0 try later"]
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        running.run_until_idle()
        outbox = running.state.outbox
        assert len(outbox.queue.ids()) == 4 and len(outbox.journal.records.ids()) == 1
    finally:
        running.stop()
    sink.answers.clear()
    return path


def restart_and_deliver(path):
    """Start again an hour later (past every backoff) and let the courier work."""
    running = RunningDaemon(load(path), clock=FixedClock(START + timedelta(hours=1))).start()
    try:
        running.run_until_idle()
        return running.state.outbox.journal.records.ids(), running.state.outbox.queue.ids()
    finally:
        running.stop()


def test_queue_files_a_crash_took_come_back_from_the_journal_and_go_out_once(tmp_path, sink):
    path = queued_but_undelivered(tmp_path, sink)
    queue = load(path).state_dir / "outbox" / "queue"
    entries = sorted(queue.glob("*.msg"))
    # What a power cut may do to files written without fsync: gone, or torn.
    entries[0].unlink()
    entries[1].unlink()
    entries[2].write_bytes(entries[2].read_bytes()[:100])
    journals, queued = restart_and_deliver(path)
    for address in RECIPIENTS:
        assert len(sink.messages_to(address)) == 1, address
    assert journals == [] and queued == []
    assert not (queue / "quarantine").exists() or not list((queue / "quarantine").iterdir())


def test_a_journal_goes_once_its_mail_is_delivered_and_nothing_is_sent_twice(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        running.run_until_idle()
        sink.wait_for(4)
        assert running.state.outbox.journal.records.ids() == []
    finally:
        running.stop()
    restart_and_deliver(path)
    assert len(sink.all()) == 4


def test_an_entry_the_admin_deleted_is_not_queued_again_from_its_journal(tmp_path, sink):
    path = queued_but_undelivered(tmp_path, sink)
    config = load(path)
    clock = FixedClock(START)
    places = Places(open_state(config, clock, create_keys=False), config, clock)   # as `queue` does
    (reporter_entry,) = [e.id for e in places.entries()["outbox"] if e.to == "reporter"]
    places.delete(reporter_entry[:12])
    journals, queued = restart_and_deliver(path)
    assert sink.messages_to(REPORTER) == []
    assert len(sink.all()) == 3 and journals == [] and queued == []


def test_a_backlog_is_drained_a_batch_of_entries_to_a_commit(tmp_path, sink):
    # Mail accepted while the daemon was down (as after a crash): the spool holds a backlog.
    reports = BATCH + 4
    config = load(write_config(tmp_path, sink.port, limits={"daily_acks_per_sender": 100}))
    spool = EntryDir(config.state_dir / "spool")
    for i in range(reports):
        spool.put(report(body=f"Report number {i}.\n", message_id=f"<backlog-{i}@example.net>"),
                  {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]})
    for address in RECIPIENTS:
        sink.answers[address] = ["451 4.3.0 try later"] * reports
    running = RunningDaemon(config).start()
    try:
        running.run_until_idle()
        outbox = running.state.outbox
        assert len(running.store.codes()) == reports and spool.ids() == []
        assert len(outbox.queue.ids()) == 4 * reports
        # One journal record per group commit: BATCH entries, then the other 4.
        assert len(outbox.journal.records.ids()) == 2
    finally:
        running.stop()


def test_entries_stay_in_the_spool_when_their_commit_fails(tmp_path, sink):
    config = load(write_config(tmp_path, sink.port))
    running = RunningDaemon(config).start()
    try:
        journal = config.state_dir / "outbox" / "journal"
        journal.rename(tmp_path / "journal-away")
        journal.write_bytes(b"")             # the journal cannot be written: the commit fails
        spool = running.state.spool
        ids = [spool.put(report(body=f"Report {i}.\n", message_id=f"<fails-{i}@example.net>"),
                         {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]}) for i in range(3)]
        running.daemon.worker.wake()
        deadline = time.monotonic() + 10
        while not all(spool.meta(i).get("attempts") == 1 for i in ids):
            assert time.monotonic() < deadline, "the worker never tried"
            time.sleep(0.01)
        assert spool.ids() == sorted(ids) and sink.all() == []
    finally:
        running.stop()


@pytest.mark.slow
def test_a_large_reports_mail_is_journaled_as_it_is_queued_not_held_in_memory(tmp_path, sink, monkeypatch):
    # A report's text is capped (T4, 1 MB), so the threshold is lowered to see the parts.
    monkeypatch.setattr(outbox_module, "BATCH_BYTES", 500_000)
    for address in RECIPIENTS:
        sink.answers[address] = ["451 4.3.0 try later"]
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        words = " ".join(f"word{i}" for i in range(90_000))        # 0.9 MB: just under the text cap (T4)
        running.send(report(body=f"It went on and on.\n{words}\n"))
        running.run_until_idle(timeout=60)
        outbox = running.state.outbox
        assert len(outbox.queue.ids()) == 4
        assert len(outbox.journal.records.ids()) >= 2       # written in parts, as queued
    finally:
        running.stop()


def test_the_courier_gets_what_the_worker_queued_unless_the_admin_deleted_it(tmp_path, sink):
    """The worker hands its fresh mail to the courier in memory (no read, no decryption);
    what it hands over is what the queue holds, and a message deleted meanwhile is not sent."""
    from mailrouter.durable import group_commit
    state = open_state(load(write_config(tmp_path, sink.port)), FixedClock(START))
    outbox = state.outbox
    with group_commit():
        for name in ("kept", "deleted"):
            outbox.enqueue(f"test:{name}", "conduct@example.org", f"{name}@example.org",
                           b"Subject: x\r\n\r\nhi\r\n", "test")
    kept, deleted = outbox.entry_id("test:kept"), outbox.entry_id("test:deleted")
    meta, payload = outbox.for_delivery(kept)
    assert (meta["recipient"], payload) == (outbox.meta(kept)["recipient"], outbox.payload(kept))
    outbox.queue.remove(deleted)                     # as `mailrouter queue delete` does
    assert outbox.for_delivery(deleted) is None      # gone: the courier skips it


def test_a_mail_noted_as_taken_is_not_sent_again_after_a_kill_before_its_removal(tmp_path, sink):
    """The courier notes the relay's 250 first (`Outbox.taken`), before the queue file is
    removed; a kill in between leaves the file, and the restart must not send it twice."""
    path = queued_but_undelivered(tmp_path, sink)
    state = open_state(load(path), FixedClock(START))
    chidi = next(i for i, meta in state.outbox.queued() if meta["recipient"] == "chidi@example.org")
    state.outbox.taken(chidi)                       # the 250 noted; the removal never came
    assert chidi in state.outbox.queue.ids()
    journals, queued = restart_and_deliver(path)
    assert sink.messages_to("chidi@example.org") == []
    for address in RECIPIENTS[:3]:
        assert len(sink.messages_to(address)) == 1, address
    assert journals == [] and queued == []


class FernetOnly:
    """What sealed payloads were before AES-GCM: a Fernet token under the identity key."""

    def __init__(self, key):
        from cryptography.fernet import Fernet
        self.fernet = Fernet(key)

    def seal(self, data):
        return self.fernet.encrypt(data)

    def seal_text(self, text):
        return "sealed:" + self.fernet.encrypt(text.encode()).decode()


def test_a_journal_written_before_the_upgrade_still_brings_its_mail_back(tmp_path, sink):
    """A journal record of the earlier version (a JSON list with base64 payloads, sealed with
    Fernet) is read by the current one: the queue files a crash took come back from it."""
    import base64
    import json

    from mailrouter.outbound.outbox_journal import FRAMED
    from mailrouter.privacy.sealing import GCM, SealedEntryDir

    path = queued_but_undelivered(tmp_path, sink)
    config = load(path)
    state = open_state(config, FixedClock(START))
    journal = state.outbox.journal
    (journal_id,) = journal.records.ids()
    record = journal.records.root / f"{journal_id}.msg"
    assert GCM in record.read_bytes() and FRAMED in journal.records.payload(journal_id)
    sent = {i: payload for i, _, payload in journal.read(journal_id)}
    old = json.dumps([{"id": i, "meta": meta, "payload": base64.b64encode(payload).decode()}
                      for i, meta, payload in journal.read(journal_id)]).encode()
    key = (config.state_dir / "identity.key").read_bytes().strip()
    SealedEntryDir(journal.records.root, FernetOnly(key)).put(old, {"messages": len(sent)}, entry_id=journal_id)
    assert GCM not in record.read_bytes()
    for entry in (config.state_dir / "outbox" / "queue").glob("*.msg"):
        entry.unlink()                               # a power cut took them: only the journal is left
    journals, queued = restart_and_deliver(path)
    assert journals == [] and queued == []
    assert sorted(m.data.replace(b"\r\n", b"\n") for m in sink.all()) == \
        sorted(p.replace(b"\r\n", b"\n") for p in sent.values())


def test_a_journal_record_whose_sizes_do_not_add_up_is_refused():
    from mailrouter.outbound.outbox_journal import framed, unframed
    body = framed({"a": ({"to": "x"}, b"one"), "b": ({"to": "y"}, b"second")})
    assert unframed(body) == [("a", {"to": "x"}, b"one"), ("b", {"to": "y"}, b"second")]
    with pytest.raises(ValueError):
        unframed(body[:-1])
    with pytest.raises(ValueError):
        unframed(body + b"x")


def test_the_worker_reads_a_retry_time_only_for_entries_that_failed_before(tmp_path, sink, monkeypatch):
    """Issue 11: every entry's file was opened and its header parsed once more, for a retry
    time that only an entry with a state file (one that failed before) has. Such an entry
    still waits for its time; the others are read once, when processed."""
    config = load(write_config(tmp_path, sink.port, limits={"daily_acks_per_sender": 100}))
    spool = EntryDir(config.state_dir / "spool")
    ids = [spool.put(report(body=f"Report number {i}.\n", message_id=f"<listed-{i}@example.net>"),
                     {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"]}) for i in range(5)]
    spool.update_meta(ids[2], attempts=1, retry_after="2999-01-01T00:00:00+00:00")
    read, meta = [], EntryDir.meta
    monkeypatch.setattr(EntryDir, "meta", lambda self, entry_id: (read.append(entry_id), meta(self, entry_id))[1])
    running = RunningDaemon(config).start()
    try:
        deadline = time.monotonic() + 20
        while spool.ids() != [ids[2]]:
            assert time.monotonic() < deadline, "the backlog was not processed"
            running.daemon.worker.wake()
            time.sleep(0.01)
        running.daemon.worker.wake()
        time.sleep(0.2)                                     # another turn: still not due
        assert spool.ids() == [ids[2]] and len(running.store.codes()) == 4
        assert [read.count(entry_id) for entry_id in ids if entry_id != ids[2]] == [1, 1, 1, 1]
        assert read.count(ids[2]) >= 2                      # its retry time, at each turn
    finally:
        running.stop()
