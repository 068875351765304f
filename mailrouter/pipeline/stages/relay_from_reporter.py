"""Share the reporter's (scrubbed) addition with the members on the case, in their thread.

Reads: report and notes (set by add_to_report), code, dedup_key. Sets: nothing.
"""

from mailrouter.outbound.case_mail import audience, to_members
from mailrouter.mail.quoting import trimmed


def run(item, ctx):
    case = ctx.store.get(item.code)
    body_part = item.report.get_body(preferencelist=("plain",))
    text = trimmed(body_part.get_content() if body_part is not None else "", pasted=True)
    attachments = list(item.report.iter_attachments())
    # What the addition's copy withheld (sealed, a chair can release it) is said, as in a forward.
    empty = "(no text; see the note below)" if item.notes and not attachments else "(no text; see attachments)"
    msg = ctx.composer.unaddressed(subject=f"[{item.code}] The reporter added to the report",
                                   body=ctx.composer.render("relay_reporter.txt.j2", code=item.code,
                                                            text=text or empty, notes=item.notes))
    if attachments:
        msg.make_mixed()
        for part in attachments:
            msg.attach(part)
    to_members(ctx, item.code, audience(ctx, case), msg, "reporter-relay", f"reporter-relay:{item.dedup_key}")
