"""Which case a member's mail to the alias is about (it must never become a new case).

A member sometimes writes to the alias instead of their case address: they reply to a
forward from another address book entry, forward case mail to the alias, or start a new
message with the code name in the subject. Such mail names its case by our Message-IDs in
`In-Reply-To`/`References`, or by a code name in brackets (`[home shelf]`) in the subject or
in quoted case mail. Pure functions over the message and the store's indexes.

The reporter's side has the same mistake (R4): a person or a vacation bot answers our
acknowledgement or status mail at the alias. `answered_case` finds that case by our signed
Message-IDs (cases/message_ids.py), by the reporter's case address copied in To or Cc
(one message to the alias and the case address is one addition), or by the subject of
our mail answered.
"""

import re
import unicodedata
from email.utils import getaddresses

from mailrouter.cases.declarations import own_text
from mailrouter.cases.message_ids import answered_subject_code
from mailrouter.cases.tokens import digest
from mailrouter.mail.message import header, sole_mailbox

_CODE_IN_BRACKETS = re.compile(r"\[([a-z]+ [a-z]+)\]")
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def sender_member(msg, mail_from, committee):
    """The committee member the message is from (its From, else its envelope), or None."""
    mailbox = sole_mailbox(msg)
    return committee.member(mailbox.addr_spec if mailbox else mail_from)


def referenced_case(msg, store):
    """The code of the case the message refers to, or None."""
    ids = _MESSAGE_ID.findall(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}")
    for message_id in reversed(ids):
        code = store.by_message_id.get(message_id)
        if code:
            return code
    text = f"{header(msg, 'Subject')}\n{own_text(msg)[:200_000]}".lower()
    for code in _CODE_IN_BRACKETS.findall(text):
        if code in store.names and store.exists(code):
            return code
    return None


def answered_case(msg, store, message_ids, replies=None):
    """(code, how) of the case whose mail to the reporter `msg` answers, how being "signed id",
    "case address" (`replies` given) or "subject" (only the first two are proof); (None, None)
    when it answers none."""
    code = message_ids.case_of(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}", store.names)
    how = "signed id"
    if not code and replies is not None:
        code, how = copied_case(msg, store, replies), "case address"
    if not code:
        code, how = answered_subject_code(header(msg, "Subject")), "subject"
    return (code, how) if code and code in store.names and store.exists(code) else (None, None)


def copied_case(msg, store, replies):
    """The case whose reporter's case address the message's To or Cc names, or None.

    Only the reporter was given that address, so their mail to the alias that copies it is
    their addition to that case (the copy to the case address itself is the same message).
    """
    for _, address in getaddresses([header(msg, "To"), header(msg, "Cc")]):
        token = replies.token_of(address)
        found = store.by_token.get(digest(token)) if token else None
        if found and found[1] == "reporter":
            return found[0]
    return None


def answered_member_mail(msg, store):
    """(code, participant) of the case whose mail to a member (a forward, a relay, a notice)
    `msg` answers, by one of its Message-IDs in In-Reply-To/References (`participant`: whose
    thread it was, "member:<address>") or by a code name in brackets in its Subject (then
    `participant` is None); None when it answers none. Only the subject and the threading
    headers are read: a report that mentions a code name in its text is still a report."""
    for message_id in reversed(_MESSAGE_ID.findall(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}")):
        code = store.by_message_id.get(message_id)
        if code and store.exists(code):
            threads = store.get(code).get("threads", {})
            return code, next((who for who, ids in threads.items() if message_id in ids), None)
    subject = " ".join(unicodedata.normalize("NFKC", header(msg, "Subject")).split()).lower()
    for code in _CODE_IN_BRACKETS.findall(subject):
        if code in store.names and store.exists(code):
            return code, None
    return None


def party_case(msg, mail_from, store):
    """(code, participant, proven) when the reported person or a moderator the case wrote to
    writes to the alias about it, else None. `proven`: it answers a message of their own thread
    (a Message-ID only they were sent); a code name in the subject alone is no proof (the
    reporter sees it too). Only the subject and the threading headers are read: every report
    to the alias passes here."""
    mailbox = sole_mailbox(msg)
    sender = (mailbox.addr_spec if mailbox else mail_from or "").strip().lower()
    if not sender:
        return None
    for message_id in reversed(_MESSAGE_ID.findall(f"{header(msg, 'In-Reply-To')} {header(msg, 'References')}")):
        code = store.by_message_id.get(message_id)
        case = store.get(code) if code and store.exists(code) else None
        participant = case and _party_of(case, sender)
        if participant and message_id in case.get("threads", {}).get(participant, ()):
            return code, participant, True
    for code in _CODE_IN_BRACKETS.findall(header(msg, "Subject").lower()):
        participant = code in store.names and store.exists(code) and _party_of(store.get(code), sender)
        if participant:
            return code, participant, False
    return None


def _party_of(case, sender):
    """"reported" or "moderator:<address>" when `sender` is one the case wrote to, else None."""
    if (case.get("reported_contact") or {}).get("email") == sender:
        return "reported"
    moderator = f"moderator:{sender}"
    return moderator if moderator in case.get("tokens", {}).values() else None
