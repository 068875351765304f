"""Writes the f5 variants in tests/corpus4 (run once; the files are committed): a filled-in
PDF form, notes on a PDF, and Office files that keep their writer's name or number."""
import io
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pikepdf
from fpdf import FPDF
from pikepdf import Array, Dictionary, Name, String

OUT = Path(__file__).resolve().parent.parent / "tests" / "corpus4"


def mail(sender, subject, body, attachments, msgid):
    m = EmailMessage(policy=policy.SMTP)
    m["From"], m["To"], m["Subject"] = sender, "conduct@example.org", subject
    m["Date"], m["Message-ID"] = "Wed, 4 Nov 2026 10:00:00 +0100", f"<{msgid}@example.net>"
    m.set_content(body)
    for data, maintype, subtype, name in attachments:
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return m.as_bytes()


def pdf_page(lines):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return pikepdf.open(io.BytesIO(bytes(pdf.output())))


def drawn(pdf, text, width=400):
    stream = pikepdf.Stream(pdf, f"/Tx BMC BT /Helv 10 Tf 2 4 Td ({text}) Tj ET EMC".encode("latin-1"))
    stream.Type, stream.Subtype, stream.BBox = Name.XObject, Name.Form, [0, 0, width, 20]
    return Dictionary(N=stream)


def widget(pdf, y, value, **keys):
    field = Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=[150, y, 550, y + 20],
                       P=pdf.pages[0].obj, **({"FT": Name.Tx} | keys))
    if value is not None:
        field.V, field.AP = String(value), drawn(pdf, value)
    return pdf.make_indirect(field)


def parent(pdf, name, kids):
    node = pdf.make_indirect(Dictionary(T=String(name), Kids=Array(kids)))
    for kid in kids:
        kid.Parent = node
    return node


def saved(pdf):
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


# 1. A German form: the contact block as a parent field with kids, a field known only by its
#    label (/TU), a witness's name (evidence), a choice field, and the XFA copy of the answers.
pdf = pdf_page(["PyCon DE Meldeformular", "Kontakt", "Telefon", "Zeuge", "Vorfall"])
name = widget(pdf, 760, "Jonas Becker", T=String("Name"))
phone = widget(pdf, 730, "0171 2345678", T=String("Telefon"))
contact = parent(pdf, "Kontakt", [name, phone])
labelled = widget(pdf, 700, "Lindenstra\u00dfe 12, 10969 Berlin", T=String("Text7"), TU=String("Ihre Anschrift"))
witness = parent(pdf, "Zeuge", [widget(pdf, 670, "Miriam Vogt", T=String("Name")),
                                widget(pdf, 655, "0160 5556677", T=String("Telefon"))])
what = widget(pdf, 640, "Tobias Kraemer hat mich beim Sprint angeschrien.", T=String("Vorfall"))
choice = widget(pdf, 610, None, T=String("Melder_Name"), FT=Name.Ch, Ff=1 << 17)     # an editable combo box
choice.V, choice.Opt = Array([String("Jonas Becker")]), Array([String("Anonym")])
xfa = pikepdf.Stream(pdf, b"<xfa:datasets xmlns:xfa='http://www.xfa.org/schema/xfa-data/1.0/'><xfa:data><form>"
                          b"<Name>Jonas Becker</Name><Telefon>0171 2345678</Telefon></form></xfa:data></xfa:datasets>")
pdf.pages[0].Annots = Array([name, phone, labelled, *witness.Kids, what, choice])
pdf.Root.AcroForm = Dictionary(Fields=Array([contact, labelled, witness, what, choice]),
                               XFA=Array([String("datasets"), xfa]), DA=String("/Helv 0 Tf 0 g"))
(OUT / "f5-thunderbird-pdf-acroform-german-kontakt-kids-tooltip-label-xfa-witness.eml").write_bytes(mail(
    "Jonas <jb1990@posteo.de>", "Meldung PyCon DE",
    "Hallo,\n\nanbei das ausgefüllte Formular.\n\nJonas\n",
    [(saved(pdf), "application", "pdf", "meldeformular.pdf")], "f5-form-de"))

# 2. A French PDF with notes: a sticky note with rich text signed with the full name, a FreeText
#    box with the initial, surname and number drawn, and a note with the other person's number.
pdf = pdf_page(["Captures WhatsApp - Julien Marchand", "- tu me dois bien ca", "- je suis devant ton hotel"])
note = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[400, 700, 420, 720], T=String("Camille"),
                  Contents=String("Il m'a suivie jusqu'a l'hotel. Appelez-moi au 06 12 34 56 78 - Camille Durand"),
                  RC=String("<body><p>Il m'a suivie jusqu'a l'hotel. Appelez-moi au 06 12 34 56 78 - "
                            "Camille Durand</p></body>"))
box = Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=[300, 600, 500, 620], T=String("Camille"),
                 Contents=String("C. Durand, 06 12 34 56 78"), DA=String("/Helv 9 Tf 0 g"),
                 AP=drawn(pdf, "C. Durand, 06 12 34 56 78", 200))
theirs = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=[400, 650, 420, 670], T=String("Camille"),
                    Contents=String("Son numero a lui : 07 98 76 54 32 (Julien Marchand)"))
pdf.pages[0].Annots = Array([pdf.make_indirect(a) for a in (note, box, theirs)])
(OUT / "f5-apple-mail-pdf-french-sticky-note-rich-text-freetext-initial-surname-phone.eml").write_bytes(mail(
    "Camille D. <cam.d@laposte.net>", "Signalement",
    "Bonjour,\n\nvoici les captures en PDF, avec mes notes.\n\nCamille\n",
    [(saved(pdf), "application", "pdf", "captures.pdf")], "f5-notes-fr"))


def package(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


# 3. A spreadsheet from a SharePoint library: the PartnerControls form of a person field (a
#    claims-encoded login in AccountId), a second item with an author's UserInfo and Email.
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
sheet = package({
    "[Content_Types].xml": TYPES,
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                       '2006/main"><sheets><sheet name="Log" sheetId="1"/></sheets></workbook>',
    "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                            '2006/main"><si><t>2026-10-30 Henrik Aalto mocked my accent in the standup</t></si></sst>',
    "customXml/item1.xml": '<?xml version="1.0"?><p:properties xmlns:p="http://schemas.microsoft.com/office/2006/'
                           'metadata/properties" xmlns:pc="http://schemas.microsoft.com/office/infopath/2007/'
                           'PartnerControls"><documentManagement><Owner xmlns="x1"><pc:Person><pc:DisplayName>'
                           'Kaisa Mäkinen</pc:DisplayName><pc:AccountId>i:0#.f|membership|kaisa.makinen@wartsila.com'
                           '</pc:AccountId><pc:AccountType>User</pc:AccountType></pc:Person></Owner>'
                           '</documentManagement></p:properties>',
    "customXml/item2.xml": '<?xml version="1.0"?><Authors><Author><UserInfo LoginName="WARTSILA\\kmakinen">'
                           '<DisplayName>Mäkinen, Kaisa</DisplayName><Email>kaisa.makinen@wartsila.com</Email>'
                           '</UserInfo></Author></Authors>',
})
(OUT / "f5-outlook-xlsx-sharepoint-partnercontrols-person-claims-login-userinfo-email.eml").write_bytes(mail(
    "Kaisa <kaisa.m.1988@outlook.com>", "Standup comments",
    "Hi,\n\nthe log I kept is attached.\n\nKaisa\n",
    [(sheet, "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "log.xlsx")], "f5-sp-xlsx"))


# 4. A German statement: the cue ("erreichbar unter") and the number in different runs, the
#    number itself split across two runs; the other man's number in the body is evidence. And a
#    Spanish OpenDocument
#    text whose number follows "mi móvil es" inside a span, beside a witness's number.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
runs = "".join(f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>' for t in (
    "Ich war beim Sprint, als Herr Weber mich anschrie. Ich bin erreichbar unter ", "0151 ", "2345 678", "."))
statement = package({
    "[Content_Types].xml": TYPES,
    "word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body><w:p>{runs}</w:p><w:p><w:r><w:t>'
                         'Die Nummer von Herrn Weber ist 0170 1112223.</w:t></w:r></w:p></w:body></w:document>',
})
(OUT / "f5-gmx-docx-german-cue-and-number-in-different-runs-his-number-kept.eml").write_bytes(mail(
    "Anna <anna.k.84@gmx.de>", "Vorfall beim Sprint",
    "Hallo,\n\nmeine Aussage ist angehängt.\n\nAnna\n",
    [(statement, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document", "aussage.docx")],
    "f5-docx-de"))
T = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
O = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
odt = io.BytesIO()
with zipfile.ZipFile(odt, "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
    z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
               'tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
               '"application/vnd.oasis.opendocument.text"/></manifest:manifest>')
    z.writestr("content.xml", f'<?xml version="1.0"?><office:document-content {O} {T}><office:body><office:text>'
               '<text:p>Diego Ramos me siguió hasta el hotel. Si necesitan algo, mi móvil es '
               '<text:span>612 345 678</text:span>.</text:p><text:p>El número de Diego es 699 000 111.</text:p>'
               '</office:text></office:body></office:document-content>')
(OUT / "f5-yahoo-odt-spanish-mi-movil-es-number-in-span-witness-number-kept.eml").write_bytes(mail(
    "Lucía <lucia_g_92@yahoo.es>", "Incidente en PyConES",
    "Hola,\n\nadjunto mi declaración.\n\nLucía\n",
    [(odt.getvalue(), "application", "vnd.oasis.opendocument.text", "declaracion.odt")], "f5-odt-es"))
