"""The moderators and administrators of each online space (PyDistrict step 7).

`moderators:` in members.yaml maps a space's name to its people: the committee sends them
the recommended response (`#to-moderators SPACE`) and they answer `#accept` or `#disagree`.
A moderator may also be a member; conflicts.yaml may name a moderator like a member, and a
moderator is screened for each case as a member is (casework/moderation.py).
"""

import re
from dataclasses import dataclass

from mailrouter.settings.contacts import named_contact
from mailrouter.settings.yaml_source import Problems

SPACE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
MODERATOR_KEYS = ("name", "email", "aliases")


@dataclass(frozen=True)
class Moderator:
    space: str
    name: str
    email: str
    aliases: tuple = ()

    @property
    def participant(self):
        """Who holds this moderator's case reply address (cases/tokens.py)."""
        return f"moderator:{self.email.lower()}"


def load_moderators(root, alias, problems: Problems):
    """`moderators: {slack: [{name, email}], github: [...]}` -> {space: tuple[Moderator]}."""
    if root is None or not root.has("moderators"):
        return {}
    spaces = {}
    for space, node in problems.take(lambda: root.get("moderators").mapping().pairs(), []):
        space = str(space)
        if not SPACE_RE.match(space):
            problems.add(node.error("a space is a lower-case name like slack, github or meetup"))
            continue
        people = problems.take(lambda: node.items(), [])
        if not people:
            problems.add(node.error(f"space {space!r} lists no moderators (name and email each)"))
        found, seen = [], {}
        for entry in people:
            moderator = problems.take(lambda: _moderator(space, entry, alias, seen))
            if moderator is not None:
                found.append(moderator)
        if found:
            spaces[space] = tuple(found)
    return spaces


def _moderator(space, node, alias, seen):
    entry = named_contact(node, MODERATOR_KEYS, "moderator", alias, seen, record=seen, twice=lambda email: (
        f"this moderator is listed twice in {space!r} (also at line {seen[email]})"))
    return Moderator(space, entry.name, entry.email, tuple(node.get("aliases", []).text_list()))
