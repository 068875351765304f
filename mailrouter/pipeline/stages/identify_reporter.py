"""Who wrote the report, and whose words it carries (kept apart from the case by open_case).

Reads: msg, raw, mail_from, reader. Sets: identity (privacy.identify: list rewriting, shared
mailboxes and forwards by intermediaries undone; under a backlog, the identity the reading
process found ahead with the same function, bytes and settings, pipeline/reading.py).
"""

from mailrouter.errors import Stop
from mailrouter.privacy.identify import reporter_identity


def run(item, ctx):
    known = ctx.store.by_message.get(item.dedup_key)
    if known and item.dedup_key in ctx.store.get(known).get("processed", []):
        raise Stop(f"duplicate of a message already filed as case {known}")
    ahead = item.reader and item.reader.identity_ahead(item.raw, ctx.committee, ctx.own_addresses)
    item.identity = ahead or reporter_identity(item.msg, item.raw, item.mail_from, ctx.committee,
                                               ctx.own_addresses)
