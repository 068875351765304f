"""Retention: when a closed case's reporter identity goes, and the purge that does it.

The policy's `retention:` gives each outcome (recorded with `#outcome`; a case closed
without one counts as `unrecorded`) a time after closing, or null: kept for ever. The time
counts from the closing (`closed_at`, else `resolved_at`), and starts again whenever a
later report names the same person (the recorded parties, `cases/eligibility.py`): a
pattern of behaviour keeps its earlier reports (PyDistrict's risk question).

At expiry (the scheduler's tick, or `mailrouter purge`): the case's identity key is
deleted, and with it who reported and the sealed attachment originals (crypto-shredding,
`privacy/identity_store.py`); mail about the case still in the outbox's `failed/` (it
names the reporter for a failed acknowledgement) is deleted; the case record is cut down
to what `retention_keeps` says; the audit log records the purge. The code name stays in
`names.log`, so it is never issued again.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from mailrouter.cases.eligibility import party_from_record, same_person
from mailrouter.clock import iso
from mailrouter.deadlines.when import CLOSED
from mailrouter.errors import SpoolError

log = logging.getLogger("mailrouter.deadlines.retention")
UNRECORDED = "unrecorded"
# A sanction stays with the summary: "The group will maintain records of all such bans" (issue 14);
# and who was on the case (`access`, members' addresses only), so its review reminders reach them.
SUMMARY = ("code", "created", "status", "resolved_at", "closed_at", "outcome", "safety_risk", "repeat_risk",
           "resolution", "actions", "parties", "reports", "sanctions", "severe", "access")
NOTHING = ("code", "created", "status", "resolved_at", "closed_at", "outcome")


@dataclass(frozen=True)
class Expiry:
    code: str
    outcome: str
    counted_from: datetime        # the closing, or a later report naming the same person
    at: datetime | None           # None: kept for ever
    renewed: bool = False         # counted from a later report


def closing(case):
    """When a closed case closed, or None while it is open (or was never closed)."""
    if case.get("status", "new") not in CLOSED:
        return None
    stamp = case.get("closed_at") or case.get("resolved_at")
    return datetime.fromisoformat(stamp) if stamp else None


def expiries(store, policy):
    """One Expiry per closed case not yet purged, soonest first (kept for ever: last)."""
    cases = [store.get(code) for code in sorted(store.names) if store.exists(code)]
    found = []
    for case in cases:
        closed = closing(case)
        if closed is None or case.get("purged"):
            continue
        outcome = case.get("outcome") or UNRECORDED
        start = _counted_from(case, closed, cases)
        keep = policy.retention_of(outcome)
        at = None if keep is None else start + timedelta(seconds=keep)
        found.append(Expiry(case["code"], outcome, start, at, renewed=start > closed))
    return sorted(found, key=lambda e: (e.at is None, e.at or e.counted_from, e.code))


def _counted_from(case, closed, cases):
    mine = [party_from_record(r) for r in case.get("parties", ())]
    start = closed
    for other in cases:
        created = datetime.fromisoformat(other["created"])
        if other["code"] == case["code"] or created <= start:
            continue
        theirs = [party_from_record(r) for r in other.get("parties", ())]
        if any(same_person(a, b) for a in mine for b in theirs):
            start = created
    return start


def due(store, policy, now):
    return [e for e in expiries(store, policy) if e.at is not None and e.at <= now]


def purge(ctx, expiry):
    """Destroy what the policy does not keep of one case; record it. Returns a line."""
    code, keeps = expiry.code, ctx.config.policy.retention_keeps
    removed = ctx.reporters.forget(code)
    failed = _drop_sealed_mail(ctx, code)
    ctx.ledger.forget_case(code)        # its acknowledgement, filed under the sender's digest
    case = ctx.store.get(code)
    now = iso(ctx.clock.now())
    fields = SUMMARY if keeps == "summary" else NOTHING
    document = dict({k: case[k] for k in fields if k in case}, purged=now, keeps=keeps)
    events = [{"at": e["at"], "kind": e["kind"], "by": e.get("by", "-")} for e in ctx.store.events(code)
              if keeps == "summary"]
    events.append({"at": now, "kind": "purged", "by": "mailrouter", "outcome": expiry.outcome, "keeps": keeps})
    ctx.store.rewrite(code, document, events)
    ctx.audit.record("purge", case=code, outcome=expiry.outcome, keeps=keeps)
    log.info("case %s: retention of outcome %s ended: identity destroyed (%d sealed files), "
             "%d failed or held mail removed, record kept: %s", code, expiry.outcome, removed, failed, keeps)
    return f"purged ({expiry.outcome}; kept: {keeps})"


def _drop_sealed_mail(ctx, code):
    """Failed and held mail about the case: a bounced acknowledgement holds the reporter's
    address, a held automatic reply may be the reporter's own."""
    dropped = 0
    for entries in (ctx.outbox.failed_entries, ctx.held):
        for entry_id in entries.ids():
            try:
                about = entries.meta(entry_id).get("case")
            except SpoolError:
                continue                 # unreadable: the admin's to judge, as before
            if about == code:
                entries.remove(entry_id)
                (entries.root / f"{entry_id}.reason").unlink(missing_ok=True)
                dropped += 1
    return dropped


def purge_due(ctx, now):
    """Purge every case whose retention has ended at `now`: [(code, what was done)]."""
    if not ctx.config.policy.retention:
        return []                        # no retention policy: everything is kept
    return [(e.code, purge(ctx, e)) for e in due(ctx.store, ctx.config.policy, now)]
