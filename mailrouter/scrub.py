"""Removing the reporter's identity from what members read (P1, P3).

`Scrubber(identity)` replaces the reporter's addresses (any case, with or without a +tag,
in mailto: links too) and display name in text, HTML and filenames. `scrubbed_report`
rebuilds a report from an allow-list of headers and scrubbed parts, so nothing the
reporter's mail client wrote in a header can reach a member.
"""

import html
import re
from email.message import EmailMessage
from email.policy import SMTP

from mailrouter.message import header

ADDRESS_PLACEHOLDER = "[reporter's address]"
NAME_PLACEHOLDER = "[reporter]"
KEPT_HEADERS = ("Subject", "Date")       # everything else is dropped (P1)
MIN_NAME_PART = 3


class Scrubber:
    def __init__(self, identity):
        self.patterns = []
        for address in identity.addresses if identity else ():
            local, _, domain = address.rpartition("@")
            base = local.split("+", 1)[0]
            self.patterns.append((re.compile(
                rf"(?<![\w.+-]){re.escape(base)}(?:\+[\w.-]*)?@{re.escape(domain)}(?![\w-])",
                re.IGNORECASE), ADDRESS_PLACEHOLDER))
        name = " ".join((identity.display_name if identity else "").split())
        if name and "@" not in name:
            words = r"\s+".join(map(re.escape, name.split()))
            self.patterns.append((re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE), NAME_PLACEHOLDER))
            # A signature often repeats only the first or last name, capitalised.
            for part in set(name.split()):
                if len(part) >= MIN_NAME_PART and part[0].isupper():
                    self.patterns.append((re.compile(rf"(?<!\w){re.escape(part)}(?!\w)"), NAME_PLACEHOLDER))

    def text(self, text):
        for pattern, placeholder in self.patterns:
            text = pattern.sub(placeholder, text)
        return text

    def html(self, markup):
        """Scrub HTML source; the placeholders are escaped so markup stays valid."""
        for pattern, placeholder in self.patterns:
            markup = pattern.sub(html.escape(placeholder), markup)
        return markup

    def contains_identity(self, text):
        return any(pattern.search(text) for pattern, _ in self.patterns)


def scrubbed_report(msg, scrubber):
    """A new message holding the report's content without the reporter's identity."""
    report = EmailMessage(policy=SMTP)
    for name in KEPT_HEADERS:
        value = header(msg, name)
        if value:
            report[name] = _one_line(scrubber.text(value))
    body_parts = list(_leaf_parts(msg))
    text, markup = _bodies(msg, scrubber)
    report.set_content(text or _html_to_text(markup or ""))
    if markup:
        report.add_alternative(markup, subtype="html")
    for part in body_parts:
        if part.get_content_disposition() == "attachment" or (
                part.get_content_maintype() not in ("text", "multipart") and part.get_filename()):
            _attach(report, part, scrubber)
    return report


def _bodies(msg, scrubber):
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    text = scrubber.text(_content(text_part)) if text_part is not None else ""
    markup = scrubber.html(_content(html_part)) if html_part is not None else ""
    return text, markup


def _attach(report, part, scrubber):
    filename = scrubber.text(part.get_filename() or "attachment")
    maintype, subtype = part.get_content_maintype(), part.get_content_subtype()
    if maintype == "text":
        report.add_attachment(scrubber.text(_content(part)), subtype=subtype, filename=filename)
    elif part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else None
        raw = inner.as_bytes() if inner is not None else b""
        cleaned = scrubber.text(raw.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
        report.add_attachment(cleaned, maintype="application", subtype="octet-stream",
                              filename=filename if filename.endswith(".eml") else filename + ".eml")
    else:
        report.add_attachment(part.get_payload(decode=True) or b"", maintype=maintype,
                              subtype=subtype, filename=filename)


def _leaf_parts(msg):
    for part in msg.walk():
        if part.is_multipart() and part.get_content_type() != "message/rfc822":
            continue
        if part is msg and not msg.is_multipart():
            continue
        yield part


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
    text = re.sub(r"<br\s*/?>|</p>|</div>", "\n", markup, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", text)).strip() + "\n"
