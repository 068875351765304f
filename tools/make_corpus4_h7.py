"""Writes the h7 variants in tests/corpus4 (run once; the files are committed)."""
import base64, io, zipfile, zlib, struct
from email.message import EmailMessage
from email import policy
from pathlib import Path
from PIL import Image, PngImagePlugin

OUT = Path(__file__).resolve().parent.parent / "tests" / "corpus4"


def mail(sender, subject, body, attachments, msgid):
    m = EmailMessage(policy=policy.SMTP)
    m["From"], m["To"], m["Subject"] = sender, "conduct@example.org", subject
    m["Date"], m["Message-ID"] = "Tue, 3 Nov 2026 10:00:00 +0100", f"<{msgid}@example.net>"
    m.set_content(body)
    for data, maintype, subtype, name in attachments:
        if maintype == "text":
            m.add_attachment(data, subtype=subtype, filename=name)
        else:
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return m.as_bytes()


def png_with_author(author):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", author)
    info.add_text("Comment", author + " +48 601 234 567")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


# 1. Discord JSON with surrogate-pair emoji around an escaped name, plus an HTML page with entities.
discord = ('[{"author": {"username": "t\\u00e9odora.n", "global_name": "T\\u00e9odora N\\u00e4gele \\ud83c\\udf38"},'
           ' "content": "stop messaging me"},\n {"author": {"username": "rexh", "global_name": "Rex Holt"},'
           ' "content": "you owe me a date, T\\u00e9odora"}]\n')
page = ("<html><body><p>Saved from the forum:</p><p><b>Rex Holt</b> wrote: wait for me outside, "
        "T&eacute;odora N&auml;gele.</p><p>Posted by T&#233;odora N&#xe4;gele</p></body></html>\n")
(OUT / "h7-discord-json-surrogates-and-html-entities.eml").write_bytes(mail(
    "Téodora Nägele <teodora.naegele@bluewin.ch>", "Rex Holt in the Discord",
    "Hello,\n\nRex Holt keeps writing to me, export attached.\n\nThanks,\nTéodora\n",
    [(discord.encode(), "application", "json", "messages.json"), (page, "text", "html", "forum.html")], "h7-1"))

# 2. WordPad RTF in code page 1250 (Polish), hex-escaped and \u escapes, contact line with phone.
rtf_doc = (r"{\rtf1\ansi\ansicpg1250\deff0{\fonttbl{\f0 Calibri;}}{\info{\author Pawe\'b3 Wr\'f3bel}}"
           "\r\n" r"\pard Zeznanie: Pawe\'b3 Wr\'f3bel, 2.11.2026\par" "\r\n"
           r"Marek Zi\u281?ba z\u322?apa\u322? mnie za r\u281?k\u281? i nie pu\'9cci\'b3.\par" "\r\n"
           r"Pawe\u322? Wr\u243?bel \endash  tel. +48 601 234 567\par}" "\r\n")
(OUT / "h7-wordpad-rtf-cp1250-polish-contact-line.eml").write_bytes(mail(
    "Paweł Wróbel <p.wrobel@wp.pl>", "Zgłoszenie", "Dzień dobry,\n\nw załączniku moje zeznanie.\n\nPozdrawiam,\nPaweł\n",
    [(rtf_doc.encode("ascii"), "application", "rtf", "zeznanie.rtf")], "h7-2"))

# 3. Inkscape SVG: sodipodi docname, export path, a script, a remote image, a data: PNG with tEXt.
png = base64.b64encode(png_with_author("Aino Virtanen")).decode()
svg = f'''<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) by Aino Virtanen -->
<svg width="300" height="120" version="1.1" xmlns="http://www.w3.org/2000/svg"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   sodipodi:docname="aino-virtanen-floorplan.svg" inkscape:export-filename="/home/ainov/Pictures/plan.png"
   onload="fetch('https://track.example.net/?u=aino')">
  <sodipodi:namedview id="base" inkscape:current-layer="layer1" inkscape:window-width="1920"/>
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Aino Virtanen</dc:creator></rdf:RDF></metadata>
  <script>document.title = "Aino Virtanen";</script>
  <g inkscape:label="Aino's layer" inkscape:groupmode="layer" id="layer1">
    <image xlink:href="data:image/png;base64,{png}" x="4" y="4" width="8" height="8"/>
    <image xlink:href="https://track.example.net/pixel.png?who=aino.virtanen" x="0" y="0" width="1" height="1"/>
    <text x="20" y="40">Lauri Koskinen stood here</text>
  </g>
</svg>
'''
(OUT / "h7-inkscape-svg-sodipodi-docname-script-remote-image.eml").write_bytes(mail(
    "Aino Virtanen <aino.virtanen@elisanet.fi>", "Where it happened",
    "Hi,\n\nI drew where Lauri Koskinen stood.\n\nAino\n",
    [(svg.encode(), "image", "svg+xml", "plan.svg")], "h7-3"))

# 4. A begin-base64 block (uuencode -m) of a PNG with tEXt, and a yEnc block, in a plain body.
png2 = png_with_author("Bartholomew Quist")
b64 = base64.encodebytes(png2).decode()
yenc = "=ybegin line=128 size=12 name=quist-scan.jpg\r\n" + "".join(chr((b + 42) % 256) for b in b"\xff\xd8\xffBQuist..") + "\r\n=yend size=12\r\n"
body = ("Hi,\n\nScreenshot below, and the scan too, sorry my mail program is old.\n"
        "Ruth Alvey shouted at me in the hallway.\n\nBart\n\nbegin-base64 644 screen.png\n" + b64 + "====\n\n")
m = EmailMessage(policy=policy.SMTP)
m["From"], m["To"], m["Subject"] = "Bartholomew Quist <bquist@rcn.com>", "conduct@example.org", "hallway"
m["Date"], m["Message-ID"] = "Tue, 3 Nov 2026 10:00:00 +0100", "<h7-4@example.net>"
m.set_content(body + yenc.encode("latin-1").decode("latin-1"), charset="iso-8859-1", cte="quoted-printable")
(OUT / "h7-base64-uuencode-and-yenc-blocks-in-body.eml").write_bytes(m.as_bytes())

# 5. docx: the reporter's letterhead in header1.xml (phone), attachedTemplate in their user folder,
#    a hyperlink to a file in their OneDrive, and printer settings naming their printer.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="file:///C:\\Users\\Marguerite.Okonkwo-Baptiste\\OneDrive%20-%20Baptiste%20Legal\\notes.docx" TargetMode="External"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="printerSettings/printerSettings1.bin"/></Relationships>',
    "word/_rels/settings.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\\Users\\mokonkwo\\AppData\\Roaming\\Microsoft\\Templates\\Baptiste%20Legal%20Letterhead.dotm" TargetMode="External"/></Relationships>',
    "word/settings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {W}><w:attachedTemplate r:id="rId1"/></w:settings>',
    "word/header1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {W}><w:p><w:r><w:t>Marguerite Okonkwo-Baptiste</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Mobile: </w:t></w:r><w:r><w:t>+44 7700 900 461</w:t></w:r></w:p></w:hdr>',
    "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body><w:p><w:r><w:t>On 30 October Desmond Farrow followed me to the hotel and asked for my room number.</w:t></w:r></w:p><w:p><w:hyperlink r:id="rId3"><w:r><w:t>my notes</w:t></w:r></w:hyperlink></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>',
}
devmode = "Marguerite's HP LaserJet".encode("utf-16-le").ljust(64, b"\0") + b"\x01\x04" + bytes(150)
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
    z.writestr("word/printerSettings/printerSettings1.bin", devmode)
(OUT / "h7-docx-header-letterhead-template-path-printer.eml").write_bytes(mail(
    "Marguerite Okonkwo-Baptiste <m.okonkwo@baptistelegal.co.uk>", "Statement",
    "Dear committee,\n\nmy statement is attached.\n\nRegards,\nMarguerite\n",
    [(out.getvalue(), "application", "vnd.openxmlformats-officedocument.wordprocessingml.document", "statement.docx")], "h7-5"))

# 6. Google/Outlook-style .ics: GEO property, a folded DESCRIPTION with "call me" and a phone.
ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nMETHOD:REQUEST\r\n"
       "BEGIN:VEVENT\r\nDTSTART:20261105T170000Z\r\nDTEND:20261105T173000Z\r\nUID:h7-6@google.com\r\n"
       "ORGANIZER;CN=Oluwaseun Adeyemi-Clarke:mailto:seun.ac@gmail.com\r\n"
       "DESCRIPTION:About what Garrett Lowe did. If the link fails you can reach \r\n me at +1 (415) 555-0199.\r\n"
       "GEO:37.773972;-122.431297\r\nLOCATION:Video call\r\nSUMMARY:CoC talk\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
(OUT / "h7-google-ics-geo-and-folded-reach-me-phone.eml").write_bytes(mail(
    "Oluwaseun Adeyemi-Clarke <seun.ac@gmail.com>", "Invitation: CoC talk",
    "Hi, invite attached so we can talk about Garrett Lowe.\n\nSeun\n",
    [(ics, "text", "calendar", "invite.ics")], "h7-6"))

# 7. xlsx: the reporter's name and number in the sheet's printed footer; the harasser's number
#    in a cell is evidence and stays.
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
xparts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {S} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {S}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Calls from Tiago Faria, from +351 913 000 111, after midnight</t></is></c></row></sheetData><headerFooter><oddFooter>&amp;LBeatriz Carvalho Nunes&amp;R+351 912 345 678</oddFooter></headerFooter></worksheet>',
}
out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in xparts.items():
        z.writestr(name, text)
(OUT / "h7-xlsx-printed-footer-name-and-phone.eml").write_bytes(mail(
    "Beatriz Carvalho Nunes <bia.nunes@sapo.pt>", "Chamadas",
    "Olá,\n\nem anexo a lista das chamadas do Tiago Faria.\n\nBeatriz\n",
    [(out.getvalue(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "chamadas.xlsx")], "h7-7"))
