"""XOAUTH2 for the IMAP intake: Dovecot's oauth2 passdb asks a loopback introspection
endpoint about each token; mailrouter refreshes its access tokens at a loopback token
endpoint (the refresh_token grant), as it would at Google's or Microsoft's."""

import pytest

from dovecot import Dovecot, wait_until
from harness import RunningDaemon, load, write_config
from mailrouter.intake.oauth import AccessTokens, TokenError
from mailrouter.settings.mailbox import OAuth2
from test_imap_intake import MEMBERS, delivered, wait_forwarded
from token_server import TokenServer

ADMIN = "admin@example.org"


@pytest.fixture
def tokens():
    server = TokenServer().start()
    yield server
    server.stop()


@pytest.fixture
def dovecot(tokens):
    server = Dovecot(introspection_url=f"{tokens.url}/introspect").start()
    yield server
    server.cleanup()


def oauth_settings(tmp_path, tokens):
    secret = tmp_path / "client-secret"
    secret.write_text(tokens.client_secret + "\n")
    refresh = tmp_path / "refresh-token"
    refresh.write_text(tokens.refresh_token + "\n")
    return {"auth": "xoauth2", "token_endpoint": f"{tokens.url}/token", "client_id": tokens.client_id,
            "client_secret_file": str(secret), "refresh_token_file": str(refresh)}


def alerts_to_admin(sink, about):
    return [m for m in sink.messages_to(ADMIN) if about in str(m["Subject"]) + m.text()]


def test_xoauth2_refreshes_revoked_tokens_and_a_failing_endpoint_alerts_once(tmp_path, sink, tokens, dovecot):
    intake = dovecot.intake(password_file=None, **oauth_settings(tmp_path, tokens))
    running = RunningDaemon(load(write_config(tmp_path, sink.port, intake=intake))).start()
    try:
        imap = running.daemon.imap
        dovecot.append(delivered("<oauth-1@example.net>"))
        wait_forwarded(running, sink, 1)
        assert tokens.issued == ["access-1"]
        first = tokens.token_requests[0]
        assert (first["grant_type"], first["refresh_token"], first["client_id"], first["client_secret"]) == \
            ("refresh_token", "refresh-1", tokens.client_id, tokens.client_secret)

        # The provider revokes the access token: the next login fails, a new token is fetched.
        tokens.revoke_all()
        dovecot.kill_imap_sessions()
        wait_until(lambda: len(tokens.issued) == 2 and imap.counts["sessions"] >= 2, what="a refreshed login")
        dovecot.append(delivered("<oauth-2@example.net>", subject="Second report"))
        wait_forwarded(running, sink, 2, what="the report after the refresh")

        # The token endpoint refuses: mailrouter retries with backoff and tells the admin once.
        tokens.failing = True
        tokens.revoke_all()
        dovecot.kill_imap_sessions()
        wait_until(lambda: len(tokens.refused()) >= 3, what="three refused refreshes")
        running.run_until_idle()
        wait_until(lambda: alerts_to_admin(sink, "OAuth"), what="the admin's alert")
        tokens.failing = False
        dovecot.append(delivered("<oauth-3@example.net>", subject="Third report"))
        wait_forwarded(running, sink, 3, what="the report after the endpoint recovered")
        running.run_until_idle()
        assert len(alerts_to_admin(sink, "OAuth")) == 1
        assert not alerts_to_admin(sink, "refused mailrouter's login")
        for alert in sink.messages_to(ADMIN):
            assert "refresh-1" not in alert.text() and "client-secret" not in alert.text()
        assert imap.thread.is_alive()
    finally:
        running.stop()


def test_a_rotated_refresh_token_is_kept_until_the_admin_replaces_the_file(tmp_path):
    server = TokenServer(rotate=True).start()
    try:
        refresh = tmp_path / "refresh-token"
        refresh.write_text("refresh-1\n")
        oauth = OAuth2(token_endpoint=f"{server.url}/token", client_id=server.client_id,
                       refresh_token_file=refresh, client_secret=server.client_secret)
        source = AccessTokens(oauth, tmp_path / "state")
        assert source.get() == "access-1" and source.get() == "access-1"     # reused, not refreshed
        source.invalidate("access-1")
        assert source.get() == "access-2"              # sent refresh-2, which the endpoint rotated to
        assert [r["refresh_token"] for r in server.token_requests] == ["refresh-1", "refresh-2"]
        server.refresh_token = "from-the-admin"        # a new consent, written into the file
        refresh.write_text("from-the-admin\n")
        source.invalidate("access-2")
        assert source.get() == "access-3"
        assert server.token_requests[-1]["refresh_token"] == "from-the-admin"
        server.failing = True
        source.invalidate("access-3")
        failures = []
        source.on_failure = lambda started, error: failures.append(str(error))
        for _ in range(3):
            with pytest.raises(TokenError):
                source.get()
        assert failures == ["the token endpoint answered 400 invalid_grant"]      # once per outage
    finally:
        server.stop()
