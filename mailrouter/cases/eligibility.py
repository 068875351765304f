"""Who may receive mail about a case: the one function every sender calls.

The parties of a case are the reporter, the known people the report names, and anyone
the committee records later. A member is excluded when they are inactive (or removed from
members.yaml), away (`absent`: members.yaml `away:` or #away), recused, are a party,
declared a conflict with a party, or joined after the case opened and have not yet
answered the onboarding (NOT_ONBOARDED). The reason kept is a class only, never the person.
"""

from dataclasses import dataclass
from functools import lru_cache

from mailrouter.settings.committee import Member, Person, fold

INACTIVE = "inactive"
IS_PARTY = "is a party"
EXCLUDED = "excluded"          # an access state: kept out for good, whoever reported
CONFLICT = "declared a conflict"
RECUSED = "recused"
AWAY = "away"
NOT_ONBOARDED = "not onboarded"     # joined after the case opened and not yet cleared
ONBOARDING = "onboarding"           # the case's access state for such a member
DECISIONS_KEPT = 256                # recent decisions kept, whatever the number of cases
_DECISIONS = {}                     # (parties, recused, onboarding, interim) -> (committee, Decision)


@dataclass(frozen=True)
class Decision:
    eligible: tuple            # Members
    excluded: dict             # member email -> reason class

    @property
    def eligible_emails(self):
        return [m.email for m in self.eligible]


def party_from_record(record):
    return Person(record.get("name", ""), tuple(record.get("emails", ())), tuple(record.get("aliases", ())))


def party_record(person):
    return {"name": person.name, "emails": list(person.emails), "aliases": list(person.aliases)}


def same_person(a, b):
    """Two descriptions meet if they share an address, or a name or alias (folded)."""
    emails_a, names_a = _keys(a)
    emails_b, names_b = _keys(b)
    return not emails_a.isdisjoint(emails_b) or not names_a.isdisjoint(names_b)


def _keys(person):
    # Folded once per description, not at each of the ~50 comparisons of every `decide`
    # (issue 11): a pure function of the three fields, so a cache never goes stale.
    return _folded(person.name, tuple(person.emails), tuple(person.aliases))


@lru_cache(maxsize=4096)
def _folded(name, emails, aliases):
    return frozenset(e.lower() for e in emails), frozenset(_name_keys(Person(name, emails, aliases)))


def _name_keys(person):
    """A name as a set of words, so "Mensah, Kwame" and "Kwame Mensah" are the same person."""
    keys = set()
    for term in (person.name, *person.aliases):
        words = fold(term.replace(",", " ")).split() if term else []
        if words:
            keys.add(" ".join(sorted(words)))
    return keys


def person_keys(person):
    """What `same_person` compares, as index keys: addresses and folded names."""
    emails, names = _keys(person)
    return set(emails | names)


def decide(committee, parties, recused=(), onboarding=(), interim=()):
    """Split the committee into eligible and excluded members for these parties.

    `interim`: reserves or escalation contacts reading the case for want of members
    (casework/interim.py), screened exactly like members, after them.
    """
    parties = tuple(p for p in parties if p is not None)
    recused = frozenset(e.lower() for e in recused)
    onboarding = frozenset(e.lower() for e in onboarding)
    # A report's stages ask 4-5 times with the same inputs (issue 11). The key holds every
    # input by value but the committee, compared by identity: a Committee is never changed in
    # place (frozen; a reload, an #away, a newcomer's conflicts each make a new one).
    try:
        key = (parties, recused, onboarding, tuple(interim))
        known = _DECISIONS.get(key)
    except TypeError:                   # an unhashable description: decided afresh
        key, known = None, None
    if known is not None and known[0] is committee:
        return Decision(known[1].eligible, dict(known[1].excluded))
    decision = _decide(committee, parties, recused, onboarding, interim)
    if key is not None:
        if len(_DECISIONS) >= DECISIONS_KEPT:
            _DECISIONS.clear()
        _DECISIONS[key] = (committee, decision)
    return Decision(decision.eligible, dict(decision.excluded))


def _decide(committee, parties, recused, onboarding, interim):
    eligible, excluded = [], {}
    for member in (*committee.members, *interim):
        if not member.active:
            excluded[member.email] = INACTIVE
        elif member.absent:
            excluded[member.email] = AWAY
        elif member.email.lower() in onboarding:
            excluded[member.email] = NOT_ONBOARDED
        elif member.email.lower() in recused:
            excluded[member.email] = RECUSED
        elif any(same_person(member.person, party) for party in parties):
            excluded[member.email] = IS_PARTY
        elif any(same_person(c, party) for c in committee.conflicts_of(member) for party in parties):
            excluded[member.email] = CONFLICT
        else:
            eligible.append(member)
    return Decision(tuple(eligible), excluded)


def interim_readers(case, committee, candidates=()):
    """The case's interim readers still known to members.yaml (and `candidates`), not members."""
    emails = [r["email"] for r in case.get("interim", ())] + [c.email for c in candidates]
    readers = [committee.reader(e) for e in dict.fromkeys(e.lower() for e in emails)]
    return [r for r in readers if r is not None and committee.member(r.email) is None]


def may_know_reporter(reader):
    """Members and reserves may learn who reported (when shared or revealed); an escalation
    contact standing in as an interim reader never does."""
    return "escalation" not in reader.roles


def eligibility_for(case, committee, reporters, candidates=()):
    """The decision for a case as it stands now: call this before sending anything.

    `reporters` is the door to who reported (privacy.reporters): the protected people and
    the authors of forwarded evidence are parties without the case store naming them.
    `candidates`: reserves or escalation contacts to screen as if they were on the case.
    """
    parties = list(reporters.parties(case["code"]))
    parties += [party_from_record(r) for r in case.get("parties", ())]
    onboarding = [email for email, state in case.get("access", {}).items() if state == ONBOARDING]
    return decide(committee, parties, kept_out(case), onboarding, interim_readers(case, committee, candidates))


def kept_out(case):
    """Who the case's access keeps out whatever else holds: who recused, and who was marked
    `excluded` (a conflict with an anonymous reporter, marked before the identity went:
    pipeline/stages/forget_reporter.py), members and outsiders alike."""
    return [email for email, state in case.get("access", {}).items() if state in ("recused", EXCLUDED)]


def parties_of(case, reporters):
    """Every party of the case as Persons: who reported (through the door) and the people the
    case records. For screening others than members with `decide` (casework/moderation.py)."""
    return list(reporters.parties(case["code"])) + [party_from_record(r) for r in case.get("parties", ())]
def outside_contacts_screened(case, committee, reporters, contacts):
    """Contacts outside the case (the council, the core team: casework/council.py) that no
    party or conflict excludes, screened by the same `decide` as members; each once."""
    parties = list(reporters.parties(case["code"]))
    parties += [party_from_record(r) for r in case.get("parties", ())]
    screened = {}
    for contact in contacts:
        candidate = Member(contact.name, contact.email, ("council",))
        if candidate in decide(committee, parties, kept_out(case), interim=[candidate]).eligible:
            screened.setdefault(contact.email.lower(), contact)
    return list(screened.values())
