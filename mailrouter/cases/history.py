"""The committee's memory of a person: earlier cases that recorded them as a party, and
which of those a member may know about now (PyDistrict's question: "is there an
established pattern of behaviour from past reports?").

Cases are found through the store's index of parties (`CaseStore.by_party`), so the cost
grows with the cases about the person, not with every case ever filed; each candidate is
checked again with `same_person`, the rule `#reported` and routing use. A member is told
only about cases they are eligible for now (eligibility_for), and how many were withheld.
"""

from dataclasses import dataclass

from mailrouter.cases.eligibility import eligibility_for, party_from_record, person_keys, same_person


@dataclass(frozen=True)
class Known:
    """What a member may be told about a set of cases: the cases, and how many were withheld."""

    cases: tuple           # case documents, oldest first
    withheld: int


def cases_about(store, people, exclude=()):
    """The stored cases whose recorded parties include one of `people`, oldest first."""
    candidates = set()
    for person in people:
        for key in person_keys(person):
            candidates |= store.by_party.get(key, set())
    found = []
    for code in candidates - set(exclude):
        case = store.get(code)
        parties = [party_from_record(r) for r in case.get("parties", ())]
        if any(same_person(person, party) for person in people for party in parties):
            found.append(case)
    return sorted(found, key=lambda case: case["created"])


CLOSED = ("resolved", "closed")


def readers(cases, committee, reporters):
    """For each case (by code), the emails of the members who may see it now: computed once
    for a set of cases, then filtered per member. A case still open: those eligible and
    granted access (triage and onboarding decide who reads it, not this). A closed one:
    everyone eligible now, the committee's memory for later members (NumPy, Jupyter)."""
    found = {}
    for case in cases:
        eligible = {m.email.lower() for m in eligibility_for(case, committee, reporters).eligible}
        if case.get("status", "new") not in CLOSED:
            access = case.get("access", {})
            eligible = {email for email in eligible if access.get(email) == "granted"}
        found[case["code"]] = eligible
    return found


def known_to(member_email, cases, eligible):
    """The cases `member_email` may be told about, and how many are withheld from them."""
    email = member_email.lower()
    shown = tuple(case for case in cases if email in eligible[case["code"]])
    return Known(shown, len(cases) - len(shown))
