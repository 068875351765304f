"""Attachments: clean copies without the reporter's identity, or withheld with a reason.

Every input is built here with the real libraries (Pillow, pillow-heif, pikepdf, zipfile),
and every output is read back with them, and searched as raw bytes for the reporter.
"""

import io
import re
import zipfile
import zlib

import pikepdf
import pillow_heif
import pytest
from lxml import etree
from PIL import Image, PngImagePlugin
from pikepdf import Array, Dictionary, Name, String

from mailrouter.privacy.attachments import clean_attachment
from mailrouter.privacy.cleaners import TOO_LARGE, UNREADABLE

NAME, ADDRESS = "Noa Fischer", "noa@example.net"
IDENTIFYING = [NAME.encode(), ADDRESS.encode(), b"Fischer Consulting"]
PATTERN = re.compile("|".join(map(re.escape, [NAME, ADDRESS])), re.IGNORECASE)
ORIENTATION, ARTIST, GPS_IFD = 0x0112, 0x013B, 0x8825
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def scrub(text):
    """The caller's scrubber, faked: the reporter's name and address become "[reporter]"."""
    return PATTERN.sub("[reporter]", text)


def clean(data, content_type="application/octet-stream", filename="", **options):
    return clean_attachment(data, content_type, filename, scrub, **options)


def assert_no_reporter(raw):
    for needle in IDENTIFYING:
        assert needle not in raw, needle


def exif_with_reporter(orientation):
    exif = Image.Exif()
    exif[ARTIST] = NAME
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 1.0)})
    return exif


def image_bytes(fmt, size=(40, 20), **options):
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, fmt, **options)
    return out.getvalue()


def jpeg_with_exif(orientation=6):
    return image_bytes("JPEG", exif=exif_with_reporter(orientation), comment=ADDRESS,
                       xmp=f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode())


def reopened(result):
    assert result.action == "cleaned", result
    image = Image.open(io.BytesIO(result.data))
    image.load()
    return image


# --- images -----------------------------------------------------------------------------

def test_jpeg_loses_exif_gps_xmp_and_comment_but_keeps_orientation():
    original = jpeg_with_exif(orientation=6)
    assert Image.open(io.BytesIO(original)).getexif()[ARTIST] == NAME      # the input has it
    result = clean(original)
    image = reopened(result)
    assert (result.maintype, result.subtype, result.changed) == ("image", "jpeg", True)
    assert dict(image.getexif()) == {ORIENTATION: 6}
    assert not image.getexif().get_ifd(GPS_IFD)
    assert "xmp" not in image.info and "comment" not in image.info
    assert image.size == (40, 20)
    assert_no_reporter(result.data)


def test_jpeg_without_orientation_gets_no_exif_at_all():
    image = reopened(clean(jpeg_with_exif(orientation=1)))
    assert "exif" not in image.info


def test_jpeg_secondary_images_after_end_of_image_are_dropped():
    # Phones append MPF images after the primary one; each carries its own EXIF.
    original = jpeg_with_exif(1) + jpeg_with_exif(1)
    result = clean(original)
    assert result.data.count(b"\xff\xd8") == 1
    assert_no_reporter(result.data)


def test_png_text_chunks_and_exif_are_removed_orientation_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_text("Comment", ADDRESS, zip=True)
    info.add_itxt("Description", f"photo by {NAME}")
    original = image_bytes("PNG", pnginfo=info, exif=exif_with_reporter(3))
    assert Image.open(io.BytesIO(original)).text["Author"] == NAME
    result = clean(original, "image/png", "shot.png")
    image = reopened(result)
    assert image.text == {}
    assert dict(image.getexif()) == {ORIENTATION: 3}
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"tIME"):
        assert chunk not in result.data
    assert_no_reporter(result.data)


def insert_gif_xmp(gif, text):
    """A GIF with an XMP application extension (Pillow cannot write one)."""
    block = text.encode()
    subblocks = b"".join(bytes([len(block[i:i + 255])]) + block[i:i + 255]
                         for i in range(0, len(block), 255))
    extension = b"\x21\xff\x0bXMP DataXMP" + subblocks + b"\x00"
    at = gif.index(b"\x21\xf9")                      # before the first frame's control block
    return gif[:at] + extension + gif[at:]


def test_gif_comment_and_xmp_extension_are_removed_and_frames_kept():
    frames = [Image.new("RGB", (16, 16), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0,
                   comment=f"made by {NAME}")
    original = insert_gif_xmp(out.getvalue(), f"<x:xmpmeta>{ADDRESS}</x:xmpmeta>")
    before = Image.open(io.BytesIO(original))
    assert before.info.get("extension") and before.info.get("comment")
    image = reopened(clean(original))
    assert image.n_frames == 3
    assert not {"comment", "xmp"} & set(image.info)
    assert image.info["extension"][0] == b"NETSCAPE2.0"          # the loop count, nothing else
    assert b"XMP DataXMP" not in clean(original).data
    assert_no_reporter(clean(original).data)


def test_webp_exif_and_xmp_chunks_are_removed_and_flags_cleared():
    original = image_bytes("WEBP", exif=exif_with_reporter(8), xmp=f"<x>{NAME}</x>".encode())
    result = clean(original)
    image = reopened(result)
    assert dict(image.getexif()) == {ORIENTATION: 8}
    assert b"XMP " not in result.data
    vp8x_flags = result.data[20]
    assert not vp8x_flags & 0x04                                # no XMP announced
    assert_no_reporter(result.data)


def test_tiff_descriptive_tags_are_removed_and_pixels_turned_upright():
    tags = {ARTIST: NAME, 270: f"scan by {ADDRESS}", 305: "Fischer Consulting scanner",
            ORIENTATION: 6}
    original = image_bytes("TIFF", tiffinfo=tags)
    result = clean(original)
    image = reopened(result)
    assert not {ARTIST, 270, 305, ORIENTATION} & set(image.getexif())
    assert image.size == (20, 40)                     # orientation 6 applied to the pixels
    assert_no_reporter(result.data)


def test_heic_is_reencoded_without_exif():
    if not pillow_heif.libheif_info()["encoders"]:
        pytest.skip("this libheif cannot write HEIC")
    original = image_bytes("HEIF", exif=exif_with_reporter(1), size=(64, 32))
    assert Image.open(io.BytesIO(original)).getexif()[ARTIST] == NAME
    result = clean(original, "image/heic", "IMG_0001.HEIC")
    image = reopened(result)
    assert (result.subtype, image.size) == ("heic", (64, 32))
    assert ARTIST not in image.getexif()
    assert_no_reporter(result.data)


def png_header_claiming(width, height):
    """A PNG that announces a size without the pixels: enough for a decompression bomb."""
    def chunk(ctype, payload):
        return (len(payload).to_bytes(4, "big") + ctype + payload
                + zlib.crc32(ctype + payload).to_bytes(4, "big"))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_image_over_50_megapixels_is_withheld_before_decoding():
    assert Image.open(io.BytesIO(png_header_claiming(7000, 7000))).size == (7000, 7000)
    original = png_header_claiming(8000, 7000)                 # 56 MP
    for unknown in ("withhold", "pass"):
        result = clean(original, unknown=unknown)
        assert (result.action, result.reason) == ("withheld", TOO_LARGE)


def test_truncated_jpeg_is_withheld_even_when_unknown_types_pass():
    original = jpeg_with_exif()
    for truncated in (original[:300], original[:-40]):      # in the EXIF, in the pixels
        for unknown in ("withhold", "pass"):
            result = clean(truncated, "image/jpeg", "x.jpg", unknown=unknown)
            assert (result.action, result.reason, result.data) == ("withheld", UNREADABLE, b"")


# --- PDF --------------------------------------------------------------------------------

def append_info_revision(pdf_bytes, author):
    """An incremental update that replaces /Info; the old one stays in the file."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        size, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    previous = int(re.findall(rb"startxref\s+(\d+)", pdf_bytes)[-1])
    body = f"{size} 0 obj\n<< /Author ({author}) >>\nendobj\n".encode()
    xref_at = len(pdf_bytes) + len(body)
    xref = (f"xref\n{size} 1\n{len(pdf_bytes):010d} 00000 n \ntrailer\n<< /Size {size + 1} "
            f"/Root {root} 0 R /Info {size} 0 R /Prev {previous} >>\nstartxref\n{xref_at}\n%%EOF\n")
    return pdf_bytes + body + xref.encode()


def pdf_with_history():
    pdf = pikepdf.Pdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    pdf.docinfo["/Author"] = NAME
    pdf.docinfo["/Creator"] = f"Word for {ADDRESS}"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [NAME]
    annot = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Text, Rect=[10, 10, 50, 50],
        T=String(NAME), Contents=String(f"Seen by {ADDRESS} too")))
    pdf.pages[0].obj.Annots = Array([annot])
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return append_info_revision(out.getvalue(), "Committee Clerk")


def uncompressed(pdf_bytes):
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        out = io.BytesIO()
        pdf.save(out, qdf=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.all)
        return out.getvalue()


def test_pdf_loses_info_old_revisions_xmp_and_annotation_authors():
    original = pdf_with_history()
    with pikepdf.open(io.BytesIO(original)) as pdf:
        assert str(pdf.docinfo.Author) == "Committee Clerk"     # the latest revision
    assert NAME.encode() in original                             # the old one is still there
    result = clean(original, "application/pdf", "report.pdf")
    assert (result.action, result.subtype, result.changed) == ("cleaned", "pdf", True)
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert "/Info" not in pdf.trailer
        assert pdf.Root.get("/Metadata") is None
        annot = pdf.pages[0].Annots[0]
        assert str(annot.T) == ""
        assert str(annot.Contents) == "Seen by [reporter] too"
    assert_no_reporter(result.data)
    assert_no_reporter(uncompressed(result.data))
    assert b"xmpmeta" not in uncompressed(result.data)


def test_pdf_annotation_that_no_page_lists_is_cleaned_too():
    pdf = pikepdf.Pdf.new()
    pdf.add_blank_page()
    pdf.Root.Stray = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Text,
                                                  Rect=[0, 0, 9, 9], T=String(NAME)))
    out = io.BytesIO()
    pdf.save(out)
    assert_no_reporter(uncompressed(clean(out.getvalue()).data))


def jpeg_image_xobject(pdf):
    data = jpeg_with_exif(1)
    return pdf.make_stream(data, Type=Name.XObject, Subtype=Name.Image, Width=40, Height=20,
                           ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Filter=Name.DCTDecode)


def pdf_with_form_files_and_photo():
    pdf = pikepdf.Pdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    field = pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("name"), V=String(NAME),
                                         Type=Name.Annot, Subtype=Name.Widget, Rect=[0, 0, 90, 20]))
    attachment = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment,
                                              Rect=[0, 30, 20, 50], Contents=String("cv")))
    page.obj.Annots = Array([field, attachment])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    pdf.attachments["cv.txt"] = pikepdf.AttachedFileSpec(pdf, f"CV of {NAME}".encode())
    page.obj.Resources = Dictionary(XObject=Dictionary(Im0=jpeg_image_xobject(pdf)))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_pdf_form_values_scrubbed_embedded_files_removed_photo_exif_stripped():
    result = clean(pdf_with_form_files_and_photo())
    assert result.reason == "embedded files were removed"
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert str(pdf.Root.AcroForm.Fields[0].V) == "[reporter]"
        assert str(pdf.Root.AcroForm.Fields[0].T) == "name"      # a field's name, not an author
        assert len(pdf.attachments) == 0
        assert [annot.Subtype for annot in pdf.pages[0].Annots] == [Name.Widget]
        photo = pdf.pages[0].Resources.XObject.Im0.read_raw_bytes()
    assert ARTIST not in Image.open(io.BytesIO(photo)).getexif()
    assert_no_reporter(uncompressed(result.data))


def test_truncated_pdf_is_withheld():
    result = clean(pdf_with_history()[:400], "application/pdf", "report.pdf")
    assert (result.action, result.reason) == ("withheld", UNREADABLE)


# --- Office packages -----------------------------------------------------------------------

def package(members, stored=()):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, (2024, 5, 1, 10, 0, 0)), content, method)
    return out.getvalue()


def members_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def xml(member):
    return etree.fromstring(member)


CORE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{NAME}</dc:creator>
<cp:lastModifiedBy>{NAME}</cp:lastModifiedBy><dc:title>Notes</dc:title></cp:coreProperties>"""
APP = """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Microsoft Office Word</Application><Company>Fischer Consulting</Company>
<Manager>Noa Fischer</Manager></Properties>"""
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/></Types>"""
DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>
<w:p w14:paraId="1A2B3C4D"><w:r><w:t>Written by {NAME}.</w:t></w:r></w:p>
<w:p><w:ins w:id="1" w:author="{NAME}" w:date="2024-05-01T10:00:00Z"><w:r><w:t>More.</w:t></w:r></w:ins>
<w:del w:id="2" w:author="{NAME}"><w:r><w:delText>Mail {ADDRESS}</w:delText></w:r></w:del>
<w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="{NAME}"><w:rPr/></w:rPrChange></w:rPr>
<w:t>Bold</w:t></w:r></w:p></w:body></w:document>"""
COMMENTS = f"""<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="{NAME}" w:initials="NF">
<w:p><w:r><w:t>I saw this.</w:t></w:r></w:p></w:comment></w:comments>"""
DOCUMENT_RELS = f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
 Target="mailto:{ADDRESS}" TargetMode="External"/></Relationships>"""


def docx():
    return package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": DOCUMENT,
                    "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/comments.xml": COMMENTS,
                    "docProps/core.xml": CORE, "docProps/app.xml": APP,
                    "word/media/image1.jpeg": jpeg_with_exif(1)}, stored={"word/media/image1.jpeg"})


def test_docx_properties_authors_and_text_are_cleaned():
    result = clean(docx(), "application/octet-stream", "statement.docx")
    assert (result.action, result.changed) == ("cleaned", True)
    assert result.subtype == "vnd.openxmlformats-officedocument.wordprocessingml.document"
    members = members_of(result.data)
    assert len(xml(members["docProps/core.xml"])) == 0
    assert [etree.QName(e).localname for e in xml(members["docProps/app.xml"])] == ["Application"]
    for part in ("word/document.xml", "word/comments.xml"):
        values = [attr for attr in xml(members[part]).xpath("//@w:author | //@w:initials",
                                                             namespaces={"w": W})]
        assert values and set(values) == {""}
    texts = xml(members["word/document.xml"]).xpath("//w:t/text() | //w:delText/text()",
                                                    namespaces={"w": W})
    assert "Written by [reporter]." in texts and "Mail [reporter]" in texts
    assert ARTIST not in Image.open(io.BytesIO(members["word/media/image1.jpeg"])).getexif()
    for content in members.values():
        assert_no_reporter(content)


def test_docx_keeps_namespace_prefixes_member_order_and_compression():
    original, result = docx(), clean(docx())
    document = members_of(result.data)["word/document.xml"]
    assert b'mc:Ignorable="w14"' in document and b'xmlns:w14="' in document
    assert b"w14:paraId=" in document
    with zipfile.ZipFile(io.BytesIO(original)) as before, \
            zipfile.ZipFile(io.BytesIO(result.data)) as after:
        assert [(i.filename, i.compress_type) for i in before.infolist()] == \
               [(i.filename, i.compress_type) for i in after.infolist()]
        assert after.read("[Content_Types].xml") == before.read("[Content_Types].xml")


def xlsx():
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return package({
        "[Content_Types].xml": CONTENT_TYPES, "docProps/core.xml": CORE,
        "xl/workbook.xml": f'<workbook xmlns="{main}"><sheets/></workbook>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}"><si><t>Sent by {ADDRESS}</t></si></sst>',
        "xl/comments1.xml": f'<comments xmlns="{main}"><authors><author>{NAME}</author></authors>'
                            f'<commentList><comment ref="A1" authorId="0"><text><r><t>{NAME}:</t>'
                            '</r></text></comment></commentList></comments>',
        "xl/persons/person.xml": '<personList xmlns="http://schemas.microsoft.com/office/'
                                 f'spreadsheetml/2018/threadedcomments"><person displayName="{NAME}"'
                                 f' id="{{A}}" userId="{ADDRESS}" providerId="AD"/></personList>'})


def test_xlsx_comment_authors_persons_and_shared_strings_are_cleaned():
    members = members_of(clean(xlsx()).data)
    comment_authors = xml(members["xl/comments1.xml"]).xpath("//*[local-name()='author']")
    assert [author.text for author in comment_authors] == [None]   # kept, so authorId still works
    person = xml(members["xl/persons/person.xml"])[0]
    assert (person.get("displayName"), person.get("userId"), person.get("id")) == ("", "", "{A}")
    assert b"Sent by [reporter]" in members["xl/sharedStrings.xml"]
    for content in members.values():
        assert_no_reporter(content)


def test_pptx_comment_authors_and_slide_text_are_cleaned():
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    original = package({
        "[Content_Types].xml": CONTENT_TYPES, "docProps/core.xml": CORE,
        "ppt/slides/slide1.xml": f'<p:sld xmlns:p="{p}" xmlns:a="{a}"><a:t>By {NAME}</a:t></p:sld>',
        "ppt/commentAuthors.xml": f'<p:cmAuthorLst xmlns:p="{p}"><p:cmAuthor id="0" name="{NAME}"'
                                  ' initials="NF" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'})
    members = members_of(clean(original).data)
    author = xml(members["ppt/commentAuthors.xml"])[0]
    assert (author.get("name"), author.get("initials"), author.get("id")) == ("", "", "0")
    assert b"By [reporter]" in members["ppt/slides/slide1.xml"]
    for content in members.values():
        assert_no_reporter(content)


def pptx_with_footers(phone, third_party_phone):
    """Who wrote the deck: a text box on the slide master, and footers in a layout and a slide."""
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"

    def shape(placeholder, text):
        kind = f'<p:nvPr><p:ph type="{placeholder}" idx="11"/></p:nvPr>' if placeholder else "<p:nvPr/>"
        return (f'<p:sp><p:nvSpPr><p:cNvPr id="4" name="Shape"/><p:cNvSpPr/>{kind}</p:nvSpPr>'
                f'<p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')
    tree = f'<p:{{root}} xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree>{{shapes}}</p:spTree></p:cSld></p:{{root}}>'
    return package({
        "[Content_Types].xml": CONTENT_TYPES,
        "ppt/slideMasters/slideMaster1.xml": tree.format(root="sldMaster", shapes=shape(None, f"{NAME} · {phone}")),
        "ppt/slideLayouts/slideLayout1.xml": tree.format(root="sldLayout", shapes=shape("ftr", f"{NAME} | {phone}")),
        "ppt/slides/slide1.xml": tree.format(root="sld", shapes=shape("ftr", f"{NAME}, {phone}") + shape(
            None, f"He called me from {third_party_phone} every night")),
        "ppt/slides/slide2.xml": tree.format(root="sld", shapes=shape("ftr", f"Meetup deck, {third_party_phone}"))})


def test_pptx_footers_that_name_the_reporter_lose_their_phone_numbers_too():
    """A footer naming the reporter is their letterhead, in the master, a layout or a slide; a
    slide's own text (the evidence) and a footer that does not name them keep their numbers."""
    phone, other = "+49 151 2345 6789", "+49 170 9999 888"
    members = members_of(clean(pptx_with_footers(phone, other)).data)
    digits = re.sub(r"\D", "", phone).encode()
    for name in ("ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml", "ppt/slides/slide1.xml"):
        assert b"[reporter]" in members[name]
        assert digits not in re.sub(rb"[^\d<>]", b"", members[name]), name
        assert_no_reporter(members[name])
    assert f"He called me from {other} every night".encode() in members["ppt/slides/slide1.xml"]
    assert f"Meetup deck, {other}".encode() in members["ppt/slides/slide2.xml"]


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odt():
    change = (f"<text:tracked-changes><text:changed-region text:id='c1'><text:insertion><office:change-info>"
              f"<dc:creator>{NAME}</dc:creator><dc:date>2024-05-01T10:00:00</dc:date></office:change-info>"
              "</text:insertion></text:changed-region></text:tracked-changes>")
    note = (f"<office:annotation><dc:creator>{NAME}</dc:creator><dc:date>2024-05-01T11:00:00</dc:date>"
            "<text:p>check</text:p></office:annotation>")
    return package({   # mimetype deliberately second and compressed: the copy must fix both
        "content.xml": f"<office:document-content {ODF_NS}><office:body><office:text>{change}"
                       f"<text:p>Written by <text:span>{NAME}</text:span>{note}</text:p>"
                       "</office:text></office:body></office:document-content>",
        "meta.xml": f"<office:document-meta {ODF_NS}><office:meta><meta:initial-creator>{NAME}"
                    f"</meta:initial-creator><dc:creator>{NAME}</dc:creator></office:meta>"
                    "</office:document-meta>",
        "mimetype": "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                                 'opendocument:xmlns:manifest:1.0"/>'})


def test_odt_meta_annotation_and_change_authors_are_cleaned_mimetype_first_and_stored():
    result = clean(odt(), "application/octet-stream", "")
    assert (result.maintype, result.subtype) == ("application", "vnd.oasis.opendocument.text")
    with zipfile.ZipFile(io.BytesIO(result.data)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.getinfo("content.xml").compress_type == zipfile.ZIP_DEFLATED
    members = members_of(result.data)
    assert len(xml(members["meta.xml"])[0]) == 0
    content = xml(members["content.xml"])
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    assert [c.text for c in content.xpath("//dc:creator", namespaces=dc)] == [None, None]
    assert "2024" not in "".join(content.xpath("//dc:date/text()", namespaces=dc))
    assert b"Written by <text:span>[reporter]</text:span>" in members["content.xml"]
    for member in members.values():
        assert_no_reporter(member)


def test_office_xml_with_a_dtd_or_entities_is_withheld():
    hostile = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
               '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="x">&b;</w:document>')
    original = package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": hostile})
    result = clean(original, unknown="pass")
    assert (result.action, result.reason) == ("withheld", UNREADABLE)


def test_office_package_with_too_many_members_is_withheld():
    members = {"[Content_Types].xml": CONTENT_TYPES}
    members.update({f"word/part{i}.bin": b"" for i in range(2001)})
    result = clean(package(members))
    assert (result.action, result.reason) == ("withheld", TOO_LARGE)


# --- text -------------------------------------------------------------------------------

def test_utf16_text_without_bom_is_decoded_and_scrubbed():
    original = f"Hello committee,\nthis was sent by {NAME}.\n".encode("utf-16-le")
    result = clean(original, "application/octet-stream", "notes")
    assert (result.action, result.maintype, result.subtype) == ("text", "text", "plain")
    assert result.data == "Hello committee,\nthis was sent by [reporter].\n"
    assert result.changed


def test_calendar_line_folded_inside_the_address_is_unfolded_before_scrubbing():
    original = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Meeting\r\n"
                "ATTENDEE;CN=Committee;ROLE=REQ-PARTICIPANT:mailto:noa@exa\r\n mple.net\r\n"
                "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()
    result = clean(original, "text/calendar; charset=utf-8", "invite.ics")
    assert (result.action, result.subtype) == ("text", "calendar")
    assert "mailto:[reporter]" in result.data
    assert "noa@exa" not in result.data


def test_reporters_own_vcard_is_identifying():
    card = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{NAME}\r\nTEL:+49 30 1234567\r\n"
            f"EMAIL:{ADDRESS}\r\nEND:VCARD\r\n").encode()
    result = clean(card, "text/vcard", "Noa.vcf")
    assert (result.action, result.data, result.reason) == \
           ("identifying", b"", "a contact card of the reporter")


def test_quoted_printable_vcard_21_of_the_reporter_is_identifying():
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Fischer;Noa\r\n"
            "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=4E=6F=61=20=46=69=73=63=\r\n=68=65=72\r\n"
            "END:VCARD\r\n").encode()
    assert clean(card, "application/octet-stream", "contact.vcf").action == "identifying"


def test_someone_elses_vcard_passes_as_text_unchanged():
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jo Example\r\nEMAIL:jo@example.org\r\nEND:VCARD\r\n"
    result = clean(card.encode(), "text/x-vcard", "jo.vcf")
    assert (result.action, result.data, result.changed) == ("text", card, False)


def test_rtf_info_group_is_removed():
    rtf = r"{\rtf1\ansi{\info{\author Somebody}{\operator Ops}}Body text\par}".encode()
    result = clean(rtf, "application/rtf", "letter.rtf")
    assert result.action == "text" and "Somebody" not in result.data and "Body text" in result.data


# --- what is never opened, and what goes back to the caller --------------------------------

def test_zip_archive_is_withheld_or_passed_unopened():
    archive = package({"evidence.txt": f"from {NAME}"})
    result = clean(archive, "application/zip", "evidence.zip")
    assert (result.action, result.reason, result.data) == ("withheld", "archives are never opened", b"")
    passed = clean(archive, "application/zip", "evidence.zip", unknown="pass")
    assert (passed.action, passed.data, passed.changed) == ("cleaned", archive, False)


def test_executable_legacy_office_and_unknown_binaries_are_withheld():
    cases = {b"MZ\x90\x00" + bytes(200): "an executable program",
             b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200): "a legacy Office file whose metadata cannot be removed",
             bytes(range(256)) * 4: "an unknown binary type"}
    for data, reason in cases.items():
        result = clean(data, "text/plain", "harmless.txt")     # the declared type is a lie
        assert (result.action, result.reason) == ("withheld", reason)


def test_email_attachment_goes_back_to_the_caller_as_a_message():
    eml = (f"From: {NAME} <{ADDRESS}>\r\nTo: someone@example.org\r\nSubject: hi\r\n"
           "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nBody\r\n").encode()
    for content_type, filename in (("message/rfc822", ""), ("application/octet-stream", "fwd.eml"),
                                   ("application/octet-stream", "")):
        result = clean(eml, content_type, filename)
        assert (result.action, result.data, result.maintype, result.subtype) == \
               ("message", eml, "message", "rfc822")


def test_pgp_key_is_identifying():
    key = b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBGV...\n-----END PGP PUBLIC KEY BLOCK-----\n"
    assert clean(key, "application/octet-stream", "key.asc").action == "identifying"
