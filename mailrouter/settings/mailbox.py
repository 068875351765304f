"""The `intake:` section, and the credentials it shares with `outbound.smtp`.

`intake: smtp` (the default) keeps the SMTP listener. `intake: {method: imap, …}` reads a
hosted mailbox instead. Passwords and client secrets are read once, at load; the refresh
token file is read at each refresh (a provider may hand out a new refresh token), so its
path is checked here and kept.
"""

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mailrouter.settings import defaults
from mailrouter.settings.locations import read_credential

LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
PASSWORD_KEYS = ("password_file", "password_env", "password_credential")
OAUTH_KEYS = ("token_endpoint", "client_id", "client_secret_file", "refresh_token_file")
IMAP_KEYS = ("method", "host", "port", "security", "ca_file", "folder", "username", "auth",
             *PASSWORD_KEYS, *OAUTH_KEYS, "after_intake", "sent_copies", "poll_interval", "timeout")


@dataclass(frozen=True)
class OAuth2:
    """A refresh token and the endpoint that turns it into access tokens (RFC 6749 §6)."""

    token_endpoint: str
    client_id: str
    refresh_token_file: Path
    client_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ImapMailbox:
    host: str
    username: str
    port: int = defaults.IMAP_TLS_PORT
    security: str = defaults.IMAP_SECURITY       # tls | starttls | none (loopback only)
    ca_file: Path | None = None
    folder: str = defaults.IMAP_FOLDER
    password: str | None = field(default=None, repr=False)
    oauth: OAuth2 | None = None
    move_to: str | None = None                   # None: delete after intake
    delete_sent: bool = False                    # sent_copies: delete (the provider's copies of our mail)
    poll_interval: float = 60.0
    timeout: float = 60.0


@dataclass(frozen=True)
class Intake:
    method: str = defaults.INTAKE_METHOD         # "smtp" or "imap"
    imap: ImapMailbox | None = None


def load_intake(node, base, environ):
    """`intake: smtp`, or a mapping with `method: smtp` or `method: imap` and its settings."""
    if node.value is None or isinstance(node.value, str):
        if node.value not in (None, "smtp"):
            raise node.error("must be smtp, or a mapping with method: imap and its settings")
        return Intake()
    node = node.mapping()
    method = node.get("method").choice("smtp", "imap")
    if method == "smtp":
        node.only_keys("method")
        return Intake()
    return Intake(method="imap", imap=_imap(node.only_keys(*IMAP_KEYS), base, environ))


def _imap(node, base, environ):
    host = node.get("host").text(required=True)
    security = node.get("security", defaults.IMAP_SECURITY).choice("tls", "starttls", "none")
    if security == "none" and host not in LOOPBACK_HOSTS:
        raise node.get("security").error("none is allowed for a loopback host only; use tls or starttls")
    default_port = defaults.IMAP_TLS_PORT if security == "tls" else defaults.IMAP_STARTTLS_PORT
    port = node.get("port", default_port).integer(minimum=1)
    if port > 65535:
        raise node.get("port").error("must be a TCP port (1-65535)")
    password, oauth = credentials(node, base, environ, required=True)
    return ImapMailbox(
        host=host, port=port, security=security, password=password, oauth=oauth,
        username=node.get("username").text(required=True),
        ca_file=readable_path(node.get("ca_file"), base) if node.has("ca_file") else None,
        folder=node.get("folder", defaults.IMAP_FOLDER).text(required=True),
        move_to=_move_to(node.get("after_intake", "delete"), node.get("folder", defaults.IMAP_FOLDER)),
        delete_sent=node.get("sent_copies", "keep").choice("keep", "delete") == "delete",
        poll_interval=_positive(node.get("poll_interval", defaults.IMAP_POLL_INTERVAL)),
        timeout=_positive(node.get("timeout", defaults.IMAP_TIMEOUT)))


def credentials(node, base, environ, required=False):
    """`auth: password` (password_file or password_env) or `auth: xoauth2` (the OAuth keys).

    Returns (password, OAuth2 or None). Keys of the other kind are refused, so a half-edited
    configuration is never quietly read the wrong way.
    """
    auth = node.get("auth", "password").choice("password", "xoauth2")
    wrong = OAUTH_KEYS if auth == "password" else PASSWORD_KEYS
    for key in wrong:
        if node.has(key):
            raise node.get(key).error(f"does not go with auth: {auth}")
    if auth == "xoauth2":
        if not node.has("username"):
            raise node.get("username").error("is required with auth: xoauth2")
        return None, _oauth(node, base)
    password = read_password(node, base, environ)
    if password is None and required:
        raise node.get("password_file").error("give password_file or password_env (or auth: xoauth2)")
    return password, None


def read_password(node, base, environ):
    """The password from `password_file` or `password_env`, or None when neither is given."""
    given = [key for key in PASSWORD_KEYS if node.has(key)]
    if len(given) > 1:
        if "password_credential" not in given:
            raise node.get("password_env").error("give password_file or password_env, not both")
        raise node.get(given[1]).error(f"give one of {', '.join(PASSWORD_KEYS)}, not {len(given)}")
    if node.has("password_credential"):     # systemd LoadCredential= (see locations.py)
        return read_credential(node.get("password_credential"), environ)
    if node.has("password_file"):
        secret = node.get("password_file")
        try:
            return _resolve(secret, base).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise secret.error(f"cannot read the password file ({error.strerror})")
    if node.has("password_env"):
        variable = node.get("password_env")
        password = environ.get(variable.text(required=True))
        if password is None:
            raise variable.error(f"environment variable {variable.value} is not set")
        return password
    return None


def _oauth(node, base):
    endpoint = node.get("token_endpoint")
    url = urlsplit(endpoint.text(required=True))
    loopback = url.hostname in LOOPBACK_HOSTS
    if not url.hostname or not (url.scheme == "https" or (url.scheme == "http" and loopback)):
        raise endpoint.error("must be an https:// URL (http:// only on a loopback address)")
    secret = node.get("client_secret_file")
    refresh = node.get("refresh_token_file")
    if not node.has("refresh_token_file"):
        raise refresh.error("is required with auth: xoauth2")
    path = readable_path(refresh, base)
    if not path.read_text(encoding="utf-8").strip():
        raise refresh.error("the refresh token file is empty")
    return OAuth2(token_endpoint=endpoint.value.strip(),
                  client_id=node.get("client_id").text(required=True),
                  refresh_token_file=path,
                  client_secret=_read_secret(secret, base, "client secret") if node.has("client_secret_file") else None)


def _move_to(node, folder_node):
    """`after_intake: delete` (None) or `after_intake: {move: FOLDER}` (the folder)."""
    if isinstance(node.value, str):
        node.choice("delete")
        return None
    move = node.mapping().only_keys("move").get("move")
    target = move.text(required=True)
    if target == folder_node.text(required=True):
        raise move.error("must differ from the folder mailrouter reads")
    return target


def _read_secret(node, base, what):
    path = readable_path(node, base)
    secret = path.read_text(encoding="utf-8").strip()
    if not secret:
        raise node.error(f"the {what} file is empty")
    return secret


def _resolve(node, base):
    path = Path(node.text(required=True)).expanduser()
    return path if path.is_absolute() else Path(base) / path


def readable_path(node, base):
    path = _resolve(node, base)
    try:
        with open(path, encoding="utf-8"):
            pass
    except OSError as error:
        raise node.error(f"cannot read {path.name} ({error.strerror or error.__class__.__name__})")
    return path


def _positive(node):
    seconds = node.duration()
    if seconds <= 0:
        raise node.error("must be longer than zero")
    return seconds


__all__ = ["ImapMailbox", "Intake", "OAuth2", "credentials", "load_intake", "read_password"]
