"""The report document of one case (PyDistrict's "report documentation"), as one model
that every format renders: `mailrouter case export` (md, html, pdf), #export and #history.

Its sections follow the procedure's list, in its order. Everything in it comes from the
case store, which holds only scrubbed text: the clean copies of the report and of the
reporter's additions, the members' relayed words, proposals and votes, and what was sent
to the reporter. The reporter appears only through `shared_view()` (the one door): None
unless the reporter asked to be known or a chair revealed them. Members are named by name,
never by address.
"""

from dataclasses import dataclass

from mailrouter.casework.measures import measures
from mailrouter.mail.message import body_text, parse
from mailrouter.casework.moderation import document_entries as moderation_entries

NONE_RECORDED = "None recorded."
REPORT, DISCUSSION, PROPOSALS, MODERATORS, REPORTED_PERSON, FOLLOW_UP = (
    "The report", "Committee discussion", "Proposed behavioural modification plan and consequences",
    "Discussions with moderators and administrators", "Discussions with the reported person",
    "Follow-up with the reporter")
SECTION_ORDER = (REPORT, DISCUSSION, PROPOSALS, MODERATORS, REPORTED_PERSON, FOLLOW_UP)

WITHHELD = ("withheld from you: the reporter agreed to be known to the committee, so this case's "
            "records were not cleaned of who they are")


@dataclass(frozen=True)
class Entry:
    at: str                # ISO date and time
    by: str                # who: "reporter", a member's name, "the committee"
    text: str


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple
    facts: tuple = ()      # ("In scope", "yes") lines shown above the entries


@dataclass(frozen=True)
class ReportDocument:
    code: str
    facts: tuple           # (label, value): opened, status, resolution, the reporter if shared
    sections: tuple

    @property
    def title(self):
        return f"Report document: {self.code}"

    @property
    def size(self):
        """Characters of text in it (what a rendering costs)."""
        return sum(len(e.text) for section in self.sections for e in section.entries)


def build(store, reporters, committee, code: str, identity: bool = True) -> ReportDocument:
    """The document of case `code` as the store holds it now (`reporters`: the one door).

    Without `identity` (an escalation contact standing in, who never learns who reported),
    a case whose reporter was shared or revealed has no reporter and no report text in it:
    that text was not cleaned of them. A purged case has its report no more."""
    case, events = store.get(code), store.events(code)
    shared = reporters.shared_view(code)
    if shared is not None and not identity:
        return _withheld(code, case)
    facts = [("Opened", case["created"]), ("Status", case.get("status", "new")),
             ("Resolution", case.get("resolution") or "none recorded"),
             ("Reporter", f"{shared.name} <{shared.address}>" if shared else "not shared with the committee")]
    sections = (Section(REPORT, _report_parts(store, code, case, events)),
                Section(DISCUSSION, _discussion(committee, events),
                        (("In scope", case.get("in_scope") or "not recorded"),)),
                Section(PROPOSALS, _proposals(committee, case)
                        + tuple(Entry(*m) for m in measures(committee, case))),
                Section(MODERATORS, ()), Section(REPORTED_PERSON, _with_reported(case)),
                Section(FOLLOW_UP, _follow_up(case)))
    return ReportDocument(code, tuple(facts), _with_moderation(sections, case, events))


def _with_moderation(sections, case, events):
    """The moderators' section from the case's moderation record (casework/moderation.py)."""
    entries = tuple(Entry(*entry) for entry in moderation_entries(case, events))
    return tuple(Section(s.heading, entries, s.facts) if s.heading == MODERATORS else s for s in sections)


def _withheld(code, case):
    facts = (("Opened", case["created"]), ("Status", case.get("status", "new")),
             ("Resolution", case.get("resolution") or "none recorded"))
    note = Entry("", "mailrouter", WITHHELD)
    return ReportDocument(code, facts, (Section(REPORT, (note,)),))


def _report_parts(store, code, case, events):
    if case.get("purged"):
        return (Entry(case["purged"], "mailrouter", "the report was removed when the case's retention ended"),)
    added = {e.get("part"): e["at"] for e in events if e.get("kind") == "reporter added to the report"}
    parts = []
    for number in range(1, case.get("reports", 1) + 1):
        message = parse(store.report(code, number))
        label = "reporter" if number == 1 else f"reporter (addition {number - 1})"
        parts.append(Entry(case["created"] if number == 1 else added.get(number, ""), label,
                           body_text(message).strip()))
    return tuple(parts)


def _discussion(committee, events):
    """The members' relayed words and their #note lines, dated."""
    entries = []
    for event in events:
        if event.get("kind") == "discussion" or (event.get("kind") == "command" and event.get("command") == "note"
                                                 and event.get("text")):
            prefix = "" if event.get("kind") == "discussion" else "(note) "
            entries.append(Entry(event["at"], _member_name(committee, event.get("by", "")), prefix + event["text"]))
    return tuple(entries)


def _proposals(committee, case):
    entries = []
    for proposal in case.get("proposals", []):
        votes = list(proposal.get("votes", {}).values())
        tally = ", ".join(f"{votes.count(v)} {v}" for v in ("yes", "no", "abstain"))
        outcome = proposal.get("status", "open")
        decided = f" on {proposal['decided']}" if proposal.get("decided") else ""
        entries.append(Entry(proposal.get("opened", ""), _member_name(committee, f"member:{proposal.get('by', '')}"),
                             f"Proposal {proposal['number']}: {proposal['text']}\n"
                             f"Votes: {tally}. Outcome: {outcome}{decided}."))
    return tuple(entries)


def _with_reported(case):
    """What the committee wrote to the reported person and what they wrote back (issue 14)."""
    return tuple(Entry(m["at"], "the committee" if m["direction"] == "to" else "the reported person",
                       m["text"] + ("\n(asked for a review)" if m.get("review") else ""))
                 for m in case.get("reported_messages", []))
def _follow_up(case):
    """What went to the reporter (#to-reporter, #consult), their feedback on the proposed
    resolution (commands/consultation.py), and its enactment, in time order."""
    entries = [Entry(f["at"], "the committee", f["text"]) for f in case.get("followups", [])]
    consultation, enacted = case.get("consultation"), case.get("enacted")
    if consultation:
        entries.append(Entry(consultation["sent_at"], "the committee", f"(asked whether proposal "
                             f"{consultation.get('proposal')} is acceptable) {consultation['text']}"))
        entries += [Entry(f["at"], "reporter", f"(feedback, noted for the record) {f['text']}")
                    for f in consultation.get("feedback", [])]
    if enacted:
        skipped = f"; consultation skipped: {enacted['consultation_skipped']}" if enacted.get("consultation_skipped") else ""
        entries.append(Entry(enacted["at"], "mailrouter", f"proposal {enacted['proposal']} enacted{skipped}"))
    return tuple(sorted(entries, key=lambda entry: entry.at))


def _member_name(committee, participant):
    member = committee.member(participant.split(":", 1)[1]) if participant.startswith("member:") else None
    return member.name if member else "a committee member"
