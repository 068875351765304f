"""Which delivery a bounce to a signed return path (`conduct+b-…@`) came back from.

Reads: recipient, msg, mail_from, raw, dedup_key. Sets: delivery, bounced, bounce, code
(the case the delivery was about, if any). Holds the message for the admin and stops when
the signature fails, when it is no bounce (an auto-reply to the return path, a read
receipt), when it reports no failure, or when its address is no longer on the committee.
"""

from mailrouter.errors import Stop
from mailrouter.mail.bounces import read_bounce


def run(item, ctx):
    delivery = ctx.return_paths.verify(ctx.replies.return_token_of(item.recipient))
    if delivery is None:
        _hold(item, ctx, "bounce to a return path whose signature fails")
    bounce = read_bounce(item.msg, item.mail_from)
    if bounce is None or bounce.severity == "none":
        _hold(item, ctx, "mail to a return path that reports no failed delivery")
    committee = ctx.committee
    bounced = ctx.return_paths.recipient_in(delivery, [m.email for m in committee.members] +
                                            [c.email for c in committee.interim_pool])
    if bounced is None:
        _hold(item, ctx, "bounce for an address no longer on the committee")
    item.delivery, item.bounced, item.bounce = delivery, bounced, bounce
    code = ctx.return_paths.case_in(delivery, sorted(ctx.store.names))
    if code and ctx.store.exists(code):
        item.code = code
        if item.dedup_key in ctx.store.get(code).get("processed", []):
            raise Stop("duplicate bounce")


def _hold(item, ctx, reason):
    ctx.held.put(item.raw, {"reason": reason, "received": ctx.clock.now().isoformat()})
    raise Stop(f"{reason} (held)")
