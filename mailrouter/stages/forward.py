"""Send the scrubbed report to each eligible member, one message each, own reply address."""

import re

from mailrouter.eligibility import eligibility_for
from mailrouter.tokens import derive_token, digest

_BODY = re.compile(r"<body[^>]*>(?P<inner>.*)</body>", re.IGNORECASE | re.DOTALL)


def run(item, ctx):
    case = ctx.store.get(item.code)
    decision = eligibility_for(case, ctx.committee, ctx.identities)   # as of now, not as routed
    tokens = {m.email: derive_token(ctx.secret, item.code, f"member:{m.email.lower()}")
              for m in decision.eligible}
    issued = dict(case.get("tokens", {}))
    issued.update({digest(t): f"member:{email.lower()}" for email, t in tokens.items()})
    ctx.store.update(item.code, {"tokens": issued})

    msg = compose_forward(item, ctx, case)
    threads = dict(case.get("threads", {}))
    for member in decision.eligible:
        ctx.composer.address(msg, to=member.email, to_name=member.name,
                             reply_to=ctx.replies.format(tokens[member.email]))
        key = f"forward:{item.code}:{member.email.lower()}"
        if ctx.outbox.enqueue(key, "", member.email, ctx.composer.as_bytes(msg), kind="forward",
                              case=item.code):
            # P2: our new Message-ID per member, kept so later mail continues the thread.
            threads[f"member:{member.email.lower()}"] = [msg["Message-ID"]]
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key],
                                 "threads": threads},
                     event={"kind": "forwarded", "by": "mailrouter", "members": len(decision.eligible)})
    ctx.poke()


def compose_forward(item, ctx, case):
    """The forward, built once: text and HTML (when the report had HTML), then attachments."""
    report = item.report
    attachments = list(report.iter_attachments())
    context = dict(code=item.code, received=case["created"], notes=item.notes,
                   shared=item.identity.share, reporter=item.identity if item.identity.share else None,
                   attachments=[p.get_filename() or "attachment" for p in attachments])
    text_part = report.get_body(preferencelist=("plain",))
    html_part = report.get_body(preferencelist=("html",))
    msg = ctx.composer.unaddressed(
        subject=f"[{item.code}] New report: {report.get('Subject', '(no subject)')}",
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
