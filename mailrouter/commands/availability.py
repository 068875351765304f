"""Member commands about being available: #away and #back (issue 12).

Sent on any case thread; they concern the member, not the case. While away a member gets
no new reports, no reminders and no case mail; on return (#back, or the day given) one
catch-up message per open case that is still theirs. members.yaml's `away:` wins: #back
cannot end an absence the admin wrote there.
"""

import re
from datetime import date

from mailrouter.casework.availability import come_back, go_away, today
from mailrouter.commands.reply import CommandError, Reply, command

UNTIL = re.compile(r"^(?:until\s+)?(?P<day>\d{4}-\d{2}-\d{2})$", re.IGNORECASE)
USAGE = "write #away until YYYY-MM-DD (the day you are back), or #away alone (until you send #back)"
NOT_A_MEMBER = "#away and #back are for committee members; an interim reader tells the admin instead"


def _committee_member(reply: Reply):
    """The sender as a member of members.yaml: interim readers (reserves, escalation) may
    use case commands, but have no availability of their own here."""
    if reply.ctx.committee.member(reply.member.email) is None:
        raise CommandError(NOT_A_MEMBER)
    return reply.member


@command("away", "[until YYYY-MM-DD]", "no case mail until that day or #back; then a catch-up per case")
def away(reply: Reply, arg: str) -> str:
    _committee_member(reply)
    until = None
    if arg.strip():
        match = UNTIL.match(arg.strip())
        try:
            until = date.fromisoformat(match.group("day")) if match else None
        except ValueError:
            until = None
        if until is None:
            raise CommandError(USAGE)
        if until <= today(reply.ctx):
            raise CommandError(f"{until.isoformat()} is not in the future; {USAGE}")
    go_away(reply.ctx, reply.member, until)
    back = f"until {until.isoformat()}" if until else "until you send #back"
    return f"you are away {back}; you will get one catch-up message per open case on your return"


@command("back", "", "end your #away now; a catch-up per open case follows")
def back(reply: Reply, arg: str) -> str:
    _committee_member(reply)
    was_away = reply.ctx.away.get(reply.member.email) is not None
    if come_back(reply.ctx, reply.member):
        return "welcome back: a catch-up message per open case follows" if was_away else "you were not away"
    setting = reply.ctx.committee.member(reply.member.email).away
    until = f"until {setting.isoformat()}" if isinstance(setting, date) else "until the admin changes it"
    raise CommandError(f"members.yaml says you are away {until}; ask the admin to change it")
