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

    attachments = list(item.report.iter_attachments())
    body = ctx.composer.render("forward.txt.j2", code=item.code, report_text=_report_text(item.report),
                               received=case["created"],
                               attachments=[p.get_filename() or "attachment" for p in attachments])
    msg = ctx.composer.unaddressed(
        subject=f"[{item.code}] New report: {item.report.get('Subject', '(no subject)')}", body=body)
    if attachments:
        msg.make_mixed()
        for part in attachments:
            msg.attach(part)
    for member in decision.eligible:
        ctx.composer.address(msg, to=member.email, to_name=member.name,
                             reply_to=ctx.replies.format(tokens[member.email]))
        ctx.outbox.enqueue(f"forward:{item.code}:{member.email.lower()}", "", member.email,
                           ctx.composer.as_bytes(msg), kind="forward", case=item.code)
    ctx.store.update(item.code, {"processed": case.get("processed", []) + [item.dedup_key]},
                     event={"kind": "forwarded", "by": "mailrouter", "members": len(decision.eligible)})
    ctx.poke()


def _report_text(report):
    body = report.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""
