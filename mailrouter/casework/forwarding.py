"""The forward: the scrubbed report as members receive it.

Built by the forward stage when a case opens, and again for a member who joins later
(triage: #no-conflict). It sees the reporter only through `shared_view()`.
"""

import re
from email.message import EmailMessage

from mailrouter.casework.context import Context
from mailrouter.mail.message import parse
from mailrouter.cases.eligibility import may_know_reporter, party_from_record
from mailrouter.cases.history import cases_about, known_to, readers as eligible_readers
from mailrouter.outbound.case_mail import to_members
from mailrouter.privacy.long_body import without_full_texts
from mailrouter.settings.committee import Member

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)


def forward_stored_report(ctx: Context, code: str, members: list[Member], notes: tuple = ()) -> int:
    """Forward the case's stored (scrubbed) report to members who join later (triage, interim)."""
    case = ctx.store.get(code)
    report = parse(ctx.store.report(code))
    return send_forward(ctx, code, report, case, [*case.get("notes", []), *notes], members)


def send_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list, readers: list) -> int:
    """Queue the forward for each reader; return how many were queued.

    Each reader is told the code names of the earlier cases about a person this case names
    that they may see now (cases/history.py); an escalation contact standing in gets the
    copy built without the reporter's identity (they never receive it, even once shared).
    Readers told the same get one composed forward (usually all: most reports have no
    earlier case)."""
    if not readers:                  # the forward stage's interim readers, most often none
        return 0
    people = [party_from_record(r) for r in case.get("parties", ())]
    earlier = [c for c in cases_about(ctx.store, people, exclude=(code,)) if c["created"] <= case["created"]] \
        if people else []
    eligible = eligible_readers(earlier, ctx.committee, ctx.reporters)
    groups: dict[tuple, list[Member]] = {}
    for reader in readers:
        codes = tuple(c["code"] for c in known_to(reader.email, earlier, eligible).cases)
        groups.setdefault((may_know_reporter(reader), codes), []).append(reader)
    queued = 0
    for (identity, codes), group in groups.items():
        data = sized_forward(ctx, code, report, case, notes, codes, identity=identity)
        queued += to_members(ctx, code, group, data, "forward", f"forward:{code}")
    return queued


def sized_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list,
                  earlier: tuple = (), **options) -> bytes:
    """The forward as bytes (`compose_forward`, `options` passed on), without its full-text.txt
    and full-text.html when with them it would be larger than `limits.message_size`: more than
    the relay takes reaches no member, retried until it fails; the case's stored copy keeps them
    (privacy/long_body.py). Every copy of a report goes through here: the forward stage's, a
    newcomer's (casework/onboarding.py), a member's back from away (casework/catch_up.py)."""
    data = compose_forward(ctx, code, report, case, notes, earlier, written=True, **options)
    smaller = without_full_texts(report, notes) if len(data) > ctx.config.limits.message_size else None
    if smaller:
        data = compose_forward(ctx, code, smaller[0], case, smaller[1], earlier, written=True, **options)
    return data


def compose_forward(ctx: Context, code: str, report: EmailMessage, case: dict, notes: list,
                    earlier: tuple = (), heading: str = "New report", intro: str = "",
                    identity: bool = True, written: bool = False) -> EmailMessage | bytes:
    """The forward, built once: text and HTML (when the report had HTML), then attachments.
    `written`: as bytes, for case_mail to address to each member (a text-only forward,
    most reports, is then written without building the message: issue 11).

    It sees the reporter only through `shared_view()`: None unless they asked to be known.
    `heading` and `intro` serve a member who joins later (casework/onboarding.py).
    Without `identity`, a shared reporter's report (not scrubbed of them) is withheld whole.
    """
    reporter = ctx.reporters.shared_view(code)
    if not identity and reporter is not None:
        return _withheld(ctx, code, case, notes, written)
    attachments = list(report.iter_attachments())
    context = dict(code=code, received=case["created"], notes=notes, shared=reporter is not None, earlier=earlier,
                   reporter=reporter, heading=heading, intro=intro,
                   attachments=[p.get_filename() or "attachment" for p in attachments])
    text_part = report.get_body(preferencelist=("plain",))
    html_part = report.get_body(preferencelist=("html",))
    head = dict(subject=f"[{code}] {heading}: {report.get('Subject', '(no subject)')}",
                body=ctx.composer.render("forward.txt.j2", report_text=text_part.get_content()
                                         if text_part is not None else "", **context))
    if written and html_part is None and not attachments:
        return ctx.composer.unaddressed_bytes(**head)
    msg = ctx.composer.unaddressed(**head)
    if html_part is not None:
        markup = html_part.get_content()
        match = _BODY.search(markup)
        msg.add_alternative(ctx.composer.render("forward.html.j2", report_html=match.group("inner")
                                                if match else markup, **context), subtype="html")
    if attachments:
        msg.make_mixed()
        for part in attachments:
            msg.attach(part)
    return ctx.composer.as_bytes(msg) if written else msg


def _withheld(ctx, code, case, notes, written):
    text = ("(The report is withheld from you: the reporter agreed to be known to the committee, so "
            "its text was not cleaned of who they are. Ask the admin for what you need.)")
    return (ctx.composer.unaddressed_bytes if written else ctx.composer.unaddressed)(
        subject=f"[{code}] New report",
        body=ctx.composer.render("forward.txt.j2", code=code, received=case["created"], notes=notes,
                                 shared=False, reporter=None, attachments=[], report_text=text))

