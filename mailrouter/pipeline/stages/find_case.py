"""Which case and which participant a reply address belongs to."""

from mailrouter.errors import Discard
from mailrouter.cases.tokens import digest


def run(item, ctx):
    token = ctx.replies.token_of(item.recipient)
    found = ctx.store.by_token.get(digest(token)) if token else None
    if found is None:
        raise Discard("reply address no longer valid")
    item.code, item.participant = found
    if item.dedup_key in ctx.store.get(item.code).get("processed", []):
        raise Discard("duplicate reply")
