"""Send the scrubbed report to each eligible member, one message each, own reply address."""

from mailrouter.eligibility import eligibility_for
from mailrouter.tokens import derive_token, digest


def run(item, ctx):
    case = ctx.store.get(item.code)
    decision = eligibility_for(case, ctx.committee, ctx.identities)   # as of now, not as routed
    tokens = {m.email: derive_token(ctx.secret, item.code, f"member:{m.email.lower()}")
              for m in decision.eligible}
    issued = dict(case.get("tokens", {}))
    issued.update({digest(t): f"member:{email.lower()}" for email, t in tokens.items()})
    ctx.store.update(item.code, {"tokens": issued})

    report_text = _report_text(item.report)
    attachments = list(item.report.iter_attachments())
    names = [p.get_filename() or "attachment" for p in attachments]
    for member in decision.eligible:
        body = ctx.composer.render("forward.txt.j2", code=item.code, report_text=report_text,
                                   received=case["created"], attachments=names)
        msg = ctx.composer.message(
            to=member.email, to_name=member.name, body=body,
            subject=f"[{item.code}] New report: {item.report.get('Subject', '(no subject)')}",
            reply_to=ctx.replies.format(tokens[member.email]))
        if attachments:
            msg.make_mixed()
            for part in attachments:
                msg.attach(part)
        ctx.outbox.enqueue(f"forward:{item.code}:{member.email.lower()}", "", member.email,
                           ctx.composer.as_bytes(msg), kind="forward", case=item.code)
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]},
                     event={"kind": "forwarded", "by": "mailrouter", "members": len(decision.eligible)})
    ctx.poke()


def _report_text(report):
    body = report.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""
