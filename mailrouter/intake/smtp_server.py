"""aiosmtpd's SMTP with the caps it lacks (S5): connections in all and per client, and
messages in DATA at once. Excess gets `421 4.7.0` and the connection is closed. DATA is
read by `data_phase.DataReader`, which takes bare-LF line ends as line ends.
"""

import asyncio
import socket

from aiosmtpd.smtp import MISSING, SMTP, syntax

from mailrouter.intake.data_phase import DataReader

TOO_BUSY = "421 4.7.0 Too many connections, please try again later"
TOO_MANY_IN_DATA = "421 4.7.0 Too many messages in progress, please try again later"
TOO_MUCH_DATA = "552 Error: Too much mail data"          # aiosmtpd's own answer


class Guard:
    """Counts connections and DATA transfers; all calls come from the event loop."""

    def __init__(self, limits):
        self.limits = limits
        self.total = 0
        self.per_client = {}
        self.in_data = 0

    def admit(self, client):
        if self.total >= self.limits.connections or \
                self.per_client.get(client, 0) >= self.limits.connections_per_client:
            return False
        self.total += 1
        self.per_client[client] = self.per_client.get(client, 0) + 1
        return True

    def release(self, client):
        self.total -= 1
        left = self.per_client.get(client, 1) - 1
        if left:
            self.per_client[client] = left
        else:
            self.per_client.pop(client, None)


class GuardedSMTP(SMTP):
    def __init__(self, handler, guard, **kwargs):
        super().__init__(handler, **kwargs)
        self.guard = guard
        self._admitted_as = None
        self.message_size_limit = self.data_size_limit     # the handler holds DATA to it

    async def _handle_client(self):
        peer = self.session.peer[0] if self.session.peer else "unknown"
        if not self.guard.admit(peer):
            await self.push(TOO_BUSY)
            self.transport.close()
            return
        self._admitted_as = peer
        await super()._handle_client()

    def connection_lost(self, error):
        if self._admitted_as is not None:
            self.guard.release(self._admitted_as)
            self._admitted_as = None
        super().connection_lost(error)

    @syntax("DATA")
    async def smtp_DATA(self, arg):
        if self.guard.in_data >= self.guard.limits.concurrent_data:
            await self.push(TOO_MANY_IN_DATA)
            self.transport.close()
            return
        self.guard.in_data += 1
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
            content = await DataReader(self._reader, self.data_size_limit).read()
        except asyncio.CancelledError:        # the connection went away during DATA
            self._writer.close()
            raise
        if content is None:
            self._set_post_data_state()
            await self.push(TOO_MUCH_DATA)
            return
        self.envelope.original_content = content
        self.envelope.content = content.decode("utf-8", "surrogateescape") if self._decode_data else content
        status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)


def server_factory(handler, limits):
    """A protocol factory for `loop.create_server`, one GuardedSMTP per connection."""
    guard = Guard(limits)
    hostname = socket.gethostname()      # once: aiosmtpd would call getfqdn() per connection

    def factory():
        return GuardedSMTP(handler, guard, data_size_limit=limits.message_size,
                           decode_data=False, enable_SMTPUTF8=True, hostname=hostname,
                           ident="mailrouter", command_call_limit=limits.command_call_limit,
                           timeout=limits.data_timeout)
    factory.guard = guard
    return factory
