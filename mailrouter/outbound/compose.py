"""Building the mail mailrouter sends: templates for the words, code for the headers.

Every message: From the committee at the alias, To one recipient, a fresh Message-ID on
our domain (P2), `Auto-Submitted` and our loop marker (L2), CRLF line ends (S3). Header
values are cleaned of CR, LF and NUL before they are set (T2). Report text is passed to a
template as data, never rendered as a template itself (T5).
"""

import re
from email.errors import HeaderParseError
from email.generator import NLCRE, BytesGenerator
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from mailrouter.settings.defaults import LOOP_HEADER
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.message import SAFE_SMTP, SAFE_SMTPUTF8, unsurrogate
from mailrouter.mail.subject_fold import fold_subject


_MESSAGE_ID = re.compile(r"^<[^<>\s\x00-\x1f\x7f]{1,250}>$")
MAX_LINE = 78                        # email.policy.SMTP's max_line_length
CLEANED_KEPT = 256                   # header values up to this length are cleaned once


class _Generator(BytesGenerator):
    """email's BytesGenerator, writing a body's lines with one substitution rather than
    two writes per line (a forward's body is most of the worker's generator time, issue
    11). The same bytes: each line end NLCRE finds becomes the policy's, as in the stdlib."""

    def _write_lines(self, lines):
        if lines:
            self.write(NLCRE.sub(self._NL, lines))


def templates_dir():
    """The bundled templates (templates/ in the repository, linked into the package)."""
    return Path(__file__).resolve().parents[1] / "templates"


def clean_header(value):
    """One safe header line: no CR, LF or NUL, runs of white space folded.

    Encoded words are decoded first: `=?utf-8?q?Eve=0D=0ABcc:…?=` hides a line break
    that the header parser would otherwise find later (T2). A short value (a member's
    name and address, the committee's name: the same in every mail) is cleaned once.
    """
    value = str(value)
    return _cleaned(value) if len(value) <= CLEANED_KEPT else _clean(value)


@lru_cache(maxsize=512)
def _cleaned(value):
    return _clean(value)


def _clean(value):
    text = unsurrogate(value)
    if "=?" in text:
        try:
            text = str(make_header(decode_header(text)))
        except (HeaderParseError, LookupError, ValueError, UnicodeDecodeError):
            pass
    return " ".join(text.replace("\x00", " ").split())


def _field(name, value):
    """One header line as the generator writes it. The Subject as the policy writes it too
    (mail/subject_fold.py: the email package's folder loses spaces around encoded words; the
    Subject is new in every mail, so no cache helps); anything else through the email package."""
    if name == "Subject":
        return fold_subject(value, max_line=MAX_LINE)
    return SAFE_SMTP.fold_binary(*FAST_SMTP.header_store_parse(name, value))


def format_mailbox(name, address):
    """formataddr(), also for a UTF-8 address: that is written as it is (RFC 6532), and
    the courier sends such mail with SMTPUTF8; formataddr() itself refuses it."""
    if address.isascii():
        return formataddr((name, address))
    shown = formataddr((name, "a@a"))            # the display name, encoded as usual
    return f"{shown[:-len('<a@a>')]}<{address}>" if name else address


def encoded_body(body):
    """(Content-Transfer-Encoding, CRLF-ended bytes) of `body` as set_content() writes it.

    Lines that fit the policy's length go as they are: 7bit, or 8bit when not ASCII (the
    policy allows 8bit). Longer lines are left to set_content() itself, on a message of
    their own: it chooses quoted-printable or base64, whichever is shorter.
    """
    data = body.encode("utf-8")
    lines = data.splitlines()
    fits = max(map(len, lines), default=0) <= FAST_SMTP.max_line_length
    if fits and (data.isascii() or FAST_SMTP.cte_type == "8bit"):
        return ("7bit" if data.isascii() else "8bit"), b"\r\n".join(lines) + b"\r\n"
    scratch = EmailMessage(policy=FAST_SMTP)
    scratch.set_content(body)
    return scratch["Content-Transfer-Encoding"], NLCRE.sub("\r\n", scratch.get_payload()).encode("ascii")


class Composer:
    def __init__(self, config, clock, folder=None):
        self.config = config
        self.clock = clock
        self.folder = str(folder or templates_dir())
        self.env = self._environment()

    def reload_templates(self):
        """Read the templates again from their folder, from the next message on (a reload:
        SIGHUP). Compiled templates are kept otherwise, an edit waits for this or a restart."""
        self.env = self._environment()

    def _environment(self):
        return Environment(loader=FileSystemLoader(self.folder),
                           undefined=StrictUndefined,
                           # HTML templates escape every value; report HTML, already
                           # scrubbed, is inserted with |safe as data, never a template.
                           autoescape=select_autoescape(enabled_extensions=("html.j2",),
                                                        default_for_string=False),
                           # Compiled once and kept: no file is stat()ed again per message
                           # (issue 11); an edited template is read at reload_templates().
                           auto_reload=False, keep_trailing_newline=True)

    def render(self, template, **context):
        context.setdefault("committee_name", self.config.committee_name)
        context.setdefault("alias", self.config.alias)
        return self.env.get_template(template).render(**context)

    def message(self, *, to, subject, body, reply_to=None, auto_submitted="auto-replied",
                in_reply_to=None, references=(), to_name=""):
        """A complete message to one recipient."""
        msg = self.unaddressed(subject=subject, body=body, auto_submitted=auto_submitted,
                               in_reply_to=in_reply_to, references=references)
        return self.address(msg, to=to, to_name=to_name, reply_to=reply_to)

    def unaddressed(self, *, subject, body, auto_submitted="auto-replied", in_reply_to=None,
                    references=(), sender_name=None):
        """Everything but To, Reply-To and threading: built once, addressed per recipient.

        `sender_name` shows who wrote a relayed message ("Ana Lima via the committee");
        the address is always the alias.
        """
        msg = EmailMessage(policy=FAST_SMTP)
        for name, value in self._head(subject, auto_submitted, in_reply_to, references, sender_name):
            msg[name] = value
        msg.set_content(body)
        return msg

    def unaddressed_bytes(self, *, subject, body, auto_submitted="auto-replied", in_reply_to=None,
                          references=(), sender_name=None):
        """as_bytes(unaddressed(...)), for text alone, without building the message: the
        same header objects folded by the same policy, the body encoded by the same function
        set_content() uses (most mail a report sends is this; issue 11). The bytes are the
        same (tests/test_compose.py compares the two ways)."""
        cte, payload = encoded_body(body)
        fields = self._head(subject, auto_submitted, in_reply_to, references, sender_name) + [
            ("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", cte),
            ("MIME-Version", "1.0")]
        head = b"".join(_field(name, value) for name, value in fields)
        return head + b"\r\n" + payload

    def _head(self, subject, auto_submitted, in_reply_to, references, sender_name):
        name = f"{sender_name} via {self.config.committee_name}" if sender_name else self.config.committee_name
        fields = [("From", formataddr((clean_header(name), self.config.alias))),
                  ("Subject", clean_header(subject)), ("Date", format_datetime(self.clock.now()))]
        if in_reply_to:
            fields += [("In-Reply-To", in_reply_to), ("References", " ".join([*references, in_reply_to][-10:]))]
        return fields + [("Auto-Submitted", auto_submitted), (LOOP_HEADER, self.config.domain)]

    def address(self, msg, *, to, to_name="", reply_to=None, thread=()):
        """Address `msg` to one recipient with a fresh Message-ID (in place; returns it).

        `thread`: the Message-IDs this recipient already has about the case, oldest first;
        the new message answers the last one, so mail clients keep one thread.
        """
        for name in ("To", "Reply-To", "Message-ID") + (("In-Reply-To", "References") if thread else ()):
            del msg[name]
        msg["To"] = format_mailbox(clean_header(to_name), to)
        if reply_to:
            msg["Reply-To"] = formataddr((clean_header(self.config.committee_name), reply_to))
        if thread:
            msg["In-Reply-To"] = thread[-1]
            msg["References"] = " ".join(thread[-10:])
        msg["Message-ID"] = make_msgid(domain=self.config.domain)
        return msg

    def addressed_bytes(self, base, *, to, to_name="", reply_to=None, thread=(), message_id=None):
        """The same as address() then as_bytes(), for many recipients of one message.

        `base` is as_bytes() of an unaddressed() message, serialised once; each
        recipient's own header lines are written in front of it. Every value passes
        through the same cleaning as in address() (T2), so no recipient costs a re-parse.
        `message_id`: one made by the caller (mail to the reporter carries a signed one,
        cases/message_ids.py); by default a fresh one. Returns (bytes, Message-ID).
        """
        message_id = message_id or make_msgid(domain=self.config.domain)
        lines = [f"To: {format_mailbox(clean_header(to_name), clean_header(to))}"]
        if reply_to:
            lines.append(f"Reply-To: {formataddr((clean_header(self.config.committee_name), clean_header(reply_to)))}")
        thread = [m for m in thread if _MESSAGE_ID.match(m or "")][-10:]
        if thread:
            lines.append(f"In-Reply-To: {thread[-1]}")
            lines.append("References: " + "\r\n ".join(thread))
        lines.append(f"Message-ID: {message_id}")
        return ("\r\n".join(lines) + "\r\n").encode("utf-8") + base, message_id

    @staticmethod
    def as_bytes(msg):
        # Mail to a UTF-8 address carries it raw in To: (RFC 6532), not as an encoded word.
        # Shallow policies: a part kept as sent (a forwarded message) may carry deeply nested
        # header comments, which folding would parse by recursion.
        out = BytesIO()
        _Generator(out, mangle_from_=False, policy=SAFE_SMTP if str(msg.get("To", "")).isascii()
                   else SAFE_SMTPUTF8).flatten(msg, unixfrom=False)
        return out.getvalue()
