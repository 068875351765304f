"""The forward: the scrubbed report as members receive it.

Built by the forward stage when a case opens, and again for a member who joins later
(triage: #no-conflict). It sees the reporter only through `shared_view()`.
"""

import re
from email.message import EmailMessage

from mailrouter.casework.context import Context
from mailrouter.mail.message import parse
from mailrouter.cases.eligibility import party_from_record
from mailrouter.cases.history import cases_about, known_to, readers
from mailrouter.outbound.case_mail import to_members
from mailrouter.settings.committee import Member

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)


def forward_stored_report(ctx: Context, code: str, members: list[Member]) -> None:
    """Forward the case's stored (scrubbed) report to members who join later (triage)."""
    case = ctx.store.get(code)
    report = parse(ctx.store.report(code))
    forward_to_members(ctx, code, members, report, case, case.get("notes", []))


def forward_to_members(ctx: Context, code: str, members: list[Member], report: EmailMessage, case: dict,
                       notes: list) -> None:
    """Queue the forward for `members`, each told the code names of the earlier cases about
    a person this case names that they may see now (cases/history.py). The earlier cases
    and who may read them are worked out once; members who may see the same ones share
    one composed forward (usually all of them: most reports have no earlier case)."""
    people = [party_from_record(r) for r in case.get("parties", ())]
    earlier = [c for c in cases_about(ctx.store, people, exclude=(code,)) if c["created"] <= case["created"]] \
        if people else []
    eligible = readers(earlier, ctx.committee, ctx.reporters)
    groups: dict[tuple, list[Member]] = {}
    for member in members:
        codes = tuple(c["code"] for c in known_to(member.email, earlier, eligible).cases)
        groups.setdefault(codes, []).append(member)
    for codes, group in groups.items():
        to_members(ctx, code, group, compose_forward(ctx, code, report, case, notes, codes),
                   "forward", f"forward:{code}")


def compose_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list,
                    earlier: tuple = (), heading: str = "New report", intro: str = "") -> EmailMessage:
    """The forward, built once: text and HTML (when the report had HTML), then attachments.

    It sees the reporter only through `shared_view()`: None unless they asked to be known.
    `heading` and `intro` serve a member who joins later (casework/onboarding.py).
    """
    attachments = list(report.iter_attachments())
    reporter = ctx.reporters.shared_view(code)
    context = dict(code=code, received=case["created"], notes=notes, shared=reporter is not None, earlier=earlier,
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
