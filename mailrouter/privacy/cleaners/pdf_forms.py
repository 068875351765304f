"""Filled-in PDF forms (AcroForm fields, XFA data): the filler's answers, cleaned.

A field's value is the filler's own words, cleaned as a text attachment is
(`text.scrub_lines`: the reporter's name, and the numbers they give as theirs). A field whose
name or label asks for the filler's own contact details (`reporter_name`, "Your phone",
"E-Mail", "Adresse") has its value replaced by `[reporter]` whatever it holds: the scrubber knows the reporter's
name only in the forms it has seen. A field about someone else (`reported_person.name`,
"Witness phone") is evidence: only the scrubber touches it. A field whose value changed loses
its drawn appearance (`/AP`: the old text, still readable) and viewers are asked to draw it
again (`/NeedAppearances`). XFA form data (an XML copy of the answers beside the fields) is
dropped: viewers fall back to the fields.
"""

import re

from pikepdf import Array, Dictionary, Name, String

from mailrouter.privacy.cleaners.text import scrub_lines
from mailrouter.privacy.scrubber import NAME_PLACEHOLDER

SCRUBBED_FIELD_KEYS = ("/V", "/DV", "/RV", "/TU")
OWN_VALUE_KEYS = ("/V", "/DV", "/RV")
MAX_FIELD_DEPTH = 32
# Words of a field's name or label asking for a way to reach or name a person.
CONTACT_WORDS = {
    "name", "fullname", "firstname", "lastname", "surname", "givenname", "familyname", "vorname",
    "nachname", "naam", "voornaam", "achternaam", "nom", "prenom", "prénom", "nombre", "apellido",
    "apellidos", "nome", "cognome", "navn", "namn", "fornavn", "etternavn", "efternamn", "imie",
    "imię", "nazwisko", "phone", "telephone", "tel", "telefon", "telefoon", "téléphone", "telefono",
    "teléfono", "telefone", "mobile", "mobil", "mobiel", "cell", "handy", "gsm", "whatsapp", "email",
    "mail", "courriel", "correo", "address", "adresse", "adres", "direccion", "dirección", "indirizzo",
    "endereço", "anschrift", "street", "straße", "strasse", "postcode", "zip", "city", "contact",
    "kontakt", "contacto", "contatto", "signature", "unterschrift", "initials",
}
# Words that make the field about someone other than the filler, or about no person at all.
OTHER_WORDS = {
    "reported", "accused", "offender", "perpetrator", "respondent", "witness", "witnesses", "other",
    "others", "involved", "harasser", "alleged", "their", "his", "her", "person2", "zeuge", "zeugin",
    "getuige", "témoin", "testigo", "testimone", "beschuldigte", "event", "venue", "conference",
    "project", "location", "place", "session", "talk", "room", "channel", "file", "filename", "emergency",
}
# Compounds: "Telefonnummer", "Handynummer", "E-Mail-Adresse", "Nachname", "Rufnummer".
CONTACT_STARTS = ("telefon", "handy", "mobil", "email", "adress", "anschrift", "kontakt", "phone")
CONTACT_ENDS = ("name", "nummer", "number", "adresse", "address", "mail")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def asks_for_own_contact(labels):
    """Do a field's name and label (`reporter_phone`, "Your e-mail", `Kontakt.Telefon`) ask for
    the filler's own name or contact, and not for someone else's?"""
    words = {w.lower() for label in labels for w in _WORD.findall(_CAMEL.sub(" ", label))}
    if {"e", "mail"} <= words:
        words.add("email")
    contact = any(w in CONTACT_WORDS or w.startswith(CONTACT_STARTS) or w.endswith(CONTACT_ENDS) for w in words)
    return contact and not words & OTHER_WORDS


def clean_form(pdf, scrub_text):
    """Clean every field of the document's AcroForm and drop its XFA data; True if changed."""
    acroform = pdf.Root.get("/AcroForm")
    if not isinstance(acroform, Dictionary):
        return False
    changed = "/XFA" in acroform
    if changed:
        del acroform["/XFA"]
    fields = acroform.get("/Fields")
    seen = set()
    for field in fields if isinstance(fields, Array) else []:
        changed |= _clean_field(field, scrub_text, seen, 0, ())
    if changed:                               # viewers redraw the values we changed
        acroform.NeedAppearances = True
    return changed


def _labels(field, parents):
    own = [str(field[key]) for key in ("/T", "/TU", "/TM") if isinstance(field.get(key), String)]
    return (*parents, *own)


def _clean_field(field, scrub_text, seen, depth, parents):
    """Clean a field's values; drop signature values (they name the signer); recurse into /Kids."""
    if not isinstance(field, Dictionary) or depth > MAX_FIELD_DEPTH:
        return False
    if field.is_indirect:                     # hostile files make /Kids loops
        if field.objgen in seen:
            return False
        seen.add(field.objgen)
    labels = _labels(field, parents)
    value = field.get("/V")
    signed = isinstance(value, Dictionary) and ("/ByteRange" in value or value.get("/Type") == Name.Sig)
    if signed:
        del field["/V"]
    replaced = [key for key in OWN_VALUE_KEYS if asks_for_own_contact(labels) and _filled(field.get(key))]
    for key in replaced:                      # the field says whose it was; the value goes
        field[key] = String(NAME_PLACEHOLDER)
    clean = scrub_text if _mentions_other(labels) else (lambda text: scrub_lines(text, scrub_text))
    changed = _clean_values(field, clean) | bool(replaced) | signed
    kids = field.get("/Kids", Array())
    for widget in [field, *kids] if changed else []:   # old appearances show the old value
        if isinstance(widget, Dictionary) and "/AP" in widget:
            del widget["/AP"]
    for kid in kids:
        changed |= _clean_field(kid, scrub_text, seen, depth + 1, labels)
    return changed


def _filled(value):
    """A text or choice value not yet replaced (a check box's `/Yes` is no contact)."""
    return isinstance(value, (String, Array)) and str(value) not in ("", NAME_PLACEHOLDER)


def _mentions_other(labels):
    words = {w.lower() for label in labels for w in _WORD.findall(_CAMEL.sub(" ", label))}
    return bool(words & OTHER_WORDS)


def _clean_values(field, clean):
    """A text field's string values and a choice field's list of chosen values, cleaned."""
    changed = False
    for key in SCRUBBED_FIELD_KEYS:
        value = field.get(key)
        if isinstance(value, String):
            new = clean(str(value))
            if new != str(value):
                field[key] = String(new)
                changed = True
        elif isinstance(value, Array):
            items = [String(clean(str(item))) if isinstance(item, String) else item for item in value]
            if [str(item) for item in items] != [str(item) for item in value]:
                field[key] = Array(items)
                changed = True
    return changed
