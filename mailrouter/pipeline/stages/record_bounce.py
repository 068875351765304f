"""Record a bounce against the mailbox it came from; on a hard one, tell the admin and chair.

Reads: bounced, bounce, delivery, code, dedup_key, raw. Sets: nothing. Every bounce is
counted in the mailbox's record and, when the delivery was about a case, in its log. A
hard one (5.x.x, or a bounce without a DSN) marks the mailbox failing, is held for the
admin, alerts the admin (once per address and day) and tells the case's chairs who are
on the case (never the failing member, never the reporter; nothing about conflicts). A
soft one (4.x.x) is recorded only. The case goes on, and the bounce is never answered.
"""

from mailrouter.casework.notices import tell_members
from mailrouter.outbound.case_mail import audience
from mailrouter.outbound.mailboxes import PROBLEM_EVENTS


def run(item, ctx):
    bounce, now = item.bounce, ctx.clock.now()
    ctx.mailboxes.record(item.bounced, bounce.severity, bounce.status, now, item.dedup_key,
                         item.delivery.entry)
    if item.code:
        ctx.store.log(item.code, PROBLEM_EVENTS[bounce.severity], member=item.bounced,
                      status=bounce.status or "-", entry=item.delivery.entry)
    if bounce.severity != "hard":
        return
    ctx.held.put(item.raw, {"reason": "hard bounce from a committee mailbox", "case": item.code,
                            "received": now.isoformat()})
    day, name = now.date().isoformat(), _name(ctx, item.bounced)
    said = f"{_said(bounce)}{': ' + bounce.diagnostic if bounce.diagnostic else ''}"
    ctx.alerts.send(f"bounce:{item.bounced.lower()}:{day}", "a committee mailbox is failing",
                    detail=f"mail to {name or 'a committee address'} bounced ({said}). The case goes "
                           "on; their mail keeps bouncing until the address works or members.yaml changes.",
                    kept="the bounce is held; `mailrouter case show` lists it on its case",
                    case=item.code, entry=item.delivery.entry)
    if item.code:
        _tell_chairs(item, ctx, f"{name} <{item.bounced}>" if name else item.bounced, day)


def _tell_chairs(item, ctx, who, day):
    chairs = [m for m in audience(ctx, ctx.store.get(item.code))
              if "chair" in m.roles and m.email.lower() != item.bounced.lower()]
    text = (f"Mail about this case to {who} could not be delivered: their mail server answered "
            f"that the mailbox does not take it ({_said(item.bounce)}). The case goes on; you may "
            "want to reach them another way. The admin has been told.")
    tell_members(ctx, item.code, chairs, text, "delivery-problem",
                 f"delivery-problem:{item.code}:{item.bounced.lower()}:{day}", subject="Delivery problem")


def _name(ctx, address):
    member = ctx.committee.member(address)
    contact = next((c for c in ctx.committee.escalation if c.email.lower() == address.lower()), None)
    return (member or contact).name if (member or contact) else ""


def _said(bounce):
    status = f"status {bounce.status}" if bounce.status else "no status given"
    return f"{status}, {'a delivery status notification' if bounce.form == 'dsn' else 'a plain bounce'}"
