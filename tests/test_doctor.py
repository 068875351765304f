"""`mailrouter doctor`: OK or FAIL for each thing an installation needs, and what to do.

The command runs in a subprocess against real state from a real daemon run and a real
relay (the sink, or an aiosmtpd server that wants AUTH).
"""

import os
import socket
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from harness import Sink, _free_port, load, state_after_one_report, write_config
from mailrouter.app.doctor_checks import check_local_disk, filesystem_of


def doctor(path, **env):
    env.setdefault("MAILROUTER_POSTCONF_DIR", "/nonexistent")     # not this machine's own Postfix
    return subprocess.run([sys.executable, "-m", "mailrouter", "doctor", "--config", str(path)],
                          capture_output=True, text=True, timeout=60, env=dict(os.environ, **env))


def fails(result):
    return [line for line in result.stdout.splitlines() if line.startswith("FAIL")]


def smtp_relay(tmp_path, sink, **smtp):
    return {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink.port, **smtp}}


def test_a_healthy_installation_passes(tmp_path, sink):
    result = doctor(state_after_one_report(tmp_path, sink))
    assert result.returncode == 0, result.stdout
    assert fails(result) == [] and "All checks passed." in result.stdout
    for expected in ("configuration", "state directory", "mode 0700", "identity.key holds a valid key",
                     "secret.key has mode 0600", "local filesystem", f"relay 127.0.0.1:{sink.port} answers EHLO"):
        assert expected in result.stdout, expected
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")
def test_modes_and_owners_fail_with_what_to_do(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    state = tmp_path / "state"
    state.chmod(0o755)
    (state / "identity.key").chmod(0o644)
    os.chown(state / "secret.key", 65534, 65534)
    result = doctor(path)
    assert result.returncode == 1
    assert f"FAIL  state directory {state} has mode 0755, not 0700" in result.stdout
    assert f"-> chmod 700 {state}" in result.stdout
    assert f"FAIL  key file {state / 'identity.key'} has mode 0644, not 0600" in result.stdout
    assert f"FAIL  key file {state / 'secret.key'} belongs to nobody, not to the user running this (root)" \
        in result.stdout
    assert "sudo -u nobody mailrouter doctor" in result.stdout
    assert len(fails(result)) == 3


def test_a_missing_identity_key_with_cases_on_file_fails(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    (tmp_path / "state" / "identity.key").unlink()
    result = doctor(path)
    assert result.returncode == 1
    assert fails(result) == [f"FAIL  {tmp_path / 'state' / 'identity.key'} is missing, but the state "
                             "directory holds cases"]
    assert "restore it from your backup" in result.stdout


def test_an_invalid_configuration_is_a_fail_not_a_crash(tmp_path):
    path = write_config(tmp_path, members=[{"name": "Ana", "email": "ana@example.org", "roles": ["boss"]}],
                        conflicts={})
    result = doctor(path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (failed,) = fails(result)
    assert failed.startswith("FAIL  configuration: members.yaml:")
    assert failed.endswith(": members[0].roles: unknown role 'boss' (known roles: chair, triage)")


def test_an_unreachable_relay_fails_quickly(tmp_path, sink):
    path = state_after_one_report(tmp_path, sink)
    closed = _free_port()
    path.write_text(path.read_text().replace(f"port: {sink.port}", f"port: {closed}"))
    result = doctor(path)
    assert result.returncode == 1
    assert fails(result) == [f"FAIL  relay 127.0.0.1:{closed} cannot be reached (Connection refused)"]


def test_a_relay_that_never_answers_times_out(tmp_path, sink):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    port = silent.getsockname()[1]
    try:
        path = write_config(tmp_path, sink.port, outbound=smtp_relay(tmp_path, sink, port=port, timeout="2s"))
        started = time.monotonic()
        result = doctor(path)
    finally:
        silent.close()
    assert time.monotonic() - started < 15
    assert fails(result) == [f"FAIL  relay 127.0.0.1:{port} cannot be reached (timed out)"]


def test_starttls_required_but_not_offered(tmp_path, sink):
    path = write_config(tmp_path, sink.port, outbound=smtp_relay(tmp_path, sink, security="starttls"))
    result = doctor(path)
    assert result.returncode == 1
    assert fails(result) == [f"FAIL  relay 127.0.0.1:{sink.port} does not offer STARTTLS"]


def test_auth_configured_but_not_offered(tmp_path, sink):
    path = write_config(tmp_path, sink.port,
                        outbound=smtp_relay(tmp_path, sink, username="mr", password_env="RELAY_PASSWORD"))
    result = doctor(path, RELAY_PASSWORD="pw")
    assert fails(result) == [f"FAIL  relay 127.0.0.1:{sink.port} offers no AUTH"]


class AuthRelay(Sink):
    """The sink, wanting AUTH (over plain SMTP: loopback, for the test)."""

    def __init__(self):
        super().__init__()
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port(), auth_require_tls=False,
                                     authenticator=self.authenticate, auth_exclude_mechanism=["LOGIN"])

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"mr", b"s3cret-ok")
        return AuthResult(success=good, handled=False)       # not handled: aiosmtpd answers 535


@pytest.mark.parametrize("password, expected", [("s3cret-ok", None), ("s3cret-no", "refused the login (535)")])
def test_auth_login_is_tried(tmp_path, password, expected):
    relay = AuthRelay().start()
    try:
        path = write_config(tmp_path, relay.port,
                            outbound=smtp_relay(tmp_path, relay, username="mr", password_env="RELAY_PASSWORD"))
        result = doctor(path, RELAY_PASSWORD=password)
    finally:
        relay.stop()
    if expected is None:
        assert fails(result) == [] and f"relay 127.0.0.1:{relay.port} accepts the login of mr" in result.stdout
    else:
        assert fails(result) == [f"FAIL  relay 127.0.0.1:{relay.port} {expected}"]
    assert "s3cret" not in result.stdout


MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
server:/export /srv nfs4 rw,vers=4.2 0 0
/dev/vdb /srv/local\\040disk xfs rw 0 0
tmpfs /run tmpfs rw 0 0
"""


def test_the_state_directory_must_not_be_on_a_network_filesystem(tmp_path, sink):
    assert filesystem_of("/srv/mailrouter/state", MOUNTS) == ("/srv", "nfs4")
    assert filesystem_of("/srv/local disk/state", MOUNTS) == ("/srv/local disk", "xfs")
    assert filesystem_of("/var/lib/mailrouter", MOUNTS) == ("/", "ext4")
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/vda / ext4 rw 0 0\nserver:/x {tmp_path} nfs rw 0 0\n")
    config = load(write_config(tmp_path, sink.port))
    (finding,) = check_local_disk(config, mounts=mounts)
    assert not finding.ok and "network filesystem" in finding.what and "local disk" in finding.advice
    mounts.write_text("/dev/vda / ext4 rw 0 0\n")
    (finding,) = check_local_disk(config, mounts=mounts)
    assert finding.ok
