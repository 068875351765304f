"""The moderators' clock: "Administrators/moderators are encouraged to respond within a week"
(PyDistrict). From each recommendation sent with #to-moderators, policy
`moderators_respond_days` later the members are told who has not answered; a day before
(half the time, for a clock of a day) each moderator who has not answered is reminded, once.

Keys carry the space and the recommendation's round, so a new #to-moderators starts a new
clock and a repeated tick finds the key fired (deadlines/when.py) and sends nothing twice.
"""

from datetime import datetime, timedelta

from mailrouter.casework.moderation import eligible_moderators, to_moderators, unanswered
from mailrouter.casework.notices import tell_members
from mailrouter.outbound.case_mail import audience

DAY = 86400
NUDGE, OVERDUE = "moderators-nudge", "moderators-overdue"


def clocks(case, policy):
    """(key, kind, start, seconds after, data) for each space still waiting for an answer."""
    days = policy.moderators_respond_days
    if days is None:
        return []
    found = []
    for space, record in sorted(case.get("moderation", {}).items()):
        if not unanswered(record):
            continue
        start, after = datetime.fromisoformat(record["sent"]), days * DAY
        data = {"space": space, "round": record["round"]}
        found.append((f"{NUDGE}:{space}:{record['round']}", NUDGE, start, after - min(DAY, after / 2), data))
        found.append((f"{OVERDUE}:{space}:{record['round']}", OVERDUE, start, after, data))
    return found


def nudge(ctx, code, due):
    case = ctx.store.get(code)
    record = _current(case, due)
    waiting = {email for email, _ in unanswered(record)} if record else set()
    moderators = [m for m in eligible_moderators(ctx, case, due.data["space"]) if m.email.lower() in waiting]
    if not moderators:
        return "no moderator to remind"
    text = (f"On {_day(ctx, record['sent'])} we sent you the committee's recommended response for "
            f"{due.data['space']}, and we have not had your answer yet. Please reply to this message with "
            f"#accept, or #disagree and your reasons, by {_day(ctx, record['sent'], _respond(ctx))}.")
    msg = ctx.composer.unaddressed(subject=f"[{code}] Reminder: the recommended response for {due.data['space']}",
                                   body=ctx.composer.render("notice.txt.j2", code=code, text=text),
                                   auto_submitted="auto-generated")
    to_moderators(ctx, code, moderators, msg, "moderator-nudge", f"clock:{code}:{due.key}")
    return f"{len(moderators)} moderator(s) reminded"


def overdue(ctx, code, due):
    case = ctx.store.get(code)
    record = _current(case, due)
    names = [name for _, name in unanswered(record)] if record else []
    if not names:
        return "every moderator answered"
    members = audience(ctx, case)
    text = (f"The recommended response went to the moderators of {due.data['space']} on "
            f"{_day(ctx, record['sent'])}, and {_respond(ctx)} days have passed without an answer from: "
            f"{', '.join(names)}. Write to them again with #to-moderators {due.data['space']}, or decide "
            "how to go on without their answer.")
    tell_members(ctx, code, members, text, "reminder", f"clock:{code}:{due.key}", subject="Reminder")
    return f"{len(members)} member(s) told: {len(names)} moderator(s) did not answer"


ACTIONS = {NUDGE: nudge, OVERDUE: overdue}


def _current(case, due):
    """The space's record, unless a newer #to-moderators replaced the one this clock is for."""
    record = case.get("moderation", {}).get(due.data["space"])
    return record if record and record["round"] == due.data["round"] else None


def _respond(ctx):
    return ctx.config.policy.moderators_respond_days or 0


def _day(ctx, sent, days=0):
    moment = datetime.fromisoformat(sent) + timedelta(days=days)
    return moment.astimezone(ctx.config.policy.zone).strftime("%A %d %B %Y")
