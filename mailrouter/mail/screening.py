"""Pure checks on an incoming message: is it automatic mail, may it be acknowledged?

Checks decide, stages act: nothing here changes state. Each returns a short reason
(for the case log and DEBUG logs) or None.
"""

import re

from mailrouter.mail.message import PARSER_FAULTS, header, parse, part_text, sole_mailbox

AUTOMATIC_LOCAL_PARTS = ("mailer-daemon", "postmaster")
# The subjects common MTAs give a bounce (Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Domino),
# at the start, after at most a gateway's tag: a person's report does not open with them.
BOUNCE_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:undeliver|returned mail|failure notice|failed mail|"
    r"delivery (?:status notification|failure|failed|has failed|incomplete|notification|report)|"
    r"mail delivery (?:failed|failure|subsystem|system)|non-?deliver|message not delivered|"
    r"nicht zustellbar|unzustellbar|non remis|no se pudo entregar|non consegnato|delayed mail)", re.IGNORECASE)
REPORT_TYPES = ("multipart/report", "message/delivery-status", "message/global-delivery-status",
                "message/disposition-notification")
# A copy of our own mail, quoted in a body or attached: its header lines, our loop marker or
# one of our signed Message-IDs to the reporter (cases/message_ids.py), at a line's start.
_OUR_ID_LINE = re.compile(r"^[ \t>]*(?:message-id|in-reply-to|references):[ \t]*<r\.[a-z2-7]{13}\.[a-z2-7]{16}@",
                          re.IGNORECASE | re.MULTILINE)
# The subjects of automatic answers without RFC 3834 headers, after any gateway tags: auto-replies;
# and read receipts, challenge-response and helpdesk tickets (OTRS, Zendesk, Jira, Freshdesk)
# when they quote a subject of ours (`[code name]`), since their words alone a person may write.
AUTOREPLY_SUBJECT = re.compile(
    r"^\s*(?:(?:\[[^\]]{0,60}\]|\*{2,}[^*]{0,30}\*{2,})\s*)*"
    r"(?:(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office|abwesenheitsnotiz|"
    r"automatische antwort|r[ée]ponse automatique|respuesta autom[aá]tica|risposta automatica|autosvar|"
    r"vacation)\b|(?:(?:request|ticket) received\b|please confirm\b|confirmation required\b|"
    r"(?:read|not read|gelesen|ungelesen|lu|le[ií]do|letto)\s*:|\[ticket#|\[jira\]|自动回复|自動応答|自動返信)"
    r".{0,200}?\[[a-z]+ [a-z]+\])", re.IGNORECASE)
# Mail that answers a notice or an alert of ours, which carry no case: the quarantine's notice
# to a sender (casework/quarantine.py) and the admin's alerts (outbound/alerts.py).
ANSWERS_OUR_NOTICE = re.compile(r"\[mailrouter alert\]|.\s*your message was received\s*$", re.IGNORECASE)
NOTICE_ANSWER = "answers our notice of a held message"
# A list's own notices (Mailman 2/3, Sympa, Google Groups, Groups.io, LISTSERV, mlmmj): held for
# moderation, confirm, bounce, (un)subscribe. Their subject, when the mail carries a list's
# headers; or their From, the list's own robot address (a post a list relays is from a person,
# or "X via list" from the list's posting address, and stays a report).
LIST_NOTICE_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,60}\]\s*)?(?:your (?:message|mail|post(?:ing)?) to .{0,80}?"
    r"(?:awaits|is awaiting|is being held|has been held|was held|requires|needs|has been rejected|was rejected)|"
    r".{0,80}?\b(?:awaits|awaiting|pending|requires|needs) (?:moderator|moderation|approval)|"
    r"confirm(?:ation)? (?:[0-9a-f]{8,}|of )?(?:your )?(?:subscription|unsubscription|subscribe|unsubscribe|request|"
    r"[0-9a-f]{8,})|"
    r"(?:subscription|unsubscription) (?:confirmation|request|notice)|you (?:have been|are now) (?:un)?subscribed|"
    r"welcome to (?:the )?.{0,80}?(?:list|group)\b|bounce action notification|"
    r"(?:moderation|message held|held message|pending message|post held|uncaught bounce)\b)", re.IGNORECASE)
_LIST_FIELD = re.compile(r"list-[\w-]+|x-mailman-[\w-]+|x-beenthere|x-list-administrivia|x-google-group-id|"
                         r"x-listserver|x-sympa-[\w-]+|x-mlmmj-[\w-]+|x-loop", re.IGNORECASE)
_LIST_ROBOT = re.compile(r"^(?:owner-.+|.+[-+](?:owner|bounces?|request|confirm|subscribe|unsubscribe)(?:[-+].*)?|"
                         r"listserv|sympa|majordomo|mlmmj)$", re.IGNORECASE)
# The header fields automatic_reason, no_ack_reason and never_answered read (screened_head).
_SCREENED_FIELD = re.compile(r"from|sender|subject|auto-submitted|x-auto\w*|precedence|list-[\w-]+|"
                             r"x-auto-response-suppress|x-loop|x-mailman-[\w-]+|x-beenthere|x-list-administrivia|"
                             r"x-google-group-id|x-listserver|x-sympa-[\w-]+|x-mlmmj-[\w-]+", re.IGNORECASE)
_FIELD_START = re.compile(rb"\r?\n(?![ \t])")
MAX_FIELD, MAX_FIELDS = 2000, 50
SCANNED_CHARS = 200_000
SCANNED_PAYLOAD = 2_000_000
BULK_PRECEDENCE = ("bulk", "junk", "list")
SUPPRESS_VALUES = ("all", "autoreply", "oof")


def automatic_reason(msg, envelope_from, loop_header):
    """Why this is automatic mail that must never become a case (L1, L3, L6), or None."""
    if not envelope_from:
        return "null sender (bounce or notification)"
    if header(msg, loop_header):
        return "carries our own loop marker"
    auto = header(msg, "Auto-Submitted").strip().lower()
    if auto and not auto.startswith("no"):
        return f"Auto-Submitted: {auto.split(';')[0]}"
    if msg.get_content_type() == "multipart/report":
        return "delivery or disposition report"
    if header(msg, "X-Autoreply") or header(msg, "X-Autorespond") or \
            header(msg, "Precedence").strip().lower() == "auto_reply":
        return "auto-reply headers"
    if _local_part(envelope_from) in AUTOMATIC_LOCAL_PARTS or _system_account(sole_mailbox(msg)):
        return "sent by a mail system account"
    if BOUNCE_SUBJECT.match(header(msg, "Subject")):
        return "a bounce's subject"
    if list_notice(msg):
        return "a mailing list's own notice"
    if ANSWERS_OUR_NOTICE.search(header(msg, "Subject")):
        if "[mailrouter alert]" in header(msg, "Subject").lower():
            return "answers a notice or alert of ours"
        return NOTICE_ANSWER
    return None


def list_notice(msg):
    """Whether this is list software's own notice (moderation, confirmation, bounce,
    subscription), never a post the list relays."""
    if header(msg, "X-List-Administrivia").strip().lower() == "yes":
        return True
    mailbox = sole_mailbox(msg)
    if mailbox and _LIST_ROBOT.match(mailbox.addr_spec.rsplit("@", 1)[0]):
        return True
    sender = header(msg, "Sender").strip().strip("<>").rsplit("@", 1)[0].rsplit("<", 1)[-1]
    listed = precedence_bulk(msg) or any(_LIST_FIELD.fullmatch(name) for name in msg.keys()) or \
        bool(sender and _LIST_ROBOT.match(sender))
    return listed and bool(LIST_NOTICE_SUBJECT.match(header(msg, "Subject")))


def precedence_bulk(msg):
    return header(msg, "Precedence").strip().lower() in BULK_PRECEDENCE


def never_answered(msg, sender, loop_header, own_addresses):
    """Whether mail set aside (quarantined) must get no notice: automatic mail by its headers
    or subject, a list's, or one that asked for no automatic replies (L1). Reads headers only:
    `msg` may be the header section alone of a message past a cap."""
    return bool(automatic_reason(msg, sender, loop_header) or no_ack_reason(msg, sender, own_addresses)
                or AUTOREPLY_SUBJECT.match(header(msg, "Subject")))


def screened_head(head, loop_header):
    """The header section `head` (bytes) with only the fields the checks above read, each cut
    short, parsed: how a message past a cap is judged (pipeline/failures.py). Its Content-Type
    may be the 20,000 `;` that cost 34 s to read (T4): never read."""
    fields = [field[:MAX_FIELD] for field in _FIELD_START.split(head)
              if _screened(field.split(b":", 1)[0].strip().decode("ascii", "replace"), loop_header)]
    return parse(b"\r\n".join(fields[:MAX_FIELDS]) + b"\r\n\r\n")


def _screened(name, loop_header):
    return bool(_SCREENED_FIELD.fullmatch(name)) or name.lower() == loop_header.lower()


def carried_reason(msg, loop_header):
    """Why mail that is not itself marked is still automatic (L1): a delivery or disposition
    report anywhere in its MIME tree (a gateway wraps it in multipart/mixed), or a copy of our
    own mail in it (a bounce quoting or attaching what we sent), or None. Reads every part:
    for mail to the alias, never a case's participant (a member may attach case mail)."""
    marker = re.compile(rf"^[ \t>]*{re.escape(loop_header)}:", re.IGNORECASE | re.MULTILINE)
    for part in msg.walk():
        if part.get_content_type() in REPORT_TYPES:
            return "a delivery or disposition report inside"
        if part is not msg and header(part, loop_header):
            return "carries a copy of our own mail"
        if part.get_content_maintype() != "text":
            continue
        text = _text_of(part)[:SCANNED_CHARS]
        if marker.search(text) or _OUR_ID_LINE.search(text):
            return "quotes our own mail's headers"
    return None


def _text_of(part):
    try:
        return "" if len(str(part.get_payload())) > SCANNED_PAYLOAD else part_text(part)
    except PARSER_FAULTS:                 # a payload that will not decode (a NUL in its charset)
        return ""


def _system_account(mailbox):
    local = _local_part(mailbox.addr_spec if mailbox else "")
    return local.startswith(AUTOMATIC_LOCAL_PARTS)


def no_ack_reason(msg, sender, own_addresses, via_list=False):
    """Why a report must not be acknowledged even though it is recorded (L1), or None.

    `via_list`: the author was found behind a group's rewriting of From; its list headers
    say how the report travelled, not that it is bulk mail, and the person is answered.
    """
    precedence = header(msg, "Precedence").strip().lower()
    if precedence in BULK_PRECEDENCE and not via_list:
        return f"Precedence: {precedence}"
    if any(name.lower().startswith("list-") for name in msg.keys()) and not via_list:
        return "mailing list post"
    suppress = {v.strip().lower() for v in header(msg, "X-Auto-Response-Suppress").split(",")}
    if suppress & set(SUPPRESS_VALUES):
        return "sender asked for no automatic replies"
    if not sender:
        return "no usable sender address"
    local = _local_part(sender)
    if local in AUTOMATIC_LOCAL_PARTS or local.endswith("-request") or local.startswith("owner-"):
        return "sent by a list or mail system account"
    local, _, domain = sender.lower().rpartition("@")
    if sender.lower() in own_addresses or f"{local.split('+', 1)[0]}@{domain}" in own_addresses:
        return "sent by mailrouter itself"      # the alias, or one of its +addresses
    return None


def _local_part(address):
    return (address or "").rsplit("@", 1)[0].lower()
