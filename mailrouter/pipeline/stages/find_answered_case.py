"""Which case an answer to our mail to the reporter belongs to, when it came to the alias (R4).

Reads: msg, mail_from, dedup_key. Sets: code, participant ("reporter": authenticate checks the sender
next); stops when the case is gone or the message was processed already.
"""

from mailrouter.cases.message_ids import ReporterMessageIds
from mailrouter.cases.reference import answered_case
from mailrouter.errors import Stop
from mailrouter.pipeline.lookups import repeated_report


def run(item, ctx):
    item.code, _ = answered_case(item.msg, ctx.store, ReporterMessageIds(ctx.secret, ctx.config.domain),
                                 ctx.replies)
    if item.code is None and not item.released:
        item.code = repeated_report(ctx, item.msg, item.mail_from, item.message_key)
    if item.code is None:
        raise Stop("the case it answers no longer exists")
    item.participant = "reporter"
    if item.dedup_key in ctx.store.get(item.code).get("processed", []):
        raise Stop("duplicate reply")
