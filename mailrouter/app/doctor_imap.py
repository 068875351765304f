"""`mailrouter doctor` on the IMAP mailbox (`intake: imap`): what the daemon does, once.

Connect with the configured security, CA file and timeout, log in as the daemon does (the
password, or XOAUTH2 with an access token from intake/oauth.py), select the folder, say
whether IDLE is offered, log out. No password or token is ever printed: refusals are
reported by what failed, and TokenError messages carry none.
"""

import ssl
import tempfile
from pathlib import Path

import imapclient
from imapclient.exceptions import IMAPClientError, LoginError

from mailrouter.app.doctor_checks import _reason, fail, ok
from mailrouter.intake.oauth import AccessTokens, TokenError

CONNECT_ERRORS = (OSError, ssl.SSLError, IMAPClientError)


def check_imap(config):
    if config.intake.method != "imap":
        return
    settings = config.intake.imap
    where = f"IMAP {settings.host}:{settings.port} ({settings.security})"
    try:
        client = _connect(settings)
    except CONNECT_ERRORS as error:
        yield fail(f"{where} cannot be reached ({_reason(error)})",
                   "check intake.host, port and security (tls: 993, starttls: 143), ca_file for a "
                   "private CA, and that a firewall lets this host in")
        return
    yield ok(f"{where} answers" + (", TLS certificate verified" if settings.security != "none" else ""))
    try:
        yield from _session(client, settings, config.state_dir, where)
    finally:
        try:
            client.logout()
        except Exception:              # the link may be gone already
            client.shutdown()


def _connect(settings):
    context = ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    client = imapclient.IMAPClient(settings.host, port=settings.port, ssl=settings.security == "tls",
                                   ssl_context=context, timeout=settings.timeout)
    if settings.security == "starttls":
        try:
            client.starttls(context)
        except Exception:
            client.shutdown()
            raise
    return client


def _session(client, settings, state_dir, where):
    try:
        _login(client, settings, state_dir)
    except TokenError as error:
        yield fail(f"{where}: no OAuth access token for {settings.username} ({error})",
                   "check intake.token_endpoint, client_id, client_secret_file and that the refresh "
                   "token in refresh_token_file is current (get a new one if it was revoked)")
        return
    except LoginError:
        how = "XOAUTH2" if settings.oauth else "password"
        yield fail(f"{where} refused the login of {settings.username} ({how})",
                   "check intake.username and the password (password_file, password_env or "
                   "password_credential), or the OAuth grant and the account's IMAP access")
        return
    yield ok(f"{where} accepts the login of {settings.username}")
    try:
        client.select_folder(settings.folder, readonly=True)
    except IMAPClientError as error:
        yield fail(f"{where}: cannot select the folder {settings.folder!r} ({_reason(error)})",
                   f"set intake.folder to one of: {', '.join(_folders(client)) or '(none listed)'}")
        return
    yield ok(f"{where}: folder {settings.folder!r} selected")
    if settings.move_to and settings.move_to not in _folders(client):
        yield fail(f"{where}: after_intake moves to {settings.move_to!r}, which does not exist",
                   "create that folder in the mailbox, or change intake.after_intake")
    if client.has_capability("IDLE"):
        yield ok(f"{where}: IDLE offered")
    else:
        yield ok(f"{where}: IDLE not offered; mailrouter will poll every {settings.poll_interval:g} s")


def _login(client, settings, state_dir):
    if settings.oauth is None:
        client.login(settings.username, settings.password)
        return
    if Path(state_dir).is_dir():       # where the daemon keeps a rotated refresh token
        token = AccessTokens(settings.oauth, Path(state_dir)).get()
    else:                              # doctor does not create the state directory
        with tempfile.TemporaryDirectory() as scratch:
            token = AccessTokens(settings.oauth, Path(scratch)).get()
    client.oauth2_login(settings.username, token)


def _folders(client):
    try:
        return [name for _, _, name in client.list_folders()]
    except CONNECT_ERRORS:
        return []
