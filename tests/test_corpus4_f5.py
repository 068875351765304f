"""Attachments that kept the reporter's name or number, found by an adversarial tester, and
variants of each class, through real SMTP (tests/corpus4/f5-*.eml; the variants are written
by tools/make_corpus4_f5.py).

- A filled-in PDF form (`cleaners/pdf_forms.py`): a field that asks for the filler's own name
  or contact (`reporter_name`, a `Kontakt` parent's `Telefon` kid, a field labelled only by
  its tooltip "Ihre Anschrift", an editable combo box) has its value replaced and loses its drawn
  appearance; the XFA copy of the answers goes; a witness's name and number and the account
  stay.
- Notes on a PDF (`cleaners/pdf_notes.py`): a sticky note's text and rich text, and a FreeText
  box with its drawn appearance, cleaned as the body is: "Call me on …", "Appelez-moi au …",
  the surname its sign-off teaches; the other person's number in a note stays.
- SharePoint and Purview person fields in an Office file's custom XML data (`cleaners/office.py`,
  `customXml/item1.xml`): `<UserInfo><DisplayName>`, `<pc:Person><pc:AccountId>` with a claims
  login, `LoginName`, `Email`: emptied.
- A number an Office document's own words give as the writer's ("You can reach me on …", "Ich bin
  erreichbar unter" in one run and the number split over the next two, "mi móvil es" and
  the number in a span of an OpenDocument text: `cleaners/letterheads.drop_own_numbers`), as in
  the mail's body; the other man's number in the same document stays.

Each report goes through its own daemon (corpus_checks.run_corpus); every member-bound byte
(headers, decoded parts, attachments with their PDF objects and package parts) is searched
for the planted identifying strings.
"""

import io
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from corpus4_checks import reporter_tests
from mailrouter.privacy.cleaners.pdf import clean_pdf
from mailrouter.privacy.cleaners.pdf_forms import asks_for_own_contact

CORPUS = Path(__file__).parent / "corpus4"

# name: (envelope sender, acknowledged address, needles that must not reach a member,
#        evidence that must)
REPORTS = {
    "f5-outlook-pdf-acroform-filled-fields-name-contact.eml": (
        "henrike.vandijk@tudelft.nl", "henrike.vandijk@tudelft.nl",
        [("addr", "henrike.vandijk@tudelft.nl"), ("name", "Henrike van Dijk"), ("name", "van Dijk"),
         ("phone", "+31 6 1234 5678")],
        ["Bram Visser touched my back repeatedly at the poster session."]),
    "f5-thunderbird-pdf-acroform-german-kontakt-kids-tooltip-label-xfa-witness.eml": (
        "jb1990@posteo.de", "jb1990@posteo.de",
        [("addr", "jb1990@posteo.de"), ("name", "Jonas Becker"), ("name", "Becker"), ("phone", "0171 2345678"),
         ("literal", "Lindenstraße 12")],
        ["Miriam Vogt", "0160 5556677", "Tobias Kraemer hat mich beim Sprint angeschrien."]),
    "f5-gmx-pdf-sticky-note-and-freetext-annotation-contents-phone-name.eml": (
        "lisa.h.1991@gmx.de", "lisa.h.1991@gmx.de",
        [("addr", "lisa.h.1991@gmx.de"), ("name", "Lisa Hofmann"), ("name", "Hofmann"), ("phone", "0176 98765432")],
        ["This is the night he waited outside.", "Stefan Lange"]),
    "f5-apple-mail-pdf-french-sticky-note-rich-text-freetext-initial-surname-phone.eml": (
        "cam.d@laposte.net", "cam.d@laposte.net",
        [("addr", "cam.d@laposte.net"), ("name", "Camille Durand"), ("name", "Durand"), ("phone", "06 12 34 56 78")],
        ["Il m'a suivie jusqu'a l'hotel.", "07 98 76 54 32 (Julien Marchand)"]),
    "f5-gmail-docx-purview-sensitivity-label-owner-sharepoint-customxml-person.eml": (
        "inge.l.private@gmail.com", "inge.l.private@gmail.com",
        [("addr", "inge.l.private@gmail.com"), ("addr", "ingeborg.lund@novonordisk.com"), ("name", "Ingeborg Lund")],
        ["Mads Jensen grabbed my arm"]),
    "f5-outlook-xlsx-sharepoint-partnercontrols-person-claims-login-userinfo-email.eml": (
        "kaisa.m.1988@outlook.com", "kaisa.m.1988@outlook.com",
        [("addr", "kaisa.m.1988@outlook.com"), ("addr", "kaisa.makinen@wartsila.com"), ("name", "Kaisa Mäkinen"),
         ("name", "Mäkinen"), ("literal", "kmakinen")],
        ["Henrik Aalto mocked my accent"]),
    "f5-outlook-docx-body-name-split-runs-phone-cue-footnote-work-address.eml": (
        "siri.haugen@online.no", "siri.haugen@online.no",
        [("addr", "siri.haugen@online.no"), ("phone", "948 12 345")],
        ["Erik Dahl grabbed me"]),
    "f5-gmx-docx-german-cue-and-number-in-different-runs-his-number-kept.eml": (
        "anna.k.84@gmx.de", "anna.k.84@gmx.de",
        [("addr", "anna.k.84@gmx.de"), ("phone", "0151 2345 678")],
        ["Herr Weber mich anschrie", "Die Nummer von Herrn Weber ist 0170 1112223."]),
    "f5-yahoo-odt-spanish-mi-movil-es-number-in-span-witness-number-kept.eml": (
        "lucia_g_92@yahoo.es", "lucia_g_92@yahoo.es",
        [("addr", "lucia_g_92@yahoo.es"), ("phone", "612 345 678")],
        ["Diego Ramos me siguió hasta el hotel.", "El número de Diego es 699 000 111."]),
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)


# -- the rules, one by one ------------------------------------------------------------------

def _scrub(text):
    """The scrubber as it treats a reporter whose known name is Lisa."""
    return text.replace("Lisa", "[reporter]")


def _pdf(annots=(), fields=(), xfa=None):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    made = [pdf.make_indirect(Dictionary(Type=Name.Annot, **keys)) for keys in annots]
    widgets = [pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, **keys))
               for keys in fields]
    pdf.pages[0].Annots = Array(made + widgets)
    if fields or xfa:
        pdf.Root.AcroForm = Dictionary(Fields=Array(widgets), **({"XFA": String(xfa)} if xfa else {}))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _appearance():
    return Dictionary(N=Dictionary(Type=Name.XObject))


def _annotations(data):
    pdf = pikepdf.open(io.BytesIO(data))
    return pdf, [annot for annot in pdf.pages[0].Annots]


@pytest.mark.parametrize("labels", [("reporter_name",), ("Kontakt", "Telefon"), ("Text7", "Ihre Anschrift"),
                                    ("yourEmail",), ("E-Mail-Adresse",), ("Melder_Name",), ("Nachname",)])
def test_a_field_asking_for_the_fillers_own_name_or_contact_is_theirs(labels):
    assert asks_for_own_contact(labels)


@pytest.mark.parametrize("labels", [("Zeuge", "Name"), ("reported_person_name",), ("witnessPhone",),
                                    ("what_happened",), ("Event name",), ("Date",)])
def test_a_field_about_someone_else_or_no_one_is_not_theirs(labels):
    assert not asks_for_own_contact(labels)


def test_a_note_that_changed_loses_its_drawn_text_and_one_that_did_not_keeps_it():
    data = _pdf(annots=[
        {"Subtype": Name.FreeText, "Contents": String("Lisa, 0176 98765432"), "AP": _appearance()},
        {"Subtype": Name.FreeText, "Contents": String("he waited outside"), "AP": _appearance()}])
    clean, changed, _ = clean_pdf(data, _scrub)
    _, (theirs, evidence) = _annotations(clean)
    assert changed and "/AP" not in theirs and "/AP" in evidence
    assert str(theirs.Contents) == "[reporter], [reporter's phone]"


def test_the_surname_a_note_signs_with_goes_from_every_note():
    data = _pdf(annots=[{"Subtype": Name.FreeText, "Contents": String("L. Hofmann was here")},
                        {"Subtype": Name.Text, "Contents": String("Call me on 0176 98765432 - Lisa Hofmann")},
                        {"Subtype": Name.Text, "Contents": String("Stefan Lange said: Hofmann, answer!")}])
    _, (box, note, other) = _annotations(clean_pdf(data, _scrub)[0])
    assert str(note.Contents) == "Call me on [reporter's phone] - [reporter] [reporter]"
    assert "Hofmann" not in str(box.Contents) + str(other.Contents)
    assert "Stefan Lange said" in str(other.Contents)


def test_a_number_in_a_note_about_someone_else_stays():
    data = _pdf(annots=[{"Subtype": Name.Text, "Contents": String("his number is 0151 2223334, he sent it")}])
    _, (note,) = _annotations(clean_pdf(data, _scrub)[0])
    assert "0151 2223334" in str(note.Contents)


def test_an_own_contact_field_loses_its_value_and_appearance_and_a_witness_field_keeps_them():
    data = _pdf(fields=[{"T": String("contact_phone"), "V": String("+31 6 1234 5678"), "AP": _appearance()},
                        {"T": String("witness_phone"), "V": String("+31 6 9999 0000"), "AP": _appearance()}])
    pdf, (own, witness) = _annotations(clean_pdf(data, _scrub)[0])
    assert str(own.V) == "[reporter]" and "/AP" not in own
    assert str(witness.V) == "+31 6 9999 0000" and "/AP" in witness
    assert pdf.Root.AcroForm.NeedAppearances


def test_the_xfa_copy_of_a_forms_answers_is_dropped():
    data = _pdf(fields=[{"T": String("what"), "V": String("he shouted")}], xfa="<data><name>Lisa Ng</name></data>")
    pdf, _ = _annotations(clean_pdf(data, _scrub)[0])
    assert "/XFA" not in pdf.Root.AcroForm
