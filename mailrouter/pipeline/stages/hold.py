"""Keep automatic mail (bounces, auto-replies, loops) where an admin can see it; answer nothing.

Reads: raw, reason, mail_from, recipient. Sets: nothing. The envelope is kept (sealed) so
that `mailrouter queue release` can send a message held by mistake through the pipeline.
"""

import json


def run(item, ctx):
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": item.reason, "received": ctx.clock.now().isoformat(),
                            "envelope": envelope})
