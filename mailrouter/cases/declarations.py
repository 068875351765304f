"""Lines a reporter can write to tell mailrouter something (documented in the acknowledgement).

    Share my identity: yes          the committee may know who I am
    Reported person: Name <email>   who the report is about (name, email, or both)

Only the reporter's own text counts: quoted lines (`> …`) and forwarded messages do not.
"""

import re

from mailrouter.mail.addresses import address_pairs
from mailrouter.mail.message import body_text
from mailrouter.settings.committee import Person
from mailrouter.settings.yaml_source import is_email

SHARE_LINE = re.compile(r"^[ \t]*share my identity[ \t]*:[ \t]*yes[ \t.]*\r?$",
                        re.IGNORECASE | re.MULTILINE)
REPORTED_LINE = re.compile(r"^[ \t]*reported person[ \t]*:[ \t]*(?P<who>\S.*?)[ \t]*\r?$",
                           re.IGNORECASE | re.MULTILINE)


def own_text(msg):
    """The reporter's own words: the main text body (or HTML as text), without forwards."""
    return body_text(msg)


def wants_to_share(text):
    return bool(SHARE_LINE.search(text or ""))


def reported_people(text):
    """People named on `Reported person:` lines, as Persons (name and/or email)."""
    people = []
    for match in REPORTED_LINE.finditer(text or ""):
        who = match.group("who")
        name, address = (address_pairs(who) or [("", "")])[0]
        if is_email(address):
            people.append(Person(name.strip() or address, (address,)))
        else:
            people.append(Person(who.strip("<>\"' ")))
    return people
