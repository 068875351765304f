"""Text attachments: scrubbing what they say (mail.text_files recognises and decodes them).

Calendar (RFC 5545) and contact (RFC 6350) files fold long lines, so an address can be
split across a line break; they are unfolded before scrubbing, and vCard 2.1
quoted-printable values are decoded, or the scrubber would never see the reporter's name.
For the same reason letters written as escapes (JSON `\\u00e9`, HTML `&eacute;`, RTF `\\'e9`,
`cleaners/rtf.py`) are decoded first. A line that names the reporter is their contact line:
its phone numbers go too; a calendar's coordinates go; a file uuencoded into the text is left
out (`cleaners/embedded.py`). Facebook and Instagram exports write UTF-8 bytes as
`\\u00c3\\u00a9` (Latin-1 code points), or a tool saved them again as `Ã©`: repaired to `é`
first. A Word page's `<o:DocumentProperties>` (author, company, manager) is emptied. The ids
of the reporter's records in a chat or profile export go with their name (`cleaners/owned_ids.py`).
"""

import html
import quopri
import re

from mailrouter.mail.text_files import decode_text
from mailrouter.privacy.cleaners import rtf
from mailrouter.privacy.cleaners.embedded import taken_out
from mailrouter.privacy.cleaners.owned_ids import owned
from mailrouter.privacy.cleaners.paths import without_own_numbers

VCARD_SUBTYPES = {"vcard", "x-vcard", "directory"}
FOLD = re.compile(r"\r?\n[ \t]")
QP_PARAM = re.compile(r";(?:ENCODING=)?QUOTED-PRINTABLE", re.IGNORECASE)
CHARSET_PARAM = re.compile(r";CHARSET=([^;:]+)", re.IGNORECASE)
# Letters written as escapes: JSON, JavaScript, Java and C# `\u00e9` (a pair for an emoji),
# and HTML or XML references `&eacute;` `&#233;` in a saved page or feed.
UNICODE_ESCAPE = re.compile(r"(?<!\\)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
                            r"|(?<!\\)\\u([0-9a-fA-F]{4})")
# UTF-8 bytes escaped one by one as Latin-1 code points: a lead byte, then continuation bytes.
MOJIBAKE = re.compile(r"(?:\\u00[cC][2-9a-fA-F]|\\u00[dD][0-9a-fA-F])(?:\\u00[89abAB][0-9a-fA-F])"
                      r"|\\u00[eE][0-9a-fA-F](?:\\u00[89abAB][0-9a-fA-F]){2}"
                      r"|\\u00[fF][0-4](?:\\u00[89abAB][0-9a-fA-F]){3}")
# The same bytes read as Latin-1 or Windows-1252 and saved again, unescaped: "ZoÃ©", "Å‚".
RAW_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                          "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022"
                          "\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}")
# Word's "save as web page": the document's properties in an XML island of the HTML.
WORD_PROPERTIES = re.compile(r"(<o:((?:Custom)?)DocumentProperties\b[^>]*>).*?(</o:\2DocumentProperties>)",
                             re.IGNORECASE | re.DOTALL)
MAX_JSON_AHEAD = 8 * 1024 * 1024       # a chat export read twice: once for whose ids, once cleaned
REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A location's coordinates (RFC 5545 GEO, Apple's X-APPLE-STRUCTURED-LOCATION `geo:` URI) are
# where the reporter lives as often as where it happened; the LOCATION text says the place.
CALENDAR_COORDINATES = re.compile(r"^(?:GEO[;:]|[A-Z0-9-]+(?:;[^\n]*?)?:geo:)[^\n]*(?:\n|$)",
                                  re.IGNORECASE | re.MULTILINE)


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


def _letters(match):
    """A `\\u` escape or reference as the character it stands for, when that is a letter."""
    if match.group(1):
        char = (chr(int(match.group(1), 16)) + chr(int(match.group(2), 16))).encode(
            "utf-16", "surrogatepass").decode("utf-16", "replace")
    else:
        char = chr(int(match.group(3), 16))
    return char if char.isalnum() or char in "@._+-" or ord(char) > 0xFFFF else match.group(0)


def _reference(match):
    char = html.unescape(match.group(0))
    return char if len(char) == 1 and (char.isalnum() or char in "@._+-") else match.group(0)


def _repaired(match):
    """One character's UTF-8 bytes escaped as Latin-1 code points, as that character's escape."""
    raw = bytes(int(code, 16) for code in match.group(0).split("\\u")[1:])
    try:
        return "".join(f"\\u{ord(c):04x}" for c in raw.decode("utf-8"))
    except UnicodeDecodeError:
        return match.group(0)


def _raw_repaired(match):
    for codec in ("latin-1", "cp1252"):
        try:
            char = match.group(0).encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        return char if char.isalpha() else match.group(0)
    return match.group(0)


def decode_letter_escapes(text):
    """`text` with letters written as `\\u` escapes or character references written out."""
    if "\\u" in text:
        text = UNICODE_ESCAPE.sub(_letters, MOJIBAKE.sub(_repaired, text))
    return REFERENCE.sub(_reference, text) if "&" in text else text


def json_texts(files):
    """The text of each file that is JSON by its first byte (up to `MAX_JSON_AHEAD`), its letters
    and mojibake decoded as `clean_text` reads them: for `OwnedIdentifiers.learn_ahead`."""
    for data in files:
        if len(data) <= MAX_JSON_AHEAD and data.lstrip()[:1] in (b"{", b"["):
            yield decode_letter_escapes(RAW_MOJIBAKE.sub(_raw_repaired, decode_text(data)))


def scrub_lines(text, scrub_text):
    """Scrubbed, and a line that named the reporter without its phone numbers (a contact line:
    `Kontakt: …@…, Tel. 0151 …`, a calendar description signed with their name)."""
    scrubbed = scrub_text(text)
    if scrubbed == text or not any(c.isdigit() for c in scrubbed):
        return without_own_numbers(scrubbed, names_reporter=False)
    before = set(text.split("\n"))
    lines = [without_own_numbers(line, names_reporter=line not in before) for line in scrubbed.split("\n")]
    return without_own_numbers("\n".join(lines), names_reporter=False)


def clean_text(data, charset, subtype, scrub_text):
    """(scrubbed text, changed, is the reporter's contact card) for a text attachment."""
    original = decode_text(data, charset)
    head = original.lstrip()[:16].upper()
    text = original
    if subtype == "calendar" or head.startswith("BEGIN:VCALENDAR"):
        text = CALENDAR_COORDINATES.sub("", FOLD.sub("", text))
    vcard = subtype in VCARD_SUBTYPES or head.startswith("BEGIN:VCARD")
    if vcard:
        text = FOLD.sub("", _decode_vcard_quoted_printable(text))
    if rtf.is_rtf(text, subtype):
        text = rtf.decoded(rtf.drop_info(text))
    text = decode_letter_escapes(RAW_MOJIBAKE.sub(_raw_repaired, taken_out(text, attach=False)[0]))
    if "DocumentProperties" in text:
        text = WORD_PROPERTIES.sub(r"\1\3", text)
    # A card's numbers are the card's owner's: whose card it is decides (`vcard` below).
    scrubbed = scrub_text(text) if vcard else scrub_lines(text, scrub_text)
    ids = getattr(scrub_text, "owned", None)      # ids found in earlier attachments are kept
    scrubbed = ids(text, scrubbed, subtype) if ids else owned(text, scrubbed, subtype, set())
    if rtf.is_rtf(text, subtype):
        scrubbed = rtf.encoded(scrubbed)
    return scrubbed, scrubbed != original, vcard and scrubbed != text
