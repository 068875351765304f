"""A review the reported person asks for with `#review` (NumPy: "they have the right to
ask for a review"; PyDistrict: "If the reported person provides additional context, the
organizers may need to re-evaluate").

A resolved or closed case is reopened for the review while the policy's appeal window is
open (the same window the reporter's appeals use, casework/appeals.py); after it, the
request is recorded and the members told, and the case stays closed. The review clock
(policy `review`) starts at the request: when it runs out, the members are reminded
(deadlines/when.py, `review:N`). Recorded under `reviews`.
"""

from datetime import datetime, timedelta

from mailrouter.casework import appeals
from mailrouter.casework.notices import tell_members
from mailrouter.clock import iso
from mailrouter.outbound.case_mail import audience

REOPENED_STATUS = "investigating"
# The case's own clocks (deadlines/when.py) that speak to the reporter or about the first
# follow-up: a case reopened for the reported person's review does not start them again,
# so nothing they do makes mail go to the reporter.
FIRST_ROUND_CLOCKS = ("ack-check", "followup-nudge", "followup-status", "resolution-nudge", "resolution-target")


def request(ctx, code, text, key):
    """Record a `#review` from the reported person; returns what was done, for the log."""
    case = ctx.store.get(code)
    now = ctx.clock.now()
    closed = code not in ctx.store.open_codes
    end = appeals.window_end(case, ctx.config.policy) if closed else None
    late = closed and (end is None or now > end)
    number = len(case.get("reviews", [])) + 1
    review = {"number": number, "at": iso(now), "text": text, "reopened": closed and not late, "late": late}
    changes = {"reviews": case.get("reviews", []) + [review]}
    if closed and not late:
        changes["status"] = REOPENED_STATUS
        changes["fired"] = {**{key: iso(now) for key in FIRST_ROUND_CLOCKS}, **case.get("fired", {})}
    ctx.store.update(code, changes, event={"kind": "review requested", "by": "reported",
                                           "number": number, "reopened": review["reopened"]})
    tell_members(ctx, code, audience(ctx, ctx.store.get(code)), _members_text(ctx, review),
                 "review", f"review:{code}:{key}")
    return "review after the appeal window (recorded)" if late else f"review {number} requested"


def _members_text(ctx, review):
    if review["late"]:
        return ("The reported person asked for a review of this case (#review) after the appeal window; "
                "the case stays closed. Their words are in the message relayed with this one.")
    due = _due(ctx, review)
    when = f"The policy asks for the review by {due.date().isoformat()}." if due else ""
    opened = "The case is open again for the review." if review["reopened"] else ""
    return " ".join(t for t in ("The reported person asked for a review of this case (#review).", opened, when) if t)


def _due(ctx, review):
    window = ctx.config.policy.review
    return None if window is None else datetime.fromisoformat(review["at"]) + timedelta(seconds=window)


def review_due(ctx, code, due):
    """The deadline action: the members are reminded that the requested review is due."""
    members = audience(ctx, ctx.store.get(code))
    tell_members(ctx, code, members, f"The review the reported person asked for (#review, request "
                 f"{due.data['number']}) is due now under the policy. Record the outcome with #resolution "
                 "and #status, or write to them with #to-reported.", "reminder", f"clock:{code}:{due.key}",
                 subject="Reminder")
    return f"{len(members)} member(s) reminded of a requested review"
