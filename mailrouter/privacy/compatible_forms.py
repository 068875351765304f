"""Matching on the NFKC form of a text, the original span replaced (privacy/scrub_patterns.py):
full-width letters and digits ("ｙｕｍｉ＠ｉｃｌｏｕｄ．ｃｏｍ", "０９０－１２３４") and other scripts' digits
are found by the ASCII patterns the scrubber compiles."""

import re
import unicodedata


def sub_compatible(pattern, placeholder, text):
    """`pattern.sub` on the NFKC form of `text` ("ｙｕｍｉ＠ｉｃｌｏｕｄ．ｃｏｍ", "０９０－１２３４"),
    each match replacing the whole original span."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text) and not _OTHER_DIGIT.search(text):
        return pattern.sub(placeholder, text)
    folded, origin = _nfkc_with_map(text)
    pieces, last = [], 0
    for match in pattern.finditer(folded):
        if match.end() > match.start() and origin[match.start()] >= last:
            pieces += [text[last:origin[match.start()]], placeholder]
            last = origin[match.end() - 1] + 1
    return "".join(pieces) + text[last:]


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")       # Arabic-Indic "٠٥٥٠", Persian "۰۹۱۲": read as ASCII


def _nfkc_with_map(text):
    folded, origin = [], []
    for index, char in enumerate(text):
        ascii_digit = _OTHER_DIGIT.match(char) and str(unicodedata.decimal(char))
        for out in ascii_digit or unicodedata.normalize("NFKC", char):
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin
