"""Removing the reporter's identity from what members read (P1, P3, P4).

`Scrubber(identity)` finds the reporter's addresses (any case, with or without a +tag, in
mailto: links, HTML entities and %-encoding, and a distinctive local part on its own) and
their display name and name parts (case- and accent-insensitive, whole words) in text,
HTML, headers of forwarded evidence and filenames. `scrubbed_report` rebuilds a report from
an allow-list of headers and scrubbed parts, so nothing the reporter's mail client wrote in
a header reaches a member, while the evidence (what the reported person wrote, their
address) stays intact.
"""

import html
import re
from email.message import EmailMessage
from email.policy import SMTP

from mailrouter.message import header
from mailrouter.privacy.scrubber import Scrubber  # noqa: F401  (re-exported for the stages)

KEPT_HEADERS = ("Subject", "Date")                       # of the report itself (P1)
EVIDENCE_HEADERS = ("From", "To", "Cc", "Date", "Subject")  # of forwarded messages
# P4: parts that carry the sender's identity by their nature.
IDENTIFYING_TYPES = {"application/pgp-keys": "a PGP key", "application/pgp-signature": "a PGP signature",
                     "application/pkcs7-signature": "an S/MIME signature",
                     "application/x-pkcs7-signature": "an S/MIME signature",
                     "text/vcard": "a contact card (vCard)", "text/x-vcard": "a contact card (vCard)",
                     "text/directory": "a contact card (vCard)"}
IDENTIFYING_SUFFIXES = {".vcf": "a contact card (vCard)", ".asc": "a PGP key or signature",
                        ".p7s": "an S/MIME signature", ".gpg": "a PGP key", ".pgp": "a PGP key"}
MAX_DEPTH = 10                                           # T4: nesting of forwarded messages


def scrubbed_report(msg, scrubber, notes=None):
    """A new message holding the report's content without the reporter's identity.

    `notes`, when given a list, receives one line per part removed (P4), for the committee.
    """
    notes = [] if notes is None else notes
    report = EmailMessage(policy=SMTP)
    for name in KEPT_HEADERS:
        value = header(msg, name)
        if value:
            report[name] = _one_line(scrubber.value(value))
    _fill(report, msg, scrubber, notes, depth=0)
    return report


def _fill(target, source, scrubber, notes, depth):
    """Give `target` the scrubbed bodies and attachments of `source`."""
    text_part = source.get_body(preferencelist=("plain",))
    html_part = source.get_body(preferencelist=("html",))
    text = scrubber.text(_content(text_part)) if text_part is not None else ""
    markup = scrubber.html(_content(html_part)) if html_part is not None else ""
    target.set_content(text or _html_to_text(markup) or "")
    if markup:
        target.add_alternative(markup, subtype="html")
    bodies = {id(text_part), id(html_part)}
    for part in _attachments(source, bodies):
        _attach(target, part, scrubber, notes, depth)


def _attachments(msg, bodies):
    """Leaf parts (and forwarded messages) that are not the chosen bodies."""
    if not msg.is_multipart():
        return
    for part in msg.iter_parts():
        if id(part) in bodies:
            continue
        if part.get_content_type() == "message/rfc822":
            yield part
        elif part.is_multipart():
            yield from _attachments(part, bodies)
        elif part.get_content_type() not in ("text/plain", "text/html") or part.get_filename() \
                or part.get_content_disposition() == "attachment":
            yield part


def _attach(report, part, scrubber, notes, depth):
    content_type = part.get_content_type()
    filename = part.get_filename() or ""
    why = IDENTIFYING_TYPES.get(content_type) or next(
        (what for suffix, what in IDENTIFYING_SUFFIXES.items() if filename.lower().endswith(suffix)), None)
    if scrubber.enabled and why:
        notes.append(f"Removed {why} attached by the reporter.")
        return
    clean_name = scrubber.value(filename) if filename else None
    if clean_name != filename:
        notes.append("An attachment was renamed because its name identified the reporter.")
    maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
    if content_type == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        if inner is None or depth >= MAX_DEPTH:
            notes.append("A forwarded message could not be read and was left out.")
            return
        report.add_attachment(_evidence(inner, scrubber, notes, depth + 1), filename=clean_name)
    elif maintype == "text":
        report.add_attachment(scrubber.text(_content(part)), subtype=subtype, filename=clean_name)
    else:
        report.add_attachment(part.get_payload(decode=True) or b"", maintype=maintype,
                              subtype=subtype, filename=clean_name)


def _evidence(inner, scrubber, notes, depth):
    """A forwarded message: its own From/To/Date/Subject kept, the reporter scrubbed out."""
    evidence = EmailMessage(policy=SMTP)
    for name in EVIDENCE_HEADERS:
        value = header(inner, name)
        if value:
            evidence[name] = _one_line(scrubber.value(value))
    _fill(evidence, inner, scrubber, notes, depth)
    return evidence


def _content(part):
    try:
        return part.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def _one_line(value):
    return " ".join(value.replace("\x00", " ").split())


_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.IGNORECASE | re.DOTALL)


def _html_to_text(markup):
    if not markup:
        return ""
    text = re.sub(r"<br\s*/?>|</p>|</div>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", text)).strip() + "\n"
