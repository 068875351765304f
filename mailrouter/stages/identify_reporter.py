"""Who wrote the report: the one From mailbox, else the envelope sender (kept apart later)."""

from mailrouter.declarations import own_text, wants_to_share
from mailrouter.errors import Discard
from mailrouter.message import HEADER_END, normalise_line_ends, sole_mailbox
from mailrouter.store.identities import Identity


def run(item, ctx):
    known = ctx.store.by_message.get(item.dedup_key)
    if known and item.dedup_key in ctx.store.get(known).get("processed", []):
        raise Discard(f"duplicate of a message already filed as case {known}")
    mailbox = sole_mailbox(item.msg)
    address = mailbox.addr_spec if mailbox else item.mail_from
    addresses = [address] + [a for a in [item.mail_from] if a and a.lower() != address.lower()]
    head = normalise_line_ends(item.raw).split(HEADER_END, 1)[0]
    item.identity = Identity(tuple(addresses), mailbox.display_name if mailbox else "",
                             (head.decode("utf-8", "replace"),),
                             share=wants_to_share(own_text(item.msg)))
