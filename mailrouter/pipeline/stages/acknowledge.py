"""Tell the reporter their report arrived, once, unless the mail must not be answered (L1, L4).

It says truthfully who reads the report: the committee, or (a report about the whole
committee) the people the community designated for that (casework/interim.py).

Reads: identity (where the acknowledgement goes), msg, code. Sets: nothing (the case
records whether it was acknowledged, and why not; when no person can be told, the admin is
alerted).
"""

import logging

from mailrouter.casework.interim import who_reads
from mailrouter.outbound.case_mail import to_reporter
from mailrouter.mail.message import header
from mailrouter.mail.screening import no_ack_reason
from mailrouter.privacy.authorship import through_own_group

log = logging.getLogger("mailrouter.pipeline.stages.acknowledge")
# Reasons that leave no person to tell: the report came through a list that hid its author,
# or from a mail system; or the writer's client asked for no automatic reply, or wrote as the
# alias (a web form with no Reply-To). Nothing accepted goes unanswered: the admin is told instead.
NOBODY_TO_TELL = ("mailing list post", "Precedence: list", "sent by a list or mail system account",
                  "sender asked for no automatic replies", "sent by mailrouter itself")


def run(item, ctx):
    sender = item.identity.reply_address
    # A report through a group that rewrites From, or through our alias when it is itself a
    # group, carries list headers; the person is acknowledged directly, never the list.
    via_list = item.identity.found_by == "list rewriting" or through_own_group(item.msg, ctx.own_addresses)
    reason = no_ack_reason(item.msg, sender, ctx.own_addresses, via_list=via_list)
    key = f"ack:{item.code}:{ctx.ledger.sender_key(sender)}" if sender else None
    if reason is None and ctx.outbox.was_queued(key):
        return
    day = ctx.clock.now().date().isoformat()
    if reason is None and not ctx.ledger.allows(sender, item.code, day):
        reason = "daily acknowledgement limit reached for this sender"
    if reason:
        ctx.store.log(item.code, "not acknowledged", reason=reason)
        # The reasons are fixed phrases (a header's name, a limit), never an address.
        log.info("case %s: not acknowledged (%s)", item.code, reason)
        if not sender or reason in NOBODY_TO_TELL:
            _alert_unanswered(ctx, item.code, reason)
        return
    case = ctx.store.get(item.code)
    # Issue 14 (record_declarations): passed on by a delegate, anonymous, a pre-event concern.
    marks = {k: case.get(k) for k in ("delegate", "anonymous", "concern", "event_date")}
    msg = ctx.composer.unaddressed_bytes(subject=f"[{item.code}] Your report was received",
                                         body=ctx.composer.render("acknowledgement.txt.j2", code=item.code,
                                                                  readers=who_reads(ctx, item.code), **marks))
    original_id = header(item.msg, "Message-ID").strip()     # "<>" or "<a@[>" read leniently: no orphan case
    to_reporter(ctx, item.code, msg, "ack", key, first_in_thread=original_id or None)
    ctx.ledger.record(sender, item.code, day)
    ctx.store.update(item.code, {"acknowledged": True, "ack_key": key}, event={"kind": "acknowledged",
                                                                              "by": "mailrouter"})


def _alert_unanswered(ctx, code, reason):
    ctx.alerts.send(f"unacknowledged:{code}", "a report reached the committee but its writer was not told",
                    detail=f"no address of the person who wrote it could be found to acknowledge ({reason}); "
                           "someone should find out who wrote it and tell them it arrived",
                    kept=f"case {code} holds the report, the committee has it, and the identity store "
                         "keeps its original headers", case=code)
