"""One screen at send time for every queued mail about a case (invariant 1).

Mail about a case is screened when it is composed, then may wait in the outbox (a relay down,
a retry) while the committee or the case changes: a reload adds a conflict or removes a
member, a member #recuses or goes away, a newcomer declares a conflict, a party is recorded.
Just before each delivery the courier asks one question of mail about a case addressed to a
person in a role (a member or interim reader, a moderator, an escalation or core-team contact):
may this address still receive mail about this case now? The answer comes from the rules that
chose them (`eligibility_for`, `eligible_moderators`, `outside_contacts_screened`), never a
second copy of them. Mail to the reporter, to the reported person and to the admin (a null
envelope sender), a member's notice that they left the case and the answer to their own
commands are not screened this way. A member's weekly digest carries rows of several cases
(`cases` in its outbox meta): it goes only if every one of them still lets them in, else it is
withdrawn whole (next week's digest brings the other rows again).

The courier's thread never reads the case store: the worker computes a `Verdict` per case (who
may receive its mail, by role) and publishes it. A verdict holds while the committee in force
is the one it was computed with and the case's screening inputs (`CaseStore.screening`) are
the ones it saw; otherwise, or when it refuses, the courier holds the mail back and the worker
settles it between messages: sent after all, or withdrawn (`sent.log`: withdrawn), recorded
in the case's log by the reader's name (a moderator's by role), never by address. The worker
also applies the same verdicts at once where it makes the change (`withdraw_refused`: after a
reload, a #recuse, a #reported), so the queue does not keep what can no longer go.
"""

import logging
import threading
from dataclasses import dataclass

from mailrouter.casework.context import Context
from mailrouter.casework.moderation import MODERATOR_KINDS, eligible_moderators
from mailrouter.casework.withdrawal import record_withdrawal
from mailrouter.cases.eligibility import eligibility_for, outside_contacts_screened
from mailrouter.faults import is_transient

log = logging.getLogger("mailrouter.casework.send_screen")
NOT_SCREENED = ("removed", "confirmation")      # telling a member they left; answering their own commands
CONTACT_KINDS = ("escalation", "council-report")
VERDICTS_KEPT = 4096                            # cases whose verdict is kept, whatever their number
WHY = "no longer screened in for the case (removed, away, recused, or in conflict with a party)"


def cases_of(meta: dict) -> tuple:
    """The cases whose content a queued mail carries: its case, or a digest's rows' cases."""
    return tuple(meta.get("cases") or ()) or ((meta["case"],) if meta.get("case") else ())


def role_of(meta: dict):
    """Whom a queued mail is for, as the screen asks it ("member", "moderator", "contact"),
    or None when it is not screened at send time."""
    kind = meta.get("kind")
    if not cases_of(meta) or not meta.get("sender") or kind in NOT_SCREENED:
        return None
    return "moderator" if kind in MODERATOR_KINDS else "contact" if kind in CONTACT_KINDS else "member"


@dataclass(frozen=True)
class Verdict:
    committee: object       # the committee in force it was computed with (compared by identity)
    inputs: object          # the case's screening inputs it saw (CaseStore.screening, by identity)
    allowed: frozenset      # (role, address in lower case)


def verdict_for(ctx: Context, code: str) -> Verdict:
    """Who may receive mail about the case now, by role (worker thread only)."""
    committee, inputs = ctx.committee, ctx.store.screening.get(code)
    if not ctx.store.exists(code):
        return Verdict(committee, inputs, frozenset())
    case = ctx.store.get(code)
    allowed = {("member", m.email.lower()) for m in eligibility_for(case, committee, ctx.reporters).eligible}
    for space, record in case.get("moderation", {}).items():
        allowed |= {("moderator", m.email.lower()) for m in eligible_moderators(ctx, case, space)
                    if m.email.lower() in record.get("moderators", {})}
    contacts = list(committee.escalation) + list(committee.core_team)
    allowed |= {("contact", c.email.lower()) for c in outside_contacts_screened(case, committee, ctx.reporters,
                                                                                 contacts)}
    return Verdict(committee, inputs, frozenset(allowed))


def allowed(ctx: Context, meta: dict):
    """True or False from the published verdicts of the cases it carries, if they hold for the
    committee and the cases as they are now (one that refuses is enough); None if the worker
    must decide. Any thread."""
    role = role_of(meta)
    if role is None:
        return True
    reader, unknown = (role, (meta.get("recipient") or "").lower()), False
    for code in cases_of(meta):
        verdict = _current(ctx, code)
        if verdict is not None and reader not in verdict.allowed:
            return False
        unknown = unknown or verdict is None
    return None if unknown else True


def _current(ctx: Context, code: str):
    """The case's published verdict if it holds for the committee and the case as they are now."""
    verdict = ctx.verdicts.get(code)
    if verdict is None or verdict.committee is not ctx.committee or verdict.inputs is not ctx.store.screening.get(code):
        return None
    return verdict


def publish(ctx: Context, code: str) -> Verdict:
    """Compute the case's verdict now and publish it for the courier (worker thread)."""
    if len(ctx.verdicts) >= VERDICTS_KEPT and code not in ctx.verdicts:
        ctx.verdicts.pop(next(iter(ctx.verdicts)), None)
    verdict = ctx.verdicts[code] = verdict_for(ctx, code)
    return verdict


def republish(ctx: Context, code: str) -> None:
    """After a message on the case (worker thread): its verdict computed anew, since what the
    message changed may lie outside the case's file (the reporter's name, learnt in the
    identity store); mail waiting for a reader it no longer lets in is withdrawn at once."""
    before, after = ctx.verdicts.get(code), publish(ctx, code)
    if before is not None and before.allowed - after.allowed:
        withdraw_refused(ctx, {code})


def settled(ctx: Context, entry_id: str, meta: dict, why: str = WHY) -> bool:
    """Worker thread: True if the mail may go now; else it is withdrawn (and recorded), False."""
    if allowed(ctx, meta) is None:
        for code in cases_of(meta):
            if _current(ctx, code) is None:
                publish(ctx, code)
    if allowed(ctx, meta):
        return True
    if ctx.outbox.withdraw(entry_id):
        _record(ctx, entry_id, meta, why)
    return False


def withdraw_refused(ctx: Context, codes=None, why: str = WHY) -> int:
    """Withdraw now the queued mail (about `codes`, or every case) that the screen refuses; how
    many. Worker thread, where it makes the change: the courier would refuse it anyway."""
    withdrawn = 0
    for entry_id, meta in ctx.outbox.queued():
        if role_of(meta) is not None and (codes is None or not codes.isdisjoint(cases_of(meta))):
            withdrawn += not settled(ctx, entry_id, meta, why)
    if withdrawn:
        log.info("withdrew %d queued message(s) to readers no longer screened in", withdrawn)
    return withdrawn


def _record(ctx: Context, entry_id: str, meta: dict, why: str) -> None:
    """In the log of each case that refused it (a digest: not its other rows' cases), by name."""
    role, recipient = role_of(meta), (meta.get("recipient") or "").lower()
    if role == "moderator":
        name = "a moderator"
    else:
        reader = ctx.committee.reader(recipient) or next(
            (c for c in ctx.committee.core_team if c.email.lower() == recipient), None)
        name = reader.name if reader is not None else "a former member"
    codes = cases_of(meta)
    refusing = [c for c in codes if (role, recipient) not in getattr(ctx.verdicts.get(c), "allowed", ())] or codes
    for code in refusing:
        if ctx.store.exists(code):
            record_withdrawal(ctx, entry_id, meta, name, why, code)


class SendScreen:
    """The courier's last look (`may_send`, on its thread) and the worker's answer (`settle`).

    `between_messages(change)` has the worker call `change()` between two messages;
    `release(entry_ids)` gives the courier back what it held and may now send."""

    def __init__(self, ctx: Context, between_messages, release):
        self.ctx = ctx
        self.between_messages = between_messages
        self.release = release
        self.held = {}                # entry id -> meta: held back, waiting for the worker
        self.asked = False            # a settle is waiting for the worker
        self.lock = threading.Lock()

    def may_send(self, entry_id: str, meta: dict) -> bool:
        """False holds the mail back until the worker has settled it."""
        if allowed(self.ctx, meta):
            return True
        self._hold({entry_id: meta})
        return False

    def _hold(self, held):
        with self.lock:
            self.held.update(held)
            ask, self.asked = not self.asked, True
        if ask:
            self.between_messages(self.settle)

    def settle(self) -> int:
        """Worker thread: withdraw what the courier held back and may not go; hand back what was
        settled (what was withdrawn has left the queue: the courier finds nothing to send).
        Returns how many may go. A fault midway (a full disk) holds the rest again, for the
        worker's next turn once it has waited the fault out: nothing is held for good."""
        with self.lock:
            held, self.held, self.asked = self.held, {}, False
        done, refused, unscreened = [], [], []
        try:
            for entry_id, meta in held.items():
                try:
                    if not settled(self.ctx, entry_id, meta):
                        refused.append(entry_id)
                except Exception as error:
                    if is_transient(error):
                        raise                # waited out by the worker, then settled again
                    unscreened.append(entry_id)
                    self._cannot_screen(entry_id, meta, error)
                    continue
                done.append(entry_id)
        finally:
            finished = set(done) | set(unscreened)
            left = {entry_id: meta for entry_id, meta in held.items() if entry_id not in finished}
            if left:
                self._hold(left)
            self.release(done)
        if refused:
            log.info("withheld %d queued message(s) from readers no longer screened in", len(refused))
        return len(done) - len(refused)

    def _cannot_screen(self, entry_id, meta, error):
        """A mail whose case cannot be screened (a damaged case file, an identity that does not
        open) stays unsent, and the admin is told; the worker goes on with everything else."""
        log.error("outbox %s (case %s): cannot be screened (%s); kept unsent", entry_id, meta.get("case"),
                  error.__class__.__name__)
        self.ctx.alerts.send(f"unscreened:{entry_id}", "queued mail about a case could not be screened",
                             f"The send-time screen failed ({error.__class__.__name__}).",
                             f"the mail stays in the outbox as {entry_id}, unsent; a restart tries again",
                             case=meta.get("case"), entry=entry_id)
