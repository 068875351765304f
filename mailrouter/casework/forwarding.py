"""The forward: the scrubbed report as members receive it.

Built by the forward stage when a case opens, and again for a member who joins later
(triage: #no-conflict). It sees the reporter only through `shared_view()`.
"""

import email
import re
from email import policy
from email.message import EmailMessage

from mailrouter.casework.context import Context
from mailrouter.outbound.case_mail import to_members
from mailrouter.settings.committee import Member

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)


def forward_stored_report(ctx: Context, code: str, members: list[Member]) -> None:
    """Forward the case's stored (scrubbed) report to members who join later (triage)."""
    case = ctx.store.get(code)
    report = email.message_from_bytes(ctx.store.report(code), policy=policy.default)
    to_members(ctx, code, members, compose_forward(ctx, code, report, case, case.get("notes", [])),
               "forward", f"forward:{code}")


def compose_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list,
                    heading: str = "New report", intro: str = "") -> EmailMessage:
    """The forward, built once: text and HTML (when the report had HTML), then attachments.

    It sees the reporter only through `shared_view()`: None unless they asked to be known.
    `heading` and `intro` serve a member who joins later (casework/onboarding.py).
    """
    attachments = list(report.iter_attachments())
    reporter = ctx.reporters.shared_view(code)
    context = dict(code=code, received=case["created"], notes=notes, shared=reporter is not None,
                   reporter=reporter, heading=heading, intro=intro,
                   attachments=[p.get_filename() or "attachment" for p in attachments])
    text_part = report.get_body(preferencelist=("plain",))
    html_part = report.get_body(preferencelist=("html",))
    msg = ctx.composer.unaddressed(
        subject=f"[{code}] {heading}: {report.get('Subject', '(no subject)')}",
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
