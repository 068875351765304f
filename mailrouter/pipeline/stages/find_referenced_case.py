"""A member wrote to the alias about a case: never a new case; a reply only when proven.

A member's `#cases` to the alias is answered at their own address (only when verified: the
same rule), and files nothing.

Reads: msg, mail_from. Sets: code, participant (the member). Mail to the alias carries no
secret (a code name is in every subject the reporter sees), so it joins the case as the
member's reply only when our front MTA verified the sender (`authserv_id` set and DMARC or
aligned SPF passing, A3) and the member is on the case; the member-reply stages then run
as for a reply address. Otherwise the member is told how to reply (at their own address,
so a forger reaches nobody but them) and the message is held for the admin.
"""

from mailrouter.mail.authentication import sender_problem
from mailrouter.outbound.case_mail import member_participant, on_case, return_path
from mailrouter.cases.reference import referenced_case, sender_member
from mailrouter.commands.records import answer_memory, asks_memory
from mailrouter.errors import Stop

HOW_TO_REPLY = ("Your message to the committee's address looked like a reply to case mail, so it "
                "was not filed as a new report and was not shared with anyone.\n\n"
                "To write about a case, reply to the case mail you received: its Reply-To is your "
                "own address for that case. To make a new report, write a new message that does "
                "not quote case mail.")


def run(item, ctx):
    member = sender_member(item.msg, item.mail_from, ctx.committee)
    code = referenced_case(item.msg, ctx.store)
    verified = member is not None and ctx.config.authserv_id and \
        sender_problem(item.msg, (member.email,), ctx.config.authserv_id) is None
    if member is not None and code is None and asks_memory(item.msg) is not None:
        raise Stop("member's #cases to the alias: answered" if verified else "member's #cases to the alias: "
                   "unverified, answered with how to ask", notice=lambda item, ctx: answer_memory(
                       ctx, member, asks_memory(item.msg) if verified else None, item.dedup_key))
    if member is None or code is None:        # classify saw both; a reload may have changed it
        raise Stop("member's mail about a case: case or member no longer known")
    if not verified or not on_case(ctx, ctx.store.get(code), member):
        ctx.held.put(item.raw, {"reason": "a member's mail to the alias about a case (not relayed)",
                                "received": ctx.clock.now().isoformat()})
        raise Stop("member's mail to the alias about a case: answered with how to reply, held",
                   notice=lambda item, ctx: _answer(ctx, member, item.dedup_key))
    item.code, item.participant = code, member_participant(member)
    if item.dedup_key in ctx.store.get(code).get("processed", []):
        raise Stop("duplicate reply")


def _answer(ctx, member, key):
    msg = ctx.composer.unaddressed(subject="How to write to the committee about a case",
                                   body=ctx.composer.render("member_how_to_reply.txt.j2", text=HOW_TO_REPLY),
                                   auto_submitted="auto-replied")
    ctx.composer.address(msg, to=member.email, to_name=member.name)
    ctx.outbox.enqueue(f"how-to-reply:{key}", return_path(ctx, f"how-to-reply:{key}", member.email),
                       member.email, ctx.composer.as_bytes(msg),
                       kind="how-to-reply", case=None)
    ctx.poke()
