"""Who wrote the report, and whose words it carries (kept apart from the case by open_case).

Reads: msg, raw, mail_from, reader. Sets: identity (privacy.identify: list rewriting, shared
mailboxes and forwards by intermediaries undone; under a backlog, the identity the reading
process found ahead with the same function, bytes and settings, pipeline/reading.py).
"""

from mailrouter.errors import Stop
from mailrouter.mail.limits import Unreadable
from mailrouter.mail.message import sole_mailbox
from mailrouter.privacy.identify import reporter_identity


class ReusedMessageId(Unreadable):
    """Not the filed report again but another writer's mail with its Message-ID (a broken
    client, or a guess): neither dropped as a duplicate nor filed, set aside for a person.
    The case its key leads to is the other report's: the admin's alert does not name it, and
    its writer gets the notice the reporter of that case already had in an acknowledgement."""
    not_its_case = True


def run(item, ctx):
    known = ctx.store.by_message.get(item.dedup_key)
    duplicate = known and item.dedup_key in ctx.store.get(known).get("processed", [])
    ahead = item.reader and (item.reader.identity_ahead(item.raw, ctx.committee, ctx.own_addresses)
                             or item.reader.identify(item.raw, item.mail_from, ctx.committee, ctx.own_addresses))
    item.identity = ahead or reporter_identity(item.msg, item.raw, item.mail_from, ctx.committee,
                                               ctx.own_addresses)
    if duplicate:
        if ctx.reporters.known(known) and not _same_writer(item, ctx, known):
            raise ReusedMessageId("its Message-ID is that of a report filed from another address")
        raise Stop(f"duplicate of a message already filed as case {known}")


def _same_writer(item, ctx, code):
    """The duplicate comes from an address the case's reporter wrote from: the envelope, the
    From, or the author found behind a list's or a forwarder's rewriting (the identity)."""
    mailbox = sole_mailbox(item.msg)
    addresses = (item.mail_from, mailbox and mailbox.addr_spec, *item.identity.addresses)
    return any(ctx.reporters.wrote_from(code, address) for address in addresses if address)
