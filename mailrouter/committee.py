"""Who is on the committee and whom each member is conflicted with.

Loaded from `members.yaml` and `conflicts.yaml`; every error names file, line and key.
A member never has to say *why* they are conflicted: the conflict file lists only people.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from mailrouter.errors import ConfigError
from mailrouter.privacy.names import fold
from mailrouter.yamlsource import load_yaml


@dataclass(frozen=True)
class Person:
    """Someone the committee knows by name, email addresses and aliases."""

    name: str
    emails: tuple = ()
    aliases: tuple = ()

    @property
    def terms(self):
        """Every way a report could name this person."""
        return tuple(t for t in (self.name, *self.emails, *self.aliases) if t)


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
    """Finds mentions of known people in free text with one compiled pattern."""

    def __init__(self, people):
        self.owner = {}
        for person in people:
            for term in person.terms:
                folded = fold(term)
                if len(folded) >= 2:
                    self.owner.setdefault(folded, []).append(person)
        terms = sorted(self.owner, key=len, reverse=True)
        pattern = "|".join(r"\s+".join(map(re.escape, t.split())) for t in terms)
        # Whole words: not glued to letters, digits or the characters of an address.
        self.regex = re.compile(rf"(?<![\w.+@-])(?:{pattern})(?![\w@-]|\.\w)") if terms else None

    def find(self, text):
        if not self.regex or not text:
            return []
        found = []
        for match in self.regex.finditer(fold(text)):
            for person in self.owner[" ".join(match.group(0).split())]:
                if person not in found:
                    found.append(person)
        return found


def load_committee(members_file, conflicts_file, alias):
    """Read and validate the member and conflict files."""
    members, escalation = _load_members(members_file, alias)
    conflicts = _load_conflicts(conflicts_file, members)
    return Committee(tuple(members), tuple(escalation), conflicts)


def _load_members(path, alias):
    root = load_yaml(path).mapping().only_keys("members", "escalation")
    members, seen = [], {}
    for node in root.get("members").items():
        node.mapping().only_keys("name", "email", "roles", "active", "aliases")
        email_node = node.get("email")
        email = email_node.email(required=True)
        if email.lower() == alias.lower():
            raise email_node.error("a member cannot have the committee's own alias address")
        if email.lower() in seen:
            raise email_node.error(f"duplicate member address (also at line {seen[email.lower()]})")
        seen[email.lower()] = email_node.line
        members.append(Member(
            name=node.get("name").text(required=True),
            email=email,
            roles=tuple(r.lower() for r in node.get("roles", []).text_list()),
            active=node.get("active", True).boolean(),
            aliases=tuple(node.get("aliases", []).text_list()),
        ))
    if not any(m.active for m in members):
        raise ConfigError(path.name, root.line, "members", "at least one active member is required")
    escalation = []
    for node in root.get("escalation").items():
        node.mapping().only_keys("name", "email")
        escalation.append(Contact(node.get("name").text(required=True), node.get("email").email(required=True)))
    return members, escalation


def _load_conflicts(path, members):
    if not path.exists():
        return {}
    root = load_yaml(path).mapping().only_keys("conflicts")
    known = {m.email.lower() for m in members}
    conflicts = {}
    for email, node in root.get("conflicts").pairs():
        if str(email).lower() not in known:
            raise node.error("not the email of a member in the members file")
        people = []
        for entry in node.items():
            entry.mapping().only_keys("name", "emails", "aliases")
            emails = entry.get("emails", []).email_list()
            people.append(Person(entry.get("name").text(required=True), tuple(emails),
                                 tuple(entry.get("aliases", []).text_list())))
        conflicts[str(email).lower()] = tuple(people)
    return conflicts
