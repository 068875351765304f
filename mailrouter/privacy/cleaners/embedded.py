"""Files written into a text body: uuencode, yEnc and BinHex blocks are attachments in disguise.

Old clients (Pegasus, Eudora, Usenet readers, scripts piping `uuencode`) put a file inside
the text itself: `begin 644 IMG_0042.JPG` … `end`. The block is no text to scrub, and the
file inside keeps its metadata (a photo's EXIF: the owner's name and address). A
uuencoded file (classic or `begin-base64`) is taken out of the text and handed back to be
cleaned as an attachment; yEnc and BinHex, whose bytes a text body does not keep intact, are
taken out and named as withheld.
"""

import base64
import binascii
import re
from dataclasses import dataclass

# Each block's first line, then its end searched from there: a text of many `begin` lines
# and no `end` is read once, not once per `begin` (T4).
UU_BEGIN = re.compile(r"^begin(-base64)? +[0-7]{3,4} +(\S[^\r\n]*?)[ \t]*\r?\n", re.MULTILINE)
UU_END = re.compile(r"^(?:end|====)[ \t]*(?:\r?\n|$)", re.MULTILINE)
YENC_BEGIN = re.compile(r"^=ybegin [^\r\n]*?name=([^\r\n]*)\r?\n", re.MULTILINE)
YENC_END = re.compile(r"^=yend[^\r\n]*(?:\r?\n|$)", re.MULTILINE)
BINHEX = re.compile(r"^\(This file must be converted with BinHex[^\r\n]*\r?\n\s*(:[^:]*:)[ \t]*(?:\r?\n|$)",
                    re.MULTILINE | re.IGNORECASE)
MAX_FILES = 20


@dataclass(frozen=True)
class EmbeddedFile:
    """A file decoded out of a text body."""

    filename: str
    data: bytes


def taken_out(text, attach=True):
    """(text with each embedded file replaced by a line naming it, the uuencoded files).

    With `attach=False` (a text attachment, which has no attachments of its own) every
    block is left out, and none is returned."""
    if not any(mark in text for mark in ("begin", "=ybegin", "BinHex")):
        return text, []
    files = []

    def uuencoded(match, block):
        data = _uudecoded(block, bool(match.group(1)))
        name = match.group(2).strip()[:200]
        if not attach:
            return f"[a uuencoded file, {name}, was left out by mailrouter: its metadata cannot be removed]\n"
        if data is None or len(files) >= MAX_FILES:
            return f"[a uuencoded file, {name}, was left out by mailrouter: it could not be read]\n"
        files.append(EmbeddedFile(name, data))
        return f"[a uuencoded file, {name}, was taken out of the text: see the attachments]\n"

    text = _replaced(text, UU_BEGIN, UU_END, uuencoded)
    text = _replaced(text, YENC_BEGIN, YENC_END,
                     lambda m, _: f"[a yEnc-encoded file, {m.group(1).strip()[:200]}, was left out by mailrouter: "
                                  "its metadata cannot be removed]\n")
    text = BINHEX.sub("[a BinHex file was left out by mailrouter: its metadata cannot be removed]\n", text)
    return text, files


def _replaced(text, begin, end, replacement):
    """`text` with each block from a `begin` line to the next `end` line replaced by
    `replacement(begin match, the lines between)`; linear in the text's length."""
    kept, at = [], 0
    while (first := begin.search(text, at)) and (last := end.search(text, first.end())):
        kept += [text[at:first.start()], replacement(first, text[first.end():last.start()])]
        at = last.end()
    return "".join(kept) + text[at:]


def _uudecoded(block, base64_lines):
    lines = [line.rstrip("\r") for line in block.split("\n")]
    try:
        if base64_lines:
            return base64.b64decode("".join(line.strip() for line in lines), validate=False)
        data = b"".join(binascii.a2b_uu(line) for line in lines if line.strip() and line.strip() != "`")
    except (binascii.Error, ValueError):
        return None
    return data or None
