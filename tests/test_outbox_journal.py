"""The outbox journal (issue 11, speed): one fsynced record per spool entry's mail, and the
queue files rebuilt from it after a crash, never a lost or resurrected message."""

from datetime import timedelta

from harness import START, RunningDaemon, load, report, write_config
from mailrouter.app.queue_store import Places
from mailrouter.app.state import open_state
from mailrouter.clock import FixedClock

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
