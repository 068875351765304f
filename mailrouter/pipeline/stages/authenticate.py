"""Only the holder of a reply address, writing from their own address, posts into a case.

A4: an unauthorised reply is recorded and not relayed; the legitimate holder is told (at
most once a day per case); the forger gets nothing, not even a bounce.

Reads: msg, code, participant. Sets: nothing; stops the flow on a forged or unverified sender.
"""

from mailrouter.casework.moderation import warn_moderator
from mailrouter.mail.authentication import sender_problem
from mailrouter.casework import reported_person
from mailrouter.outbound.case_mail import on_case, to_members, to_reporter
from mailrouter.errors import Stop


def run(item, ctx):
    if item.participant == "reporter":
        expected = ctx.reporters.senders(item.code)
    elif item.participant == reported_person.PARTICIPANT:
        expected = reported_person.expected_sender(ctx, item.code)
    else:
        expected = (item.participant.split(":", 1)[1],)
    problem = sender_problem(item.msg, expected, ctx.config.authserv_id)
    if problem is None:
        return
    raise Stop(f"unauthorised reply: {problem}", notice=warn_holder,
               event={"kind": "unauthorised reply (not relayed)", "by": "unknown",
                      "as": AS.get(item.participant, "a member"),
                      "reason": problem})


AS = {"reporter": "reporter", reported_person.PARTICIPANT: "the reported person"}


def warn_holder(item, ctx):
    day = ctx.clock.now().date().isoformat()
    body = ctx.composer.render(
        "notice.txt.j2", code=item.code,
        text="Someone sent a message to this case using your reply address, but not from your "
             "address (or without passing our mail server's checks). It was not shared with "
             "anyone. If it was you, please write from the address this message came to.")
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] A message in your name was not shared",
                                   body=body, auto_submitted="auto-generated")
    key = f"forgery:{item.code}:{item.participant}:{day}"
    if item.participant == "reporter":
        to_reporter(ctx, item.code, msg, "forgery-notice", key)
        return
    if item.participant == reported_person.PARTICIPANT:
        # Not the reporter's subject: their answer to the alias must not pass for the reporter's.
        msg.replace_header("Subject", f"[{item.code}] For you: a message in your name was not shared")
        reported_person.to_reported(ctx, item.code, msg, "forgery-notice-reported", key)
        return
    if item.participant.startswith("moderator:"):
        warn_moderator(ctx, item.code, item.participant, msg, key)     # only one still on the case
        return
    member = ctx.committee.reader(item.participant.split(":", 1)[1])   # a member or an interim reader
    # Only a member still on the case hears about it (invariant 1).
    if on_case(ctx, ctx.store.get(item.code), member):
        to_members(ctx, item.code, [member], msg, "forgery-notice", key)
