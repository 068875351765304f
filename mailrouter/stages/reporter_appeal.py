"""The reporter writes on a resolved case's thread: that is an appeal (or too late for one)."""

from mailrouter import appeals
from mailrouter.errors import Discard
from mailrouter.scrub import Scrubber


def run(item, ctx):
    if item.code in ctx.store.open_codes:
        return
    identity = ctx.identities.get(item.code)
    text = Scrubber(identity).text(appeals.text_of(item.msg))
    outcome = appeals.handle(ctx, item.code, item.msg, text, identity.addresses[0], True, item.dedup_key)
    case = ctx.store.get(item.code)
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]})
    raise Discard(f"{outcome} for case {item.code}")
