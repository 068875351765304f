"""Which case a non-member's answer to our mail to members belongs to, at the alias (F4).

A member forwards a case's forward to a colleague, or their mailbox forwards it to a helpdesk
or a second address; the answer goes to the forward's From, the alias. It answers a case (one
of its Message-IDs in In-Reply-To/References, or a code name in brackets in its subject):
never a new case, whose acknowledgement would tell its writer the case and whose forward
would carry the first case's forward to every member.

Reads: msg, dedup_key. Sets: code, participant ("reporter": only the case's reporter, writing
from their own address, adds to it; `outsider_answer` holds anyone else's). Stops when the
case is gone or the message was processed already.
"""

from mailrouter.cases.reference import answered_member_mail
from mailrouter.errors import Stop


def run(item, ctx):
    found = answered_member_mail(item.msg, ctx.store)
    if found is None:
        raise Stop("the case it answers no longer exists")
    item.code, item.participant = found[0], "reporter"
    if item.dedup_key in ctx.store.get(item.code).get("processed", []):
        raise Stop("duplicate answer")
