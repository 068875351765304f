"""A member joins: the welcome, and their answer (#conflict NAME, #no-conflicts).

`committee_changed` runs in the worker thread at start-up and after each reload. A member
address never seen before (onboarding.json's `known`) is a newcomer: the open cases of that
moment are closed to them (eligibility's NOT_ONBOARDED) and they get a welcome, with its own
reply address, listing the names of the people reported in those cases and nothing else
about them. `#conflict NAME` (matched like #reported) declares a conflict that counts like
conflicts.yaml; `#no-conflicts` clears them, and so does `onboarded: true` on the member in
members.yaml (the admin's way, with the conflicts in conflicts.yaml). Then each open case they
may see comes as one message (casework/onboarding.py).
"""

import logging

from mailrouter.casework import onboarding
from mailrouter.casework.context import Context
from mailrouter.cases.declarations import reported_people
from mailrouter.cases.eligibility import ONBOARDING, party_from_record, party_record, same_person
from mailrouter.cases.onboarding_store import CLEARED, PENDING
from mailrouter.cases.tokens import digest
from mailrouter.clock import iso
from mailrouter.commands import registry
from mailrouter.commands.reply import CommandError, Entry, required
from mailrouter.casework.notices import tell_members
from mailrouter.outbound.case_mail import on_case

log = logging.getLogger("mailrouter.commands.onboarding")
LEAVING = ("You declared a conflict with someone this case concerns. You will receive nothing more "
           "about it.")


class Answer:
    """A newcomer's answer being processed: who, and what it changed."""

    def __init__(self, ctx: Context, member):
        self.ctx, self.member = ctx, member
        self.record = ctx.onboarding.newcomer(member.email)


def conflict(answer: Answer, arg: str) -> str:
    ctx, record = answer.ctx, answer.record
    named = reported_people(f"Reported person: {required(arg, '#conflict needs a name or an email')}")
    named += ctx.committee.people_named_in(arg)
    parties = [party_from_record(r) for r in onboarding.party_records(ctx, record["cases"])]
    # The reported person as recorded (their addresses and aliases too), when the name is theirs.
    people = [p for p in parties if any(same_person(p, n) for n in named)] or named
    declared = [party_from_record(r) for r in record["conflicts"]]
    new = [p for p in people if not any(same_person(p, d) for d in declared)]
    answer.record = dict(record, conflicts=record["conflicts"] + [party_record(p) for p in new])
    before = _cases_of(ctx, answer.member)
    ctx.onboarding.change(answer.member.email, conflicts=answer.record["conflicts"])
    onboarding.refresh_committee(ctx)
    for code in sorted(before - _cases_of(ctx, answer.member)):     # a report since they joined
        tell_members(ctx, code, [answer.member], LEAVING, "removed",
                     f"removed:{code}:conflict:{answer.member.email.lower()}")
    return "conflict recorded: you will receive nothing about cases concerning this person"


def _cases_of(ctx: Context, member) -> set[str]:
    return {code for code in ctx.store.open_codes if on_case(ctx, ctx.store.get(code), member)}


def no_conflicts(answer: Answer, arg: str) -> str:
    again = answer.record["status"] != PENDING
    # Run again even when already cleared: it sends only what a crash may have left unsent.
    sent = onboarding.clear(answer.ctx, answer.member.email, "by the member")
    if again and not sent:
        return "you have already answered"
    return f"thank you: {sent} open case(s) are on their way to you, one message each"


def show_help(answer: Answer, arg: str) -> str:
    return HELP


# Answers to the welcome, not case commands: their own table (the case table, registry.COMMANDS,
# is every handler marked @command), shown with the same layout.
COMMANDS = registry.table([
    Entry("conflict", "NAME <EMAIL>", "you have a conflict with this person (one per line; never say why)", conflict),
    Entry("no-conflicts", "", "you have no (other) conflict: the open cases you may see come to you", no_conflicts),
    Entry("help", "", "this list", show_help)])
HELP = "\n".join(registry.help_line(entry) for entry in COMMANDS.values())


def run(answer: Answer, name: str, arg: str) -> str:
    entry = COMMANDS.get(name)
    if entry is None:
        raise CommandError(f"unknown command #{name} (in answer to the welcome: #conflict, #no-conflicts)")
    return entry.handler(answer, arg)


def committee_changed(ctx: Context) -> list[str]:
    """Welcome each member never seen before; clear those the admin marked `onboarded`."""
    store = ctx.onboarding
    active = {m.email.lower(): m for m in ctx.config.committee.members if m.active}
    if not store.founded:            # the first start: these members are the committee
        store.remember(active)
        store.save()
        return []
    joined = [m for address, m in active.items() if address not in store.known]
    for member in joined:
        _join(ctx, member)
    store.remember(active)
    store.save()
    for address, member in active.items():
        if member.onboarded and store.pending(address):
            onboarding.clear(ctx, address, "by the admin")
    onboarding.refresh_committee(ctx)
    return [m.email for m in joined]


def _join(ctx: Context, member) -> None:
    address = member.email.lower()
    codes = sorted(ctx.store.open_codes)
    for code in codes:
        access = ctx.store.get(code).get("access", {})
        if address not in access:
            ctx.store.update(code, {"access": dict(access, **{address: ONBOARDING})},
                             event={"kind": "onboarding: a member joined the committee", "by": "mailrouter"})
    ctx.onboarding.add(address, iso(ctx.clock.now()), codes, digest(onboarding.newcomer_token(ctx, address)))
    if not codes:
        ctx.onboarding.data["newcomers"][address]["status"] = CLEARED
    body = ctx.composer.render("welcome.txt.j2", name=member.name, email=member.email,
                               names=onboarding.reported_names(ctx, codes), open_cases=bool(codes),
                               onboarding_help=HELP, case_help=registry.HELP)
    onboarding.to_newcomer(ctx, member, f"Welcome to the {ctx.config.committee_name}", body,
                           f"welcome:{address}", "welcome")
    log.info("a member joined the committee: welcome queued, %d open case(s) wait for their answer", len(codes))
