"""The copy of a report that members read: rebuilt, scrubbed, cleaned (P1, P3, P6, P7).

`CleanCopy(scrubber).of(msg)` builds a new message from an allow-list of headers (Subject,
Date; and From/To/Cc/Date/Subject of forwarded evidence), the text scrubbed, the HTML
parsed, scrubbed and sanitised (no remote resource survives, so a hostile report cannot
tell its sender who opened it), and every attachment as a clean copy: image, PDF and
Office metadata removed, text-like files scrubbed like the body whatever their declared
type, nested messages scrubbed as evidence. What cannot be cleaned is withheld (or passed,
by config) with a line for the members. Every attachment's original is handed back in
`originals`, kept sealed with the identity as evidence. A long body, text or HTML, is shown
in part and attached whole (privacy/long_body.py); a signature below a pasted quote goes too.
"""

import re
import secrets
from dataclasses import dataclass, field
from email.message import EmailMessage

from mailrouter.mail.filenames import clean_filename
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.limits import over_limits
from mailrouter.mail.message import PARSER_FAULTS, body_part, header, part_filename, part_text, parse, written
from mailrouter.privacy import long_body
from mailrouter.privacy.alternative_signature import dropped_lines
from mailrouter.privacy.attachments import clean_attachment
from mailrouter.privacy.cleaners.embedded import taken_out
from mailrouter.privacy.cleaners.owned_ids import OwnedIdentifiers
from mailrouter.privacy.cleaners.text import json_texts
from mailrouter.privacy.evidence_headers import EVIDENCE_ADDRESSES, by_another, mailboxes, one_line as _one_line
from mailrouter.mail.html import html_to_text, visible_text
from mailrouter.mail.html_sanitise import sanitise_html
from mailrouter.privacy.signature import signature_nodes

KEPT_HEADERS = ("Subject", "Date")                           # of the report itself (P1)
EVIDENCE_HEADERS = ("From", "To", "Cc", "Date", "Subject")   # of forwarded messages
MAX_DEPTH = 10                                               # T4: nesting of forwarded messages
MAX_ATTACHMENTS = 200                                        # T4: parts per report
MESSAGE_TYPES = ("message/rfc822", "message/global")
RENAMED = "An attachment was renamed because its name identified the reporter."


@dataclass
class Original:
    """An attachment as the reporter sent it, to be kept sealed."""

    number: int
    filename: str
    content_type: str
    data: bytes
    handling: str          # cleaned | text | message | withheld | identifying
    shown_as: str          # the (scrubbed) name members saw


@dataclass
class CleanCopy:
    scrubber: object
    unknown: str = "withhold"          # what cannot be cleaned: withhold | pass
    first_number: int = 1              # numbering of attachments continues across additions
    notes: list = field(default_factory=list)
    originals: list = field(default_factory=list)
    owned: object = None               # the ids of the reporter's records in attachments so far

    def of(self, msg):
        """The members' copy of `msg`."""
        report, self.owned = EmailMessage(policy=FAST_SMTP), self.owned or OwnedIdentifiers(self.scrubber)
        for name in KEPT_HEADERS:
            value = header(msg, name)
            if value:
                report[name] = _one_line(self.scrubber.value(value))
        self._fill(report, msg, depth=0)
        return report

    # -- bodies ---------------------------------------------------------------------------
    def _fill(self, target, source, depth, signed=True):
        text_part, html_part = body_part(source, ("plain",)), body_part(source, ("html",))
        cids = _new_content_ids(source)
        # A file uuencoded into the text (`begin 644 IMG.JPG`) is an attachment in disguise.
        own, embedded = taken_out(part_text(text_part)) if text_part is not None else ("", [])
        text = self.scrubber.text(own, signed) if text_part is not None else ""
        markup = self._html(part_text(html_part), cids, own, signed) if html_part is not None else ""
        if markup and (not text or long_body.html_too_long(markup)):
            # A long HTML goes attached, its text inline: the longer text, since a plain part
            # beside it may be a stub ("view this message in HTML") or the log's first screen.
            text = max(text, self.scrubber.text(html_to_text(markup), signed), key=len)
        if markup and self.scrubber.found_in(visible_text(markup)):
            # A name split inside a word across tags (`Sor<span>aya</span>`) is only seen in
            # the joined text: fail closed, members get the scrubbed text alone.
            self._note("The HTML version of a message was left out: the reporter's name ran "
                       "across its formatting and could not be removed from it safely.")
            markup = ""
        images = {cids[old]: self._shown_name(part) for part in source.walk()
                  if (old := (header(part, "Content-ID") or "").strip().strip("<>")) in cids}
        long_body.fill(target, text, markup, self._note, _size, images)
        bodies = {id(text_part), id(html_part)}
        parts = list(_attachments(source, bodies))[:MAX_ATTACHMENTS]
        self.owned.learn_ahead(json_texts(_payload(p) for p in parts if not p.is_multipart()))
        for part in parts + list(map(_as_part, embedded)):
            self._attach(target, part, depth, cids)

    def _html(self, markup, cids, plain="", signed=True):
        for old, new in cids.items():
            markup = markup.replace(f"cid:{old}", f"cid:{new}")
        # A signature in HTML is many text nodes: drop the nodes of the lines that the text form
        # of the same HTML, or its text alternative `plain`, shows as the reporter's signature.
        # Paragraphs render with blank lines between them; a signature's lines are one block.
        as_text = "\n".join(line for line in html_to_text(markup).split("\n") if line.strip())
        roots, patterns = self.scrubber.name_roots, self.scrubber.address_patterns
        lines = dropped_lines(as_text, plain, roots, patterns) if signed and self.scrubber.enabled else set()
        signature = signature_nodes(as_text, roots, patterns) if signed and self.scrubber.enabled else (lambda _: False)

        def scrub_node(text):
            return "" if " ".join(text.split()) in lines or signature(text) else self.scrubber.value(text)

        return sanitise_html(markup, scrub_node, self._clean_inline_image)

    def _clean_inline_image(self, data, mime):
        cleaned = clean_attachment(data, mime, "", self.scrubber.value, unknown="withhold")
        return cleaned.data if cleaned.action == "cleaned" else None

    # -- attachments ----------------------------------------------------------------------
    def _attach(self, target, part, depth, cids):
        filename, shown = part_filename(part), self._shown_name(part)
        if filename and shown != clean_filename(filename):
            self._note(RENAMED)
        content_type = part.get_content_type()
        if content_type in MESSAGE_TYPES and part.is_multipart():
            self._keep_original(filename, content_type, written(part), "message", shown)
            self._attach_message(target, part.get_payload(0), depth, shown)
            return
        cleaned = clean_attachment(data := _payload(part), content_type, filename, self.owned, unknown=self.unknown)
        if cleaned.action == "identifying" and not self.scrubber.enabled:
            cleaned = clean_attachment(data, "application/octet-stream", "", lambda s: s, unknown="pass")
        number = self._keep_original(filename, content_type, data, cleaned.action, shown)
        if cleaned.action == "message":     # past the caps (T4: a 20,000-`;` field), never parsed
            self._attach_message(target, None if over_limits(cleaned.data) else parse(cleaned.data), depth, shown)
        elif cleaned.action == "text":
            target.add_attachment(cleaned.data, subtype=_safe_type("text", cleaned.subtype)[1], filename=shown)
        elif cleaned.action == "cleaned":
            maintype, subtype = _safe_type(cleaned.maintype, cleaned.subtype)
            target.add_attachment(cleaned.data, maintype=maintype, subtype=subtype, filename=shown)
            _carry_content_id(target, part, cids)
        elif cleaned.action == "withheld":
            self._note(f"Withheld: {shown or 'an attachment'} ({content_type}, {_size(len(data))}): "
                       f"{cleaned.reason}. The original is kept sealed as attachment {number}; "
                       f"a chair can release it to the members on the case.")
        else:
            self._note(f"Removed {cleaned.reason} attached by the reporter.")

    def _shown_name(self, part):
        # Cleaned for the members' clients (mail/filenames.py); renamed only if scrubbing changed it.
        filename = part_filename(part)
        return clean_filename(self.scrubber.value(filename)) if filename else None

    def _attach_message(self, target, inner, depth, shown):
        if inner is None or depth >= MAX_DEPTH:
            self._note("A forwarded message could not be read and was left out.")
            return
        target.add_attachment(self._evidence(inner, depth + 1), filename=shown)

    def _evidence(self, inner, depth):
        """A forwarded message: its own From/To/Date/Subject kept, the reporter scrubbed out."""
        evidence = EmailMessage(policy=FAST_SMTP)
        for name in EVIDENCE_HEADERS:
            value = header(inner, name)
            if value:
                scrubbed = _one_line(self.scrubber.value(value))
                shown = mailboxes(self.scrubber, value, scrubbed) if name in EVIDENCE_ADDRESSES else scrubbed
                for each in (shown, scrubbed):          # a value the header classes cannot take: left out
                    try:
                        evidence[name] = each
                        break
                    except PARSER_FAULTS:
                        continue
        self._fill(evidence, inner, depth, signed=not by_another(self.scrubber, header(inner, "From")))
        return evidence

    def _keep_original(self, filename, content_type, data, handling, shown):
        number = self.first_number + len(self.originals)
        self.originals.append(Original(number, filename, content_type, data, handling, shown or ""))
        return number

    def _note(self, line):
        if line not in self.notes:
            self.notes.append(line)


def _attachments(msg, bodies):
    """Leaf parts (and forwarded messages) that are not the chosen bodies."""
    if not msg.is_multipart():
        return
    for part in msg.iter_parts():
        if id(part) in bodies:
            continue
        if part.get_content_type() in MESSAGE_TYPES:
            yield part
        elif part.is_multipart():
            yield from _attachments(part, bodies)
        elif part.get_content_type() not in ("text/plain", "text/html") or part_filename(part) \
                or part.get_content_disposition() == "attachment":
            yield part


def _as_part(file):
    """A file decoded out of a text body, as the attachment it was meant to be."""
    part = EmailMessage(policy=FAST_SMTP)
    part.set_content(file.data, maintype="application", subtype="octet-stream",
                     filename=clean_filename(file.filename) or "file")     # a CR or a control: cleaned
    return part


def _payload(part):
    try:
        data = part.get_payload(decode=True)
    except (LookupError, ValueError, TypeError):
        data = None
    if data is None:
        payload = part.get_payload()
        data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    return data


def _new_content_ids(msg):
    """Fresh Content-IDs for inline images: a client's ids can carry its host's name."""
    mapping = {}
    for part in msg.walk():
        old = (header(part, "Content-ID") or "").strip().strip("<>")
        if old:
            mapping[old] = f"part{len(mapping) + 1}.{secrets.token_hex(8)}@mailrouter.invalid"
    return mapping


def _carry_content_id(target, part, cids):
    old = (header(part, "Content-ID") or "").strip().strip("<>")
    if old in cids:
        added = list(target.iter_attachments())[-1]
        added["Content-ID"] = f"<{cids[old]}>"


def _safe_type(maintype, subtype):
    """A declared type fit for a header: a hostile one (`text/pl\r\nain`) becomes generic."""
    if re.fullmatch(r"[a-z0-9][a-z0-9.+-]{0,60}", maintype or "") and re.fullmatch(r"[a-z0-9][a-z0-9.+-]{0,60}", subtype or ""):
        return maintype, subtype
    return ("text", "plain") if maintype == "text" else ("application", "octet-stream")


def _size(count):
    for unit in ("bytes", "KB", "MB"):
        if count < 1024 or unit == "MB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
