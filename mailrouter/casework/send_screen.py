"""Mail to moderators screened again while it waits in the outbox (invariant 1).

Mail to a moderator is screened when it is queued (casework/moderation.py, the same `decide`
as members), but it may wait in the outbox (a relay down, a retry) while the case or the
committee changes: a moderator removed from members.yaml's `moderators:`, or one whom a
reload or a newly recorded party puts in conflict with the case, must not receive it. As for
members who leave (casework/withdrawal.py), two checks:

- the worker, after a reload and after a party is recorded, screens every queued moderator
  mail again (`withdraw_unscreened`), publishes what fails as `ctx.screened_out` and
  withdraws it, recorded in the case's log by role, never by address;
- the courier, just before each delivery (`may_deliver`, on the loop's thread: it reads only
  the committee in force and that published set, never the case store), holds back mail of a
  moderator's kind to an address no space lists now, or one the worker screened out.
"""

import logging

from mailrouter.casework.context import Context
from mailrouter.casework.moderation import MODERATOR_KINDS, on_case_as_moderator

log = logging.getLogger("mailrouter.casework.send_screen")
WHY = "no longer screened in as a moderator (removed, or in conflict with a party)"


def may_deliver(ctx: Context, meta: dict) -> bool:
    """The courier's last look at one queued message: False for moderator mail that the
    committee in force or the worker's last screening keeps from its recipient."""
    if meta.get("kind") not in MODERATOR_KINDS:
        return True
    recipient = (meta.get("recipient") or "").lower()
    listed = any(m.email.lower() == recipient for space in ctx.committee.moderators.values() for m in space)
    return listed and (meta.get("case"), recipient) not in ctx.screened_out


def withdraw_unscreened(ctx: Context, codes=None) -> int:
    """Screen queued moderator mail (about `codes`, or every case) again; withdraw what may no
    longer go; return how many. Worker thread only."""
    cases, failing = {}, []
    for entry_id, meta in ctx.outbox.queued():
        code = meta.get("case")
        if meta.get("kind") not in MODERATOR_KINDS or not code or (codes is not None and code not in codes):
            continue
        if code not in cases:
            cases[code] = ctx.store.get(code) if ctx.store.exists(code) else None
        recipient = (meta.get("recipient") or "").lower()
        if cases[code] is None or on_case_as_moderator(ctx, cases[code], recipient)[1] is None:
            failing.append((entry_id, code, recipient, meta.get("kind")))
    kept = {pair for pair in ctx.screened_out if codes is not None and pair[0] not in codes}
    ctx.screened_out = frozenset(kept | {(code, recipient) for _, code, recipient, _ in failing})
    withdrawn = 0
    for entry_id, code, _, kind in failing:
        if ctx.outbox.withdraw(entry_id):
            withdrawn += 1
            if cases[code] is not None:
                ctx.store.log(code, "mail withdrawn", member="a moderator", kind_of_mail=kind, why=WHY)
    if withdrawn:
        log.info("withdrew %d queued message(s) to moderators no longer screened in", withdrawn)
    return withdrawn
