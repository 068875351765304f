"""Who is available now: members.yaml's `away:` and the members' own #away and #back.

The committee in force (`ctx.committee`) carries each member's `absent` flag, computed
here from both: away while members.yaml says so (it wins: #back cannot end it) or while
their own #away runs. Recomputed after a reload, a #away or #back, and at every scheduler
tick (so a date passing is noticed). A member who goes away has their queued case mail
withdrawn; one who comes back gets the catch-up (casework/catch_up.py). Worker thread only.
"""

from dataclasses import replace
from datetime import date

from mailrouter.cases.availability import COMMAND, MEMBERS_FILE
from mailrouter.casework.catch_up import catch_up
from mailrouter.casework.context import Context
from mailrouter.casework.interim import bring_in_everywhere
from mailrouter.casework.send_screen import withdraw_refused
from mailrouter.casework.withdrawal import AWAY, withdraw_departed, withdraw_queued
from mailrouter.clock import iso
from mailrouter.settings.away import is_away
from mailrouter.settings.committee import Committee, Member


def today(ctx: Context, now=None) -> date:
    return (now or ctx.clock.now()).astimezone(ctx.config.policy.zone).date()


def committee_changed(ctx: Context, before: Committee) -> None:
    """After a reload put `ctx.committee` in force: who left, who is away, what is withdrawn."""
    ctx.departures.record(ctx.committee)
    refresh(ctx)
    withdraw_departed(ctx, before)
    withdraw_refused(ctx)           # what the send-time screen now refuses: taken back at once


def refresh(ctx: Context, now=None) -> list:
    """Recompute who is away; withdraw for those newly away, catch up those back.
    Returns the members who came back."""
    now = now or ctx.clock.now()
    day, members, back = today(ctx, now), [], []
    for member in ctx.committee.members:
        absent = member.active and (is_away(member.away, day) or is_away(ctx.away.until(member.email), day))
        record = ctx.away.get(member.email)
        if absent and record is None:
            until = member.away.isoformat() if isinstance(member.away, date) else None
            ctx.away.put(member.email, iso(now), until, MEMBERS_FILE)
        elif not absent and record is not None:
            back.append((member, record))
        members.append(replace(member, absent=absent))
    ctx.committee = with_members(ctx.committee, tuple(members))
    for email in [e for e in ctx.away.records if ctx.committee.member(e) is None]:
        ctx.away.drop(email)                    # removed while away: nothing to catch up
    newly_away = [m for m in members if m.absent and not ctx.away.get(m.email).get("settled")]
    for member in newly_away:
        withdraw_queued(ctx, {member.email.lower()}, {member.email.lower(): member.name}, AWAY,
                        case_mail_only=True)
        ctx.away.put(member.email, **dict(ctx.away.get(member.email), settled=True))
    if newly_away:      # never nobody: a case the absence leaves below min_readers gets interim readers
        bring_in_everywhere(ctx, "a member went away")
    for member, record in back:
        catch_up(ctx, next(m for m in members if m.email == member.email), record["since"])
        ctx.away.drop(member.email)
    return [member for member, _ in back]


def with_members(committee: Committee, members: tuple) -> Committee:
    """The committee with these members (the same people, `absent` recomputed); itself if
    nothing changed. The name matcher is kept: compiling it again every tick costs."""
    if members == committee.members:
        return committee
    changed = replace(committee, members=members)
    for cached in ("known_people", "_matcher"):     # functools.cached_property keeps them here
        if cached in committee.__dict__:
            changed.__dict__[cached] = committee.__dict__[cached]
    return changed


def go_away(ctx: Context, member: Member, until) -> None:
    """#away: from now until `until` (a date, or None for until #back)."""
    record = ctx.away.get(member.email) or {}       # already away: the absence began then
    ctx.away.put(member.email, record.get("since") or iso(ctx.clock.now()),
                 until.isoformat() if until else None, COMMAND, settled=record.get("settled", False))
    refresh(ctx)


def come_back(ctx: Context, member: Member) -> bool:
    """#back: ends the member's own #away; False if members.yaml still says away."""
    record = ctx.away.get(member.email)
    if record is not None and record["by"] == COMMAND:
        ctx.away.put(member.email, **dict(record, by=MEMBERS_FILE))   # members.yaml alone decides now
    refresh(ctx)
    return not is_away(ctx.committee.member(member.email).away, today(ctx))


def away_list(ctx: Context) -> list:
    """[(name, "until YYYY-MM-DD" or "until further notice")] of the members away now."""
    listed = []
    for member in ctx.committee.members:
        if member.absent:
            until = member.away if isinstance(member.away, date) else ctx.away.until(member.email)
            listed.append((member.name, f"until {until.isoformat()}" if isinstance(until, date)
                           else "until further notice"))
    return listed
