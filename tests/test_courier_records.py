"""The courier's audit records, batched (issue 11 (b)): one `mail-sent` record per mail the
relay took, never lost and never doubled, though they are written on the courier's loop and
fsynced together, not one thread hop and one fsync each; and each is in the log before its
mail's line is in `sent.log`, so a kill can never leave a sent mail unrecorded.
"""

import fcntl
import json

import mailrouter.audit as audit_module

from harness import START, RunningDaemon, load, report, write_config
from mailrouter.audit import verify
from mailrouter.clock import FixedClock
from test_durability import wait_until

REPORTS = 17               # each: an acknowledgement and three forwards, 68 mails


def sent_records(state_dir):
    lines = (state_dir / "audit" / "audit.log").read_bytes().splitlines()
    return [record for record in map(json.loads, lines) if record["event"] == "mail-sent"]


def test_every_mail_the_relay_took_has_exactly_one_record_in_an_unbroken_chain(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        for number in range(REPORTS):
            sender = f"reporter{number}@example.net"
            raw = report(subject=f"At the sprint, day {number}", sender=sender,
                         body=f"On day {number} of the sprint someone kept interrupting me.\n")
            assert running.send(raw, mail_from=sender)[0] == 250
        running.run_until_idle(timeout=60)
        assert running.daemon.courier.notes.unsynced == 0        # the pass ended with their fsync
    finally:
        running.stop()
    delivered = sink.all()
    assert len(delivered) >= 50
    found = sent_records(tmp_path / "state")
    assert len(found) == len(delivered)
    for address in ("ana@example.org", "bo@example.org", "chidi@example.org"):
        assert len(sink.messages_to(address)) == REPORTS, address
    assert sum(1 for r in found if r["kind"] == "forward" and r["to"].startswith("member:")) == 3 * REPORTS
    assert sum(1 for r in found if r["kind"] == "ack" and r["to"] == "reporter") == REPORTS
    problems, count, _ = verify(tmp_path / "state" / "audit" / "audit.log")
    assert problems == [] and count >= len(found)


def test_a_mail_is_in_sent_log_only_once_its_record_is_in_the_audit_log(tmp_path, sink):
    """Another writer (the CLI) holds the log's lock when the relay takes the mail: the
    courier waits for it in a thread, and notes the delivery only after the record."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    audit_log = tmp_path / "state" / "audit" / "audit.log"
    sent_log = running.state.outbox.sent_log
    try:
        with open(audit_log, "rb") as held:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX)
            assert running.send(report())[0] == 250
            sink.wait_for(4)                                     # the relay took all four
            assert sent_records(tmp_path / "state") == []
            assert not sent_log.exists() or sent_log.read_text() == ""   # noted after the record only
        wait_until(lambda: len(sent_records(tmp_path / "state")) == 4)
        running.run_until_idle()
        assert len(sent_log.read_text().split()) == 4
    finally:
        running.stop()
    assert len(sent_records(tmp_path / "state")) == len(sink.all()) == 4
    assert verify(audit_log)[0] == []


def test_sent_log_kept_open_follows_its_path_when_rotated_or_removed(tmp_path, sink):
    """The courier keeps `sent.log` open between notes; a log rotated or removed meanwhile
    gets the next notes in a new file at its path (0600), as an open per note did."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    sent_log = running.state.outbox.sent_log
    try:
        for number, then in enumerate(("rotate", "remove", None)):
            sender = f"reporter{number}@example.net"
            raw = report(subject=f"Day {number}", sender=sender, body=f"Day {number}: interrupted.\n")
            assert running.send(raw, mail_from=sender)[0] == 250
            running.run_until_idle()
            assert len(sent_log.read_text().split()) == 4, number       # this report's mail only
            assert sent_log.stat().st_mode & 0o777 == 0o600
            if then == "rotate":                                  # as logrotate's `create` does
                sent_log.rename(sent_log.with_name("sent.log.1"))
                sent_log.touch(mode=0o600)
            elif then == "remove":
                sent_log.unlink()
    finally:
        running.stop()
    assert len(sink.all()) == 12
    assert len(sent_log.with_name("sent.log.1").read_text().split()) == 4


def test_a_new_audit_log_has_its_directory_synced_at_start_up(tmp_path, monkeypatch):
    """The courier's fsyncs cover its records, not the log's name in its directory: start-up
    syncs the directory of a log it finds empty (new), so records appended unsynced first
    cannot vanish with the file's name after a power cut."""
    synced = []
    monkeypatch.setattr(audit_module, "fsync_dir", synced.append)
    log = audit_module.AuditLog(tmp_path / "audit", FixedClock(START))
    assert log.recover() == 0
    assert synced == [tmp_path / "audit"]
    log.append_unsynced("mail-sent", {"kind": "ack", "to": "reporter"})
    assert log.recover() == 0 and synced == [tmp_path / "audit"]     # not new any more
