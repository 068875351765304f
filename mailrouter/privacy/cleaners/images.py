"""Clean copies of images: no EXIF, GPS, XMP, IPTC, comments or text chunks; orientation kept.

JPEG, PNG and WebP lose their metadata segments losslessly (an allow-list of segments, so an
unknown chunk carries nothing through); GIF, TIFF and HEIC are re-encoded upright from their
pixels. Every result is re-opened with Pillow and checked for leftover metadata.
"""

import io
import zlib

import pillow_heif
from PIL import Image, ImageOps, ImageSequence

from mailrouter.privacy.cleaners import (MAX_FRAME_PIXELS, MAX_IMAGE_PIXELS, TOO_LARGE,
                                         Unreadable)

pillow_heif.register_heif_opener()

ORIENTATION = 0x0112
PIL_FORMATS = {kind: kind.upper() for kind in ("jpeg", "png", "gif", "webp", "tiff", "heif")}
# Pillow `info` keys that hold descriptive metadata; none may survive cleaning.
METADATA_INFO_KEYS = ("comment", "xmp", "XML:com.adobe.xmp", "photoshop")
LOOP_EXTENSIONS = {b"NETSCAPE2.0", b"ANIMEXTS1.0"}      # GIF application extensions we write
# TIFF tags that describe who, where, when or with what (TIFF keeps its structural tags).
DESCRIPTIVE_TIFF_TAGS = {269, 270, 271, 272, 285, 305, 306, 315, 316, 700, 33432, 33723,
                         34377, 34665, 34853, 37510, 40091, 40092, 40093, 40094, 40095}
# Pillow keeps these when re-encoding a frame: they are about pixels, not people.
KEPT_FRAME_INFO = ("icc_profile", "duration", "transparency", "background", "loop")
LOSSLESS_TIFF = {"raw", "tiff_lzw", "tiff_deflate", "tiff_adobe_deflate", "packbits"}

JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}            # TEM and RSTn carry no length
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT_ANCILLARY = {b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"hIST",
                      b"pHYs", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI"}
WEBP_KEPT = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_EXIF_FLAG, WEBP_XMP_FLAG = 0x08, 0x04


def clean_image(data, kind):
    """(clean bytes, changed) for an image of `kind` (a `sniff` result); raises Unreadable."""
    strippers = {"jpeg": strip_jpeg, "png": _strip_png, "webp": _strip_webp}
    with _open_bounded(data, kind) as img:
        stripper = strippers.get(kind)
        out = stripper(data, _orientation(img)) if stripper else _reencode(img, kind)
    _check_clean(out, kind)
    return out, out != data


def _open_bounded(data, kind):
    """Open lazily (headers only) and refuse decompression bombs before any pixel is decoded."""
    try:
        img = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise Unreadable(TOO_LARGE) from None
    if img.format != PIL_FORMATS[kind]:
        raise Unreadable()
    pixels = img.size[0] * img.size[1]
    if pixels > MAX_IMAGE_PIXELS or pixels * getattr(img, "n_frames", 1) > MAX_FRAME_PIXELS:
        raise Unreadable(TOO_LARGE)
    return img


def _orientation(img):
    try:
        value = img.getexif().get(ORIENTATION)
    except Exception:       # a broken EXIF block: there is no orientation we could trust
        return 1
    return value if isinstance(value, int) and 2 <= value <= 8 else 1


def _orientation_tiff(orientation):
    """A TIFF structure (as inside EXIF) holding the Orientation tag and nothing else."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00"):]


def _jpeg_segments(data):
    """(marker, bytes) for each segment of the primary image, SOI to EOI; what follows EOI
    (MPF secondary images, maker trailers, each with its own EXIF) is dropped."""
    if data[:2] != b"\xff\xd8":
        raise Unreadable()
    yield 0xD8, data[:2]
    pos = 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            raise Unreadable()
        if data[pos + 1] == 0xFF:                        # fill byte before a marker
            pos += 1
            continue
        marker = data[pos + 1]
        if marker == 0xD9:
            yield marker, data[pos:pos + 2]
            return
        if marker in JPEG_STANDALONE:
            yield marker, data[pos:pos + 2]
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise Unreadable()
        if marker == 0xDA:
            end = _end_of_scan(data, end)
        yield marker, data[pos:end]
        pos = end
    raise Unreadable()                                   # truncated: no EOI


def _end_of_scan(data, pos):
    """Offset of the first marker after entropy-coded data (skipping stuffing and RSTn)."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise Unreadable()
        follower = data[pos + 1]
        if follower != 0xFF and follower != 0x00 and not 0xD0 <= follower <= 0xD7:
            return pos
        pos += 1 if follower == 0xFF else 2


def _kept_jpeg_segment(marker, segment):
    """The segment as it may stay, or None to drop it (all APPn but JFIF, ICC, Adobe; COM)."""
    if marker == 0xE0:
        if segment[4:9] != b"JFIF\x00" or len(segment) < 18:
            return None
        return b"\xff\xe0\x00\x10" + segment[4:16] + b"\x00\x00"   # without a thumbnail
    if marker == 0xE2:
        return segment if segment[4:16] == b"ICC_PROFILE\x00" else None
    if marker == 0xEE:
        return segment if segment[4:9] == b"Adobe" else None
    return None if 0xE0 <= marker <= 0xFE else segment


def strip_jpeg(data, orientation=1):
    """The JPEG without metadata segments; an EXIF with only Orientation when it is not 1."""
    out = []
    for marker, segment in _jpeg_segments(data):
        kept = _kept_jpeg_segment(marker, segment)
        if kept is not None:
            out.append(kept)
    if orientation != 1:
        payload = b"Exif\x00\x00" + _orientation_tiff(orientation)
        app1 = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        after = 2 if len(out) > 1 and out[1].startswith(b"\xff\xe0") else 1
        out.insert(after, app1)
    return b"".join(out)


def _png_chunks(data):
    """(type, whole chunk bytes) up to and including IEND; raises Unreadable if malformed."""
    if not data.startswith(PNG_SIGNATURE):
        raise Unreadable()
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        ctype, end = data[pos + 4:pos + 8], pos + 12 + length
        if end > len(data):
            raise Unreadable()
        yield ctype, data[pos:end]
        if ctype == b"IEND":
            return
        pos = end
    raise Unreadable()


def _strip_png(data, orientation):
    """Critical chunks and harmless ancillary ones only (no tEXt/zTXt/iTXt/eXIf/tIME...)."""
    out, exif_pending = [PNG_SIGNATURE], orientation != 1
    for ctype, chunk in _png_chunks(data):
        if ctype == b"IDAT" and exif_pending:            # eXIf must precede the image data
            exif = b"eXIf" + _orientation_tiff(orientation)
            crc = zlib.crc32(exif).to_bytes(4, "big")
            out.append((len(exif) - 4).to_bytes(4, "big") + exif + crc)
            exif_pending = False
        critical = not ctype[0] & 0x20
        if critical or ctype in PNG_KEPT_ANCILLARY:
            out.append(chunk)
    return b"".join(out)


def _webp_chunks(data):
    size = int.from_bytes(data[4:8], "little")
    end, pos = 8 + size, 12
    if end > len(data):
        raise Unreadable()
    while pos + 8 <= end:
        length = int.from_bytes(data[pos + 4:pos + 8], "little")
        stop = pos + 8 + length + (length & 1)
        if pos + 8 + length > end:
            raise Unreadable()
        yield data[pos:pos + 4], data[pos:min(stop, end)]
        pos = stop


def _strip_webp(data, orientation):
    """Image chunks only; the VP8X flags no longer announce EXIF or XMP (unless orientation)."""
    chunks = [chunk for fourcc, chunk in _webp_chunks(data) if fourcc in WEBP_KEPT]
    if chunks and chunks[0].startswith(b"VP8X"):
        flags = chunks[0][8] & ~(WEBP_EXIF_FLAG | WEBP_XMP_FLAG)
        if orientation != 1:
            flags |= WEBP_EXIF_FLAG
            exif = _orientation_tiff(orientation)
            padding = b"\x00" * (len(exif) & 1)
            chunks.append(b"EXIF" + len(exif).to_bytes(4, "little") + exif + padding)
        chunks[0] = chunks[0][:8] + bytes([flags]) + chunks[0][9:]
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _clean_frame(frame):
    """An upright copy of one frame that carries only pixel-related info."""
    frame.load()                      # TIFF applies its orientation on load; do not apply twice
    # copy(): exif_transpose caches the full EXIF on its result, which encoders would write
    clean = ImageOps.exif_transpose(frame).copy()
    clean.info = {key: frame.info[key] for key in KEPT_FRAME_INFO if key in frame.info}
    return clean


def _reencode(img, kind):
    """GIF (all frames), TIFF (all pages) or HEIC (primary image) rebuilt from pixels."""
    sources = [img] if kind == "heif" else ImageSequence.Iterator(img)
    frames = [_clean_frame(frame) for frame in sources]
    options = {"format": PIL_FORMATS[kind]}
    if kind == "gif" and len(frames) > 1:
        options["duration"] = [frame.info.get("duration", 100) for frame in frames]
    elif kind == "tiff":
        compression = img.info.get("compression")
        options["compression"] = compression if compression in LOSSLESS_TIFF else "tiff_lzw"
    elif kind == "heif":
        options["quality"] = 90
    if len(frames) > 1:
        options.update(save_all=True, append_images=frames[1:])
    out = io.BytesIO()
    frames[0].save(out, **options)
    return out.getvalue()


def _check_clean(out, kind):
    """Re-open the result: it must decode, and no metadata may be left in it."""
    with Image.open(io.BytesIO(out)) as img:
        img.load()
        tags = set(img.getexif())
        leftover = tags & DESCRIPTIVE_TIFF_TAGS if kind == "tiff" else tags - {ORIENTATION}
        extension = img.info.get("extension")
        foreign = bool(extension) and extension[0] not in LOOP_EXTENSIONS
        texts = getattr(img, "text", None)
        if leftover or texts or foreign or any(img.info.get(key) for key in METADATA_INFO_KEYS):
            raise Unreadable()
