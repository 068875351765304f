"""Who is on the committee and whom each member is conflicted with.

Loaded from `members.yaml` and `conflicts.yaml`; every error names file, line and key.
A member never has to say *why* they are conflicted: the conflict file lists only people.
"""

from dataclasses import dataclass, field
from functools import cached_property

from mailrouter.errors import ConfigError
from mailrouter.mail.names import fold
from mailrouter.settings.away import away_value
from mailrouter.settings.contacts import named_contact
from mailrouter.settings.moderators import load_moderators
from mailrouter.settings.delegates import load_delegates
from mailrouter.settings.name_matcher import NameMatcher
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
    away: object = None      # members.yaml `away:`: the date they are back, or True (settings/away.py)
    absent: bool = False     # away now, by members.yaml or #away (casework/availability.py)
    onboarded: bool = False        # a joining member the admin cleared (conflicts in conflicts.yaml)

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
    reserves: tuple = ()     # Members: backup responders, brought in as interim readers (casework/interim)
    moderators: dict = field(default_factory=dict)  # space -> tuple[Moderator] (settings/moderators.py)
    core_team: tuple = ()    # Contacts told of a closed case's ongoing sanction (casework/council.py)
    delegates: tuple = ()    # Delegates: event organisers who forward reports (settings/delegates.py)

    def member(self, email):
        return self._members_by_email.get((email or "").lower())

    @cached_property
    def _members_by_email(self):         # asked for every address of every mail (issue 11)
        by_email = {}
        for member in self.members:
            by_email.setdefault(member.email.lower(), member)
        return by_email

    def delegate(self, email):
        email = (email or "").lower()
        return next((d for d in self.delegates if d.email.lower() == email), None)

    def reader(self, email):
        """Whoever may hold a case address: a member, else a reserve, else an escalation contact
        (as a Member with the role `escalation`: never given the reporter's identity)."""
        email = (email or "").lower()
        return self.member(email) or next((r for r in self.interim_pool if r.email.lower() == email), None)

    @cached_property
    def interim_pool(self):
        """Who may stand in when a case has too few readers, in order: reserves, then escalation."""
        return self.reserves + tuple(Member(c.name, c.email, ("escalation",)) for c in self.escalation)

    def conflicts_of(self, member):
        return self.conflicts.get(member.email.lower(), ())

    @cached_property
    def known_people(self):
        """Members, reserves, escalation contacts and everyone on a conflict list, each once
        (a report naming a reserve or the escalation body makes them a party: they never read it)."""
        seen, people = set(), []
        known = [m.person for m in self.members + self.interim_pool]
        known += [Person(m.name, (m.email,), m.aliases) for ms in self.moderators.values() for m in ms]
        for person in known + [p for ps in self.conflicts.values() for p in ps]:
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


ROLES = ("chair", "triage")      # chair: reveal, release, appeals, triage; triage: triage only


def load_committee(members_file, conflicts_file, alias):
    """Read and validate the member and conflict files; report every problem in both."""
    problems = Problems()
    members, escalation, addresses = _load_members(members_file, alias, problems)
    reserves = _load_reserves(members_file, alias, addresses, problems)
    # Reserves and escalation contacts are screened like members, so they may have conflicts too.
    addresses = addresses | {r.email.lower() for r in reserves} | {c.email.lower() for c in escalation}
    # Moderators too: a moderator with a conflict on a case is not sent its recommendation.
    moderators = load_moderators(problems.take(lambda: load_yaml(members_file).mapping()), alias, problems)
    addresses |= {m.email.lower() for people in moderators.values() for m in people}
    core_team = _load_contacts(members_file, "core_team", problems)
    addresses |= {c.email.lower() for c in core_team}
    conflicts = _load_conflicts(conflicts_file, addresses, problems)
    delegates = load_delegates(members_file, alias, addresses, problems)
    problems.check()
    return Committee(tuple(members), tuple(escalation), conflicts, tuple(reserves), moderators=moderators,
                     core_team=tuple(core_team), delegates=delegates)


def _load_members(path, alias, problems):
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None:
        return [], [], set()
    problems.take(lambda: root.only_keys("members", "escalation", "reserves", "moderators", "core_team",
                                         "delegates"))
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


def _load_reserves(path, alias, member_addresses, problems):
    """`reserves:` backup responders (name, email, aliases), in the order they are asked."""
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None or not root.has("reserves"):
        return []
    seen, reserves = {}, []
    for node in problems.take(lambda: root.get("reserves").items(), []):
        reserve = problems.take(lambda: _member(node, alias, seen, RESERVE_KEYS))
        if reserve is not None and reserve.email.lower() in member_addresses:
            problems.add(node.get("email").error("a reserve cannot also be a member"))
        elif reserve is not None:
            reserves.append(reserve)
    return reserves


MEMBER_KEYS = ("name", "email", "roles", "active", "aliases", "away", "onboarded")
RESERVE_KEYS = ("name", "email", "aliases")


def _member(node, alias, seen, keys=MEMBER_KEYS):
    problems = Problems()
    problems.take(lambda: node.mapping().only_keys(*keys))
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
                  aliases=problems.take(lambda: tuple(node.get("aliases", []).text_list())),
                  away=problems.take(lambda: away_value(node.get("away"))),
                  onboarded=problems.take(lambda: node.get("onboarded", False).boolean()))
    problems.check()
    return Member(email=email, **member)


def _roles(node):
    roles = tuple(r.lower() for r in node.text_list())
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise node.error(f"unknown role {unknown[0]!r} (known roles: {', '.join(ROLES)})")
    return roles


def _load_contacts(path, key, problems):
    """A list of contacts (name, email) under `key`, e.g. `core_team:`; none if absent."""
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None or not root.has(key):
        return []
    return [c for c in (problems.take(lambda: _contact(node)) for node in problems.take(
        lambda: root.get(key).items(), [])) if c is not None]


def _contact(node):
    entry = named_contact(node)
    return Contact(entry.name, entry.email)


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
