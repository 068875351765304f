"""Which pipeline a message takes: a pure decision from envelope and headers."""

from enum import Enum

from mailrouter.screening import automatic_reason


class Kind(str, Enum):
    REPORT = "report"            # to the alias: a new report (or a duplicate of one)
    CASE_REPLY = "case-reply"    # to a case reply address
    AUTOMATIC = "automatic"      # bounces, auto-replies, our own mail: never a case


def classify(msg, mail_from, recipient, replies, loop_header):
    """Return (Kind, reason). `recipient` was already accepted at RCPT time."""
    reason = automatic_reason(msg, mail_from, loop_header)
    if reason:
        return Kind.AUTOMATIC, reason
    if replies.token_of(recipient):
        return Kind.CASE_REPLY, "to a case reply address"
    return Kind.REPORT, "to the alias"
