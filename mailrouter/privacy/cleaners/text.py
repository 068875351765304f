"""Text attachments: scrubbing what they say (mail.text_files recognises and decodes them).

Calendar (RFC 5545) and contact (RFC 6350) files fold long lines, so an address can be
split across a line break; they are unfolded before scrubbing, and vCard 2.1
quoted-printable values are decoded, or the scrubber would never see the reporter's name.
"""

import quopri
import re

from mailrouter.mail.text_files import decode_text

VCARD_SUBTYPES = {"vcard", "x-vcard", "directory"}
FOLD = re.compile(r"\r?\n[ \t]")
QP_PARAM = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE", re.IGNORECASE)
CHARSET_PARAM = re.compile(r";CHARSET=([^;:]+)", re.IGNORECASE)


def _decode_vcard_quoted_printable(text):
    """vCard 2.1 quoted-printable values decoded, soft line breaks joined, params dropped."""
    newline = "\r\n" if "\r\n" in text else "\n"
    out, lines = [], iter(re.split(r"\r?\n", text))
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not QP_PARAM.search(name):
            out.append(line)
            continue
        while value.endswith("="):
            value = value[:-1] + next(lines, "")
        charset = CHARSET_PARAM.search(name)
        raw = quopri.decodestring(value.encode("utf-8"))
        try:
            value = raw.decode(charset.group(1) if charset else "utf-8", errors="replace")
        except LookupError:
            value = raw.decode("cp1252", errors="replace")
        out.append(CHARSET_PARAM.sub("", QP_PARAM.sub("", name)) + ":" + value)
    return newline.join(out)


def _rtf_group_end(text, start):
    depth, pos = 0, start
    while pos < len(text):
        char = text[pos]
        if char == "\\":                        # an escaped brace is not a group boundary
            pos += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return pos + 1
        pos += 1
    return len(text)


def _drop_rtf_info(text):
    """RTF without its {\\info ...} group (author, operator, company, title)."""
    start = text.find("{\\info")
    while start != -1:
        text = text[:start] + text[_rtf_group_end(text, start):]
        start = text.find("{\\info")
    return text


def clean_text(data, charset, subtype, scrub_text):
    """(scrubbed text, changed, is the reporter's contact card) for a text attachment."""
    original = decode_text(data, charset)
    head = original.lstrip()[:16].upper()
    text = original
    if subtype == "calendar" or head.startswith("BEGIN:VCALENDAR"):
        text = FOLD.sub("", text)
    vcard = subtype in VCARD_SUBTYPES or head.startswith("BEGIN:VCARD")
    if vcard:
        text = FOLD.sub("", _decode_vcard_quoted_printable(text))
    if subtype == "rtf" or head.startswith("{\\RTF"):
        text = _drop_rtf_info(text)
    scrubbed = scrub_text(text)
    return scrubbed, scrubbed != original, vcard and scrubbed != text
