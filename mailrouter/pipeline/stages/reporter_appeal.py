"""The reporter writes on a resolved case's thread: that is an appeal (or too late for one)."""

from mailrouter.casework import appeals
from mailrouter.errors import Discard


def run(item, ctx):
    if item.code in ctx.store.open_codes:
        return
    text = ctx.reporters.scrubber(item.code).text(appeals.text_of(item.msg))
    envelope = ctx.reporters.envelope(item.code)
    outcome = appeals.handle(ctx, item.code, item.msg, text, envelope.address if envelope else "",
                             envelope is not None, item.dedup_key)
    case = ctx.store.get(item.code)
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]})
    raise Discard(f"{outcome} for case {item.code}")
