"""Who a report is from and whom it concerns: pure functions used by the pipeline
stages and by `mailrouter route --dry-run`, so both reach the same answer.
"""

from mailrouter.declarations import own_text, reported_people, wants_to_share
from mailrouter.eligibility import reporter_party, same_person
from mailrouter.message import HEADER_END, header, normalise_line_ends, sole_mailbox
from mailrouter.store.identities import Identity


def reporter_identity(msg, raw, mail_from):
    """The reporter: the one From mailbox (A5), else the envelope sender."""
    mailbox = sole_mailbox(msg)
    address = mailbox.addr_spec if mailbox else mail_from
    addresses = [address] + [a for a in [mail_from] if a and a.lower() != (address or "").lower()]
    head = normalise_line_ends(raw).split(HEADER_END, 1)[0]
    return Identity(tuple(a for a in addresses if a), mailbox.display_name if mailbox else "",
                    (head.decode("utf-8", "replace"),), share=wants_to_share(own_text(msg)))


def named_parties(msg, committee, identity):
    """Known people the report names, and `Reported person:` lines; never the reporter."""
    text = "\n".join([header(msg, "Subject"), all_text(msg)])
    candidates = committee.people_named_in(text) + reported_people(own_text(msg))
    reporter = reporter_party(identity)
    parties = []
    for person in candidates:
        if not same_person(person, reporter) and all(not same_person(person, p) for p in parties):
            parties.append(person)
    return parties


def all_text(msg):
    texts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except (LookupError, ValueError, AssertionError):
                texts.append((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return "\n".join(texts)
