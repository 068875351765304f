"""systemd/mailrouter.service (issue 10.4): it verifies, it is hardened to an exposure of at
most 2.0, it runs the documented install, and the daemon works inside its sandbox."""

import os
import re
import shutil
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from harness import MEMBERS, dump, report, write_config
from test_reload import EVE, NotifySocket, wait_until, write_members

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "systemd" / "mailrouter.service"
INSTALLED = "/opt/mailrouter/bin/mailrouter"
MAX_EXPOSURE = 2.0
analyze = pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")


def unit_lines(text=None):
    return [line for line in (text or UNIT.read_text()).splitlines() if line and line[0] not in "#;"]


def settings(key):
    return [line.split("=", 1)[1] for line in unit_lines() if line.startswith(f"{key}=")]


def test_the_unit_runs_the_documented_install():
    assert settings("ExecStart") == [f"{INSTALLED} serve"]
    assert settings("ExecStartPre") == [f"{INSTALLED} check-config"]
    assert settings("ExecReload") == ["/bin/kill -HUP $MAINPID"]
    assert settings("ConfigurationDirectory") == ["mailrouter"]
    assert settings("StateDirectory") == ["mailrouter mailrouter-outgoing"]
    assert settings("Type") == ["notify"] and settings("WatchdogSec")
    readme = (ROOT / "README.md").read_text()
    assert "python3 -m venv /opt/mailrouter" in readme and "/opt/mailrouter/bin/pip install" in readme


@analyze
def test_systemd_analyze_verify_passes(tmp_path):
    """The shipped unit, with only its ExecStart path pointed at an executable that exists
    here (nothing is installed in /opt on a test machine)."""
    fake = tmp_path / "opt" / "mailrouter" / "bin" / "mailrouter"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    copy = tmp_path / "mailrouter.service"
    copy.write_text(UNIT.read_text().replace(INSTALLED, str(fake)))
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr
    if not Path(INSTALLED).exists():      # the shipped file: the missing install is all it lacks
        shipped = subprocess.run(["systemd-analyze", "verify", str(UNIT)], capture_output=True, text=True)
        assert {line for line in shipped.stderr.splitlines() if line} == {
            f"mailrouter.service: Command {INSTALLED} is not executable: No such file or directory"}


@analyze
def test_exposure_is_at_most_two():
    result = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager", str(UNIT)],
                            capture_output=True, text=True)
    match = re.search(r"Overall exposure level for mailrouter\.service: (\d+\.\d+)", result.stdout)
    assert match, result.stdout + result.stderr
    assert float(match.group(1)) <= MAX_EXPOSURE, result.stdout


def report_with_attachments():
    import io
    from email.message import EmailMessage

    import pikepdf
    from PIL import Image

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "reporter@example.net", "conduct@example.org", "Jar"
    msg.set_content("Plum jar.\n")
    photo = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(photo, "JPEG")
    msg.add_attachment(photo.getvalue(), maintype="image", subtype="jpeg", filename="photo.jpg")
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Someone"
    document = io.BytesIO()
    pdf.save(document)
    msg.add_attachment(document.getvalue(), maintype="application", subtype="pdf", filename="notes.pdf")
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))


def can_sandbox():
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("setpriv"):
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            "mount -t tmpfs none /mnt"], capture_output=True)
    return probe.returncode == 0


def sandbox_layout(tmp_path, sink_port):
    """/etc/mailrouter, /var/lib/mailrouter{,-outgoing} and the credentials, as systemd lays
    them out, under tmp_path (seen as /opt/run inside the sandbox)."""
    tmp_path.chmod(0o755)
    etc = tmp_path / "etc"
    write_config(etc, sink_port, outbound={
        "method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink_port,
                                   "password_credential": "relay-password"}})
    config = etc / "mailrouter.yaml"
    settings = YAML(typ="safe").load(config)
    del settings["state_dir"]                         # systemd's StateDirectory= instead
    dump(settings, config)
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "relay-password").write_text("s3cret\n")
    for folder in ("lib/mailrouter", "lib/mailrouter-outgoing", "outside", "credentials"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        os.chown(tmp_path / folder, 65534, 65534)
        (tmp_path / folder).chmod(0o700)
    os.chown(credentials / "relay-password", 65534, 65534)
    (credentials / "relay-password").chmod(0o400)
    (credentials).chmod(0o500)
    return etc


@pytest.mark.slow
@pytest.mark.skipif(not can_sandbox(), reason="needs root and mount namespaces")
def test_the_daemon_works_inside_the_units_sandbox(tmp_path, sink):
    import sandbox

    etc = sandbox_layout(tmp_path, sink.port)
    notify = NotifySocket()
    os.chmod(notify.folder, 0o755)
    os.chmod(notify.path, 0o777)
    state = ["/opt/run/lib/mailrouter", "/opt/run/lib/mailrouter-outgoing"]
    script = sandbox.shell_script(
        run=tmp_path, code=ROOT, python_root=sys.base_prefix, notify_dir=notify.folder,
        state_dirs=state, argv=["/opt/mailrouter/bin/python3", "-m", "mailrouter", "serve"])
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": "/opt/code",
           # The interpreter's folder is bound at /opt/mailrouter; its libpython is found
           # through its build-time RUNPATH, which ProtectHome hides, so name it here.
           "LD_LIBRARY_PATH": "/opt/mailrouter/lib",
           "PYTHONDONTWRITEBYTECODE": "1", "CONFIGURATION_DIRECTORY": "/opt/run/etc",
           "STATE_DIRECTORY": ":".join(state), "CREDENTIALS_DIRECTORY": "/opt/run/credentials",
           "NOTIFY_SOCKET": "/opt/notify/notify"}
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                                   stderr=log, env=env)
    try:
        try:
            notify.wait_for("READY=1", timeout=60)
        except AssertionError:
            raise AssertionError(f"not ready:\n{log_path.read_text()}") from None
        text = log_path.read_text()
        probes = dict(re.findall(r"^sandbox (.+?): (.+)$", text, re.M))
        assert probes and set(probes.values()) == {"ok"}, probes
        assert "/opt/run/etc/mailrouter.yaml: OK" in text             # ExecStartPre=check-config
        port = int(re.search(r"listening on 127\.0\.0\.1 port (\d+)", text).group(1))
        write_members(etc, MEMBERS + [EVE])
        process.send_signal(signal.SIGHUP)
        wait_until(lambda: "configuration reloaded" in log_path.read_text(), what="the reload")
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("reporter@example.net", ["conduct@example.org"], report_with_attachments())
        wait_until(lambda: any("Plum" in m.text() for m in sink.messages_to(EVE["email"])),
                   timeout=30, what="the forward to Eve")
        # Cleaned under the seccomp filter and W^X memory: Pillow and pikepdf (qpdf) work.
        forward = next(m for m in sink.messages_to(EVE["email"]) if "Plum" in m.text())
        types = {part.get_content_type() for part in forward.msg.walk()}
        assert {"image/jpeg", "application/pdf"} <= types, types
        # It wrote where systemd lets it, and nowhere else.
        assert list((tmp_path / "lib" / "mailrouter" / "spool").iterdir()) is not None
        assert sorted(p.name for p in etc.iterdir()) == ["conflicts.yaml", "mailrouter.yaml", "members.yaml"]
        assert not list((tmp_path / "outside").iterdir())
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0, log_path.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        notify.close()
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
