"""Attachment names as members' mail clients will show and save them.

A name comes from the sender: RFC 2231 and encoded words let it hold CR, LF, NUL and other
control characters (which break the header it is written into), path separators and `..`
(a client that saves by name writes elsewhere), right-to-left overrides that make
`invoice\u202etxt.exe` read as `invoiceexe.txt`, and any length. Members get a cleaned name.
"""

import unicodedata

MAX_NAME = 120                       # characters; the extension is kept when a name is cut
MAX_SUFFIX = 16
FALLBACK = "attachment"


def _kept(char):
    # Cc: controls (CR, LF, NUL, DEL, C1); Cf: bidi overrides and invisible marks;
    # Cs: bytes that did not decode; Zl/Zp: line and paragraph separators.
    return unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp") and char != "\ufffd"


def clean_filename(name):
    """`name` as one safe line: no control or format characters, no path, at most MAX_NAME."""
    text = "".join(c if _kept(c) else " " for c in str(name or ""))
    text = text.replace("/", "_").replace("\\", "_")
    text = " ".join(text.split()).lstrip(". ")
    if len(text) > MAX_NAME:
        stem, dot, suffix = text.rpartition(".")
        suffix = suffix if dot and stem and len(suffix) <= MAX_SUFFIX else ""
        text = text[:MAX_NAME - len(suffix) - 1].rstrip() + ("." + suffix if suffix else "")
    return text or FALLBACK
