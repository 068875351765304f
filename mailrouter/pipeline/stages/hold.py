"""Keep automatic mail (bounces, auto-replies, loops) where an admin can see it; answer nothing.

Reads: raw, reason. Sets: nothing.
"""


def run(item, ctx):
    ctx.held.put(item.raw, {"reason": item.reason, "received": ctx.clock.now().isoformat()})
