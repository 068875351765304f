"""A vacation or out-of-office reply to a case address: recorded, never relayed (L7).

Reads: code, participant, reason, raw. Sets: nothing.
"""


def run(item, ctx):
    ctx.store.log(item.code, "automatic reply (not relayed)", by=item.participant, reason=item.reason)
    ctx.held.put(item.raw, {"reason": item.reason, "case": item.code,
                            "received": ctx.clock.now().isoformat()})
