"""The council's report: a closed, enacted case reported to the escalation contacts.

NumPy and Jupyter: "Finally, the committee will make a report to the Steering Council (as
well as the core team in the event of an ongoing resolution, such as a ban)." With the
policy's `report_to_council`, closing an enacted case sends each escalation contact, and
with an ongoing sanction each `core_team:` contact, their own code-named report: the
resolution (cleaned of the reporter like the report), the sanctions, whether the reporter
was consulted; the scrubbed report text only with `council_report_includes_text`. Never
the reporter's identity, nor the reporter's feedback (their own words could name them).
Each contact is screened like an interim reader (a contact who is a party gets nothing).
Recorded once in `council_report`: closing again sends nothing.
"""

import logging
from datetime import datetime

from mailrouter.casework.context import Context
from mailrouter.casework.escalation import scrubbed_report_text, to_contacts
from mailrouter.cases.eligibility import outside_contacts_screened
from mailrouter.clock import iso

log = logging.getLogger("mailrouter.casework.council")


def ongoing_sanctions(case, now):
    """Sanctions (recorded by #sanction) not ended and not past their `until` date."""
    today = now.date().isoformat()
    return [s for s in case.get("sanctions", ()) if not s.get("ended")
            and (not s.get("until") or str(s["until"])[:10] >= today)]


def report_to_council(ctx: Context, code: str) -> int:
    """Send the council's report if the policy asks and the case was enacted; how many."""
    case = ctx.store.get(code)
    if not ctx.config.policy.report_to_council or not case.get("enacted") or case.get("council_report"):
        return 0
    ongoing = ongoing_sanctions(case, ctx.clock.now())
    contacts = list(ctx.committee.escalation) + (list(ctx.committee.core_team) if ongoing else [])
    screened = outside_contacts_screened(case, ctx.committee, ctx.reporters, contacts)
    msg = ctx.composer.unaddressed(subject=f"[{code}] Resolution report", body=_body(ctx, case, ongoing),
                                   auto_submitted="auto-generated")
    stamp = iso(ctx.clock.now())
    to_contacts(ctx, code, msg, screened, "council-report", f"council-report:{code}")
    core = sum(1 for c in screened if c in ctx.committee.core_team)
    ctx.store.update(code, {"council_report": {"at": stamp, "contacts": len(screened), "core_team": core}},
                     event={"kind": "council report sent", "by": "mailrouter", "contacts": len(screened),
                            "core_team": core, "withheld": len(contacts) - len(screened)})
    log.info("council report for %s sent to %d contact(s)", code, len(screened))
    ctx.poke()
    return len(screened)


def _body(ctx, case, ongoing):
    code = case["code"]
    # Once the reporter is shared or revealed, nothing on the case is cleaned of them (the
    # scrubber is off): then no text of the case goes to the council, only its facts.
    withheld = ctx.reporters.shared_view(code) is not None
    scrub = ctx.reporters.scrubber(code).text      # members' words may name a reporter they were shown
    enacted = case["enacted"]
    proposal = next((p for p in case.get("proposals", ()) if p["number"] == enacted.get("proposal")), None)
    report_text = scrubbed_report_text(ctx, code) if ctx.config.policy.council_report_includes_text else None
    return ctx.composer.render(
        "council_report.txt.j2", code=code, case=case, enacted_on=_day(enacted["at"]), withheld=withheld,
        resolution=scrub(proposal["text"]) if proposal and not withheld else None,
        outcome=case.get("outcome"), consultation=case.get("consultation"),
        skipped=enacted.get("consultation_skipped"),
        sanctions=[dict(s, text="" if withheld else scrub(s.get("text") or "")) for s in ongoing],
        report_text=None if withheld else report_text)


def _day(stamp):
    return datetime.fromisoformat(stamp).date().isoformat()
