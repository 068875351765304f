"""A vacation or out-of-office reply to a case address: recorded, never relayed (L7)."""


def run(item, ctx):
    case = ctx.store.get(item.code)
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]},
                     event={"kind": "automatic reply (not relayed)", "by": item.participant
                            if item.participant != "reporter" else "reporter", "reason": item.reason})
    ctx.held.put(item.raw, {"reason": item.reason, "case": item.code,
                            "received": ctx.clock.now().isoformat()})
