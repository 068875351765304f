"""Share a member's words with the other members on the case, in their own threads.

Quoted earlier case mail and the `-- ` signature are trimmed (everyone already has the
earlier mail); commands are not relayed; attachments are.

Reads: reply (set by run_commands), msg, code, participant, dedup_key. Sets: nothing.
"""

from mailrouter.mail.message import header
from mailrouter.outbound.case_mail import audience, to_members


def run(item, ctx):
    reply = item.reply
    case = ctx.store.get(item.code)
    if reply.text and not reply.text_used:
        subject = header(item.msg, "Subject")
        if item.code not in subject:
            subject = f"[{item.code}] {subject}".strip()
        msg = ctx.composer.unaddressed(subject=subject, sender_name=reply.member.name,
                                       body=ctx.composer.render("relay_member.txt.j2", code=item.code,
                                                                author=reply.member.name, text=reply.text))
        attachments = [p for p in item.msg.iter_attachments()] if item.msg.is_multipart() else []
        if attachments:
            msg.make_mixed()
            for part in attachments:
                msg.attach(part)
        others = [m for m in audience(ctx, case) if m.email != reply.member.email]
        to_members(ctx, item.code, others, msg, "discussion", f"discussion:{item.dedup_key}")
        ctx.store.log(item.code, "discussion", by=item.participant, text=reply.text, members=len(others))
