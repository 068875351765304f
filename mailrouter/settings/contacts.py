"""One named contact of members.yaml: a `{name, email, ...}` entry and the checks each list shares.

Delegates, moderators, escalation and core_team are lists of such entries. Each refuses an
unknown key and a missing email; a list whose people write to the committee also refuses its
own alias (a mail from the alias would be read as from that person) and an address listed
twice. Every error names file:line through the YAML node (settings/yaml_source.py).
"""

from dataclasses import dataclass

CONTACT_KEYS = ("name", "email")


@dataclass(frozen=True)
class NamedEntry:
    name: str
    email: str
    line: int       # the email's line, for an "also at line N" on a later duplicate


def named_contact(node, keys=CONTACT_KEYS, role=None, alias=None, taken=(), twice=None, record=None):
    """The entry as a NamedEntry; raises the first ConfigError found, in this order:
    unknown key, email (missing or malformed), `alias` ("a {role} cannot have ..."),
    an address in `taken` (`twice(address)` says why), then the name.

    `record`, a dict, learns the email's line before the name is read, so that an entry
    whose name is missing still makes a later entry with its address a duplicate."""
    node.mapping().only_keys(*keys)
    email_node = node.get("email")
    email = email_node.email(required=True)
    if alias is not None and email.lower() == alias.lower():
        raise email_node.error(f"a {role} cannot have the committee's own alias address")
    if email.lower() in taken:
        raise email_node.error(twice(email.lower()))
    if record is not None:
        record[email.lower()] = email_node.line
    return NamedEntry(node.get("name").text(required=True), email, email_node.line)
