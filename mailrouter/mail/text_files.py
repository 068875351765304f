"""Files that are text: recognising them by declared type, name or bytes, and decoding them.

Used wherever a part may hold words: the clean copy scrubs text-like attachments, and
conflict routing reads them for names, whatever type they were declared with (UTF-16 with
or without a byte-order mark included).
"""

import codecs

from mailrouter.mail.charsets import codec_for

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
PRINTABLE_SHARE = 0.95


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
    if charset and (codec := codec_for(charset)):
        yield codec
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
