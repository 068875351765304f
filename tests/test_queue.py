"""`mailrouter queue` (issue 10, part 6): see, retry, release, delete and export entries.

The daemon runs (real SMTP in, a sink that answers 451 or 550 where told); the command
runs in a subprocess against the same state directory while it does.
"""

import json
import stat
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from harness import RunningDaemon, load, report, write_config
from mailrouter.clock import FixedClock

REPORTER = "reporter@example.net"


def queue(path, *args):
    return subprocess.run([sys.executable, "-m", "mailrouter", "queue", *args, "--config", str(path)],
                          capture_output=True, text=True, timeout=60)


def listing(path):
    result = queue(path, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def busy(tmp_path, sink):
    """A running daemon with one of each: queued, failed, held, plus a delivered report."""
    path = write_config(tmp_path, sink.port)
    # The courier's clock near the real one, so that `retry` (real time) makes entries due.
    clock = FixedClock(datetime.now(timezone.utc).replace(microsecond=0))
    running = RunningDaemon(load(path), clock=clock).start()
    sink.answers[REPORTER] = ["451 4.3.0 <reporter@example.net> try later"]
    sink.answers["chidi@example.org"] = ["451 4.3.0 mailbox busy"]
    sink.answers["bo@example.org"] = ["550 5.1.1 <bo@example.org> unknown"]
    running.send(report(subject="Secret subject words", body="Secret body words\n"))
    running.send(report(subject="Out of office", extra_headers=["Auto-Submitted: auto-replied"],
                        body="I am away, but this is a real report about the meetup.\n"),
                 mail_from="away@example.net")
    running.run_until_idle()
    running.path = path
    yield running
    running.stop()


def entry(found, section, **fields):
    (match,) = [e for e in found[section] if all(e[k] == v for k, v in fields.items())]
    return match


def test_listing_shows_kinds_cases_ages_attempts_and_never_the_reporter(busy):
    code = busy.store.codes()[0]
    found = listing(busy.path)
    assert {e["to"] for e in found["outbox"]} == {"reporter", "chidi@example.org"}
    ack = entry(found, "outbox", to="reporter")
    assert ack["kind"] == "ack" and ack["case"] == code and ack["attempts"] == 1
    assert "<address>" in ack["reason"]                              # the relay's words, masked
    failed = entry(found, "failed", to="bo@example.org")
    assert failed["kind"] == "forward" and "550" in failed["reason"]
    held = entry(found, "held")
    assert held["reason"].startswith("Auto-Submitted") and found["quarantine"] == found["spool"] == []
    text = queue(busy.path)
    assert text.returncode == 0
    assert f"case {code}" in text.stdout and "to reporter" in text.stdout and "attempts 1" in text.stdout
    assert "Held: automatic mail" in text.stdout and "Failed" in text.stdout
    for output in (text.stdout, json.dumps(found)):
        for secret in (REPORTER, "away@example.net", "Secret", "Jane", "Out of office"):
            assert secret not in output, secret


def test_retry_sends_a_queued_entry_now_and_a_failed_one_again(busy, sink):
    found = listing(busy.path)
    chidi = entry(found, "outbox", to="chidi@example.org")["id"]
    bo = entry(found, "failed", to="bo@example.org")["id"]
    assert queue(busy.path, "retry", chidi[:10]).returncode == 0
    assert queue(busy.path, "retry", bo[:10]).returncode == 0
    busy.advance(seconds=60)              # the courier's next round; its own schedule said 5 min
    busy.run_until_idle()
    assert len(sink.messages_to("chidi@example.org")) == 1 and len(sink.messages_to("bo@example.org")) == 1
    assert sink.messages_to(REPORTER) == []                          # not retried: still waiting
    found = listing(busy.path)
    assert [e["to"] for e in found["outbox"]] == ["reporter"] and found["failed"] == []


def test_release_sends_held_mail_through_the_pipeline_as_a_report(busy, sink):
    held = listing(busy.path)["held"][0]["id"]
    result = queue(busy.path, "release", held)
    assert result.returncode == 0 and "back in the spool" in result.stdout
    busy.run_until_idle()
    assert len(busy.store.codes()) == 2 and busy.state.held.ids() == []
    forwards = [m for m in sink.all() if "real report about the meetup" in m.text()]
    assert sorted(m.rcpt_tos[0] for m in forwards) == ["ana@example.org", "bo@example.org", "chidi@example.org"]
    assert listing(busy.path)["held"] == []                          # not held a second time


def test_release_puts_a_quarantined_entry_back_and_refuses_a_torn_one(busy):
    spool = busy.state.spool
    # As the worker does after three failures (pipeline/worker.py), with a message that is fine.
    good = spool.put(report(body="Quarantined by a bug, fine now.\n"),
                     {"mail_from": REPORTER, "rcpt_tos": ["conduct@example.org"], "attempts": 3})
    spool.quarantine(good, "ValueError: a bug, mentioning someone@example.net")
    torn = spool.put(b"whole", {"mail_from": "", "rcpt_tos": []})
    (spool.root / f"{torn}.msg").write_bytes((spool.root / f"{torn}.msg").read_bytes()[:-2])
    spool.quarantine(torn, "payload does not match its checksum")
    found = listing(busy.path)
    assert {e["id"] for e in found["quarantine"]} == {good, torn}
    assert "<address>" in entry(found, "quarantine", id=good)["reason"]
    refused = queue(busy.path, "release", torn)
    assert refused.returncode == 1 and "checksum" in refused.stderr and "Traceback" not in refused.stderr
    assert queue(busy.path, "release", good).returncode == 0
    busy.run_until_idle()
    assert len(busy.store.codes()) == 2
    assert [e["id"] for e in listing(busy.path)["quarantine"]] == [torn]


def test_delete_needs_yes_and_export_writes_a_private_file_once(busy, tmp_path):
    failed = listing(busy.path)["failed"][0]["id"]
    target = tmp_path / "exported.eml"
    exported = queue(busy.path, "export", failed[:8], str(target))
    assert exported.returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert b"To: Bo Chen <bo@example.org>" in target.read_bytes()          # unsealed, as sent
    again = queue(busy.path, "export", failed[:8], str(target))
    assert again.returncode == 4 and "exists" in again.stderr
    unsure = queue(busy.path, "delete", failed)
    assert unsure.returncode == 2 and "--yes" in unsure.stderr and listing(busy.path)["failed"]
    assert queue(busy.path, "delete", failed, "--yes").returncode == 0
    assert listing(busy.path)["failed"] == []
    assert not list((busy.state.outbox.failed_entries.root).glob(f"{failed}.*"))
    unknown = queue(busy.path, "retry", "ffffffffff")
    assert unknown.returncode == 4 and "no entry" in unknown.stderr


def test_cases_as_json(busy):
    result = subprocess.run([sys.executable, "-m", "mailrouter", "cases", "--json", "--config", str(busy.path)],
                            capture_output=True, text=True)
    (case,) = json.loads(result.stdout)
    assert case["code"] == busy.store.codes()[0] and case["status"] == "new" and case["opened"]
