"""What the attachment cleaners share: their errors, their work limits and content sniffing.

Sniffing looks at the bytes only; the declared type and the filename are the caller's
second opinion (`mailrouter.privacy.attachments`), because senders label everything
`application/octet-stream` and a renamed file keeps its metadata.
"""

import io
import zipfile

MAX_IMAGE_PIXELS = 50_000_000          # one frame; above this Pillow could be made to eat memory
MAX_FRAME_PIXELS = 200_000_000         # all frames of an animation or multi-page TIFF together
MAX_ZIP_MEMBERS = 2_000
MAX_ZIP_BYTES = 100 * 1024 * 1024      # uncompressed total, across nested packages too

UNREADABLE = "could not be read to remove its metadata"
TOO_LARGE = "too large to be checked safely"


class Unreadable(Exception):
    """The file is of a type we clean, but it could not be parsed (corrupt or hostile)."""

    def __init__(self, reason=UNREADABLE):
        super().__init__(reason)
        self.reason = reason


class Uncleanable(Exception):
    """The file holds something we cannot clean (e.g. an embedded legacy Office object)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "jpeg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF87a", "gif"),
    (b"GIF89a", "gif"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
)
OTHER_MAGIC = (
    (b"%PDF-", "pdf"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"\x1f\x8b", "archive"), (b"BZh", "archive"), (b"\xfd7zXZ\x00", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"), (b"Rar!\x1a\x07", "archive"), (b"MSCF", "archive"),
    (b"\x28\xb5\x2f\xfd", "archive"), (b"MZ", "executable"), (b"\x7fELF", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"), (b"\xce\xfa\xed\xfe", "executable"),
    (b"ID3", "media"), (b"OggS", "media"), (b"fLaC", "media"), (b"\x1aE\xdf\xa3", "media"),
)
HEIF_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc", b"hevx"}


def sniff(data):
    """The kind of file `data` is by its magic bytes, or None when nothing matches.

    Kinds: jpeg png gif webp tiff heif pdf ooxml odf archive ole2 executable media.
    """
    for magic, kind in IMAGE_MAGIC + OTHER_MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:4] == b"RIFF" and data[8:12] in (b"WAVE", b"AVI "):
        return "media"
    if data[4:8] == b"ftyp":
        return "heif" if data[8:12] in HEIF_BRANDS else "media"
    if data[257:262] == b"ustar":
        return "archive"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return sniff_zip(data)
    return None


def sniff_zip(data):
    """'ooxml' or 'odf' for an Office package, else 'archive' (which is never opened further)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" in names:
                return "ooxml"
            if "mimetype" in names:
                with package.open("mimetype") as member:
                    if member.read(64).startswith(b"application/vnd.oasis.opendocument"):
                        return "odf"
    except Exception:  # a broken zip is still an archive, and archives are withheld
        pass
    return "archive"
