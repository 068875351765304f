"""What a member writes for the reporter, made fit to go out in the committee's name (P9).

Invariant 3: no reporter-bound byte carries a member's address. The text keeps only the
author's own words: quoted and forwarded earlier mail, as the common clients write it in
any of the languages privacy.replies knows, is cut, and so is the signature and sign-off.
Every member's name, alias and address, and any phone number in the text, are removed:
the reporter hears from "the committee". Fail closed: text under the own words that looks
like earlier mail but is not recognised is held back unless the author says `as-is`.
"""

from dataclasses import dataclass

from mailrouter.mail.replies import split_reply
from mailrouter.privacy.scrubber import Scrubber
from mailrouter.privacy.signature import phone_numbers
from mailrouter.privacy.identity_store import Identity

MEMBER_PLACEHOLDER = "a committee member"


@dataclass(frozen=True)
class ForReporter:
    text: str            # what may go to the reporter
    held_back: str       # unrecognised text under the own words ('' if none, or sent as-is)


def for_reporter(text, author, committee, as_is=False):
    """The member's words for the reporter, and what was held back."""
    parts = split_reply(text)
    words = parts.own if not as_is else (parts.own + "\n\n" + parts.unclassified).strip()
    readers = (*committee.members, *committee.interim_pool)     # interim readers write to the reporter too
    people = [(m.name, (m.email,)) for m in readers] + [(alias, ()) for m in readers for alias in m.aliases]
    members = Identity(tuple(m.email for m in readers), author.name,
                       names=tuple(n for n, _ in people), people=tuple(people),
                       details=tuple(phone_numbers(words)))
    scrubber = Scrubber(members, name_placeholder=MEMBER_PLACEHOLDER, address_placeholder="[address removed]",
                        signature_placeholder="", short_names=True)
    lines = scrubber.text(words).split("\n")
    while lines and not lines[-1].strip(" \t\r,"):
        lines.pop()
    return ForReporter("\n".join(lines).strip(), "" if as_is else parts.unclassified.strip())
