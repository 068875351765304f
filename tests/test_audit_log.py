"""The audit log (issue 13): what was done, hash-chained, and no personal data in it.

Over real SMTP: a report and a member's commands fill the log; `mailrouter audit verify`
then catches every kind of tampering (a field edited, a line deleted, two lines swapped, the
last line cut) with the first bad line's number; the chair's weekly digest carries the head,
against which whole records cut from the end are caught; a torn last line left by a crash is
cut at start-up and the cut recorded.
"""

import hashlib
import json
import re
import subprocess
import sys
from datetime import timedelta

import pytest
from hypothesis import given, settings, strategies as st

from harness import START, RunningDaemon, load, member_says, report, write_config
from mailrouter.audit import ALLOWED_FIELDS, AuditLog, chained_line, record_hash, verify
from mailrouter.clock import FixedClock

REPORTER, NAME, SUBJECT = "ines.duarte@example.net", "Ines Duarte", "Sam Rivera at the sprint"


def cli(*args, config):
    return subprocess.run([sys.executable, "-m", "mailrouter", *args, "--config", str(config)],
                          capture_output=True, text=True)


def records(path):
    return [json.loads(line) for line in path.read_bytes().splitlines()]


@pytest.fixture
def logged(tmp_path, sink):
    """A state directory whose audit log holds a report's mail and a member's commands."""
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(sender=f"{NAME} <{REPORTER}>", subject=SUBJECT), mail_from=REPORTER)
        running.run_until_idle()
        member_says(running, sink, "Ana Lima <ana@example.org>", "#status investigating\n#safety-risk no\n")
        running.run_until_idle()
    finally:
        running.stop()
    return path, tmp_path / "state" / "audit" / "audit.log"


def test_mail_sent_and_commands_are_recorded_as_roles_never_addresses(logged):
    path, log = logged
    found = records(log)
    sent = [(r["kind"], r["to"]) for r in found if r["event"] == "mail-sent"]
    assert ("ack", "reporter") in sent
    assert {("forward", "member:Ana Lima"), ("forward", "member:Chidi Okafor")} <= set(sent)
    assert not any(to == "member:Bo Chen" for kind, to in sent if kind == "forward")   # Bo is conflicted
    commands = [(r["command"], r["by"]) for r in found if r["event"] == "command"]
    assert commands == [("status", "member:Ana Lima"), ("safety-risk", "member:Ana Lima")]
    data = log.read_bytes()
    for needle in (REPORTER, NAME, "Duarte", SUBJECT, "@", "interrupting"):
        assert needle.encode().lower() not in data.lower(), needle
    result = cli("audit", "verify", config=path)
    assert result.returncode == 0 and f"{len(found)} records" in result.stdout, result


def test_an_admin_cli_action_is_recorded(logged, tmp_path):
    path, log = logged
    code = json.loads(log.read_bytes().splitlines()[0])["case"]
    assert cli("case", "show", code, config=path).returncode == 0
    last = records(log)[-1]
    assert (last["event"], last["command"], last["action"], last["case"], last["by"]) == \
        ("cli", "case", "show", code, "admin")


def _edit(lines):
    record = json.loads(lines[1])
    record["to"] = "member:Someone Else"
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
    return lines, 2


def _edit_and_rehash(lines):
    """A knowing forger: the record's own hash fits again; the next record's `prev` does not."""
    from mailrouter.audit import record_hash

    record = json.loads(lines[1])
    record["to"] = "member:Someone Else"
    record["hash"] = record_hash(record)
    lines[1] = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
    return lines, 3


TAMPERING = {
    "a field edited": _edit,
    "a field edited and its hash recomputed": _edit_and_rehash,
    "a line deleted": lambda lines: (lines[:1] + lines[2:], 2),
    "two lines swapped": lambda lines: (lines[:1] + [lines[2], lines[1]] + lines[3:], 2),
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_verify_names_the_first_tampered_line(logged, how):
    path, log = logged
    lines, bad = TAMPERING[how](log.read_bytes().splitlines())
    log.write_bytes(b"\n".join(lines) + b"\n")
    result = cli("audit", "verify", config=path)
    assert result.returncode == 1
    assert f"line {bad}:" in result.stderr, result.stderr


def test_verify_catches_a_cut_last_record(logged):
    path, log = logged
    data = log.read_bytes()
    log.write_bytes(data[:-20])
    count = data.count(b"\n")
    result = cli("audit", "verify", config=path)
    assert result.returncode == 1 and f"line {count}: torn" in result.stderr, result.stderr


def test_the_chairs_digest_carries_the_head_and_catches_records_cut_from_the_end(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(subject=SUBJECT), mail_from="someone@example.net")
        running.run_until_idle()
        running.advance(days=7)                   # the next Monday, 09:00: the weekly digest
        running.tick()
    finally:
        running.stop()
    (chair_digest,) = [m for m in sink.messages_to("ana@example.org") if "Your open" in str(m["Subject"])][-1:]
    count, head = re.search(r"(\d+) records, head ([0-9a-f]{64})", chair_digest.text()).groups()
    assert not any("head" in m.text() for m in sink.messages_to("chidi@example.org")
                   if "Your open" in str(m["Subject"]))                       # for the chair only
    log = tmp_path / "state" / "audit" / "audit.log"
    lines = log.read_bytes().splitlines()
    assert json.loads(lines[int(count) - 1])["hash"] == head
    assert cli("audit", "verify", "--head", head, config=path).returncode == 0
    log.write_bytes(b"\n".join(lines[:int(count) - 1]) + b"\n")     # whole records cut: a valid chain
    assert cli("audit", "verify", config=path).returncode == 0
    result = cli("audit", "verify", "--head", head, config=path)
    assert result.returncode == 1 and "is not in the log" in result.stderr, result.stderr


def test_a_torn_last_line_is_cut_at_start_up_and_the_cut_recorded(logged):
    path, log = logged
    before = records(log)
    torn = b'{"at":"2026-11-02T09:00:00+00:00","event":"mail-se'
    with open(log, "ab") as handle:
        handle.write(torn)
    assert cli("audit", "verify", config=path).returncode == 1
    running = RunningDaemon(load(path), clock=FixedClock(START + timedelta(hours=1))).start()
    running.stop()
    after = records(log)
    assert after[:len(before)] == before
    assert after[len(before)]["event"] == "audit-recovered" and after[len(before)]["torn_bytes"] == len(torn)
    result = cli("audit", "verify", config=path)
    assert result.returncode == 0, result.stderr


def test_a_reveal_and_a_configuration_reload_are_recorded(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(sender=f"{NAME} <{REPORTER}>", subject=SUBJECT), mail_from=REPORTER)
        running.run_until_idle()
        code = running.store.codes()[0]
        running.reveal_from_cli(path, code, "ana@example.org", "the reporter asked us to")
        assert running._call(running.daemon.reloader.reload("SIGHUP"))
    finally:
        running.stop()
    found = records(tmp_path / "state" / "audit" / "audit.log")
    events = [(r["event"], r.get("case"), r.get("by")) for r in found]
    assert ("cli", code, "member:Ana Lima") in events                     # the chair's request
    assert ("reveal", code, "member:Ana Lima") in events                  # carried out by the daemon
    assert [r["members"] for r in found if r["event"] == "config-reload"] == [4]
    assert "the reporter asked us to" not in (tmp_path / "state" / "audit" / "audit.log").read_text()


def test_a_mail_the_relay_refuses_is_not_recorded_as_sent(tmp_path, sink):
    sink.answers["chidi@example.org"] = ["550 5.1.1 no such user"]
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(subject=SUBJECT), mail_from="someone@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    sent = [(r["kind"], r["to"]) for r in records(tmp_path / "state" / "audit" / "audit.log")
            if r["event"] == "mail-sent"]
    assert ("forward", "member:Ana Lima") in sent and ("alert", "admin") in sent
    assert not any(to == "member:Chidi Okafor" for _, to in sent)       # queued, refused: never sent


def test_a_member_who_reports_is_the_reporter_on_their_acknowledgement(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(sender="Chidi Okafor <chidi@example.org>", subject="At the sprint"),
                     mail_from="chidi@example.org")
        running.run_until_idle()
    finally:
        running.stop()
    sent = [(r["kind"], r["to"]) for r in records(tmp_path / "state" / "audit" / "audit.log")
            if r["event"] == "mail-sent"]
    assert ("ack", "reporter") in sent
    assert ("ack", "member:Chidi Okafor") not in sent and ("forward", "member:Ana Lima") in sent


# Written before each record's fields were JSON-encoded once (the hash and the line were
# two encodings): a log written since must be the same bytes, so old logs and new chain on.
PINNED_LOG_SHA256 = "5aa7fec8d35bcf5f30b91f56ead75adef43bf214bc814e6045b2cd8515ba5878"


def test_records_are_the_same_bytes_as_before_and_verify(tmp_path):
    log = AuditLog(tmp_path / "audit", FixedClock(START))
    log.record("report-received", case="amber-otter", kind="report")
    log.record("mail-sent", case="amber-otter", to="member:Ana Lima", kind="forward", ok=True, count=2)
    log.append_unsynced("mail-sent", dict(to="reporter", kind="ack", members=['Ana "Q" Lima', "Bö"]))
    assert hashlib.sha256(log.path.read_bytes()).hexdigest() == PINNED_LOG_SHA256
    assert verify(log.path) == ([], 3, records(log.path)[-1]["hash"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(ALLOWED_FIELDS - {"event"})),
                       st.one_of(st.text(), st.integers(), st.booleans(), st.lists(st.text(), max_size=3)),
                       max_size=6))
def test_a_line_is_the_canonical_json_of_its_record_with_its_hash(fields):
    entry = dict(fields, event="x", at="2026-11-02T09:00:00+00:00", n=1, prev="0" * 64)
    digest, line = chained_line(entry)
    assert digest == record_hash(entry)
    assert line == json.dumps(dict(entry, hash=digest), sort_keys=True, separators=(",", ":")).encode() + b"\n"
