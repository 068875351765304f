"""The case store: atomic under kill -9, names never reused, indexes rebuilt on start."""

import random
import signal
import subprocess
import sys
import textwrap
import time

from mailrouter.clock import FixedClock
from mailrouter.cases.codenames import CodeNames, slug
from mailrouter.cases.store import CaseStore
from harness import START

WRITER = textwrap.dedent("""
    import sys
    from mailrouter.clock import SystemClock
    from mailrouter.cases.store import CaseStore
    store = CaseStore(sys.argv[1], SystemClock())
    if not store.exists("steady case"):
        store.reserve_name("steady case")
        store.create("steady case", {"status": "new", "n": 0}, b"report")
    print("ready", flush=True)
    n = store.get("steady case")["n"]
    while True:
        n += 1
        store.update("steady case", {"n": n, "padding": "x" * (n % 5000)},
                     event={"kind": "note", "by": "test", "n": n})
""")


def test_repeated_kill_9_during_writes_never_leaves_a_case_unreadable(tmp_path):
    root = tmp_path / "cases"
    last_seen = -1
    for round_ in range(8):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(root)], stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.05 + random.random() * 0.1)            # kill at an arbitrary point of a write
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        store = CaseStore(root, FixedClock(START))
        case = store.get("steady case")                     # raises if the file were torn
        events = store.events("steady case")
        assert case["n"] >= last_seen and len(events) >= 1
        last_seen = case["n"]
    assert last_seen > 0                                     # writes really happened


def test_code_names_are_never_reused_even_after_a_case_is_purged(tmp_path):
    clock = FixedClock(START)
    store = CaseStore(tmp_path, clock)
    first = CodeNames(random.Random(42)).draw(store.names)
    store.reserve_name(first)
    store.create(first, {"status": "new"}, b"report")
    for path in store.case_dir(first).iterdir():              # purge the case entirely
        path.unlink()
    store.case_dir(first).rmdir()
    reopened = CaseStore(tmp_path, clock)
    assert first in reopened.names
    again = CodeNames(random.Random(42)).draw(reopened.names)  # the same draw sequence
    assert again != first


def test_word_lists_give_at_least_ten_million_names():
    assert CodeNames.combinations() >= 10_000_000


def test_indexes_are_rebuilt_when_the_store_is_opened_again(tmp_path):
    clock = FixedClock(START)
    store = CaseStore(tmp_path, clock)
    store.reserve_name("amber lantern")
    store.create("amber lantern", {"tokens": {"d1": "reporter"}, "message_keys": ["mid:1"]}, b"r")
    reopened = CaseStore(tmp_path, clock)
    assert reopened.by_token["d1"] == ("amber lantern", "reporter")
    assert reopened.by_message["mid:1"] == "amber lantern"
    assert (tmp_path / slug("amber lantern") / "report-1.eml").read_bytes() == b"r"


def test_concurrent_spool_writes_share_directory_fsyncs_and_all_commit(tmp_path, monkeypatch):
    import os
    import stat
    import threading

    from mailrouter import durable
    from mailrouter.entry_dir import EntryDir

    writers = 64
    spool = EntryDir(tmp_path / "spool")
    real_fsync = durable.os.fsync
    dir_fsyncs = []

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            dir_fsyncs.append(len(spool.ids()))            # entries renamed in before it
            if len(dir_fsyncs) == 1:                       # hold the first until every writer renamed
                deadline = time.monotonic() + 10
                while len(spool.ids()) < writers and time.monotonic() < deadline:
                    time.sleep(0.001)
        return real_fsync(fd)

    monkeypatch.setattr(durable.os, "fsync", fsync)
    ids = []

    def write(n):
        ids.append(spool.put(f"message {n}".encode(), {"mail_from": "", "rcpt_tos": []}))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids) == spool.ids() and len(ids) == writers
    # the writers that renamed while the first fsync ran share one more, instead of one each
    assert len(dir_fsyncs) <= 2, f"{len(dir_fsyncs)} directory fsyncs for {writers} entries"
    assert dir_fsyncs[-1] == writers                   # the last fsync covers every rename
    assert sorted(spool.payload(i) for i in ids) == sorted(f"message {n}".encode() for n in range(writers))


def test_a_recorded_acknowledgement_is_allowed_again_but_counted_once(tmp_path):
    """The ledger is written before the commit that makes the acknowledgement durable (the
    outbox journal); after a crash between them the retry must queue it again (the crash
    loop found 37 reports left unacknowledged), and the outbox key keeps it to one."""
    from mailrouter.cases.acks import AckLedger
    ledger = AckLedger(tmp_path / "acks", b"k" * 32, daily_cap=2)
    day = "2026-11-29"
    ledger.record("ana@example.net", "home shelf", day)
    ledger.record("ana@example.net", "blue door", day)
    assert ledger.allows("ana@example.net", "home shelf", day)        # its own retry
    assert not ledger.allows("ana@example.net", "third case", day)    # the daily cap holds
    ledger.record("ana@example.net", "home shelf", day)
    assert ledger.allows("ana@example.net", "blue door", day) and not ledger.allows("ANA@example.net", "x", day)


def test_forgetting_a_case_survives_a_torn_day_file(tmp_path):
    """The day files are written without fsync: a crash may tear one. The purge must still
    go through (it runs after the identity is shredded), and the torn day names no case."""
    from mailrouter.cases.acks import AckLedger
    ledger = AckLedger(tmp_path / "acks", b"k" * 32, daily_cap=2)
    ledger.record("ana@example.net", "home shelf", "2026-11-28")
    ledger.record("ana@example.net", "home shelf", "2026-11-29")
    (tmp_path / "acks" / "2026-11-28.json").write_bytes(b'{"abc": {"cou')
    assert ledger.forget_case("home shelf") == 2
    assert b"home shelf" not in b"".join(p.read_bytes() for p in (tmp_path / "acks").glob("*.json"))


def test_the_ack_ledger_writes_a_commits_counts_once_and_forgets_a_case_in_memory_too(tmp_path):
    """Each day's counts are kept in memory and written once per group commit (issue 11);
    the end of a case's retention takes it out of memory as well as from the files, so a
    later acknowledgement does not write the forgotten case back."""
    from mailrouter.cases.acks import AckLedger
    from mailrouter.durable import group_commit
    ledger = AckLedger(tmp_path / "acks", b"k" * 32, daily_cap=3)
    day_file = tmp_path / "acks" / "2026-11-29.json"
    with group_commit():
        ledger.record("ana@example.net", "home shelf", "2026-11-29")
        ledger.record("bo@example.net", "blue door", "2026-11-29")
        assert not day_file.exists()                                   # at the commit's end
    again = AckLedger(tmp_path / "acks", b"k" * 32, daily_cap=1)      # as after a restart
    assert not again.allows("ana@example.net", "third case", "2026-11-29")
    assert again.allows("bo@example.net", "blue door", "2026-11-29")
    assert ledger.forget_case("home shelf") == 1
    ledger.record("ana@example.net", "red gate", "2026-11-29")
    assert b"home shelf" not in day_file.read_bytes() and b"red gate" in day_file.read_bytes()


def test_a_case_filed_in_a_commit_is_written_whole_at_its_end(tmp_path):
    """A new case's second write in its commit (issue 11) comes from memory, not from reading
    back its first: the file is what TinyDB would hold, and TinyDB goes on from it."""
    from mailrouter.durable import group_commit
    store = CaseStore(tmp_path / "cases", FixedClock(START))
    with group_commit():
        store.reserve_name("blue door")
        store.create("blue door", {"status": "new"}, b"report")
        store.update("blue door", {"status": "open"}, {"kind": "seen"})
        store.log("blue door", "noted")
    reread = CaseStore(tmp_path / "cases", FixedClock(START))
    assert reread.get("blue door")["status"] == "open" and reread.report("blue door") == b"report"
    assert [e["kind"] for e in reread.events("blue door")] == ["opened", "seen", "noted"]
    reread.update("blue door", {"status": "closed"}, {"kind": "closed"})
    assert [e["kind"] for e in CaseStore(tmp_path / "cases", FixedClock(START)).events("blue door")] == \
        ["opened", "seen", "noted", "closed"]


def test_a_commits_code_names_reach_names_log_in_one_write_at_its_first_flush(tmp_path, monkeypatch):
    """Issue 11: each name was appended on its own (an open, a write and a close in the
    worker's thread, per report). In a group commit they are written together, fsynced
    before the mail that names a case (the outbox's tier), and each is still issued once."""
    from mailrouter import durable
    from mailrouter.cases import store as store_module
    from mailrouter.durable import flush_at_commit, group_commit
    store, appends, seen = CaseStore(tmp_path, FixedClock(START)), [], []
    monkeypatch.setattr(store_module, "append", lambda path, data, **kw: (appends.append(data),
                                                                          durable.append(path, data, **kw)))
    with group_commit():
        for code in ("amber lantern", "blue door", "calm river"):
            store.reserve_name(code)
        flush_at_commit("outbox", lambda: seen.append(store.names_log.read_text()), first=True)
        assert appends == [] and "blue door" in store.names
    assert appends == [b"amber lantern\nblue door\ncalm river\n"] and seen == [appends[0].decode()]
    store.reserve_name("dry leaf")                          # outside a commit: at once
    assert store.names_log.read_text().splitlines()[-1] == "dry leaf"
    assert CaseStore(tmp_path, FixedClock(START)).names == {"amber lantern", "blue door", "calm river", "dry leaf"}
