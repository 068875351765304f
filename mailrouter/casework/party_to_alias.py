"""A moderator wrote to the alias about their case, unproven: how to reply instead.

Their mail joins the case (never a new report) when it answers a message of their own thread
or the sender passed our front MTA's checks (pipeline/stages/find_party_case.py). Otherwise a
code name in the subject is all it has, and the reporter sees that too: a moderator's answer
is a decision, so it is held for the admin and the moderator is told, at their own address
(a forger reaches nobody else), how to write. (The reported person's words are relayed
instead, marked unconfirmed; `tell_how_to_reply` serves them too.) The notice says nothing of the case beyond its code name: nothing of
the reporter, nor of who is on the committee.
"""

from mailrouter.casework import reported_person
from mailrouter.casework.moderation import on_case_as_moderator, to_moderators

HOW_TO_REPLY = ("Your message to the committee's address was about this case, but it could not be "
                "confirmed as yours, so it was not shared with anyone.\n\n"
                "To write to the committee about it, reply to the committee's last message to you: "
                "its Reply-To is your own address for this case.")


def tell_how_to_reply(ctx, code, participant, key):
    """Tell the reported person or the moderator (once a day per case) how to reply."""
    day = ctx.clock.now().date().isoformat()
    body = ctx.composer.render("notice.txt.j2", code=code, text=HOW_TO_REPLY)
    # Not a subject of ours to the reporter (cases/message_ids.py): an answer must not pass for theirs.
    msg = ctx.composer.unaddressed(subject=f"[{code}] For you: how to write about this case", body=body,
                                   auto_submitted="auto-replied")
    key = f"party-how-to-reply:{code}:{participant}:{day}"
    if participant == reported_person.PARTICIPANT:
        reported_person.to_reported(ctx, code, msg, "how-to-reply", key)
        return
    _, moderator = on_case_as_moderator(ctx, ctx.store.get(code), participant.split(":", 1)[1])
    if moderator is not None:            # only one who may still receive mail about the case
        to_moderators(ctx, code, [moderator], msg, "moderator-how-to-reply", key)
