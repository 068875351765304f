"""Which pipeline a message takes: a decision from envelope, headers and the reply address."""

import re
from enum import Enum

from mailrouter.mail.message import header
from mailrouter.mail.screening import automatic_reason

AUTOREPLY_SUBJECT = re.compile(r"^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|"
                               r"abwesenheitsnotiz|r[ée]ponse automatique|vacation)\b", re.IGNORECASE)


class Kind(str, Enum):
    REPORT = "report"                  # to the alias: a new report (or a duplicate of one)
    MEMBER_REPLY = "member-reply"      # to a member's case reply address
    REPORTER_REPLY = "reporter-reply"  # to the reporter's case reply address
    CASE_AUTOMATIC = "case-automatic"  # an auto-reply to a case address: recorded, never relayed
    MEMBER_TO_ALIAS = "member-to-alias"  # a member's reply about a case, sent to the alias
    AUTOMATIC = "automatic"            # bounces, auto-replies, our own mail: never a case


def classify(msg, mail_from, recipient, replies, loop_header, participant_of, member_about_case=None):
    """Return (Kind, reason). `participant_of(token)` names who holds a reply address;
    `member_about_case(msg)` tells whether a member's mail to the alias is about a case."""
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
    if member_about_case is not None and member_about_case(msg):
        return Kind.MEMBER_TO_ALIAS, "a member's mail about a case, sent to the alias"
    return Kind.REPORT, "to the alias"
