"""Everything a member's mail client could show or save from a message, as text.

Headers, decoded text and HTML parts (tags removed, entities decoded), attachment names,
nested messages at any depth, text attachments in any encoding (UTF-16 included), and the
metadata of images, PDFs and Office/OpenDocument files, read with the same libraries that
clean them (Pillow, pikepdf, zipfile). Used by the corpus and state-directory tests.
"""

import html
import io
import re
import zipfile

import pikepdf
from PIL import Image

try:
    import pillow_heif
    pillow_heif.register_heif_opener()
except ImportError:                      # pragma: no cover - HEIC is optional in the product too
    pass


def readable_text(msg, skip_top_to=True):
    """The text of every byte of `msg` a reader could see, decoded."""
    chunks = []
    for part in msg.walk():
        for name, value in part.items():
            if skip_top_to and part is msg and name.lower() == "to":
                continue        # the member's own name and address
            chunks.append(f"{name}: {value}")
        filename = part.get_filename()
        if filename:
            chunks.append(filename)
        if part.is_multipart():
            continue
        chunks.append(part_readable(part))
    return "\n".join(chunks)


def part_readable(part):
    if part.get_content_maintype() == "text":
        content = part.get_content()
        if part.get_content_subtype() == "html":
            return content + "\n" + html.unescape(re.sub(r"<[^>]+>", " ", content))
        return content
    payload = part.get_payload(decode=True) or b""
    return bytes_readable(payload)


def bytes_readable(data):
    """Raw bytes as text in the likely encodings, plus any metadata the file format holds."""
    texts = [data.decode("utf-8", "replace"), data.decode("latin-1")]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:2] == b"\x00":
        texts.append(data.decode("utf-16", "replace"))
    texts.append(image_metadata(data))
    texts.append(pdf_metadata(data))
    texts.append(package_text(data))
    return "\n".join(t for t in texts if t)


def image_metadata(data):
    try:
        image = Image.open(io.BytesIO(data))
    except Exception:
        return ""
    found = [str(v) for v in image.info.values() if isinstance(v, (str, bytes))]
    try:
        exif = image.getexif()
        found += [str(v) for v in exif.values()]
        for ifd in (0x8769, 0x8825, 0xA005):
            found += [str(v) for v in exif.get_ifd(ifd).values()]
    except Exception:
        pass
    try:
        found.append(str(image.getxmp()))
    except Exception:
        pass
    return "\n".join(f.decode("utf-8", "replace") if isinstance(f, bytes) else f for f in found)


def pdf_metadata(data):
    if not data.startswith(b"%PDF"):
        return ""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return ""
    found = [str(v) for v in pdf.docinfo.values()] if "/Info" in pdf.trailer else []
    if "/Metadata" in pdf.Root:
        found.append(pdf.Root.Metadata.read_bytes().decode("utf-8", "replace"))
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            found += [str(annotation.get(key, "")) for key in ("/T", "/Contents", "/Subj")]
    out = io.BytesIO()
    pdf.save(out, qdf=True, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.generalized)
    found.append(out.getvalue().decode("latin-1"))
    return "\n".join(found)


def package_text(data):
    """Every XML member of an Office or OpenDocument package, as text."""
    if not data.startswith(b"PK"):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "\n".join(package.read(n).decode("utf-8", "replace") for n in package.namelist()
                             if n.endswith((".xml", ".rels")))
    except Exception:
        return ""
