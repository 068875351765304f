"""A vacation or out-of-office reply to a case address: recorded, never relayed (L7).

Reads: code, participant, reason, raw, mail_from, recipient. Sets: nothing.
"""

import json


def run(item, ctx):
    ctx.store.log(item.code, "automatic reply (not relayed)", by=item.participant, reason=item.reason)
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": item.reason, "case": item.code,
                            "received": ctx.clock.now().isoformat(), "envelope": envelope})
