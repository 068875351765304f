"""Who wrote the report, and whose words it carries (kept apart from the case by open_case).

Reads: msg, raw, mail_from. Sets: identity (privacy.identify: list rewriting, shared
mailboxes and forwards by intermediaries undone).
"""

from mailrouter.errors import Stop
from mailrouter.privacy.identify import reporter_identity


def run(item, ctx):
    known = ctx.store.by_message.get(item.dedup_key)
    if known and item.dedup_key in ctx.store.get(known).get("processed", []):
        raise Stop(f"duplicate of a message already filed as case {known}")
    item.identity = reporter_identity(item.msg, item.raw, item.mail_from, ctx.committee, ctx.own_addresses)
