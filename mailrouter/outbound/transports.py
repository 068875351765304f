"""Handing queued mail to the world: an SMTP relay, or a local Maildir.

A transport sends one message to one recipient, returns what the log may say of the answer
(the relay's codes, or "maildir"), and raises `TemporaryDeliveryError` or
`PermanentDeliveryError`; the `Courier` owns retries and alerts (Q2, Q3).
"""

import asyncio
import logging
import re
import secrets
import socket
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from mailrouter.durable import atomic_write, ensure_dir, fsync_dir
from mailrouter.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailrouter.outbound.relay_connection import LoginFailed, Lost, Refused, open_connection
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
    """An outbound relay over SMTP, keeping up to `concurrency` connections open
    (outbound/relay_connection.py: each mail in two round trips where the relay pipelines)."""

    def __init__(self, relay, concurrency, tokens=None):
        self.relay = relay
        self.tokens = tokens            # AccessTokens when the relay wants XOAUTH2
        self.idle = asyncio.Queue()
        self.slots = asyncio.Semaphore(concurrency)

    async def send(self, sender, recipient, message_bytes, note=None):
        check_envelope_address(sender, allow_empty=True)
        check_envelope_address(recipient)
        options = mail_options(sender, recipient)
        async with self.slots:
            connection = await self._connection()
            if options and not connection.smtputf8:
                self.idle.put_nowait(connection)
                raise PermanentDeliveryError("relay cannot take this address (it offers no SMTPUTF8)")
            try:
                answer = await connection.send(sender, recipient, message_bytes, options)
            except Refused as error:
                await self._reset_or_drop(connection, error.reset)
                raise _classify(error.code, error.text)
            except Lost as error:
                connection.close()
                raise TemporaryDeliveryError(f"relay connection failed ({error})")
            self.idle.put_nowait(connection)
        return relay_code(answer)

    async def _connection(self):
        while not self.idle.empty():
            connection = self.idle.get_nowait()
            if connection.is_connected:
                return connection
        try:
            return await open_connection(self.relay, self.tokens)
        except LoginFailed as error:
            if self.relay.oauth is not None:     # a token can be revoked early: refresh, retry later
                raise TemporaryDeliveryError(str(error), error.code)
            raise PermanentDeliveryError(str(error), error.code)
        except Lost as error:
            raise TemporaryDeliveryError(f"cannot connect to the relay ({error})")

    async def _reset_or_drop(self, connection, reset):
        try:
            if reset:
                await connection.reset()
            self.idle.put_nowait(connection)
        except Lost:
            connection.close()

    async def close(self):
        while not self.idle.empty():
            await self.idle.get_nowait().quit()


def relay_code(answer):
    """What the log may say of the relay's 250: the codes, not its free text."""
    status = str(answer or "").split(" ", 1)[0]
    return "250 " + status if ENHANCED_STATUS.match(status) else "250"


def _classify(code, message):
    text = f"relay answered {code} {str(message)[:120]}"
    if 500 <= (code or 0) < 600:
        return PermanentDeliveryError(text, code)
    return TemporaryDeliveryError(text, code)


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
