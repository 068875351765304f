"""Sanctions recorded on a case (NumPy, Jupyter: "The group will maintain records of all
such bans so that they may be reviewed in the future"): pure parts shared by `#sanction`,
the review reminders (deadlines/sanction_reviews.py) and `mailrouter sanctions`.

A sanction is a dict under the case's `sanctions` list: {"kind", "text", "until" (ISO date
or None), "by", "at", "ended" (None or ISO time), "against" (the reported persons' names as
recorded on the case), "reminded" (which review reminders went out)}. It names reported
persons only: nothing here ever reads who reported.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

KINDS = ("ban", "temporary-ban", "hiatus", "warning", "final-warning")
NEEDS_END = ("temporary-ban", "hiatus")     # a temporary measure without an end is a ban
UNTIL_RE = re.compile(r"^(?P<text>.*?)\s*\buntil\s+(?P<date>\S+)\s*$", re.IGNORECASE | re.DOTALL)


class SanctionError(ValueError):
    """Why a `#sanction` line was refused, worded for the member who wrote it."""


def parse_sanction(arg, today):
    """(kind, text, until ISO date or None) from `KIND TEXT [until YYYY-MM-DD]`."""
    kind, _, rest = (arg or "").strip().partition(" ")
    kind = kind.lower()
    if kind not in KINDS:
        raise SanctionError(f"the kind must be one of: {', '.join(KINDS)} (or `end N`)")
    until, text = None, rest.strip()
    match = UNTIL_RE.match(text)
    if match:
        until, text = _future_date(match.group("date"), today), match.group("text").strip()
    if not text:
        raise SanctionError(f"#sanction {kind} needs a description: what was decided, and where it applies")
    if kind in NEEDS_END and until is None:
        raise SanctionError(f"a {kind} needs an end: add `until YYYY-MM-DD` at the end of the line")
    if kind == "ban" and until is not None:
        raise SanctionError("a ban has no end date; use temporary-ban for one that ends")
    return kind, text, until


def _future_date(text, today):
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise SanctionError(f"{text!r} is not a date written as YYYY-MM-DD")
    if day <= today:
        raise SanctionError(f"{day.isoformat()} is not in the future (today is {today.isoformat()})")
    return day.isoformat()


def is_active(sanction, today):
    """Not ended, and without an end date or not yet past it (it is still in force on its last day)."""
    if sanction.get("ended"):
        return False
    return not sanction.get("until") or date.fromisoformat(sanction["until"]) >= today


@dataclass(frozen=True)
class Review:
    key: str            # under the sanction's `reminded`: "before", "on", "every:N"
    number: int         # the sanction's number on the case (1-based)
    at: datetime


def reviews(case, policy):
    """Every review reminder the case's sanctions have under this policy (sent or not)."""
    found = []
    for number, sanction in enumerate(case.get("sanctions", ()), start=1):
        if sanction.get("ended"):
            continue
        recorded = datetime.fromisoformat(sanction["at"])
        if sanction.get("until"):
            end = _start_of(sanction["until"], policy)
            if policy.sanction_review_days_before:
                before = end - timedelta(days=policy.sanction_review_days_before)
                if before > recorded:   # one recorded closer to its end than that is told at once
                    found.append(Review("before", number, before))
            found.append(Review("on", number, end))
        elif sanction["kind"] == "ban" and policy.sanction_review_every_days:
            found.append(Review("every", number, recorded + timedelta(days=policy.sanction_review_every_days)))
    return found


def pending_reviews(case, policy, now=None):
    """Reminders not yet sent; a periodic one is due again a period after the last one went."""
    left = []
    for review in reviews(case, policy):
        sanction = case["sanctions"][review.number - 1]
        sent = sanction.get("reminded", {}).get(review.key)
        if review.key == "every" and sent:
            review = Review("every", review.number,
                            datetime.fromisoformat(sent) + timedelta(days=policy.sanction_review_every_days))
        elif sent:
            continue
        if now is None or review.at <= now:
            left.append(review)
    return left


def next_review(case, policy):
    return min((r.at for r in pending_reviews(case, policy)), default=None)


def _start_of(iso_day, policy):
    """The first moment of that day in the policy's time zone."""
    return datetime.combine(date.fromisoformat(iso_day), time(0), tzinfo=policy.zone)
