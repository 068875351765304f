"""Taking back mail queued for members who may no longer receive it (issue 12).

A member removed from members.yaml or set `active: false` receives nothing more from the
reload on: what is still queued for them is withdrawn at the reload, and the courier
checks again just before each delivery (a race cannot send it). A member who goes away
loses their queued case mail too: the catch-up on their return covers it. Each withdrawal
is in the case's log by the member's name, never their address, and with the outbox
entry's id: `sent.log`'s `withdrawn` line is written at once, the event with its group
commit, so one that commit lost is logged again (`record_owed`), never twice.
"""

import hashlib
import logging

from mailrouter.casework.context import Context
from mailrouter.durable import after_commit
from mailrouter.faults import is_transient
from mailrouter.settings.committee import Committee

log = logging.getLogger("mailrouter.casework.withdrawal")
LEFT = "left the committee"
AWAY = "away (in the catch-up on return)"
WITHDRAWN = "mail withdrawn"        # the case log's event


def withdraw_queued(ctx: Context, addresses: set, names: dict, why: str, case_mail_only=False, case=None) -> list:
    """Withdraw queued member mail to `addresses` (lower case), about `case` only if given;
    return [(id, meta)] withdrawn."""
    withdrawn = []
    for entry_id, meta in ctx.outbox.queued():
        recipient = (meta.get("recipient") or "").lower()
        # Member mail carries a signed return path; mail to the reporter and alerts do not.
        if not meta.get("sender") or recipient not in addresses or (case_mail_only and not meta.get("case")) \
                or (case is not None and meta.get("case") != case):
            continue
        if not ctx.outbox.withdraw(entry_id):
            continue
        withdrawn.append((entry_id, meta))
        if meta.get("case"):
            record_withdrawal(ctx, entry_id, meta, names.get(recipient, "a former member"), why)
    return withdrawn


def record_withdrawal(ctx: Context, entry_id: str, meta: dict, name: str, why: str, code: str = "") -> None:
    """Log in the case that its mail `entry_id` was withdrawn (by the reader's name, never an
    address). `sent.log` says so at once; the event is durable only with its group commit, so
    it is owed until then: a commit that fails loses it, and `record_owed` logs it again.
    `code`: the case to log it in, if not the one the mail names (a digest's rows' cases)."""
    code, event = code or meta["case"], {"member": name, "kind_of_mail": meta.get("kind"), "why": why, "entry": entry_id}
    ctx.withdrawals_owed[(entry_id, code)] = event
    ctx.store.log(code, WITHDRAWN, **event)
    after_commit(lambda: ctx.withdrawals_owed.pop((entry_id, code), None))


def record_owed(ctx: Context) -> None:
    """Worker thread, between messages: log again each withdrawal whose event a failed group
    commit lost (one already in the case's log, or held by this commit, is not logged twice)."""
    for (entry_id, code), event in list(ctx.withdrawals_owed.items()):
        try:
            if ctx.store.exists(code) and not any(e["kind"] == WITHDRAWN and e.get("entry") == entry_id
                                                  for e in ctx.store.events(code)):
                ctx.store.log(code, WITHDRAWN, **event)
        except Exception as error:
            if is_transient(error):
                raise                   # a full disk: owed still, logged once it has room
            log.error("case %s: a withdrawal could not be logged (%s)", code, error.__class__.__name__)
        after_commit(lambda owed=(entry_id, code): ctx.withdrawals_owed.pop(owed, None))


def withdraw_departed(ctx: Context, before: Committee) -> int:
    """Withdraw everything queued for members who left or were set inactive; tell the admin once."""
    everyone = before.members + ctx.committee.members
    gone = {m.email.lower() for m in everyone if ctx.departures.gone(ctx.committee, m.email)}
    gone |= ctx.departures.removed
    withdrawn = withdraw_queued(ctx, gone, {m.email.lower(): m.name for m in everyone}, LEFT)
    if withdrawn:
        key = hashlib.sha256(" ".join(sorted(i for i, _ in withdrawn)).encode()).hexdigest()[:16]
        cases = {meta["case"] for _, meta in withdrawn if meta.get("case")}
        members = {meta["recipient"].lower() for _, meta in withdrawn}
        log.info("withdrew %d queued message(s) to %d member(s) who left", len(withdrawn), len(members))
        ctx.alerts.send(f"withdrawn:{key}", "queued mail to members who left was withdrawn",
                        detail=f"{len(withdrawn)} message(s) about {len(cases)} case(s), still queued for "
                               f"{len(members)} member(s) removed from members.yaml or set inactive, "
                               f"were withdrawn unsent",
                        kept="each withdrawal is recorded in its case's log, by the member's name")
    return len(withdrawn)
