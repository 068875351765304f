"""OAuth2 access tokens for XOAUTH2, from a refresh token (RFC 6749 §6).

One `AccessTokens` per OAuth client and refresh token serves the IMAP intake and the
submission relay alike. A token is reused until a minute before it expires, or until a
server refuses it (`invalidate`). A failed refresh raises `TokenError`; the callers retry
with their own backoff. The first failure of an outage is reported once through
`on_failure(started, error)`; a success ends the outage.

Where the provider hands out a new refresh token (Microsoft does, on every refresh), it is
kept in the state directory, beside the digest of the file content it replaced: when the
admin puts a new token in the file, the file wins again.
"""

import hashlib
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

from mailrouter.durable import atomic_write, ensure_dir
from mailrouter.errors import MailrouterError

log = logging.getLogger("mailrouter.intake.oauth")
EXPIRY_MARGIN = 60.0          # seconds: refresh a token this long before it expires
DEFAULT_LIFETIME = 3600.0     # when the endpoint does not say (`expires_in` is optional)
REQUEST_TIMEOUT = 30.0


class TokenError(MailrouterError):
    """The token endpoint did not give us an access token."""


class TokenSources:
    """One `AccessTokens` per OAuth client, shared by the IMAP intake and the relay; the
    first failure of each outage goes to the admin through `alerts` (outbound.alerts)."""

    def __init__(self, state_dir, alerts):
        self.state_dir, self.alerts, self.sources = state_dir, alerts, {}

    def of(self, settings):
        """The token source for settings with `auth: xoauth2`, else None."""
        oauth = getattr(settings, "oauth", None)
        if oauth is not None and oauth not in self.sources:
            self.sources[oauth] = AccessTokens(oauth, self.state_dir, self._alert)
        return self.sources.get(oauth)

    def _alert(self, started, error):
        self.alerts.send(f"oauth:{started}", "mailrouter cannot refresh its OAuth access token",
                         detail=str(error), kept="reports wait in the mailbox and outgoing mail in "
                         "the outbox; mailrouter keeps retrying with backoff")


class AccessTokens:
    def __init__(self, oauth, state_dir, on_failure=None, clock=time.time):
        self.oauth = oauth
        self.on_failure = on_failure or (lambda started, error: None)
        self.clock = clock
        key = f"{oauth.token_endpoint}\0{oauth.client_id}\0{oauth.refresh_token_file}"
        self.rotated_path = ensure_dir(state_dir / "oauth") / (
            hashlib.sha256(key.encode()).hexdigest()[:24] + ".json")
        self.lock = threading.Lock()
        self.token, self.expires = None, 0.0
        self.failing_since = None
        self.refreshes = 0            # successful refreshes, for tests and DEBUG logs

    def get(self):
        """A valid access token (blocking: call it from a thread, never the event loop)."""
        with self.lock:
            if self.token and self.clock() < self.expires - EXPIRY_MARGIN:
                return self.token
            try:
                self.token, self.expires = self._refresh()
            except TokenError as error:
                self._failed(error)
                raise
            self.failing_since = None
            self.refreshes += 1
            return self.token

    def invalidate(self, token):
        """A server refused `token`: the next `get` refreshes."""
        with self.lock:
            if self.token == token:
                self.token, self.expires = None, 0.0

    def _failed(self, error):
        log.error("OAuth token refresh failed (%s)", error)
        if self.failing_since is None:
            self.failing_since = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            self.on_failure(self.failing_since, error)

    def _refresh(self):
        refresh_token, file_digest = self._refresh_token()
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token,
                "client_id": self.oauth.client_id}
        if self.oauth.client_secret:
            form["client_secret"] = self.oauth.client_secret
        answer = _post(self.oauth.token_endpoint, form)
        token = answer.get("access_token")
        if not isinstance(token, str) or not token or any(c in token for c in "\r\n\0"):
            raise TokenError("the token endpoint's answer has no usable access_token")
        try:
            lifetime = max(0.0, float(answer.get("expires_in", DEFAULT_LIFETIME)))
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        rotated = answer.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh_token:
            atomic_write(self.rotated_path, json.dumps({"replaces": file_digest,
                                                        "refresh_token": rotated}).encode())
        return token, self.clock() + lifetime

    def _refresh_token(self):
        """The refresh token: the rotated one if it replaced the file's current content."""
        try:
            text = self.oauth.refresh_token_file.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise TokenError(f"cannot read the refresh token file ({error.__class__.__name__})")
        file_digest = hashlib.sha256(text.encode()).hexdigest()
        try:
            saved = json.loads(self.rotated_path.read_bytes())
            if saved.get("replaces") == file_digest and saved.get("refresh_token"):
                return saved["refresh_token"], file_digest
        except (OSError, ValueError):
            pass
        if not text:
            raise TokenError("the refresh token file is empty")
        return text, file_digest


def _post(url, form):
    """POST a form to the token endpoint; its JSON answer, or TokenError (no secrets in it)."""
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(form).encode(), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            body = response.read(1024 * 1024)
    except urllib.error.HTTPError as error:
        raise TokenError(f"the token endpoint answered {error.code} {_error_code(error)}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise TokenError(f"the token endpoint is unreachable ({error.__class__.__name__})")
    try:
        answer = json.loads(body)
    except ValueError:
        raise TokenError("the token endpoint's answer is not JSON")
    if not isinstance(answer, dict):
        raise TokenError("the token endpoint's answer is not a JSON object")
    return answer


def _error_code(error):
    """The OAuth `error` code of a refusal (e.g. invalid_grant): short, and never a secret."""
    try:
        code = json.loads(error.read(65536)).get("error", "")
    except (OSError, ValueError, AttributeError):
        return ""
    code = str(code)
    return code if code.replace("_", "").isalnum() and len(code) <= 40 else ""
