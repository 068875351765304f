"""The reporter writes on a resolved case's thread: that is an appeal (or too late for one).

Reads: code, msg, dedup_key. Sets: nothing; stops the flow when the case is resolved.
"""

from mailrouter.casework import appeals
from mailrouter.errors import Stop


def run(item, ctx):
    if item.code in ctx.store.open_codes:
        return
    text = ctx.reporters.scrubber(item.code).text(appeals.text_of(item.msg))
    envelope = ctx.reporters.envelope(item.code)
    outcome = appeals.handle(ctx, item.code, item.msg, text, envelope.address if envelope else "",
                             envelope is not None, item.dedup_key)
    raise Stop(f"{outcome} for case {item.code}")
