"""Retention (issue 13): at the end of it, who reported is destroyed; the code name stays.

Over real SMTP: a report about Sam Rivera with a photo whose EXIF carries the reporter's
name is closed by the chair with `#outcome no_violation` (6 months). While it is kept, the
one door still answers who reported and the sealed original opens. After a restart with
the clock 200 days on, the start-up tick has purged it: the state directory, every sealed
file opened with the identity key included, holds no trace of the reporter's address,
name or subject; the code name cannot be issued again; the audit log records the purge.
A later report naming the same person starts the time again.
"""

import io
import re
import subprocess
import sys
from datetime import timedelta
from email.message import EmailMessage
from email.policy import SMTP

from cryptography.fernet import Fernet, InvalidToken
from PIL import Image
import pytest

from harness import START, RunningDaemon, load, member_says, report, write_config
from mailrouter.clock import FixedClock
from mailrouter.errors import MailrouterError

REPORTER, NAME, SUBJECT = "noa.fischer@example.net", "Noa Fischer", "Sam Rivera at the sprint"
POLICY = {"preset": "jupyter", "retention": {"no_violation": "6 months", "warning": "12 months", "ban": None}}
FERNET_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_=-]{40,}")


def report_with_photo():
    exif = Image.Exif()
    exif[0x013B] = NAME                                   # Artist: the reporter
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(out, "JPEG", exif=exif.tobytes())
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"{NAME} <{REPORTER}>", "conduct@example.org", SUBJECT
    msg.set_content("Reported person: Sam Rivera\nSam shouted at me; a photo is attached.\n")
    msg.add_attachment(out.getvalue(), maintype="image", subtype="jpeg", filename="photo.jpg")
    return msg.as_bytes(policy=SMTP)


def traces_of_the_reporter(state):
    """Files under `state` that name the reporter, in clear or inside anything sealed with
    the identity key or with a case key that key opens."""
    master = Fernet((state / "identity.key").read_bytes().strip())
    keys = [master] + [Fernet(master.decrypt(p.read_bytes())) for p in (state / "case-keys").glob("*.key")]
    needles = [REPORTER.encode(), b"noa.fischer", NAME.encode(), b"Fischer", SUBJECT.encode()]
    found = set()
    for path in (p for p in state.rglob("*") if p.is_file() and p.name != "identity.key"):
        data = path.read_bytes()
        texts = [data] + [_opened(token, keys) for token in FERNET_TOKEN.findall(data)]
        if any(needle.lower() in text.lower() for text in texts for needle in needles):
            found.add(str(path.relative_to(state)))
    return found


def _opened(token, keys):
    for key in keys:
        try:
            return key.decrypt(token)
        except InvalidToken:
            continue
    return b""


def closed_case(tmp_path, sink, outcome="no_violation"):
    path = write_config(tmp_path, sink.port, policy=POLICY)
    running = RunningDaemon(load(path)).start()
    try:
        assert running.send(report_with_photo(), mail_from=REPORTER)[0] == 250
        running.run_until_idle()
        member_says(running, sink, "Ana Lima <ana@example.org>", f"#status closed\n#outcome {outcome}\n")
        code = running.store.codes()[0]
        reporters = running.daemon.ctx.reporters
        assert reporters.envelope(code).address == REPORTER                  # the one door still knows
        assert reporters.unseal(code, "attachment-1") is not None
    finally:
        running.stop()
    return path, code


def restarted_at(path, days):
    running = RunningDaemon(load(path), clock=FixedClock(START + timedelta(days=days))).start()
    running.run_until_idle()
    return running


def test_after_retention_the_reporter_is_gone_and_the_code_name_stays_taken(tmp_path, sink):
    path, code = closed_case(tmp_path, sink)
    state = tmp_path / "state"
    assert "identities" in {p.split("/")[0] for p in traces_of_the_reporter(state)}   # the grep can see
    running = restarted_at(path, 200)
    try:
        reporters = running.daemon.ctx.reporters
        assert reporters.envelope(code) is None and reporters.unseal(code, "attachment-1") is None
        case = running.store.get(code)
        assert case["purged"] and case["outcome"] == "no_violation" and case["status"] == "closed"
        assert not list(running.store.case_dir(code).glob("report-*.eml"))
        with pytest.raises(MailrouterError):
            running.store.reserve_name(code)                     # never issued again
    finally:
        running.stop()
    assert traces_of_the_reporter(state) == set()
    acks = b"".join(p.read_bytes() for p in (state / "acks").glob("*.json"))
    assert code.encode() not in acks                   # no sender digest points at the case
    assert code in (state / "cases" / "names.log").read_text()
    audit = (state / "audit" / "audit.log").read_text()
    assert f'"case":"{code}","event":"purge"' in audit and '"outcome":"no_violation"' in audit
    assert REPORTER not in audit and NAME not in audit and SUBJECT not in audit
    # The purged case's report document still comes out, saying what went.
    exported = subprocess.run([sys.executable, "-m", "mailrouter", "case", "export", code, "--format", "md",
                               "--config", str(path)], capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    assert "removed when the case's retention ended" in exported.stdout


def test_a_ban_is_kept_for_ever(tmp_path, sink):
    path, code = closed_case(tmp_path, sink, outcome="ban")
    running = restarted_at(path, 2000)
    try:
        assert running.daemon.ctx.reporters.envelope(code).address == REPORTER
        assert not running.store.get(code).get("purged")
    finally:
        running.stop()


def purge_preview(path, days):
    at = (START + timedelta(days=days)).isoformat()
    result = subprocess.run([sys.executable, "-m", "mailrouter", "purge", "--dry-run", "--at", at,
                             "--config", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_new_report_naming_the_same_person_starts_the_time_again(tmp_path, sink):
    path, code = closed_case(tmp_path, sink)
    assert "purged now" in purge_preview(path, 200)
    running = restarted_at(path, 150)
    try:
        running.send(report(sender="Lee Park <lee@example.net>", body="Reported person: Sam Rivera\nAgain.\n"),
                     mail_from="lee@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    preview = purge_preview(path, 200)
    assert f"{code}: outcome no_violation, counted from a later report naming the same person" in preview
    assert "purged now" not in preview, preview
    running = restarted_at(path, 200)
    try:
        assert running.daemon.ctx.reporters.envelope(code).address == REPORTER      # still kept
    finally:
        running.stop()
    running = restarted_at(path, 340)                                   # 150 + 180 days: over
    try:
        assert running.daemon.ctx.reporters.envelope(code) is None
    finally:
        running.stop()


def test_mailrouter_purge_does_it_while_the_daemon_is_stopped(tmp_path, sink):
    path, code = closed_case(tmp_path, sink)
    at = (START + timedelta(days=200)).isoformat()
    result = subprocess.run([sys.executable, "-m", "mailrouter", "purge", "--at", at, "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and f"{code}: purged (no_violation; kept: summary)" in result.stdout, result
    assert traces_of_the_reporter(tmp_path / "state") == set()
    audit = (tmp_path / "state" / "audit" / "audit.log").read_text().splitlines()
    assert '"event":"purge"' in audit[-2] and '"command":"purge"' in audit[-1]


def test_a_retention_error_names_the_file_line_and_key(tmp_path, sink):
    from mailrouter.errors import ConfigError
    from mailrouter.settings.config import load_config

    path = write_config(tmp_path, sink.port, policy={"preset": "numpy", "retention": {"warning": "a year or so"}})
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert re.search(r"mailrouter\.yaml:\d+: policy\.retention\.warning: not a time like 6 months", str(error.value))
