"""File the report as a new code-named case (or find the case a crash left behind).

Reads: report, notes, identity, originals, msg, mail_from. Sets: code. The identity and the
original attachments go behind the one door (privacy.reporters), encrypted; the case records
only what members saw of each attachment. The sender's text is remembered for the case (a
keyed digest, in memory: cases/throttle.py), so the same text again joins it (R4).
"""

from mailrouter.cases.throttle import sender_address
from mailrouter.cases.tokens import derive_token, digest


def run(item, ctx):
    code = ctx.store.by_message.get(item.dedup_key)
    if code is None:
        code = ctx.codenames.draw(ctx.store.names)
        ctx.store.reserve_name(code)
        reporter_token = derive_token(ctx.secret, code, "reporter")
        ctx.store.create(code, {
            "status": "new",
            "subject": str(item.report.get("Subject", "")),
            "message_keys": [item.dedup_key],
            "processed": [],
            "tokens": {digest(reporter_token): "reporter"},
            "parties": [],
            "notes": list(item.notes),
        }, ctx.composer.as_bytes(item.report))
    # Written on every run, so a crash between the two writes cannot leave a case
    # without its reporter (eligibility needs the reporter as a party).
    ctx.reporters.file(code, item.identity)
    seal_originals(ctx, code, item.originals)
    ctx.throttle.file_report(sender_address(item.msg, item.mail_from), item.msg, code, ctx.clock.now())
    item.code = code


def seal_originals(ctx, code, originals):
    """Keep each original attachment sealed and list what members saw of it on the case."""
    if not originals:
        return
    listed = {a["number"]: a for a in ctx.store.get(code).get("attachments", [])}
    for original in originals:
        ctx.reporters.seal(code, f"attachment-{original.number}", original.data)
        ctx.reporters.seal_record(code, f"attachment-{original.number}-about",
                                  {"filename": original.filename, "content_type": original.content_type})
        listed[original.number] = {"number": original.number, "shown_as": original.shown_as,
                                   "type": original.content_type, "size": len(original.data),
                                   "handling": original.handling}
    ctx.store.update(code, {"attachments": [listed[n] for n in sorted(listed)]})
