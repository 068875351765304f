"""A sender repeating itself to the alias is held, not filed (R4): no case, no ack, no forwards.

Reads: msg, mail_from, raw, recipient, dedup_key, released. Sets: nothing; stops the flow
when the sender is throttled (cases/throttle.py). The message is held, like automatic
mail, so `mailrouter queue release` can still file it; the admin is told once per run of
repeats.
"""

import json

from mailrouter.errors import Stop
from mailrouter.mail.message import sole_mailbox

REASON = "the sender repeats itself to the alias (throttled)"


def run(item, ctx):
    mailbox = sole_mailbox(item.msg)
    sender = mailbox.addr_spec if mailbox else item.mail_from
    if item.released or not sender:
        return
    verdict = ctx.throttle.judge(sender, item.msg, item.dedup_key, ctx.clock.now())
    if not verdict.throttled:
        return
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": REASON, "received": ctx.clock.now().isoformat(), "envelope": envelope})
    if verdict.first:
        limits = ctx.config.limits
        ctx.alerts.send(f"throttle:{item.dedup_key}", "a sender repeats itself to the alias; its mail is held",
                        detail=f"more than {limits.repeats_per_sender} messages with repeated text within "
                               f"{limits.repeat_window / 60:g} minutes; later repeats are held without "
                               "another alert while they go on",
                        kept="in the held folder (`mailrouter queue`, `mailrouter queue release ID`)",
                        entry=item.entry_id)
    raise Stop(REASON)
