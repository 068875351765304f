"""The reported person or a moderator wrote to the alias about a case that wrote to them.

Never a new case. It joins the case as their reply (the stages after this one are those of
their reply address) when it answers a message of their own thread (a Message-ID only they
were sent), or when our front MTA verified the sender (`authserv_id` set and DMARC or aligned
SPF passing, A3). A code name in the subject alone proves nothing (the reporter sees it too):
the reported person's words still reach the members on the case, marked unconfirmed (never
a #review), unless the front MTA verifies senders and did not verify this one; those, and a
moderator's (an answer is a decision), are held for the admin, and the sender is told how to
reply (casework/party_to_alias.py).

Reads: msg, mail_from, raw, dedup_key. Sets: code, participant ("reported" or
"moderator:<address>"), unconfirmed; stops when no case wrote to the sender any more, for a
moderator unproven, or for a duplicate.
"""

from mailrouter.casework.party_to_alias import tell_how_to_reply
from mailrouter.cases.reference import party_case
from mailrouter.errors import Stop
from mailrouter.mail.authentication import sender_problem


def run(item, ctx):
    found = party_case(item.msg, item.mail_from, ctx.store)
    if found is None:                 # classify saw it; a command since may have changed the case
        raise Stop("party's mail about a case: no case wrote to the sender any more")
    code, participant, proven = found
    sender = participant.split(":", 1)[1] if ":" in participant else \
        ctx.store.get(code)["reported_contact"]["email"]
    verified = bool(ctx.config.authserv_id) and sender_problem(item.msg, (sender,), ctx.config.authserv_id) is None
    item.unconfirmed = not (proven or verified)
    # Behind a front MTA that verifies (authserv_id), unverified mail is not the sender's: the
    # reply stages would refuse it, its words lost. Held, as a moderator's, and they are told.
    if item.unconfirmed and (participant != "reported" or ctx.config.authserv_id):
        ctx.held.put(item.raw, {"reason": "a party's mail to the alias about a case (not relayed)", "case": code,
                                "received": ctx.clock.now().isoformat()})
        raise Stop("party's mail to the alias about a case: unproven, held; told how to reply",
                   notice=lambda item, ctx: tell_how_to_reply(ctx, code, participant, item.dedup_key))
    item.code, item.participant = code, participant
    if item.dedup_key in ctx.store.get(code).get("processed", []):
        raise Stop("duplicate reply")
