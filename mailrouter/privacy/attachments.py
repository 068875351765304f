"""Clean copies of email attachments, so a file cannot say who sent the report.

`clean_attachment` decides what a file is from its bytes first (declared types lie: most
clients say `application/octet-stream`), then from the declared type and the filename, and
hands it to a cleaner: images lose EXIF/XMP/comments, SVG drawings their hidden payloads
(`cleaners/svg.py`), PDFs their document info, XMP,
annotation authors and embedded files, Office packages their properties and comment and
revision authors, text is scrubbed. Nested emails go back to the caller. What cannot be
cleaned (archives, programs, legacy Office, audio, video, unknown binaries) is withheld
unless the admin chose to pass it. Nothing here raises on a hostile or broken file.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from email.message import Message
from typing import Callable

from mailrouter.mail.text_files import declared_as_text, decode_text, looks_like_text, type_for_suffix
from mailrouter.privacy.cleaners import UNREADABLE, Uncleanable, Unreadable, sniff
from mailrouter.privacy.cleaners.images import PIL_FORMATS, clean_image
from mailrouter.privacy.cleaners.office import clean_package
from mailrouter.privacy.cleaners.pdf import clean_pdf
from mailrouter.privacy.cleaners.svg import clean_svg, is_svg
from mailrouter.privacy.cleaners.text import clean_text

UNKNOWN_CHOICES = ("withhold", "pass")
WITHHELD_REASONS = {
    "archive": "archives are never opened",
    "ole2": "a legacy Office file whose metadata cannot be removed",
    "executable": "an executable program",
    "media": "audio or video whose metadata cannot be removed",
    None: "an unknown binary type",
}
CONTACT_CARD = "a contact card of the reporter"
KEYS_AND_SIGNATURES = {"application/pgp-keys", "application/pgp-signature",
                       "application/pkcs7-signature", "application/x-pkcs7-signature"}
KEY_OR_SIGNATURE = "a key or signature, which names its owner"
# S/MIME (PKCS #7 signed or enveloped data) can carry its sender's certificate or the ids of their
# keys: never passed, whatever `unknown` says (a message whose only part it is, F1, too).
SMIME_TYPES = {"application/pkcs7-mime", "application/x-pkcs7-mime"}
PKCS7_OID = b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07"      # 1.2.840.113549.1.7: its content types
SMIME = "an S/MIME message, which can carry its sender's certificate"
OOXML_TYPES = {"word/": "wordprocessingml.document", "xl/": "spreadsheetml.sheet",
               "ppt/": "presentationml.presentation"}
MESSAGE_TYPES = {"message/rfc822", "message/global"}
MESSAGE_HEADERS = {b"from", b"received", b"return-path", b"date", b"message-id",
                   b"mime-version", b"to", b"subject", b"delivered-to"}
HEADER_FIELD = re.compile(rb"[!-9;-~]+:")          # RFC 5322 field name, then a colon
IMAGE_SUBTYPES = {"heif": "heic"}


@dataclass(frozen=True)
class Cleaned:
    """What to forward in place of an attachment (see `clean_attachment`)."""

    action: str          # "cleaned" | "text" | "message" | "withheld" | "identifying"
    data: bytes | str    # clean bytes | scrubbed str | original message bytes | b""
    maintype: str
    subtype: str
    reason: str = ""     # why it was withheld, or a note on what cleaning removed
    changed: bool = False   # metadata or text was actually removed or changed


@dataclass(frozen=True)
class _Declared:
    maintype: str
    subtype: str
    charset: str | None
    filename: str


def clean_attachment(data: bytes, content_type: str, filename: str,
                     scrub_text: Callable[[str], str], *, unknown: str = "withhold") -> Cleaned:
    """A clean copy of one attachment, or the reason it is withheld.

    `scrub_text` replaces the reporter's identity in a string. With `unknown="pass"`, files
    of a type that cannot be cleaned are passed unchanged instead of withheld; files of a
    type we clean but could not read are withheld either way (they may still hold metadata).
    """
    if unknown not in UNKNOWN_CHOICES:
        raise ValueError(f"unknown= must be one of {UNKNOWN_CHOICES}, not {unknown!r}")
    declared = _parse_declared(content_type, filename or "")
    try:
        return _clean(bytes(data), declared, scrub_text)
    except Uncleanable as error:
        return _uncleanable(data, declared, error.reason, unknown)
    except Unreadable as error:
        return Cleaned("withheld", b"", declared.maintype, declared.subtype, error.reason)
    except Exception:    # any parser failing on hostile input: withhold rather than crash
        return Cleaned("withheld", b"", declared.maintype, declared.subtype, UNREADABLE)


def _parse_declared(content_type, filename):
    header = Message()
    header["Content-Type"] = content_type or "application/octet-stream"
    full = (content_type or "").split(";")[0].strip().lower()
    maintype, slash, subtype = full.partition("/")
    if not slash or not maintype or not subtype:
        maintype, subtype = "application", "octet-stream"
    charset = header.get_param("charset")
    charset = charset if isinstance(charset, str) else None   # RFC 2231 tuples: ignore
    return _Declared(maintype, subtype, charset, filename)


def _clean(data, declared, scrub_text):
    """Dispatch by content first; raises Uncleanable for what no cleaner handles."""
    kind = sniff(data)
    if kind in PIL_FORMATS:
        clean, changed = clean_image(data, kind)
        subtype = IMAGE_SUBTYPES.get(kind, kind)
        return Cleaned("cleaned", clean, "image", subtype, changed=changed)
    if kind == "pdf":
        clean, changed, note = clean_pdf(data, scrub_text)
        return Cleaned("cleaned", clean, "application", "pdf", note, changed)
    if kind in ("ooxml", "odf"):
        clean, changed = clean_package(data, kind, scrub_text)
        return Cleaned("cleaned", clean, *_package_type(data, kind), changed=changed)
    if kind is None and _is_message(data, declared):
        subtype = declared.subtype if declared.maintype == "message" else "rfc822"
        return Cleaned("message", data, "message", subtype)
    if kind is None and is_svg(data, declared.maintype, declared.subtype, declared.filename):
        clean, changed = clean_svg(data, scrub_text)
        return Cleaned("cleaned", clean, "image", "svg+xml", changed=changed)
    if kind is None and _is_key_or_signature(data, declared):
        return Cleaned("identifying", b"", declared.maintype, declared.subtype, KEY_OR_SIGNATURE)
    if kind is None and _is_text(data, declared):
        return _clean_text_attachment(data, declared, scrub_text)
    if kind is None and declared.maintype in ("audio", "video"):
        kind = "media"
    raise Uncleanable(WITHHELD_REASONS[kind])


def _uncleanable(data, declared, reason, unknown):
    if f"{declared.maintype}/{declared.subtype}" in SMIME_TYPES or PKCS7_OID in data[:64]:
        reason, unknown = SMIME, "withhold"
    if unknown == "pass":    # the admin chose to forward what cannot be cleaned, as it is
        return Cleaned("cleaned", data, declared.maintype, declared.subtype)
    return Cleaned("withheld", b"", declared.maintype, declared.subtype, reason)


def _package_type(data, kind):
    """The Office type read from the package (clients often label an xlsx as vnd.ms-excel)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if kind == "odf":
            mimetype = package.read("mimetype")[:100].decode("ascii", "replace").strip()
            return "application", mimetype.partition("/")[2]
        names = package.namelist()
    for folder, suffix in OOXML_TYPES.items():
        if any(name.startswith(folder) for name in names):
            return "application", "vnd.openxmlformats-officedocument." + suffix
    return "application", "octet-stream"


def _is_message(data, declared):
    """A declared message, an .eml file, or bytes that begin with email header fields."""
    if f"{declared.maintype}/{declared.subtype}" in MESSAGE_TYPES:
        return True
    if declared.filename.lower().endswith(".eml"):
        return True
    head, blank, _ = data[:16384].replace(b"\r\n", b"\n").partition(b"\n\n")
    lines = head.split(b"\n")
    if lines[0].startswith(b"From "):                 # an mbox separator line
        lines = lines[1:]
    fields = [line for line in lines if line[:1] not in (b" ", b"\t")]   # not continuations
    if not blank or len(fields) < 2 or not all(HEADER_FIELD.match(line) for line in fields):
        return False
    return fields[0].split(b":", 1)[0].lower() in MESSAGE_HEADERS


def _is_key_or_signature(data, declared):
    return (f"{declared.maintype}/{declared.subtype}" in KEYS_AND_SIGNATURES
            or data.lstrip()[:15] == b"-----BEGIN PGP ")


def _is_text(data, declared):
    """Text by its bytes, or declared (by type or name) as text and free of NUL bytes."""
    if looks_like_text(data, declared.charset):
        return True
    said_text = (declared_as_text(declared.maintype, declared.subtype)
                 or type_for_suffix(declared.filename))
    return bool(said_text) and b"\x00" not in data      # NULs: binary whatever the label says


def _clean_text_attachment(data, declared, scrub_text):
    if declared_as_text(declared.maintype, declared.subtype):
        maintype, subtype = declared.maintype, declared.subtype
    else:
        maintype, subtype = (type_for_suffix(declared.filename)
                             or _sniffed_text_type(data, declared.charset))
    text, changed, contact_card = clean_text(data, declared.charset, subtype, scrub_text)
    if contact_card:    # phone numbers and other details cannot be known: drop it whole
        return Cleaned("identifying", b"", maintype, subtype, CONTACT_CARD)
    return Cleaned("text", text, maintype, subtype, changed=changed)


def _sniffed_text_type(data, charset):
    head = decode_text(data, charset).lstrip()[:16].upper()
    if head.startswith("BEGIN:VCALENDAR"):
        return "text", "calendar"
    if head.startswith("BEGIN:VCARD"):
        return "text", "vcard"
    return "text", "plain"
