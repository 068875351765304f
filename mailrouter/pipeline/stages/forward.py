"""Send the scrubbed report to each member who may see it, one message each.

Direct routing: every eligible member. Triage routing (PyDistrict): the eligible members
with the chair or triage role first; the others after a conflict check (#no-conflict).
If no chair or triage member is eligible, the report goes to every eligible member.

Reads: code, report, notes. Sets: nothing (the case records who was granted access).
"""

import email
import re
from email import policy

from mailrouter.outbound.case_mail import to_members
from mailrouter.cases.eligibility import eligibility_for

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)
TRIAGE_ROLES = {"chair", "triage"}


def run(item, ctx):
    case = ctx.store.get(item.code)
    decision = eligibility_for(case, ctx.committee, ctx.reporters)   # as of now, not as routed
    recipients = list(decision.eligible)
    triage = ctx.config.policy.routing == "triage"
    if triage:
        recipients = [m for m in decision.eligible if TRIAGE_ROLES & set(m.roles)] or recipients
    access = dict(case.get("access", {}))
    access.update({m.email.lower(): "granted" for m in recipients})
    ctx.store.update(item.code, {"access": access, "stage": "triage" if triage else "open"})
    to_members(ctx, item.code, recipients,
               compose_forward(ctx, item.code, item.report, case, item.notes), "forward",
               f"forward:{item.code}")
    ctx.store.log(item.code, "forwarded", members=len(recipients), routing=ctx.config.policy.routing)


def forward_stored_report(ctx, code, members):
    """Forward the case's stored (scrubbed) report to members who join later (triage)."""
    case = ctx.store.get(code)
    report = email.message_from_bytes(ctx.store.report(code), policy=policy.default)
    to_members(ctx, code, members, compose_forward(ctx, code, report, case, case.get("notes", [])),
               "forward", f"forward:{code}")


def compose_forward(ctx, code, report, case, notes):
    """The forward, built once: text and HTML (when the report had HTML), then attachments.

    It sees the reporter only through `shared_view()`: None unless they asked to be known.
    """
    attachments = list(report.iter_attachments())
    reporter = ctx.reporters.shared_view(code)
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
