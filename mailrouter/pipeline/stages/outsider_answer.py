"""An answer to our mail to members from someone outside the committee: held, never relayed.

As at a member's case address (stages/authenticate.py), someone who is not the holder cannot
post into a case: the message is recorded on the case and held for the admin (sealed, so
`mailrouter queue release` can still file it), the admin is alerted once a day per case, the
member whose mail it answers is told (once a day, only while still on the case), and its
writer is sent nothing: not the case, not that it exists. Only the case's reporter, writing
from their own address, goes on: their words are their addition.

Reads: msg, code, raw, mail_from, recipient, entry_id. Sets: nothing; stops the flow unless
the sender is the case's reporter.
"""

import json

from mailrouter.cases.reference import answered_member_mail
from mailrouter.errors import Stop
from mailrouter.outbound.case_mail import on_case, to_members
from mailrouter.pipeline.stages import authenticate

REASON = "an answer to the committee's mail about a case from outside the committee (held, not relayed)"
TEXT = ("Someone outside the committee answered, at the committee's address, mail about this case "
        "that was sent to you (perhaps it was forwarded from your mailbox). It was not shared with "
        "anyone and nothing was sent back to its writer; the admin keeps it. Please make sure "
        "case mail is not forwarded outside the committee.")


def run(item, ctx):
    try:
        authenticate.run(item, ctx)        # the case's reporter, from their own address
        return
    except Stop:
        pass
    envelope = json.dumps({"mail_from": item.mail_from, "rcpt_tos": [item.recipient]})
    ctx.held.put(item.raw, {"reason": REASON, "case": item.code, "received": ctx.clock.now().isoformat(),
                            "envelope": envelope})
    day = ctx.clock.now().date().isoformat()
    ctx.alerts.send(f"outsider-answer:{item.code}:{day}", "mail from outside the committee answered case mail; "
                    "it is held", detail="a message sent to the committee's address answers mail we sent to "
                    "members about the case; it was not relayed and its writer was sent nothing (further such "
                    "mail today on this case is held without another alert)",
                    kept="in the held folder (`mailrouter queue`, `mailrouter queue release ID`)",
                    case=item.code, entry=item.entry_id)
    raise Stop(REASON, notice=tell_holder,
               event={"kind": "answer from outside the committee (held, not relayed)", "by": "unknown"})


def tell_holder(item, ctx):
    """The member whose thread it answers, while still on the case."""
    found = answered_member_mail(item.msg, ctx.store)
    holder = found[1] if found else None
    member = ctx.committee.reader(holder.split(":", 1)[1]) if holder and holder.startswith("member:") else None
    if member is None or not on_case(ctx, ctx.store.get(item.code), member):
        return
    day = ctx.clock.now().date().isoformat()
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] An answer from outside the committee was not shared",
                                   body=ctx.composer.render("notice.txt.j2", code=item.code, text=TEXT),
                                   auto_submitted="auto-generated")
    to_members(ctx, item.code, [member], msg, "outsider-answer-notice", f"outsider:{item.code}:{holder}:{day}")
