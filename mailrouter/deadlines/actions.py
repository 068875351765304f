"""What each deadline does when it comes due. Every mail goes through casemail, so it
respects eligibility at the moment it is sent (recused and excluded members get nothing).
"""

import logging
from datetime import datetime, timedelta

from mailrouter.casework.escalation import escalate_case
from mailrouter.casework.notices import tell_members
from mailrouter.casework.reviews import review_due
from mailrouter.deadlines import moderation
from mailrouter.cases.stage import stage_of
from mailrouter.outbound.case_mail import audience, to_reporter

log = logging.getLogger("mailrouter.deadlines.scheduler")


def fire(ctx, code, due):
    """Carry out one due deadline; return a one-line description for logs and previews."""
    return ACTIONS[due.kind](ctx, code, due)


def ack_check(ctx, code, due):
    case = ctx.store.get(code)
    key = case.get("ack_key")
    if key and ctx.outbox.entry_id(key) in ctx.outbox.queue:
        ctx.alerts.send(f"ack-late:{code}", "an acknowledgement is overdue",
                        detail="the acknowledgement to the reporter is still waiting in the outbox at "
                               "the policy's acknowledgement deadline",
                        kept="the acknowledgement stays queued and is retried", case=code)
        return "admin alerted: acknowledgement still undelivered"
    return "acknowledgement delivered in time"


def followup_nudge(ctx, code, due):
    deadline = due.at + _delta(ctx.config.policy.followup_nudge)
    return _tell_members(ctx, code, due, f"Nobody has written to the reporter yet. The policy asks for a "
                         f"follow-up by {_when(ctx, deadline)}. Reply with #to-reporter on a line of its "
                         "own, followed by the text for the reporter.")


def followup_status(ctx, code, due):
    case = ctx.store.get(code)
    policy = ctx.config.policy
    stage = stage_of(case)            # the wording follows the stage (cases/stage.py)
    body = ctx.composer.render("status_to_reporter.txt.j2", code=code, eta=_eta(ctx, case),
                               mediation=_days(policy.mediation), stage=stage, consult=policy.consult_reporter,
                               concern=case.get("concern"),
                               target=_when(ctx, _target(case, policy)) if policy.resolution_target else None)
    pre_event = case.get("concern") == "pre-event"       # issue 14: its own wording
    subject = "Your safety arrangement for the upcoming event" if pre_event else STATUS_SUBJECTS[stage]
    msg = ctx.composer.unaddressed(subject=f"[{code}] {subject}", body=body, auto_submitted="auto-generated")
    to_reporter(ctx, code, msg, "status", f"clock:{code}:{due.key}")
    ctx.store.log(code, "status mail sent to the reporter")
    _tell_members(ctx, code, due, "The follow-up deadline passed without a word to the reporter, so "
                  "mailrouter sent them the standard status mail.", quiet=True)
    return "status mail to the reporter"


STATUS_SUBJECTS = {"received": "Your report is being reviewed", "under review": "Your report is being reviewed",
                   "resolution proposed": "A resolution has been proposed",
                   "consultation": "Your view on the proposed resolution",
                   "enacted": "A resolution is being put into effect", "closed": "Your report is closed"}


def resolution_nudge(ctx, code, due):
    target = due.at + _delta(ctx.config.policy.resolution_nudge)
    return _tell_members(ctx, code, due, f"The resolution target for this case is {_when(ctx, target)}. "
                         "If it cannot be met, set a projected timeline with #eta (e.g. #eta 2w).")


def resolution_target(ctx, code, due):
    case = ctx.store.get(code)
    if case.get("anonymous") is True:        # issue 14: nobody to send an update to
        return _tell_members(ctx, code, due, "The resolution target has passed. The report is anonymous, "
                             "so the reporter cannot be sent an update.")
    body = ctx.composer.render("update_to_reporter.txt.j2", code=code, eta=_eta(ctx, case), stage=stage_of(case))
    msg = ctx.composer.unaddressed(subject=f"[{code}] An update on your report", body=body,
                                   auto_submitted="auto-generated")
    to_reporter(ctx, code, msg, "update", f"clock:{code}:{due.key}")
    _tell_members(ctx, code, due, "The resolution target has passed. The reporter was sent an update "
                  + ("with the timeline you set (#eta)." if case.get("eta") else
                     "saying the committee will set a new timeline; set one with #eta."))
    return "resolution target passed: members told, reporter updated"


def deadlock(ctx, code, due):
    number = due.data["number"]
    reason = f"proposal {number} has been undecided past the policy's deadlock time"
    sent = escalate_case(ctx, code, reason=reason, key=f"escalation:{code}:{due.key}")
    ctx.store.log(code, "deadlock", by="mailrouter", proposal=number, escalated_to=sent)
    _tell_members(ctx, code, due, f"Proposal {number} is deadlocked; the case was escalated to "
                  f"{sent} escalation contact(s) with a code-named summary.")
    return f"deadlock on proposal {number}: escalated"


def acted(ctx, code, due):
    number = due.data["number"]
    return _tell_members(ctx, code, due, f"The urgent action {number} recorded with #acted has not been "
                         f"confirmed by another member. Review it and reply #confirm {number}.")


def severe_confirm(ctx, code, due):
    return _tell_members(ctx, code, due, "The clear and severe breach marked with #severe has not been "
                         "signed off by another member. Review it and reply #confirm severe.")


def event_reminder(ctx, code, due):
    """A pre-event concern (issue 14): on the event date, the members are reminded of it."""
    day = ctx.store.get(code).get("event_date")
    return _tell_members(ctx, code, due, f"Today ({day}) is the event this pre-event concern is about. "
                         "Check that the arrangements for the reporter's safety are in place (for "
                         "example an escort, or the event's staff told).")


ACTIONS = {"ack-check": ack_check, "followup-nudge": followup_nudge, "followup-status": followup_status,
           "resolution-nudge": resolution_nudge, "resolution-target": resolution_target,
           "deadlock": deadlock, "acted": acted, "severe-confirm": severe_confirm}
ACTIONS["review"] = review_due          # the reported person's #review (issue 14)
ACTIONS.update(moderation.ACTIONS)       # the moderators' week (deadlines/moderation.py)
ACTIONS["event-reminder"] = event_reminder


def _tell_members(ctx, code, due, text, quiet=False):
    members = audience(ctx, ctx.store.get(code))
    tell_members(ctx, code, members, text, "reminder", f"clock:{code}:{due.key}", subject="Reminder")
    return f"{len(members)} member(s) reminded" if not quiet else f"{len(members)} member(s) told"


def _eta(ctx, case):
    return _when(ctx, datetime.fromisoformat(case["eta"])) if case.get("eta") else None


def _target(case, policy):
    return datetime.fromisoformat(case["created"]) + _delta(policy.resolution_target)


def _delta(seconds):
    return timedelta(seconds=seconds or 0)


def _when(ctx, moment):
    local = moment.astimezone(ctx.config.policy.zone)
    return local.strftime("%A %d %B %Y, %H:%M ") + ctx.config.policy.timezone


def _days(seconds):
    return None if seconds is None else f"{round(seconds / 86400)} days"

