"""`delegates:` in members.yaml: people who forward reports for the committee (issue 14).

Jupyter: "At events where no Committee members may be present, an event organizer will act
as their delegate. They will forward any reports to the Committee, as well as a summary of
any action they may have taken during the event." A delegate reads no case and receives
no case mail; what their role changes is how a report they send is read: every message
they forward is someone else's report, whose author is protected (privacy/identify.py),
and they are acknowledged as its messenger.
"""

from dataclasses import dataclass

from mailrouter.settings.contacts import named_contact
from mailrouter.settings.yaml_source import load_yaml

DELEGATE_KEYS = ("name", "email")


@dataclass(frozen=True)
class Delegate:
    name: str
    email: str


def load_delegates(path, alias, member_addresses, problems):
    """The `delegates:` entries as Delegates; problems collected, not raised."""
    root = problems.take(lambda: load_yaml(path).mapping())
    if root is None or not root.has("delegates"):
        return ()
    delegates, seen = [], set()
    for node in problems.take(lambda: root.get("delegates").items(), []):
        contact = problems.take(lambda: _delegate(node, alias, member_addresses | seen))
        if contact is not None:
            seen.add(contact.email.lower())
            delegates.append(contact)
    return tuple(delegates)


def _delegate(node, alias, taken):
    entry = named_contact(node, DELEGATE_KEYS, "delegate", alias, taken,
                          lambda _: "a delegate cannot also be a member, a reserve or another delegate")
    return Delegate(entry.name, entry.email)
