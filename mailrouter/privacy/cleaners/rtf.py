"""RTF attachments: the author's {\\info} group dropped, and letters written as escapes.

WordPad, Word and TextEdit write every non-ASCII letter as an escape: `Ren\\'e9 M\\'fcller`
(a byte of the document's code page, `\\ansicpg1252`; runs of them for a double-byte
code page) or `J\\u252?rgen` (a Unicode code point, then a fallback character for old
readers). The scrubber never sees a name so written; the escapes are decoded before it
reads the text, and every non-ASCII character written back as `\\uN?`, as RTF wants.
"""

import codecs
import re

HEX_RUN = re.compile(r"(?:\\'[0-9a-fA-F]{2})+")
UNICODE = re.compile(r"\\u(-?\d{1,5}) ?")
CODE_PAGE = re.compile(r"\\ansicpg(\d+)")
FALLBACK_NONE = re.compile(r"\\uc0(?![0-9])")
RTF_SYNTAX = set("{}\\")


def is_rtf(text, subtype):
    return subtype == "rtf" or text.lstrip()[:6].upper() == "{\\RTF1"[:6].upper()


def drop_info(text):
    """RTF without its {\\info ...} group (author, operator, company, title)."""
    kept, at = [], 0
    while (start := text.find("{\\info", at)) != -1:   # one pass: kept slices, not a new text each time
        kept.append(text[at:start])
        at = _group_end(text, start)
    return "".join(kept) + text[at:]


def decoded(text):
    """`text` with its letter escapes (`\\'e9`, `\\u252?`) as the letters they stand for."""
    page = CODE_PAGE.search(text)
    encoding = f"cp{page.group(1)}" if page else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    text = HEX_RUN.sub(lambda m: _hex_run(m.group(0), encoding), text)
    fallback = "" if FALLBACK_NONE.search(text) else r"(?:\\'[0-9a-fA-F]{2}|[^\\{}])?"
    text = re.sub(UNICODE.pattern + fallback, _code_point, text)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")   # pairs joined


def encoded(text):
    """Every non-ASCII character as an RTF `\\uN?` escape (a signed 16-bit number)."""
    out = []
    for char in text:
        if ord(char) < 0x80:
            out.append(char)
            continue
        units = char.encode("utf-16-le")
        for i in range(0, len(units), 2):
            unit = int.from_bytes(units[i:i + 2], "little")
            out.append(f"\\u{unit - 65536 if unit > 32767 else unit}?")
    return "".join(out)


def _hex_run(run, encoding):
    data = bytes(int(run[i + 2:i + 4], 16) for i in range(0, len(run), 4))
    if all(byte < 0x80 for byte in data):
        return run                  # an escaped brace or backslash stays escaped
    letters = data.decode(encoding, errors="replace")
    return run if RTF_SYNTAX & set(letters) else letters


def _code_point(match):
    number = int(match.group(1))
    number = number + 65536 if number < 0 else number
    if number < 0x80 or number > 0xFFFF:
        return match.group(0)      # ASCII, or no character: stays as written
    return chr(number)


def _group_end(text, start):
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
