"""When a case's clocks come due: a pure function of the case's facts and the policy.

Nothing here is stored as an absolute time in advance: each deadline is computed from
facts recorded on the case (opened, follow-up sent, proposals, urgent actions) and the
policy in force, so editing the policy re-times every open case's future deadlines. A
deadline that has fired is recorded under its key in `case["fired"]`, which is what
makes each mail go out exactly once, after a restart or days of downtime too (Q4).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

from mailrouter.deadlines.moderation import clocks as moderation_clocks

CLOSED = ("resolved", "closed")


@dataclass(frozen=True)
class Due:
    key: str                  # unique within the case, e.g. "followup-status", "deadlock:2"
    kind: str
    at: datetime
    data: dict = field(default_factory=dict, compare=False)


def is_open(case):
    return case.get("status", "new") not in CLOSED


def deadlines(case, policy):
    """Every deadline the case has under this policy (fired or not)."""
    if not is_open(case):
        return []
    opened = _time(case["created"])
    found = []

    def add(key, kind, start, after, **data):
        if after is not None:
            found.append(Due(key, kind, start + timedelta(seconds=after), data))

    if case.get("acknowledged") and policy.acknowledge is not None:
        add("ack-check", "ack-check", opened, policy.acknowledge)
    # An anonymous report (issue 14): nobody to follow up with, so no follow-up clocks.
    if policy.followup is not None and not case.get("last_followup") and case.get("anonymous") is not True:
        if policy.followup_nudge is not None:
            add("followup-nudge", "followup-nudge", opened, policy.followup - policy.followup_nudge)
        add("followup-status", "followup-status", opened, policy.followup)
    if policy.resolution_target is not None:
        if policy.resolution_nudge is not None:
            add("resolution-nudge", "resolution-nudge", opened,
                policy.resolution_target - policy.resolution_nudge)
        add("resolution-target", "resolution-target", opened, policy.resolution_target)
    for proposal in case.get("proposals", []):
        if proposal["status"] == "open":
            add(f"deadlock:{proposal['number']}", "deadlock", _time(proposal["opened"]), policy.deadlock,
                number=proposal["number"])
    for action in case.get("acted", []):
        if not action.get("confirmed"):
            add(f"acted:{action['number']}", "acted", _time(action["at"]), policy.unilateral_report,
                number=action["number"])
    for key, kind, start, after, data in _beyond_the_committee(case, policy):
        add(key, kind, start, after, **data)
    return found


def _beyond_the_committee(case, policy):
    """The clocks of issue 14: a pre-event concern's day, #severe's sign-off, the reported
    person's #review, the moderators' week. (key, kind, start, after seconds, data)."""
    if case.get("concern") == "pre-event" and case.get("event_date"):
        # The members' reminder on the event date, at its start in the policy's zone.
        day = datetime.combine(date.fromisoformat(case["event_date"]), dtime(0), policy.zone)
        yield "event-reminder", "event-reminder", day, 0, {}
    severe = case.get("severe")
    if severe and not severe.get("confirmed") and policy.severe_confirm_hours:
        yield "severe-confirm", "severe-confirm", _time(severe["at"]), policy.severe_confirm_hours * 3600, {}
    for review in case.get("reviews", []):        # the reported person's #review (casework/reviews.py)
        if not review.get("late"):
            yield f"review:{review['number']}", "review", _time(review["at"]), policy.review, \
                {"number": review["number"]}
    yield from moderation_clocks(case, policy)


def pending(case, policy):
    fired = case.get("fired", {})
    return [d for d in deadlines(case, policy) if d.key not in fired]


def next_due(case, policy):
    times = [d.at for d in pending(case, policy)]
    return min(times) if times else None


def _time(text):
    return datetime.fromisoformat(text)
