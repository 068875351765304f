"""The forward: the scrubbed report as members receive it.

Built by the forward stage when a case opens, and again for a member who joins later
(triage: #no-conflict). It sees the reporter only through `shared_view()`.
"""

import email
import re
from email import policy
from email.message import EmailMessage

from mailrouter.casework.context import Context
from mailrouter.cases.eligibility import may_know_reporter
from mailrouter.outbound.case_mail import to_members
from mailrouter.settings.committee import Member

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)


def forward_stored_report(ctx: Context, code: str, members: list[Member], notes: tuple = ()) -> int:
    """Forward the case's stored (scrubbed) report to members who join later (triage, interim)."""
    case = ctx.store.get(code)
    report = email.message_from_bytes(ctx.store.report(code), policy=policy.default)
    return send_forward(ctx, code, report, case, [*case.get("notes", []), *notes], members)


def send_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list, readers: list) -> int:
    """The forward to each reader; an escalation contact standing in gets the copy built
    without the reporter's identity (they never receive it, even once shared)."""
    knowing = [r for r in readers if may_know_reporter(r)]
    others = [r for r in readers if not may_know_reporter(r)]
    queued = 0
    for group, identity in ((knowing, True), (others, False)):
        if group:
            msg = compose_forward(ctx, code, report, case, notes, identity=identity)
            queued += to_members(ctx, code, group, msg, "forward", f"forward:{code}")
    return queued


def compose_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list,
                    identity: bool = True) -> EmailMessage:
    """The forward, built once: text and HTML (when the report had HTML), then attachments.

    It sees the reporter only through `shared_view()`: None unless they asked to be known.
    Without `identity`, a shared reporter's report (not scrubbed of them) is withheld whole.
    """
    reporter = ctx.reporters.shared_view(code)
    if not identity and reporter is not None:
        return _withheld(ctx, code, report, case, notes)
    attachments = list(report.iter_attachments())
    context = dict(code=code, received=case["created"], notes=notes, shared=reporter is not None,
                   reporter=reporter,
                   attachments=[p.get_filename() or "attachment" for p in attachments])
    text_part = report.get_body(preferencelist=("plain",))
    html_part = report.get_body(preferencelist=("html",))
    msg = ctx.composer.unaddressed(
        subject=f"[{code}] New report: {report.get('Subject', '(no subject)')}",
        body=ctx.composer.render("forward.txt.j2", report_text=text_part.get_content()
                                 if text_part is not None else "", **context))
    if html_part is not None:
        markup = html_part.get_content()
        match = _BODY.search(markup)
        msg.add_alternative(ctx.composer.render("forward.html.j2", report_html=match.group("inner")
                                                if match else markup, **context), subtype="html")
    if attachments:
        msg.make_mixed()
        for part in attachments:
            msg.attach(part)
    return msg


def _withheld(ctx, code, report, case, notes):
    text = ("(The report is withheld from you: the reporter agreed to be known to the committee, so "
            "its text was not cleaned of who they are. Ask the admin for what you need.)")
    return ctx.composer.unaddressed(
        subject=f"[{code}] New report",
        body=ctx.composer.render("forward.txt.j2", code=code, received=case["created"], notes=notes,
                                 shared=False, reporter=None, attachments=[], report_text=text))

