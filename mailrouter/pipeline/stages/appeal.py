"""A message naming a resolved case's code name is an appeal, not a new report.

Reads: msg, identity, dedup_key. Sets: code (the appealed case) and stops the flow.
"""

from mailrouter.casework import appeals
from mailrouter.errors import Stop
from mailrouter.privacy.scrubber import Scrubber
from mailrouter.mail.screening import no_ack_reason


def run(item, ctx):
    code = appeals.named_case(item.msg, ctx.store)
    if code is None:
        return
    # The appellant may be the case's reporter: scrub with both identities.
    text = ctx.reporters.scrubber(code).text(Scrubber(item.identity).text(appeals.text_of(item.msg)))
    sender = item.identity.reply_address
    may_answer = bool(sender) and no_ack_reason(item.msg, sender, ctx.own_addresses) is None
    outcome = appeals.handle(ctx, code, item.msg, text, sender, may_answer, item.dedup_key)
    item.code = code
    case = ctx.store.get(code)
    ctx.store.update(code, {"message_keys": case.get("message_keys", []) + [item.dedup_key]})
    raise Stop(f"{outcome} for case {code}")
