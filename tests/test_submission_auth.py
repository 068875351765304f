"""Outbound to a hosted provider's submission server: AUTH PLAIN with a password from a file,
or AUTH XOAUTH2 with the access-token refresher the IMAP intake uses.

The relay is a real aiosmtpd server that requires AUTH (over loopback without TLS) and
implements XOAUTH2 the way Gmail answers it: 235, or a 334 JSON challenge then 535.
"""

import base64
import json

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from harness import RunningDaemon, _free_port, load, report, write_config
from token_server import TokenServer

USER = "conduct@example.org"
PASSWORD = "submission-secret"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


class SubmissionServer:
    def __init__(self, tokens=None):
        self.tokens = tokens
        self.received = []           # (mechanism, recipient)
        self.attempts = []           # (mechanism, accepted)
        self.controller = Controller(self, hostname="127.0.0.1", port=_free_port(), auth_required=True,
                                     auth_require_tls=False, authenticator=self._password)

    def _password(self, server, session, envelope, mechanism, auth_data):
        accepted = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
        self.attempts.append((mechanism, accepted))
        return AuthResult(success=accepted, auth_data=mechanism)

    async def auth_XOAUTH2(self, server, args):
        blob = args[1] if len(args) > 1 else ""
        fields = dict(f.split("=", 1) for f in base64.b64decode(blob).decode().split("\x01") if "=" in f)
        token = fields.get("auth", "").removeprefix("Bearer ")
        accepted = self.tokens is not None and fields.get("user") == USER and token in self.tokens.active
        self.attempts.append(("XOAUTH2", accepted))
        if accepted:
            return AuthResult(success=True, auth_data="XOAUTH2")
        await server.challenge_auth(json.dumps({"status": "401", "schemes": "Bearer"}))
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")

    async def handle_DATA(self, server, session, envelope):
        for recipient in envelope.rcpt_tos:
            self.received.append((session.auth_data, recipient))
        return "250 OK"

    def to(self, address):
        return [mechanism for mechanism, recipient in self.received if recipient == address]

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def relay_config(tmp_path, server, **auth):
    smtp = {"host": "127.0.0.1", "port": server.controller.port, "username": USER, **auth}
    outbound = {"method": "smtp", "smtp": smtp, "retry": {"first": "5m", "max": "70m", "jitter": 0.0}}
    return load(write_config(tmp_path, outbound=outbound))


def test_submission_with_auth_plain_and_a_password_file(tmp_path):
    (tmp_path / "smtp-password").write_text(PASSWORD + "\n")
    with SubmissionServer() as server:
        running = RunningDaemon(relay_config(tmp_path, server, password_file=str(tmp_path / "smtp-password")))
        running.start()
        try:
            assert running.send(report())[0] == 250
            running.run_until_idle()
            for member in MEMBERS:
                assert server.to(member) == ["PLAIN"], member
        finally:
            running.stop()


def test_submission_with_xoauth2_waits_out_a_failing_token_endpoint_and_alerts_once(tmp_path):
    tokens = TokenServer().start()
    (tmp_path / "refresh-token").write_text("refresh-1\n")
    (tmp_path / "client-secret").write_text(tokens.client_secret)
    auth = {"auth": "xoauth2", "token_endpoint": f"{tokens.url}/token", "client_id": tokens.client_id,
            "client_secret_file": str(tmp_path / "client-secret"),
            "refresh_token_file": str(tmp_path / "refresh-token")}
    tokens.failing = True
    try:
        with SubmissionServer(tokens) as server:
            running = RunningDaemon(relay_config(tmp_path, server, **auth)).start()
            try:
                assert running.send(report())[0] == 250
                running.run_until_idle()                # the first attempts, refused
                for _ in range(2):                      # two more rounds of retries
                    running.advance(minutes=80)
                    running.run_until_idle()
                assert len(tokens.refused()) >= 3 and server.received == []
                alerts = [i for i, meta in running.state.outbox.queued() if meta["kind"] == "alert"]
                assert len(alerts) == 1                 # queued once, whatever the attempts
                tokens.failing = False
                running.advance(minutes=80)
                running.run_until_idle()
                for member in MEMBERS:
                    assert server.to(member) == ["XOAUTH2"], member
                assert len(server.to("admin@example.org")) == 1
                assert tokens.issued == ["access-1"]    # reused across connections
            finally:
                running.stop()
    finally:
        tokens.stop()


def test_submission_with_a_revoked_access_token_defers_then_sends_with_a_fresh_one(tmp_path):
    tokens = TokenServer().start()
    (tmp_path / "refresh-token").write_text("refresh-1\n")
    (tmp_path / "client-secret").write_text(tokens.client_secret)
    auth = {"auth": "xoauth2", "token_endpoint": f"{tokens.url}/token", "client_id": tokens.client_id,
            "client_secret_file": str(tmp_path / "client-secret"),
            "refresh_token_file": str(tmp_path / "refresh-token")}
    try:
        with SubmissionServer(tokens) as server:
            running = RunningDaemon(relay_config(tmp_path, server, **auth)).start()
            try:
                assert running.send(report(subject="First"))[0] == 250
                running.run_until_idle()
                assert all(server.to(member) == ["XOAUTH2"] for member in MEMBERS)
                tokens.revoke_all()                         # the provider revokes access-1 early
                running._call(running.daemon.transport.close())     # new connections log in again
                assert running.send(report(subject="Second"))[0] == 250
                running.run_until_idle()
                assert ("XOAUTH2", False) in server.attempts            # refused once: deferred,
                assert not running.state.outbox.failed_entries.ids()    # never failed for good
                running.advance(minutes=10)
                running.run_until_idle()
                assert all(server.to(member) == ["XOAUTH2"] * 2 for member in MEMBERS)
                assert tokens.issued == ["access-1", "access-2"]
            finally:
                running.stop()
    finally:
        tokens.stop()
