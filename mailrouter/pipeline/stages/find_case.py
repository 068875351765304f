"""Which case and which participant a reply address belongs to.

Reads: recipient, dedup_key. Sets: code, participant; stops on an unknown address, a removed
or inactive member's (they are dead: issue 12), or a duplicate.
"""

from mailrouter.cases.availability import live_participant

from mailrouter.errors import Stop
from mailrouter.cases.tokens import digest


def run(item, ctx):
    token = ctx.replies.token_of(item.recipient)
    found = ctx.store.by_token.get(digest(token)) if token else None
    if found is None or not live_participant(ctx.committee, ctx.departures, found[1]):
        raise Stop("reply address no longer valid")
    item.code, item.participant = found
    if item.dedup_key in ctx.store.get(item.code).get("processed", []):
        raise Stop("duplicate reply")
