"""File the report as a new code-named case (or find the case a crash left behind)."""

from mailrouter.tokens import derive_token, digest


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
    item.code = code
