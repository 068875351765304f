"""Who is on the committee and whom each member is conflicted with.

Loaded from `members.yaml` and `conflicts.yaml`; every error names file, line and key.
A member never has to say *why* they are conflicted: the conflict file lists only people.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from mailrouter.errors import ConfigError
from anyascii import anyascii

from mailrouter.mail.names import fold, handles, name_variants, name_words
from mailrouter.settings.yaml_source import Problems, load_yaml


@dataclass(frozen=True)
class Person:
    """Someone the committee knows by name, email addresses and aliases."""

    name: str
    emails: tuple = ()
    aliases: tuple = ()


@dataclass(frozen=True)
class Member:
    name: str
    email: str
    roles: tuple = ()
    active: bool = True
    aliases: tuple = ()

    @property
    def person(self):
        return Person(self.name, (self.email,), self.aliases)


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class Committee:
    members: tuple
    escalation: tuple = ()
    conflicts: dict = field(default_factory=dict)   # member email (lower) -> tuple[Person]

    def member(self, email):
        email = (email or "").lower()
        return next((m for m in self.members if m.email.lower() == email), None)

    def conflicts_of(self, member):
        return self.conflicts.get(member.email.lower(), ())

    @cached_property
    def known_people(self):
        """Members and everyone on a conflict list, each once."""
        seen, people = set(), []
        for person in [m.person for m in self.members] + [p for ps in self.conflicts.values() for p in ps]:
            key = (fold(person.name), tuple(sorted(e.lower() for e in person.emails)))
            if key not in seen:
                seen.add(key)
                people.append(person)
        return tuple(people)

    @cached_property
    def _matcher(self):
        return NameMatcher(self.known_people)

    def people_named_in(self, text):
        """The known people whose name, email or alias appears in `text` as whole words."""
        return self._matcher.find(text)


class NameMatcher:
    """Finds mentions of known people in free text: one compiled pattern per person.

    Each person is found by every form a report uses (issue: conflict routing sees every
    way a report names a known person; when in doubt, exclude): name, alias and address;
    the address with any `+tag`; the name with a middle name or initial (`Sam J. Rivera`);
    and the handles built from the name (`@srivera`, `sam.rivera`, `samrivera`).
    """

    def __init__(self, people):
        self.patterns = [(person, _person_pattern(person)) for person in people]
        self.patterns = [(person, pattern) for person, pattern in self.patterns if pattern is not None]
        self.initials = [(person, _initial_pattern(person)) for person in people]
        self.initials = [(person, pattern) for person, pattern in self.initials if pattern is not None]

    def find(self, text):
        if not text:
            return []
        folded = fold(text)
        if not folded.isascii():
            # "Сэм Ривера": the transliteration, with any first name of the same initial.
            folded = f"{folded}\n{fold(anyascii(text))}"
        spans = [(person, m.span()) for person, pattern in self.patterns for m in pattern.finditer(folded)]
        if not text.isascii():          # checked first: scanning to drop every match cost ~1 ms
            spans += [(person, m.span()) for person, pattern in self.initials for m in pattern.finditer(folded)]
        # A name inside a longer known name ("Ana Lima" in "Ana Lima-Reyes") is that person, not both.
        found = []
        for person, (start, end) in spans:
            inside = any(s <= start and end <= e and (e - s) > (end - start) for other, (s, e) in spans
                         if other is not person)
            if not inside and person not in found:
                found.append(person)
        return found


TITLES = r"mr|mrs|ms|mx|miss|dr|prof|herr|frau|mme|mlle|sr|sra|sig|pan|pani|dhr|mevr"


def _initial_pattern(person):
    """First name by its initial only, and the surname (of five letters or more) in full."""
    words = name_words(person.name)
    if len(words) < 2 or len(words[-1]) < 5:
        return None
    return re.compile(rf"(?<![^\W_]){re.escape(words[0][0])}[a-z]{{0,12}}\s+{re.escape(words[-1])}(?![^\W_])")


def _person_pattern(person):
    names, tokens = [], []
    for term in (person.name, *person.aliases, *[v for t in (person.name, *person.aliases) for v in name_variants(t)]):
        words = fold(term).split()
        if len(" ".join(words)) >= 2:
            names.append(r"[\s\xa0]+".join(map(re.escape, words)))
        if len(words) >= 2:
            first, last = re.escape(words[0]), re.escape(words[-1])
            # a middle name or initial; "Rivera, Sam"; "Mr. Rivera"
            names.append(rf"{first}\s+(?:[\w'’-]+\.?\s+){{1,2}}{last}")
            names.append(rf"{last},\s*{first}")
            names.append(rf"(?:{TITLES})\.?\s+{last}")
        tokens += handles(term) + ([fold(term)] if " " not in fold(term) and len(fold(term)) >= 3 else [])
    handle_words = {h for term in (person.name, *person.aliases) for h in handles(term)} - set(names)
    # A short run of letters built from a name ("hana" from Ana Haddad) is often another
    # person's first name: as a bare word it counts only as an @-mention.
    forms = [rf"@{re.escape(h)}\d{{0,4}}" if h in handle_words and h.isalpha() and len(h) < 6
             else rf"@?{re.escape(h)}\d{{0,4}}" for h in tokens]
    if tokens:   # a handle as an address, at any domain (`srivera@…`, GitHub's `4711+samr@…`)
        forms.append(rf"(?:\d+\+)?(?:{'|'.join(map(re.escape, tokens))})(?:\+[\w.-]*)?@[\w-]+(?:\.[\w-]+)+")
    for address in person.emails:
        local, _, domain = fold(address).rpartition("@")
        forms.append(rf"{re.escape(local.split('+', 1)[0])}(?:\+[\w.-]*)?@{re.escape(domain)}")
    if not names and not forms:
        return None
    # Whole words. A name does not continue into a hyphenated one ("Ana Lima" is not in
    # "Ana Lima-Reyes"); a handle or address may stand in a filename (`mwis-dm-1.png`).
    parts = []
    if names:
        parts.append(rf"(?:{'|'.join(sorted(set(names), key=len, reverse=True))})(?![^\W_]|-[^\W\d_]|@)")
    if forms:
        parts.append(rf"(?:{'|'.join(sorted(set(forms), key=len, reverse=True))})(?![^\W_]|@|\.[^\W_])")
    return re.compile(rf"(?<![^\W_])(?<![.+@])(?:{'|'.join(parts)})")


ROLES = ("chair", "triage")      # chair: reveal, release, appeals, triage; triage: triage only


def load_committee(members_file, conflicts_file, alias):
    """Read and validate the member and conflict files; report every problem in both."""
    problems = Problems()
    members, escalation, addresses = _load_members(members_file, alias, problems)
    conflicts = _load_conflicts(conflicts_file, addresses, problems)
    problems.check()
    return Committee(tuple(members), tuple(escalation), conflicts)


def _load_members(path, alias, problems):
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None:
        return [], [], set()
    problems.take(lambda: root.only_keys("members", "escalation"))
    members, seen = [], {}
    for node in problems.take(lambda: root.get("members").items(), []):
        member = problems.take(lambda: _member(node, alias, seen))
        if member is not None:
            members.append(member)
    if not any(m.active for m in members) and not problems.errors:
        problems.add(ConfigError(path.name, root.line, "members", "at least one active member is required"))
    escalation = []
    for node in problems.take(lambda: root.get("escalation").items(), []):
        contact = problems.take(lambda: _contact(node))
        if contact is not None:
            escalation.append(contact)
    return members, escalation, set(seen)       # every valid address, even of a member with errors


def _member(node, alias, seen):
    problems = Problems()
    problems.take(lambda: node.mapping().only_keys("name", "email", "roles", "active", "aliases"))
    email_node = node.get("email")
    email = problems.take(lambda: email_node.email(required=True))
    if email and email.lower() == alias.lower():
        problems.add(email_node.error("a member cannot have the committee's own alias address"))
    elif email and email.lower() in seen:
        problems.add(email_node.error(f"duplicate member address (also at line {seen[email.lower()]})"))
    elif email:
        seen[email.lower()] = email_node.line
    member = dict(name=problems.take(lambda: node.get("name").text(required=True)),
                  roles=problems.take(lambda: _roles(node.get("roles", []))),
                  active=problems.take(lambda: node.get("active", True).boolean()),
                  aliases=problems.take(lambda: tuple(node.get("aliases", []).text_list())))
    problems.check()
    return Member(email=email, **member)


def _roles(node):
    roles = tuple(r.lower() for r in node.text_list())
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise node.error(f"unknown role {unknown[0]!r} (known roles: {', '.join(ROLES)})")
    return roles


def _contact(node):
    node.mapping().only_keys("name", "email")
    return Contact(node.get("name").text(required=True), node.get("email").email(required=True))


def _load_conflicts(path, known, problems):
    if not path.exists():
        return {}
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None:
        return {}
    problems.take(lambda: root.only_keys("conflicts"))
    conflicts = {}
    for email, node in problems.take(lambda: root.get("conflicts").pairs(), []):
        if str(email).lower() not in known:
            problems.add(node.error("not the email of a member in the members file"))
            continue
        people = problems.take(lambda: [_person(entry) for entry in node.items()])
        if people is not None:
            conflicts[str(email).lower()] = tuple(people)
    return conflicts


def _person(entry):
    entry.mapping().only_keys("name", "emails", "aliases")
    emails = entry.get("emails", []).email_list()
    return Person(entry.get("name").text(required=True), tuple(emails),
                  tuple(entry.get("aliases", []).text_list()))
