"""aiosmtpd's SMTP with the caps it lacks (S5): connections in all and per client, and
messages in DATA at once. Excess gets `421 4.7.0` and the connection is closed.
"""

import socket

from aiosmtpd.smtp import SMTP, syntax

TOO_BUSY = "421 4.7.0 Too many connections, please try again later"
TOO_MANY_IN_DATA = "421 4.7.0 Too many messages in progress, please try again later"


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
            await super().smtp_DATA(arg)
        finally:
            self.data_size_limit = limit
            self.guard.in_data -= 1


def server_factory(handler, limits):
    """A protocol factory for `loop.create_server`, one GuardedSMTP per connection."""
    guard = Guard(limits)
    hostname = socket.gethostname()      # once: aiosmtpd would call getfqdn() per connection

    def factory():
        return GuardedSMTP(handler, guard, data_size_limit=limits.message_size,
                           decode_data=False, enable_SMTPUTF8=False, hostname=hostname,
                           ident="mailrouter", command_call_limit=limits.command_call_limit,
                           timeout=limits.data_timeout)
    factory.guard = guard
    return factory
