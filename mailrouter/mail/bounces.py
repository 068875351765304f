"""Reading a bounce: a delivery status notification (RFC 3464) or a plain-text one.

Pure: `read_bounce` says whether a message is a bounce and how bad it is; it changes
nothing. A DSN (multipart/report; report-type=delivery-status) is read from its
per-recipient fields (Action, Status, Diagnostic-Code). A bounce without one, as some
Exchange, Gmail or qmail servers send, is recognised by its sender or subject and graded
by the enhanced status codes (RFC 3463) in its text; one that shows none is taken as
hard, and one that only says it was delayed as soft.
"""

import re
from dataclasses import dataclass

from mailrouter.mail.message import PARSER_FAULTS, body_text, header, part_text

SYSTEM_LOCAL_PARTS = ("mailer-daemon", "postmaster")
BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|returned mail|failure notice|delivery (status notification|failure|failed|"
    r"has failed|incomplete|notification)|mail delivery (failed|failure|subsystem|system)|"
    r"non-?delivery|nicht zustellbar|unzustellbar|non remis|no se pudo entregar|non consegnato", re.IGNORECASE)
DELAY_WORDS = re.compile(r"\bdelay(ed)?\b|will (continue to )?(re)?try|warning: message", re.IGNORECASE)
AUTOREPLY_SUBJECT = re.compile(r"^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|"
                               r"abwesenheitsnotiz|r[ée]ponse automatique|vacation)\b", re.IGNORECASE)
STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
REPLY_CODE = re.compile(r"(?<![\d.-])([45])\d\d(?=[ -])")
TEXT_LIMIT = 20000


@dataclass(frozen=True)
class Bounce:
    severity: str        # "hard" (5.x.x: the mailbox fails), "soft" (4.x.x: delayed), "none" (delivered)
    status: str          # the enhanced status code, "" when none was given
    diagnostic: str      # the remote server's words, short
    form: str            # "dsn" or "plain"


def read_bounce(msg, envelope_from):
    """The Bounce this message reports, or None when it is not a bounce (e.g. an auto-reply)."""
    if msg.get_content_type() == "multipart/report":
        if (msg.get_param("report-type") or "").lower() == "delivery-status":
            return _from_dsn(msg)
        return None                          # a read receipt or other report: not a bounce
    if not _looks_like_bounce(msg, envelope_from):
        return None
    return _from_text(body_text(msg)[:TEXT_LIMIT], header(msg, "Subject"))


def _looks_like_bounce(msg, envelope_from):
    subject = header(msg, "Subject")
    if AUTOREPLY_SUBJECT.match(subject):
        return False
    from_header = header(msg, "From").lower()
    from_system = any(f"{local}@" in from_header for local in SYSTEM_LOCAL_PARTS)
    envelope_system = not envelope_from or _local(envelope_from) in SYSTEM_LOCAL_PARTS
    return from_system or (envelope_system and bool(BOUNCE_SUBJECT.search(subject)))


def _from_dsn(msg):
    worst, texts = None, []
    for part in msg.walk():
        texts.append(part_text(part) if part.get_content_maintype() == "text" else "")
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _blocks(part):
            found = _grade(header(block, "Action").strip().lower(), header(block, "Status").strip(),
                           _diagnostic(header(block, "Diagnostic-Code")))
            if found and (worst is None or _rank(found) > _rank(worst)):
                worst = found
    if worst is not None:
        return worst
    fallback = _from_text("\n".join(texts)[:TEXT_LIMIT], header(msg, "Subject"))
    return Bounce(fallback.severity, fallback.status, fallback.diagnostic, "dsn")


def _blocks(part):
    try:
        payload = part.get_payload()
    except PARSER_FAULTS:
        return []
    return [b for b in payload if hasattr(b, "get")] if isinstance(payload, list) else []


def _grade(action, status, diagnostic):
    """One recipient's fields; None for a block that is not about a recipient."""
    code = STATUS.search(status)
    status = code.group(0) if code else ""
    if action == "failed" or status.startswith("5"):
        return Bounce("hard", status, diagnostic[:300], "dsn")
    if action == "delayed" or status.startswith("4"):
        return Bounce("soft", status, diagnostic[:300], "dsn")
    if action in ("delivered", "relayed", "expanded") or status.startswith("2"):
        return Bounce("none", status, diagnostic[:300], "dsn")
    return None


def _diagnostic(value):
    """`smtp; 550 5.1.1 <x@y>: …` → `550 5.1.1 x@y: …` (the type dropped, one line)."""
    kind, semicolon, text = value.partition(";")
    text = text if semicolon and " " not in kind.strip() else value
    return " ".join(text.replace("<", " ").replace(">", " ").split())


def _rank(bounce):
    return {"none": 0, "soft": 1, "hard": 2}[bounce.severity]


def _from_text(text, subject):
    codes = [m.group(0) for m in STATUS.finditer(text)]
    line = _diagnostic_line(text)
    for first in ("5", "4"):
        found = [c for c in codes if c.startswith(first)]
        if found:
            return Bounce("hard" if first == "5" else "soft", found[0], line, "plain")
    replies = [m.group(1) for m in REPLY_CODE.finditer(text)]
    if "5" in replies:
        return Bounce("hard", "", line, "plain")
    if "4" in replies or DELAY_WORDS.search(subject) or DELAY_WORDS.search(text[:2000]):
        return Bounce("soft", "", line, "plain")
    return Bounce("hard", "", line, "plain")     # a bounce to our return path, grading unknown


def _diagnostic_line(text):
    """The first line that quotes a server's answer, else ''."""
    for line in text.splitlines():
        if STATUS.search(line) or REPLY_CODE.search(line):
            return _diagnostic(line)[:300]
    return ""


def _local(address):
    return (address or "").rsplit("@", 1)[0].lower()
