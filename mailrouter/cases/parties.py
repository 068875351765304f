"""Whom a report concerns: pure functions used by the route stage and by
`mailrouter route --dry-run`, so both reach the same answer.

Conflict routing reads every place a report can name a known person (issue: when in
doubt, exclude): the subject, every text part, HTML as a reader sees it (`Sam&nbsp;Rivera`,
`Sam <b>Rivera</b>`), the headers and bodies of attached or forwarded messages at any depth,
and text-like attachments whatever their declared type (UTF-16 included).
"""

from mailrouter.cases.declarations import own_text, reported_people
from mailrouter.cases.eligibility import same_person
from mailrouter.mail.html import visible_text
from mailrouter.mail.message import header, part_filename, part_text
from mailrouter.mail.text_files import decode_text, looks_like_text, type_for_suffix
from mailrouter.settings.committee import Person

ADDRESS_HEADERS = ("From", "To", "Cc", "Reply-To", "Sender", "Subject")
MAX_READABLE = 4 * 1024 * 1024          # characters read for names (T4)


def named_parties(msg, committee, identity, candidates=None):
    """Known people the report names, and `Reported person:` lines; never the reporter.
    `candidates`: named_candidates(msg, committee), if found already."""
    if candidates is None:
        candidates = named_candidates(msg, committee)
    protected = [Person(name or "", tuple(emails)) for name, emails in getattr(identity, "people", ())]
    protected.append(Person(identity.display_name or "", tuple(identity.addresses)))
    parties = []
    for person in candidates:
        if not any(same_person(person, p) for p in protected) and \
                all(not same_person(person, p) for p in parties):
            parties.append(person)
    return parties


def named_candidates(msg, committee):
    """Everyone `msg` names, the reporter included (the reading process finds them ahead)."""
    return committee.people_named_in(readable_text(msg)) + reported_people(own_text(msg))


def readable_text(msg, depth=0):
    """Everything in `msg` that could name a person, as text (bounded)."""
    texts = [header(msg, name) for name in ADDRESS_HEADERS]
    for part in msg.iter_parts() if msg.is_multipart() else [msg]:
        texts.append(_part_text(part, depth))
        if sum(map(len, texts)) > MAX_READABLE:
            break
    return "\n".join(texts)[:MAX_READABLE]


def _part_text(part, depth):
    return "\n".join([part_filename(part), _content_text(part, depth)])


def _content_text(part, depth):
    if part.get_content_type() in ("message/rfc822", "message/global"):
        inner = part.get_payload(0) if part.is_multipart() else None
        return readable_text(inner, depth + 1) if inner is not None and depth < 10 else ""
    if part.is_multipart():
        return "\n".join(_part_text(p, depth) for p in part.iter_parts())
    if part.get_content_type() == "text/html":
        return visible_text(part_text(part))
    if part.get_content_maintype() == "text":
        return part_text(part)
    data = part.get_payload(decode=True) or b""
    charset = part.get_content_charset()
    if type_for_suffix(part_filename(part)) or looks_like_text(data[:65536], charset):
        return decode_text(data, charset)
    return ""
