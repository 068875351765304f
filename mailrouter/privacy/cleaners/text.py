"""Text attachments: recognising them, decoding them, and scrubbing what they say.

Calendar (RFC 5545) and contact (RFC 6350) files fold long lines, so an address can be
split across a line break; they are unfolded before scrubbing, and vCard 2.1
quoted-printable values are decoded, or the scrubber would never see the reporter's name.
"""

import codecs
import quopri
import re

DECLARED_TEXT = {"application/json", "application/csv", "application/xml", "application/x-yaml",
                 "application/yaml", "application/javascript", "application/x-javascript",
                 "application/rtf", "application/x-subrip"}
SUFFIX_TYPES = {
    ".txt": ("text", "plain"), ".log": ("text", "plain"), ".srt": ("text", "plain"),
    ".md": ("text", "markdown"), ".csv": ("text", "csv"), ".tsv": ("text", "tab-separated-values"),
    ".json": ("application", "json"), ".xml": ("application", "xml"),
    ".yaml": ("application", "yaml"), ".yml": ("application", "yaml"),
    ".html": ("text", "html"), ".htm": ("text", "html"), ".ics": ("text", "calendar"),
    ".vcf": ("text", "vcard"), ".vcard": ("text", "vcard"), ".rtf": ("application", "rtf"),
}
VCARD_SUBTYPES = {"vcard", "x-vcard", "directory"}
PRINTABLE_SHARE = 0.95
FOLD = re.compile(r"\r?\n[ \t]")
QP_PARAM = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE", re.IGNORECASE)
CHARSET_PARAM = re.compile(r";CHARSET=([^;:]+)", re.IGNORECASE)


def declared_as_text(maintype, subtype):
    """Whether the declared type is one we read as text."""
    return (maintype == "text" or f"{maintype}/{subtype}" in DECLARED_TEXT
            or subtype.endswith(("+xml", "+json")))


def type_for_suffix(filename):
    """(maintype, subtype) for a text file name, or None."""
    suffix = "." + filename.rpartition(".")[2].lower() if "." in filename else ""
    return SUFFIX_TYPES.get(suffix)


def _utf16_without_bom(data):
    """'utf-16-le'/'utf-16-be' when most of the first 512 bytes alternate with NULs."""
    sample = data[:512]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    if odd_nuls >= 0.8 * pairs and even_nuls < 0.1 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.8 * pairs and odd_nuls < 0.1 * pairs:
        return "utf-16-be"
    return None


def _encodings(data, charset):
    """Encodings to try, most trusted first: declared, byte-order mark, UTF-16 guess, UTF-8."""
    if charset:
        yield charset
    if data.startswith(codecs.BOM_UTF8):
        yield "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield "utf-16"
    guess = _utf16_without_bom(data)
    if guess:
        yield guess
    yield "utf-8"


def _decode_strictly(data, charset=None):
    for encoding in _encodings(data, charset):
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except (UnicodeError, LookupError):     # wrong guess, or a charset Python lacks
            continue
    return None


def looks_like_text(data, charset=None):
    """Whether undeclared bytes are text: they decode, hold no NUL, and are mostly printable."""
    text = _decode_strictly(data, charset)
    if not text or "\x00" in text:
        return False
    printable = sum(1 for char in text if char.isprintable() or char in "\t\r\n\f")
    return printable >= PRINTABLE_SHARE * len(text)


def decode_text(data, charset=None):
    """Text of a file known to be text; never fails (cp1252 with replacements last)."""
    text = _decode_strictly(data, charset)
    return text if text is not None else data.decode("cp1252", errors="replace")


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
