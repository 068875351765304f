"""Handing queued mail to the world: an SMTP relay, or a local Maildir.

A transport sends one message to one recipient, returns what the log may say of the answer
(the relay's codes, or "maildir"), and raises `TemporaryDeliveryError` or
`PermanentDeliveryError`; the `Courier` owns retries and alerts (Q2, Q3).
"""

import asyncio
import base64
import logging
import re
import secrets
import socket
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import aiosmtplib

from mailrouter.durable import atomic_write, ensure_dir, fsync_dir
from mailrouter.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailrouter.intake.oauth import TokenError
from mailrouter.settings.yaml_source import is_email

log = logging.getLogger("mailrouter.outbound.transports")
ENHANCED_STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")


@dataclass
class TakenNote:
    """What the courier writes when the relay says 250: the outbox id for `sent.log` and
    the audit record's (fields, time). A transport that writes them itself at that moment
    (the relay process) sets `done`; the others leave it to the courier."""

    entry_id: str
    record: tuple | None = None
    done: bool = False


def check_envelope_address(address, allow_empty=False):
    """T3: nothing with CR, LF, spaces or angle brackets ever reaches MAIL or RCPT."""
    if allow_empty and address == "":
        return
    if not is_email(_ascii_shape(address)) or any(c in address for c in "\r\n\0 <>\t"):
        raise PermanentDeliveryError("refused an invalid envelope address before MAIL/RCPT")


def _ascii_shape(address):
    """A UTF-8 address (RFC 6531) checked as its ASCII shape: each letter or digit beyond
    ASCII stands for one ASCII letter; anything else (spaces, controls) stays and fails."""
    if address.isascii():            # nearly every address: no walk over its characters
        return address
    return "".join(c if c.isascii() or unicodedata.category(c)[0] not in "LMN" else "a" for c in address)


def mail_options(sender, recipient):
    """SMTPUTF8 when an envelope address is not ASCII (RFC 6531), else none."""
    return ["SMTPUTF8"] if not (sender + recipient).isascii() else []


class MaildirTransport:
    """The embedded default: each message becomes a file in `folder/new/`."""

    def __init__(self, folder):
        self.folder = Path(folder)
        for sub in ("tmp", "new", "cur"):
            ensure_dir(self.folder / sub)
        self.host = socket.gethostname().replace("/", "_").replace(":", "_")

    async def send(self, sender, recipient, message_bytes, note=None):
        check_envelope_address(sender, allow_empty=True)
        check_envelope_address(recipient)
        return await asyncio.to_thread(self._write, sender, recipient, message_bytes)

    def _write(self, sender, recipient, message_bytes):
        name = f"{time.time_ns()}.{secrets.token_hex(6)}.{self.host}"
        trace = f"Return-Path: <{sender}>\r\nDelivered-To: {recipient}\r\n".encode()
        try:
            # Maildir: written and fsynced in tmp/, renamed into new/, new/ fsynced now.
            atomic_write(self.folder / "new" / name, trace + message_bytes,
                         sync_dir=False, tmp=self.folder / "tmp" / name)
            fsync_dir(self.folder / "new")
        except OSError as error:
            raise TemporaryDeliveryError(f"maildir write failed: {error.strerror}")
        return "maildir"

    async def close(self):
        pass


class SMTPTransport:
    """An outbound relay over SMTP, keeping up to `concurrency` connections open."""

    def __init__(self, relay, concurrency, tokens=None):
        self.relay = relay
        self.tokens = tokens            # AccessTokens when the relay wants XOAUTH2
        self.idle = asyncio.Queue()
        self.slots = asyncio.Semaphore(concurrency)

    async def send(self, sender, recipient, message_bytes, note=None):
        check_envelope_address(sender, allow_empty=True)
        check_envelope_address(recipient)
        async with self.slots:
            client = await self._client()
            try:
                _, answer = await client.sendmail(sender, [recipient], message_bytes,
                                                  mail_options=mail_options(sender, recipient))
            except aiosmtplib.SMTPNotSupported as error:     # the relay offers no SMTPUTF8
                self.idle.put_nowait(client)
                raise PermanentDeliveryError(f"relay cannot take this address ({error.message[:80]})")
            except aiosmtplib.SMTPRecipientsRefused as error:
                self.idle.put_nowait(client)
                refused = error.recipients[0]
                raise _classify(refused.code, refused.message)
            except aiosmtplib.SMTPResponseException as error:
                await _reset_or_drop(client, self.idle)
                raise _classify(error.code, error.message)
            except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as error:
                _drop(client)
                raise TemporaryDeliveryError(f"relay connection failed ({error.__class__.__name__})")
            self.idle.put_nowait(client)
        return relay_code(answer)

    async def _client(self):
        while not self.idle.empty():
            client = self.idle.get_nowait()
            if client.is_connected:
                return client
        relay = self.relay
        client = aiosmtplib.SMTP(hostname=relay.host, port=relay.port, timeout=relay.timeout,
                                 use_tls=relay.security == "tls",
                                 start_tls=True if relay.security == "starttls" else False)
        try:
            await client.connect()
            if relay.oauth is not None:
                await self._xoauth2(client)
            elif relay.username:
                await client.login(relay.username, relay.password or "")
        except TokenError as error:
            _drop(client)
            raise TemporaryDeliveryError(f"no OAuth access token for the relay ({error})")
        except aiosmtplib.SMTPAuthenticationError as error:
            _drop(client)
            if relay.oauth is not None:     # a token can be revoked early: refresh, retry later
                raise TemporaryDeliveryError(f"relay refused our access token ({error.code})", error.code)
            raise PermanentDeliveryError(f"relay refused our login ({error.code})", error.code)
        except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError) as error:
            _drop(client)
            raise TemporaryDeliveryError(f"cannot connect to the relay ({error.__class__.__name__})")
        return client

    async def _xoauth2(self, client):
        """AUTH XOAUTH2 (Gmail, Microsoft 365): the access token comes from the refresher."""
        token = await asyncio.to_thread(self.tokens.get)
        if not client.supports_extension("auth"):
            await client.ehlo()
        if "xoauth2" not in client.server_auth_methods:
            raise aiosmtplib.SMTPAuthenticationError(504, "the relay does not offer AUTH XOAUTH2")
        blob = base64.b64encode(f"user={self.relay.username}\1auth=Bearer {token}\1\1".encode())
        response = await client.execute_command(b"AUTH", b"XOAUTH2", blob)
        if response.code == 334:            # a JSON error challenge: answer empty, get the code
            response = await client.execute_command(b"")
        if response.code != 235:
            self.tokens.invalidate(token)
            raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)

    async def close(self):
        while not self.idle.empty():
            client = self.idle.get_nowait()
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError):
                _drop(client)


def relay_code(answer):
    """What the log may say of the relay's 250: the codes, not its free text."""
    status = str(answer or "").split(" ", 1)[0]
    return "250 " + status if ENHANCED_STATUS.match(status) else "250"


def _classify(code, message):
    text = f"relay answered {code} {str(message)[:120]}"
    if 500 <= (code or 0) < 600:
        return PermanentDeliveryError(text, code)
    return TemporaryDeliveryError(text, code)


async def _reset_or_drop(client, idle):
    try:
        await client.rset()
        idle.put_nowait(client)
    except (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError):
        _drop(client)


def _drop(client):
    try:
        client.close()
    except Exception:  # closing a broken socket must never mask the real error
        pass


class PreviewTransport:
    """Records what would be sent instead of sending (`mailrouter tick --dry-run`)."""

    def __init__(self):
        self.sent = []

    async def send(self, sender, recipient, message_bytes, note=None):
        check_envelope_address(recipient)
        head = message_bytes.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
        subject = next((line[9:] for line in head.split("\r\n") if line.lower().startswith("subject: ")), "")
        self.sent.append((recipient, subject))

    async def close(self):
        pass
