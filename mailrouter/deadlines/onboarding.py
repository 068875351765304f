"""The onboarding reminder: a member who joined and has not answered the welcome within the
policy's `onboarding_reminder` is reminded once, and the chairs are told (the admin when the
committee has no active chair). Per newcomer, not per case: run at every tick.
"""

import logging
from datetime import datetime, timedelta

from mailrouter.casework.onboarding import reported_names, to_newcomer
from mailrouter.cases.onboarding_store import PENDING
from mailrouter.clock import iso
from mailrouter.outbound.case_mail import return_path

log = logging.getLogger("mailrouter.deadlines.scheduler")


def remind_newcomers(ctx, now):
    """Remind each newcomer due; return (code or '-', what was done) for each."""
    after = ctx.config.policy.onboarding_reminder
    if after is None or ctx.onboarding is None:
        return []
    done = []
    for address, record in sorted(ctx.onboarding.newcomers().items()):
        member = ctx.committee.member(address)
        if record["status"] != PENDING or record["reminded"] or member is None or not member.active:
            continue
        if datetime.fromisoformat(record["joined"]) + timedelta(seconds=after) > now:
            continue
        _remind(ctx, member, record)
        told = _tell_chairs(ctx, member, record)
        ctx.onboarding.change(address, reminded=iso(now))
        log.info("onboarding reminder: a newcomer reminded, %d chair(s) told", told)
        done.append(("-", f"onboarding reminder: newcomer reminded, {told} chair(s) told"))
    return done


def _remind(ctx, member, record):
    names = reported_names(ctx, record["cases"])
    listed = "".join(f"  - {name}\n" for name in names) or "  (nobody has been named yet)\n"
    text = (f"You joined the committee on {record['joined'][:10]} and have not yet answered the welcome. "
            "Until you do, you receive nothing about the cases that were open then. The people "
            f"reported in them:\n\n{listed}\nReply to this message with a line `#conflict NAME` for "
            "each person you have a conflict with (you never have to say why), then `#no-conflicts`.")
    body = ctx.composer.render("onboarding_note.txt.j2", text=text, onboarding_help="")
    to_newcomer(ctx, member, "Reminder: your conflicts of interest", body,
                f"onboarding-reminder:{member.email.lower()}", "reminder")


def _tell_chairs(ctx, member, record):
    chairs = [m for m in ctx.committee.members if "chair" in m.roles and m.active and m.email != member.email]
    text = (f"{member.name} joined the committee on {record['joined'][:10]} and has not answered the "
            "welcome (their conflicts of interest with the people reported in open cases). They were "
            "reminded; the cases open at their joining stay closed to them until they answer, or until "
            "you mark them `onboarded: true` in members.yaml (their conflicts in conflicts.yaml).")
    if not chairs:
        ctx.alerts.send(f"onboarding:{member.email.lower()}", "a new member has not answered the welcome",
                        detail=text, kept="nothing is sent to them about the cases open at their joining")
        return 0
    for chair in chairs:
        key = f"onboarding-chair:{member.email.lower()}:{chair.email.lower()}"
        msg = ctx.composer.message(to=chair.email, to_name=chair.name, auto_submitted="auto-generated",
                                   subject="A new member has not answered the welcome",
                                   body=ctx.composer.render("onboarding_note.txt.j2", text=text, onboarding_help=""))
        ctx.outbox.enqueue(key, return_path(ctx, key, chair.email), chair.email, ctx.composer.as_bytes(msg),
                           kind="reminder")
    ctx.poke()
    return len(chairs)
