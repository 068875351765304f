"""Never nobody: a case with too few readers gets interim readers.

When recusals, conflicts or removals leave a case with fewer eligible readers than the
policy's `min_readers`, the reserves (`reserves:` in members.yaml, in file order) and after
them the escalation contacts are brought in until the minimum is met. Jupyter: the
Executive Council "will serve as the interim Code of Conduct Committee"; PyDistrict:
"another organizer will step in as a temporary lead incident responder".

Each is screened exactly like a member (eligibility_for, conflicts.yaml may list them), is
recorded on the case (`interim`, with access granted), and from then on is one of its
readers. The case log names them (never an address) and the admin is told. Called
wherever the readers can drop: at routing, after #recuse and #reported, when a member goes
away (casework/availability.py), after a reload.
"""

from mailrouter.casework.context import Context
from mailrouter.casework.forwarding import forward_stored_report
from mailrouter.cases.eligibility import eligibility_for
from mailrouter.clock import iso
from mailrouter.settings.committee import Member

CLOSED = ("resolved", "closed")
INTERIM_NOTE = ("You receive this case as an interim reader: too few committee members can read it "
                "(recusals, conflicts or changes to the committee). Reply to discuss it with the "
                "others on the case.")


def bring_in(ctx: Context, code: str, why: str, send: bool = True) -> list[Member]:
    """Bring in interim readers until the case has `min_readers`; return who was brought in.

    `send`: False at routing, where the forward stage sends them the report with the members;
    otherwise each gets the case summary and the scrubbed report now, in a thread of their own.
    """
    case = ctx.store.get(code)
    if case.get("status", "new") in CLOSED:
        return []
    readers = len(eligibility_for(case, ctx.committee, ctx.reporters).eligible)
    wanted = ctx.config.policy.min_readers - readers
    if wanted <= 0:
        return []
    chosen = _screened(ctx, case, wanted)
    if chosen:
        _record(ctx, code, case, chosen, why, readers)
        if send:
            forward_stored_report(ctx, code, chosen, notes=(INTERIM_NOTE, _summary(case)))
    if readers + len(chosen) < ctx.config.policy.min_readers:
        _shortfall(ctx, code, readers + len(chosen), why)
    return chosen


def bring_in_everywhere(ctx: Context, why: str) -> int:
    """After the committee changed (a reload): every open case; how many readers came in."""
    return sum(len(bring_in(ctx, code, why)) for code in sorted(ctx.store.open_codes))


def _screened(ctx, case, wanted):
    """The first `wanted` of the pool who are not on the case yet and pass the screen."""
    taken = {r["email"] for r in case.get("interim", ())} | set(case.get("access", {}))
    chosen = []
    for candidate in ctx.committee.interim_pool:
        if len(chosen) == wanted:
            break
        if candidate.email.lower() in taken or ctx.committee.member(candidate.email) is not None:
            continue
        screened = eligibility_for(case, ctx.committee, ctx.reporters, candidates=[candidate])
        if any(r.email == candidate.email for r in screened.eligible):
            chosen.append(candidate)
    return chosen


def _record(ctx, code, case, chosen, why, readers):
    stamp = iso(ctx.clock.now())
    interim = list(case.get("interim", ())) + [
        {"email": r.email.lower(), "name": r.name, "as": _role(r), "since": stamp, "why": why} for r in chosen]
    access = dict(case.get("access", {}), **{r.email.lower(): "granted" for r in chosen})
    names = ", ".join(f"{r.name} ({_role(r)})" for r in chosen)
    ctx.store.update(code, {"interim": interim, "access": access},
                     event={"kind": "interim readers brought in", "by": "mailrouter", "why": why,
                            "readers_before": readers, "readers": names})
    ctx.alerts.send(f"interim:{code}:{len(interim)}", "a case had too few readers: interim readers were brought in",
                    detail=f"after {why}, {readers} committee member(s) could read the case, below the "
                           f"policy's min_readers of {ctx.config.policy.min_readers}; brought in: {names}",
                    kept="the case and its log; `mailrouter case show` lists who received it", case=code)


def _shortfall(ctx, code, readers, why):
    ctx.store.log(code, "too few readers", why=why, readers=readers)
    ctx.alerts.send(f"shortfall:{code}:{readers}", "a case has too few readers and no reserve is free",
                    detail=f"after {why}, {readers} reader(s) can read the case, below the policy's "
                           f"min_readers of {ctx.config.policy.min_readers}; add reserves: to members.yaml",
                    kept="the case and its log", case=code)


def _summary(case):
    """The case so far, for a reader joining it: no names, nothing about the reporter."""
    later = case.get("reports", 1) - 1
    return (f"The case so far: opened {case['created']}, status {case.get('status', 'new')}"
            + (f"; the reporter has added {later} message(s) since this report: ask the members on "
               "the case" if later else "") + ".")


def _role(reader):
    return "escalation" if "escalation" in reader.roles else "reserve"


def who_reads(ctx: Context, code: str) -> str:
    """For the acknowledgement, in the reporter's terms: "committee" when a member reads the
    case, "designated" when only interim readers do, "nobody" when no one can yet."""
    case = ctx.store.get(code)
    interim = {r["email"] for r in case.get("interim", ())}
    readers = eligibility_for(case, ctx.committee, ctx.reporters).eligible
    if any(r.email.lower() not in interim for r in readers):
        return "committee"
    return "designated" if readers else "nobody"
