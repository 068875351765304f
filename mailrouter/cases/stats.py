"""The transparency report's figures (PSF, Django and Rust publish such reports): counts
over the cases opened in a period, never a code name or a date of one case.

A count below SMALL is shown as "fewer than 3", and a median over fewer than SMALL cases
is not shown: a small number next to a known event can point at a person.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime

SMALL = 3
HIDDEN = f"fewer than {SMALL}"
DAY = 86400.0


@dataclass(frozen=True)
class CaseFacts:
    """What the figures need from one case, read from its record and its log."""

    opened: datetime
    acknowledged: datetime | None
    resolved: datetime | None
    in_scope: str
    outcome: str


def case_facts(case, events):
    acked = next((e["at"] for e in events if e.get("kind") == "acknowledged"), None)
    resolved = case.get("resolved_at") or case.get("closed_at")
    status = case.get("status", "new")
    outcome = case.get("outcome") or ("no outcome recorded" if status in ("resolved", "closed") else "open")
    return CaseFacts(_time(case["created"]), _time(acked) if acked else None,
                     _time(resolved) if resolved else None, case.get("in_scope") or "not recorded", outcome)


def in_period(facts, start: date, end: date):
    return [f for f in facts if start <= f.opened.date() <= end]


def figures(facts, acknowledge_within):
    """(label, shown value) lines for the cases in `facts`."""
    ack_days = [(f.acknowledged - f.opened).total_seconds() / DAY for f in facts if f.acknowledged]
    resolve_days = [(f.resolved - f.opened).total_seconds() / DAY for f in facts if f.resolved]
    lines = [("Reports received", count(len(facts)))]
    if acknowledge_within is not None:
        within = sum(1 for f in facts if f.acknowledged and
                     (f.acknowledged - f.opened).total_seconds() <= acknowledge_within)
        lines.append((f"Acknowledged within {acknowledge_within / 3600:g} hours", count(within)))
    lines.append(("In scope", count(sum(1 for f in facts if f.in_scope == "yes"))))
    lines.append(("Out of scope", count(sum(1 for f in facts if f.in_scope == "no"))))
    for outcome in sorted({f.outcome for f in facts}):
        lines.append((f"Outcome: {outcome}", count(sum(1 for f in facts if f.outcome == outcome))))
    lines.append(("Median days to acknowledge", median(ack_days)))
    lines.append(("Median days to resolve", median(resolve_days)))
    return lines


def count(number):
    return HIDDEN if number < SMALL else str(number)


def median(values):
    return f"{statistics.median(values):.1f}" if len(values) >= SMALL else f"not shown ({HIDDEN} cases)"


def _time(text):
    return datetime.fromisoformat(text)
