"""`mailrouter doctor` with `intake: imap`, against the real Dovecot of the IMAP tests."""

import os
import subprocess
import sys

import pytest

from dovecot import PASSWORD, Dovecot
from harness import write_config
from token_server import TokenServer


@pytest.fixture
def dovecot():
    server = Dovecot().start()
    yield server
    server.cleanup()


def doctor(path):
    return subprocess.run([sys.executable, "-m", "mailrouter", "doctor", "--config", str(path)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))


def lines(result, prefix):
    return [line for line in result.stdout.splitlines() if line.startswith(prefix)]


def test_a_good_login_selects_the_folder_and_reports_idle(tmp_path, dovecot):
    result = doctor(write_config(tmp_path, intake=dovecot.intake()))
    where = f"IMAP 127.0.0.1:{dovecot.port} (none)"
    assert result.returncode == 0, result.stdout
    for expected in (f"OK    {where} answers", f"OK    {where} accepts the login of conduct@example.org",
                     f"OK    {where}: folder 'INBOX' selected", f"OK    {where}: IDLE offered"):
        assert expected in lines(result, "OK"), expected
    assert lines(result, "FAIL") == []


def test_without_idle_doctor_says_it_will_poll(tmp_path):
    server = Dovecot(idle=False).start()
    try:
        result = doctor(write_config(tmp_path, intake=server.intake(poll_interval="30s")))
    finally:
        server.cleanup()
    assert result.returncode == 0, result.stdout
    assert f"OK    IMAP 127.0.0.1:{server.port} (none): IDLE not offered; mailrouter will poll every 30 s" \
        in result.stdout


def test_a_wrong_password_fails_without_printing_it(tmp_path, dovecot):
    wrong = tmp_path / "wrong-password"
    wrong.write_text("not-the-imap-secret\n")
    result = doctor(write_config(tmp_path, intake=dovecot.intake(password_file=str(wrong))))
    assert result.returncode == 1
    assert lines(result, "FAIL") == [f"FAIL  IMAP 127.0.0.1:{dovecot.port} (none) refused the login of "
                                     "conduct@example.org (password)"]
    assert "-> check intake.username and the password" in result.stdout
    assert "not-the-imap-secret" not in result.stdout + result.stderr
    assert PASSWORD not in result.stdout + result.stderr


def test_a_missing_folder_and_an_unreachable_server_fail_with_what_to_do(tmp_path, dovecot):
    result = doctor(write_config(tmp_path / "folder", intake=dovecot.intake(folder="Reports")))
    assert result.returncode == 1
    [failed] = lines(result, "FAIL")
    assert failed.startswith(f"FAIL  IMAP 127.0.0.1:{dovecot.port} (none): cannot select the folder 'Reports' (")
    assert "-> set intake.folder to one of: " in result.stdout and "INBOX" in result.stdout
    port = dovecot.port
    dovecot.stop()
    result = doctor(write_config(tmp_path / "down", intake=dovecot.intake()))
    assert result.returncode == 1
    assert lines(result, "FAIL") == [f"FAIL  IMAP 127.0.0.1:{port} (none) cannot be reached (Connection refused)"]


def test_xoauth2_logs_in_with_a_fresh_token_and_a_bad_refresh_token_fails(tmp_path):
    tokens = TokenServer().start()
    server = Dovecot(introspection_url=f"{tokens.url}/introspect").start()
    try:
        (tmp_path / "client-secret").write_text(tokens.client_secret + "\n")
        (tmp_path / "refresh-token").write_text(tokens.refresh_token + "\n")
        intake = server.intake(password_file=None, auth="xoauth2", token_endpoint=f"{tokens.url}/token",
                               client_id=tokens.client_id, client_secret_file=str(tmp_path / "client-secret"),
                               refresh_token_file=str(tmp_path / "refresh-token"))
        result = doctor(write_config(tmp_path / "good", intake=intake))
        assert result.returncode == 0, result.stdout
        assert f"OK    IMAP 127.0.0.1:{server.port} (none) accepts the login of conduct@example.org" in result.stdout
        assert len(tokens.issued) == 1
        (tmp_path / "refresh-token").write_text("a-stale-refresh-token\n")
        result = doctor(write_config(tmp_path / "bad", intake=intake))
    finally:
        server.cleanup()
        tokens.stop()
    assert result.returncode == 1
    [failed] = lines(result, "FAIL")
    assert failed.startswith(f"FAIL  IMAP 127.0.0.1:{server.port} (none): no OAuth access token for "
                             "conduct@example.org (the token endpoint answered 400")
    for secret in [*tokens.issued, "a-stale-refresh-token", tokens.client_secret]:
        assert secret not in result.stdout + result.stderr
