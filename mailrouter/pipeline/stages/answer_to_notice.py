"""A person answered our notice that their message is held: the admin hears of it (L1, issue 11).

The answer is held like any mail to that notice (hold ran first). When it is a person's (no
automatic headers, no auto-reply subject, not a list's, from a plausible address), the admin
is told that someone answered, without its text (the message it answers was set aside
unread), and the writer gets the same short "a person will look at it" notice, once per
held message their answer names (our signed Message-ID; without one, once per sender and
day), within the daily cap. An automatic answer stays held in silence.

Reads: reason, msg, mail_from, entry_id. Sets: nothing.
"""

from mailrouter.casework.quarantine import answered_entry, reassure
from mailrouter.mail.addresses import plausible_human
from mailrouter.mail.message import header
from mailrouter.mail.screening import AUTOREPLY_SUBJECT, NOTICE_ANSWER, no_ack_reason


def run(item, ctx):
    sender = item.mail_from
    if item.reason != NOTICE_ANSWER or not plausible_human(sender, ctx.own_addresses):
        return
    if AUTOREPLY_SUBJECT.match(header(item.msg, "Subject")) or no_ack_reason(item.msg, sender, ctx.own_addresses):
        return
    answered = answered_entry(ctx, item.msg)
    about = answered or f"{ctx.ledger.sender_key(sender)}:{ctx.clock.now().date().isoformat()}"
    ctx.alerts.send(f"notice-answer:{about}", "a person answered our notice about a held message",
                    detail="they wrote back to the notice that their message was received and will be looked "
                           "at; their answer is held, not filed, and its text is not shown here"
                           + (f" (it answers the notice about entry {answered})" if answered else ""),
                    kept="in the held folder (`mailrouter queue`, `mailrouter queue release ID`)",
                    entry=item.entry_id)
    reassure(ctx, sender, f"notice-answer:{about}", f"notice-answer:{about}", answered or item.entry_id)
