"""What travels through a pipeline: the kind that chose it, and the Item the stages fill in."""

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from enum import Enum
from typing import Any

from mailrouter.cases.return_paths import Signed
from mailrouter.commands.reply import Reply
from mailrouter.deadlines.scheduler import Scheduler
from mailrouter.mail.bounces import Bounce
from mailrouter.privacy.clean_copy import Original
from mailrouter.privacy.identity_store import Identity


class Kind(str, Enum):
    REPORT = "report"                  # to the alias: a new report (or a duplicate of one)
    MEMBER_REPLY = "member-reply"      # to a member's case reply address
    REPORTER_REPLY = "reporter-reply"  # to the reporter's case reply address
    CASE_AUTOMATIC = "case-automatic"  # an auto-reply to a case address: recorded, never relayed
    MEMBER_TO_ALIAS = "member-to-alias"  # a member's reply about a case, sent to the alias
    MEMBER_COMMAND = "member-command"  # a member's #away or #back, sent to the alias (issue 12)
    REPORTER_TO_ALIAS = "reporter-to-alias"  # an answer to our mail to the reporter, sent to the alias
    AUTOMATIC_TO_ALIAS = "automatic-to-alias"  # the same, automatic: recorded on its case, never relayed
    AUTOMATIC = "automatic"            # bounces, auto-replies, our own mail: never a case
    ADMIN_COMMAND = "admin-command"    # a chair's reveal or release, from the CLI through the spool
    DEADLINES = "deadlines"            # the scheduler's tick: nudges, status mail, digests
    ONBOARDING_ANSWER = "onboarding-answer"  # a new member answers the welcome (#conflict, #no-conflicts)
    BOUNCE = "bounce"                  # to a signed return path (`+b-…`): a member's mail bounced
    REPORTED_REPLY = "reported-reply"  # to the reported person's case reply address (issue 14)
    MODERATOR_REPLY = "moderator-reply"  # to a moderator's case reply address (#accept, #disagree)
    REPORTED_TO_ALIAS = "reported-to-alias"  # the reported person writes to the alias about their case
    MODERATOR_TO_ALIAS = "moderator-to-alias"  # a moderator writes to the alias about a case sent to them
    REPORTER_FORWARD = "reporter-forward"  # our mail to the reporter forwarded to the alias (F6)
    ANSWER_TO_MEMBERS = "answer-to-members"  # a non-member answers our mail to members, at the alias (F4)


@dataclass
class Tick:
    """A deadline run: what is due at `now` in the scheduler's index."""

    now: datetime | None
    scheduler: Scheduler
    done: list = field(default_factory=list)      # (code or "-", what was done)


@dataclass
class Item:
    """One message on its way to one of its recipients (or one admin command, or one tick).

    Each stage's docstring says which fields it reads and which it sets.
    """

    kind: Kind
    entry_id: str = ""
    mail_from: str = ""
    recipient: str = ""
    raw: bytes = b""
    msg: EmailMessage | None = None
    reason: str = ""                    # why classify chose the kind
    released: bool = False              # an admin released it from held/: not throttled again
    dedup_key: str = ""                 # marks the message processed on its case
    message_key: str = ""               # the message's own key (D5), whatever the recipient: commands key by it
    code: str | None = None
    participant: str | None = None      # "reporter" or "member:<email>" for case mail
    reply: Reply | None = None          # a member's reply being processed
    outside: int = 0                    # addresses outside the committee it was sent to
    identity: Identity | None = None
    report: EmailMessage | None = None  # the clean copy members see
    notes: list[str] = field(default_factory=list)
    originals: list[Original] = field(default_factory=list)   # attachments as sent, sealed by open_case
    named: list = field(default_factory=list)                 # parties the report names (scrub → route)
    command: dict[str, Any] = field(default_factory=dict)     # an admin command's spool record
    tick: Tick | None = None
    delivery: Signed | None = None      # the delivery a bounce came back from (match_bounce)
    bounced: str = ""                   # the address that delivery went to
    bounce: Bounce | None = None        # what the bounce says
    reader: Any = None                  # the worker's Reader (pipeline/reading.py): T4 budget
    moderation: Any = None              # a moderator's answer (stages/moderator_answer.py)
    unconfirmed: bool = False           # the reported person's mail to the alias, linked by subject only
