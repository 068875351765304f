"""Share the reporter's (scrubbed) addition with the members on the case, in their thread.

Reads: report (set by add_to_report), code, dedup_key. Sets: nothing.
"""

from mailrouter.outbound.case_mail import audience, to_members
from mailrouter.mail.quoting import trimmed


def run(item, ctx):
    case = ctx.store.get(item.code)
    body_part = item.report.get_body(preferencelist=("plain",))
    text = trimmed(body_part.get_content() if body_part is not None else "", pasted=True)
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] The reporter added to the report",
                                   body=ctx.composer.render("relay_reporter.txt.j2", code=item.code,
                                                            text=text or "(no text; see attachments)"))
    attachments = list(item.report.iter_attachments())
    if attachments:
        msg.make_mixed()
        for part in attachments:
            msg.attach(part)
    to_members(ctx, item.code, audience(ctx, case), msg, "reporter-relay", f"reporter-relay:{item.dedup_key}")
