"""What a member writes for the reporter, made fit to go out in the committee's name.

Invariant 3: no reporter-bound byte carries a member's address. The text loses quoted
earlier mail and the `-- ` signature, every member address, and the author's name
(sign-off included): the reporter hears from "the committee".
"""

from mailrouter.quoting import trimmed
from mailrouter.privacy.scrubber import Scrubber
from mailrouter.store.identities import Identity


def for_reporter(text, author, committee):
    members = Identity(tuple(m.email for m in committee.members), author.name)
    scrubber = Scrubber(members, name_placeholder="", address_placeholder="[address removed]")
    lines = scrubber.text(trimmed(text)).split("\n")
    while lines and not lines[-1].strip(" \t\r,"):
        lines.pop()
    return "\n".join(lines).strip()
