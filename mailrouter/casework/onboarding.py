"""A member who joins while cases are open (PyDistrict: "they should be provided with a list
of names of people who have been reported ... [and] state whether they have any conflicts
of interest" before they get access to those cases).

What both the newcomer's answer (commands/onboarding.py) and the admin's edit (a reload)
need: the conflicts they declared counted exactly like conflicts.yaml (`with_declared`),
the reported names they are shown, and, once cleared, one message per open case they may
see, in a thread of their own. Cases they are conflicted on stay closed to them.
"""

import dataclasses
import email
import logging
from email import policy

from mailrouter.casework.context import Context
from mailrouter.casework.forwarding import sized_forward
from mailrouter.cases.eligibility import ONBOARDING, eligibility_for, party_from_record, same_person
from mailrouter.cases.onboarding_store import CLEARED, OnboardingStore
from mailrouter.cases.tokens import derive_token
from mailrouter.outbound.case_mail import return_path, to_members
from mailrouter.settings.committee import Committee

log = logging.getLogger("mailrouter.casework.onboarding")
TRIAGE_ROLES = {"chair", "triage"}      # who reads a case in triage first (pipeline/stages/forward.py)


def with_declared(committee: Committee, store) -> Committee:
    """The committee with each newcomer's declared conflicts added to conflicts.yaml's."""
    declared = store.declared() if store is not None else {}
    if not declared:
        return committee
    conflicts = dict(committee.conflicts)
    for address, records in declared.items():
        people = list(conflicts.get(address, ()))
        people += [p for p in map(party_from_record, records) if not any(same_person(p, q) for q in people)]
        conflicts[address] = tuple(people)
    return dataclasses.replace(committee, conflicts=conflicts)


def committee_in_force(config) -> Committee:
    """For the CLI: the configured committee with the conflicts newcomers declared (read only)."""
    return with_declared(config.committee, OnboardingStore(config.state_dir))


def refresh_committee(ctx: Context) -> None:
    """Put the declared conflicts in force (after a reload or a #conflict). Built on the
    committee in force, not the configured one, so who is away (`absent`) is kept; adding
    the same declared conflicts again changes nothing."""
    ctx.committee = with_declared(ctx.committee, ctx.onboarding)


def party_records(ctx: Context, codes) -> list[dict]:
    """The recorded parties (the people reported, #reported) of those cases still open."""
    records = []
    for code in codes:
        if code in ctx.store.open_codes:
            records += ctx.store.get(code).get("parties", [])
    return records


def reported_names(ctx: Context, codes) -> list[str]:
    """Names only, sorted, once each: nothing says which case, when, or who reported."""
    names = set()
    for record in party_records(ctx, codes):
        shown = record.get("name") or next(iter(record.get("aliases") or ()), "") \
            or next(iter(record.get("emails") or ()), "")
        if shown.strip():
            names.add(" ".join(shown.split()))
    return sorted(names, key=str.casefold)


def clear(ctx: Context, address: str, how: str) -> int:
    """The newcomer is cleared: each open case of their joining that they may now see comes
    to them as one message. Return how many cases they received."""
    record = ctx.onboarding.newcomer(address)
    ctx.onboarding.change(address, status=CLEARED)
    refresh_committee(ctx)
    member = ctx.committee.member(address)
    sent = 0
    for code in record["cases"]:
        if code not in ctx.store.open_codes or member is None:
            continue
        sent += _open_case_to(ctx, code, member)
    log.info("a newcomer was cleared (%s): %d open case(s) sent", how, sent)
    return sent


def _open_case_to(ctx: Context, code: str, member) -> int:
    case = ctx.store.get(code)
    access = dict(case.get("access", {}))
    if access.get(member.email.lower()) != ONBOARDING:
        return 0
    del access[member.email.lower()]
    ctx.store.update(code, {"access": access})
    case = ctx.store.get(code)
    if case.get("stage") == "triage" and not TRIAGE_ROLES & set(member.roles):
        return 0       # triage: like the other members, they are asked once #reported names someone
    if not any(m.email == member.email for m in eligibility_for(case, ctx.committee, ctx.reporters).eligible):
        ctx.store.log(code, "onboarding: a newcomer stays out of the case")
        return 0
    ctx.store.update(code, {"access": dict(access, **{member.email.lower(): "granted"})},
                     event={"kind": "onboarding: a newcomer joined the case", "by": "mailrouter"})
    report = email.message_from_bytes(ctx.store.report(code), policy=policy.default)
    msg = sized_forward(ctx, code, report, case, case.get("notes", []), heading="Open case",
                        intro=_history(ctx, code, case))
    return to_members(ctx, code, [member], msg, "onboarding", f"onboarding:{code}")


def _history(ctx: Context, code: str, case: dict) -> str:
    """The case so far, as the policy asks: a summary, or the discussion in full."""
    discussion = [e for e in ctx.store.events(code) if e.get("kind") == "discussion"]
    return ctx.composer.render("onboarding_case.txt.j2", case=case, discussion=discussion,
                               full=ctx.config.policy.onboarding_history == "full",
                               author=lambda by: _author(ctx, by))


def _author(ctx: Context, participant: str) -> str:
    member = ctx.committee.member(participant.split(":", 1)[-1])
    return member.name if member else "a former member"


def newcomer_token(ctx: Context, address: str) -> str:
    """The welcome's reply address token: the newcomer answers through it (A1, invariant 4)."""
    return derive_token(ctx.secret, "onboarding", f"newcomer:{address.lower()}")


def to_newcomer(ctx: Context, member, subject: str, body: str, key: str, kind: str) -> bool:
    """Mail about joining, not about a case: to the newcomer alone, answerable at the welcome's address."""
    msg = ctx.composer.message(to=member.email, to_name=member.name, subject=subject, body=body,
                               reply_to=ctx.replies.format(newcomer_token(ctx, member.email)),
                               auto_submitted="auto-generated")
    queued = ctx.outbox.enqueue(key, return_path(ctx, key, member.email), member.email,
                                ctx.composer.as_bytes(msg), kind=kind)
    ctx.poke()
    return queued
