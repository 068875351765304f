"""aiosmtpd's SMTP with the caps and clocks it lacks (S5, S6).

Caps: connections in all and per client, and messages in DATA at once. When a connection
cap is reached, the session idle longest is closed with `421 4.7.0` to make room (never one
in DATA, one in the middle of a transaction only if there is no other), so a handful of
idle connections cannot lock a reporter out; only when every session is receiving a
message does the newcomer get the 421. Clocks: `idle_timeout` between commands, the
`data_timeout` only while a message is being received, and `session_lifetime` for the
whole connection (a message in progress is finished and answered first); each ends with
`421 4.4.2`. DATA is read by `data_phase.DataReader`, which takes bare-LF line ends as
line ends, into the handler's `new_draft()`: a big message waits on disk (F4).
"""

import asyncio
import re
import socket
import time
from email._header_value_parser import get_addr_spec, get_angle_addr   # as aiosmtpd parses them
from email.errors import HeaderParseError

from aiosmtpd.smtp import MISSING, SMTP, syntax

from mailrouter.intake.data_phase import DataReader

TOO_BUSY = "421 4.7.0 Too many connections, please try again later"
TOO_MANY_IN_DATA = "421 4.7.0 Too many messages in progress, please try again later"
TOO_MUCH_DATA = "552 Error: Too much mail data"          # aiosmtpd's own answer
MADE_ROOM = "421 4.7.0 Too many connections, closing an idle one"
TIMED_OUT = "421 4.4.2 Timeout, closing connection"
SESSION_TOO_LONG = "421 4.4.2 Session too long, please reconnect"
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
PLAIN_PATH = re.compile(rf"<(({_ATOM}(?:\.{_ATOM})*)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>")


class Guard:
    """Holds the sessions and counts DATA transfers; all calls come from the event loop."""

    def __init__(self, limits):
        self.limits = limits
        self.sessions = {}                   # GuardedSMTP -> its client's address
        self.in_data = 0

    def admit(self, session, client):
        """Give `session` a slot, closing the longest-idle one if a cap is reached."""
        rivals = [s for s, c in self.sessions.items() if c == client]
        if len(rivals) < self.limits.connections_per_client:
            rivals = list(self.sessions) if len(self.sessions) >= self.limits.connections else []
        if rivals:
            idle = [s for s in rivals if not s.receiving]
            if not idle:
                return False
            victim = min(idle, key=lambda s: (s.in_transaction(), s.last_active))
            self.release(victim)
            victim.close_with(MADE_ROOM)
        self.sessions[session] = client
        return True

    def release(self, session):
        self.sessions.pop(session, None)


class GuardedSMTP(SMTP):
    def __init__(self, handler, guard, **kwargs):
        super().__init__(handler, **kwargs)
        self.guard = guard
        self.admitted = False
        self.receiving = False               # in DATA: never closed to make room
        self.last_active = time.monotonic()
        self.expired = False                 # past its lifetime: closed once DATA is answered
        self._lifetime = None
        self.message_size_limit = self.data_size_limit     # the handler holds DATA to it

    def __dir__(self):
        """Only the protocol's names: aiosmtpd builds its command and AUTH tables from `dir(self)`
        and `inspect.getmembers(self)` for every connection, 0.2 ms of the intake's thread each
        (a quarter of that with these names alone); the tables come out the same."""
        cls = type(self)
        if "_protocol_names" not in cls.__dict__:
            cls._protocol_names = [name for name in super().__dir__() if name.startswith(("smtp_", "auth_"))]
        return cls._protocol_names

    def _getaddr(self, arg):
        """aiosmtpd's own (MAIL and RCPT addresses), without the `typing.Protocol` class it
        defines on every call: a class made twice per message was 5 % of the intake's thread.
        A plain `<dot-atom@domain>` is read by a pattern, the same address the header parser
        finds in it (another 10 %); anything else goes to that parser (tests/test_intake.py)."""
        if not arg:
            return "", ""
        plain = PLAIN_PATH.match(arg)
        if plain and not (self.local_part_limit and len(plain[2]) > self.local_part_limit):
            rest = arg[plain.end():]
            rest = rest.lstrip() if rest[:1] in (" ", "\t") else rest     # as the parser's FWS
            if not rest.startswith("("):                                  # (a comment: the parser)
                return plain[1], rest
        try:
            address, rest = (get_angle_addr if arg.lstrip().startswith("<") else get_addr_spec)(arg)
        except HeaderParseError:
            return None, None
        addr = address.addr_spec
        if self.local_part_limit and len(addr.rpartition("@")[0]) > self.local_part_limit:
            return None, None
        return addr, rest

    async def _handle_client(self):
        peer = self.session.peer[0] if self.session.peer else "unknown"
        if not self.guard.admit(self, peer):
            await self.push(TOO_BUSY)
            self.transport.close()
            return
        self.admitted = True
        self._lifetime = self.loop.call_later(self.guard.limits.session_lifetime, self._lifetime_over)
        await super()._handle_client()

    def connection_lost(self, error):
        if self.admitted:
            self.guard.release(self)
            self.admitted = False
        if self._lifetime is not None:
            self._lifetime.cancel()
        super().connection_lost(error)

    def in_transaction(self):
        return self.envelope is not None and self.envelope.mail_from is not None

    def _reset_timeout(self, duration=None):
        # aiosmtpd calls this on connecting and after each valid command: that is activity.
        self.last_active = time.monotonic()
        super()._reset_timeout(duration)

    def _timeout_cb(self):
        self.close_with(TIMED_OUT)

    def _lifetime_over(self):
        if self.receiving:
            self.expired = True
        else:
            self.close_with(SESSION_TOO_LONG)

    def close_with(self, reply):
        """Say `reply` and hang up; from the event loop, between two of this session's replies."""
        if self.transport is None or self.transport.is_closing():
            return
        self.transport.write(f"{reply}\r\n".encode())
        self.transport.close()                   # after what was written has gone out

    @syntax("DATA")
    async def smtp_DATA(self, arg):
        if self.guard.in_data >= self.guard.limits.concurrent_data:
            await self.push(TOO_MANY_IN_DATA)
            self.transport.close()
            return
        self.guard.in_data += 1
        self.receiving = True
        self._reset_timeout(self.guard.limits.data_timeout)
        # RFC 1870 sizes the message without the dots of dot-stuffing; aiosmtpd counts them.
        # Let it read what stuffing can add (a byte per line of 3 or more: a third at most);
        # the handler then holds the message itself to the limit, as Postfix in front does.
        limit = self.data_size_limit
        if limit:
            self.data_size_limit = limit + limit // 3 + 3
        try:
            await self._receive_data(arg)
        finally:
            self.data_size_limit = limit
            self.guard.in_data -= 1
            self.receiving = False
            if self.transport is not None:
                self._reset_timeout()            # the idle clock again
        if self.expired:
            self.close_with(SESSION_TOO_LONG)

    async def _receive_data(self, arg):
        """aiosmtpd's DATA, with the section read by DataReader."""
        if await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        try:
            draft = await DataReader(self._reader, self.data_size_limit, self.event_handler.new_draft()).read()
        except asyncio.CancelledError:        # the connection went away during DATA
            self._writer.close()
            raise
        if draft is None:
            self._set_post_data_state()
            await self.push(TOO_MUCH_DATA)
            return
        # The handler reads `envelope.draft`; a big draft is on disk, so the content is None.
        self.envelope.draft = draft
        self.envelope.original_content = self.envelope.content = draft.data
        try:
            status = await self._call_handler_hook("DATA")
        except Exception:
            draft.discard()
            raise
        # Spooled or refused, the spill file goes. Not on cancellation: the spool write may
        # still be running in its thread, which discards the draft when it is done (D3).
        draft.discard()
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)


def server_factory(handler, limits):
    """A protocol factory for `loop.create_server`, one GuardedSMTP per connection."""
    guard = Guard(limits)
    hostname = socket.gethostname()      # once: aiosmtpd would call getfqdn() per connection

    def factory():
        # The running loop given, not looked up by aiosmtpd under a warnings filter (per connection).
        return GuardedSMTP(handler, guard, data_size_limit=limits.message_size,
                           decode_data=False, enable_SMTPUTF8=True, hostname=hostname,
                           ident="mailrouter", command_call_limit=limits.command_call_limit,
                           timeout=limits.idle_timeout, loop=asyncio.get_running_loop())
    factory.guard = guard
    return factory
