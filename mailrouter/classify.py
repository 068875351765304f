"""Which pipeline a message takes: a decision from envelope, headers and the reply address."""

import re
from enum import Enum

from mailrouter.message import header
from mailrouter.screening import automatic_reason

AUTOREPLY_SUBJECT = re.compile(r"^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|"
                               r"abwesenheitsnotiz|r[ée]ponse automatique|vacation)\b", re.IGNORECASE)


class Kind(str, Enum):
    REPORT = "report"                  # to the alias: a new report (or a duplicate of one)
    MEMBER_REPLY = "member-reply"      # to a member's case reply address
    REPORTER_REPLY = "reporter-reply"  # to the reporter's case reply address
    CASE_AUTOMATIC = "case-automatic"  # an auto-reply to a case address: recorded, never relayed
    AUTOMATIC = "automatic"            # bounces, auto-replies, our own mail: never a case


def classify(msg, mail_from, recipient, replies, loop_header, participant_of):
    """Return (Kind, reason). `participant_of(token)` names who holds a reply address."""
    token = replies.token_of(recipient)
    participant = participant_of(token) if token else None
    reason = automatic_reason(msg, mail_from, loop_header)
    if participant and (reason or AUTOREPLY_SUBJECT.match(header(msg, "Subject"))):
        return Kind.CASE_AUTOMATIC, reason or "automatic reply (subject)"      # L7
    if reason:
        return Kind.AUTOMATIC, reason
    if participant == "reporter":
        return Kind.REPORTER_REPLY, "to the reporter's reply address"
    if participant:
        return Kind.MEMBER_REPLY, "to a member's reply address"
    return Kind.REPORT, "to the alias"
