"""One connection to the SMTP relay; a mail in two round trips where the relay allows it.

aiosmtplib waits for each reply before the next command: MAIL, RCPT, DATA and the message
take four round trips, four writes and four wake-ups of the relay process per mail, and a
report makes eight mails (issue 11 (b): a third of the relay process's time). The relays a
committee uses (Postfix, Exim, Gmail, Microsoft 365) offer PIPELINING (RFC 2920): MAIL,
RCPT and DATA go in one write and their three replies come back together; then the message.

aiosmtplib still does, once per connection, what it does well: connecting, TLS or STARTTLS,
EHLO and the login (XOAUTH2 included). If the relay then offers PIPELINING, the connection's
transport is handed to `Pipelined`, which speaks only the transaction, RSET and QUIT.
Otherwise `Stepwise` sends with aiosmtplib's own `sendmail`. Both raise `Refused` for a
relay's 4xx/5xx and `Lost` when the connection cannot go on; outbound/transports.py turns
them into the courier's errors.

The wait for the answer to a message is the relay timeout plus the message at 100 KB/s: it
starts once the message is handed to the connection, which buffers it whole and sends it on.
"""

import asyncio
import base64
import collections

import aiosmtplib

from mailrouter.intake.oauth import TokenError
from mailrouter.outbound.smtp_replies import NotSMTP, ReplyReader, answer_allowance, dot_stuffed

LIBRARY_FAULTS = (aiosmtplib.SMTPException, OSError, asyncio.TimeoutError)


class Refused(Exception):
    """The relay answered 4xx/5xx (`code`, `text`). `reset`: RSET before the connection's next
    mail, as a transaction may be open."""

    def __init__(self, code, text, reset=True):
        super().__init__(f"{code} {text}")
        self.code, self.text, self.reset = code, text, reset


class Lost(Exception):
    """The connection cannot go on: closed, timed out, or not speaking SMTP."""


class LoginFailed(Exception):
    """The relay refused our credentials (`code`), or no OAuth token could be had."""

    def __init__(self, text, code=None):
        super().__init__(text)
        self.code = code


async def open_connection(relay, tokens=None):
    """A connected, logged-in connection to `relay`: `Pipelined` or `Stepwise`."""
    client = aiosmtplib.SMTP(hostname=relay.host, port=relay.port, timeout=relay.timeout,
                             use_tls=relay.security == "tls",
                             start_tls=True if relay.security == "starttls" else False)
    try:
        await client.connect()
        if relay.oauth is not None:
            await _xoauth2(client, relay, tokens)
        elif relay.username:
            await client.login(relay.username, relay.password or "")
        if client.is_ehlo_or_helo_needed:
            await client.ehlo()          # (a relay that only knows HELO gets it from sendmail)
    except TokenError as error:
        drop(client)
        raise LoginFailed(f"no OAuth access token for the relay ({error})")
    except aiosmtplib.SMTPAuthenticationError as error:
        drop(client)
        what = "access token" if relay.oauth is not None else "login"
        raise LoginFailed(f"relay refused our {what} ({error.code})", error.code)
    except aiosmtplib.SMTPHeloError:
        if not client.is_connected:
            raise Lost("the relay closed the connection at EHLO")
    except LIBRARY_FAULTS as error:
        drop(client)
        raise Lost(error.__class__.__name__)
    if client.supports_extension("pipelining"):
        return Pipelined.take_over(client)
    return Stepwise(client)


async def _xoauth2(client, relay, tokens):
    """AUTH XOAUTH2 (Gmail, Microsoft 365): the access token comes from the refresher."""
    token = await asyncio.to_thread(tokens.get)
    if not client.supports_extension("auth"):
        await client.ehlo()
    if "xoauth2" not in client.server_auth_methods:
        raise aiosmtplib.SMTPAuthenticationError(504, "the relay does not offer AUTH XOAUTH2")
    blob = base64.b64encode(f"user={relay.username}\1auth=Bearer {token}\1\1".encode())
    response = await client.execute_command(b"AUTH", b"XOAUTH2", blob)
    if response.code == 334:            # a JSON error challenge: answer empty, get the code
        response = await client.execute_command(b"")
    if response.code != 235:
        tokens.invalidate(token)
        raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)


def drop(client):
    try:
        client.close()
    except Exception:  # closing a broken socket must never mask the real error
        pass


class Stepwise:
    """A relay without PIPELINING: aiosmtplib's `sendmail`, a round trip per command."""

    def __init__(self, client):
        self.client = client
        self.smtputf8 = client.supports_extension("smtputf8")

    @property
    def is_connected(self):
        return self.client.is_connected

    async def send(self, sender, recipient, message, options):
        try:
            _, answer = await self.client.sendmail(sender, [recipient], message, mail_options=list(options),
                                                   timeout=answer_allowance(self.client.timeout, message))
        except aiosmtplib.SMTPRecipientsRefused as error:   # aiosmtplib reset the transaction
            refused = error.recipients[0]
            raise Refused(refused.code, refused.message, reset=False)
        except aiosmtplib.SMTPResponseException as error:
            raise Refused(error.code, error.message)
        except LIBRARY_FAULTS as error:
            raise Lost(error.__class__.__name__)
        return answer

    async def reset(self):
        try:
            await self.client.rset()
        except LIBRARY_FAULTS as error:
            raise Lost(error.__class__.__name__)

    async def quit(self):
        try:
            await self.client.quit()
        except LIBRARY_FAULTS:
            self.close()

    def close(self):
        drop(self.client)


class Pipelined(asyncio.Protocol):
    """The transaction side of one connection, taken over from aiosmtplib (`take_over`)."""

    def __init__(self, transport, timeout, smtputf8):
        self.transport = transport
        self.timeout = timeout
        self.smtputf8 = smtputf8
        self._replies = ReplyReader()
        self._ready = collections.deque()        # replies read and not yet awaited
        self._waiting = collections.deque()      # futures of the replies awaited, in order
        self._lost = None                        # the Lost error once the connection failed

    @classmethod
    def take_over(cls, client):
        """`client`'s connection (aiosmtplib.SMTP, connected, EHLO done), now ours alone."""
        transport = client.transport
        connection = cls(transport, client.timeout, client.supports_extension("smtputf8"))
        client.protocol = client.transport = None
        transport.set_protocol(connection)
        return connection

    @property
    def is_connected(self):
        return self._lost is None and not self.transport.is_closing()

    async def send(self, sender, recipient, message, options):
        """MAIL, RCPT and DATA in one write, then the message: the relay's last reply's text."""
        params = "".join(" " + option for option in options)
        self._write(f"MAIL FROM:<{sender}>{params}\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode())
        (mail, mail_text), (rcpt, rcpt_text), (data, data_text) = [await self._reply() for _ in range(3)]
        refused = (mail, mail_text) if mail != 250 else (rcpt, rcpt_text) if rcpt not in (250, 251) else None
        if data == 354 and refused:      # DATA taken all the same: end it empty, then refuse
            self._write(b".\r\n")
            await self._reply()
        if refused or data != 354:
            raise Refused(*(refused or (data, data_text)))
        self._write(dot_stuffed(message))
        code, text = await self._reply(answer_allowance(self.timeout, message))
        if code != 250:
            raise Refused(code, text)
        return text

    async def reset(self):
        self._write(b"RSET\r\n")
        code, _ = await self._reply()
        if code != 250:
            raise Lost(f"RSET answered {code}")

    async def quit(self):
        try:
            self._write(b"QUIT\r\n")
            await self._reply()
        except Lost:
            pass
        finally:
            self.close()

    def close(self):
        self.transport.close()

    def _write(self, data):
        if self._lost is not None:
            raise self._lost
        self.transport.write(data)

    async def _reply(self, timeout=None):
        if self._ready:
            return self._ready.popleft()
        if self._lost is not None:
            raise self._lost
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        self._waiting.append(waiter)
        timer = loop.call_later(timeout or self.timeout, self._fail, Lost("the relay gave no reply in time"))
        try:
            return await waiter
        finally:
            timer.cancel()

    def data_received(self, data):
        try:
            for reply in self._replies.feed(data):
                if self._waiting:
                    self._waiting.popleft().set_result(reply)
                else:
                    self._ready.append(reply)
        except NotSMTP as error:
            self._fail(Lost(str(error)))

    def connection_lost(self, exc):
        self._fail(Lost("the relay closed the connection"))

    def eof_received(self):
        self._fail(Lost("the relay closed the connection"))
        return False

    def _fail(self, error):
        if self._lost is None:
            self._lost = error
            self.transport.abort()
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_exception(error)
