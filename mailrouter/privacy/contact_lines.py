"""What stands beside the reporter's scrubbed name: their surname and their contact line.

The scrubber finds the names it knows. A display name with an initial ("Olga W.", "Zoë W.")
does not tell it the surname, but the text often does: a capitalised word right after their
name that starts with that initial ("Olga Wiśniewska-Nowak has attached …") is the surname.
A short line that named the reporter and is mostly not words (a preview text, a letterhead,
a signature: "Olga … · olga@… · 601 555 234", "maya….dev · @mayacodes") is their contact line:
its phone numbers and (fields side by side) handles are theirs too, like a letterhead's
(`cleaners/letterheads.py`). A longer line, a sentence ("[reporter] told Piotr to call
601 555 234"), keeps its numbers and handles: they may be someone else's.
"""

import html
import re

from mailrouter.privacy.own_contacts import numbers_in
from mailrouter.privacy.signature import phone_numbers

PHONE_REMOVED, HANDLE_REMOVED = "[reporter's phone]", "[reporter's handle]"
MAX_LINE = 160          # characters: a contact line, not a paragraph
MAX_WORDS = 3           # words left once the placeholders, numbers and labels are taken out
_WORD = re.compile(r"[^\W\d_]{3,}")
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_][\w.]{1,38}[A-Za-z0-9_](?![\w@])")
_SEPARATED = re.compile(r"[·|•/–—,;\t]| {3}")      # fields side by side, not a sentence
# Labels a contact line carries beside its numbers, in the common languages.
LABELS = {"tel", "tél", "phone", "mobile", "mob", "cell", "handy", "telefon", "telefono", "teléfono",
          "telefone", "fax", "whatsapp", "signal", "telegram", "call", "text", "kom", "komórka", "tlf",
          "puh", "gsm", "portable", "móvil", "celular", "cellulare", "mobil", "numer", "nummer"}


# A notification's footer names whom it was for, and LinkedIn or Xing add their headline: "This
# email was intended for Katarzyna Wrona (Senior Data Engineer at Allegro)", "Diese E-Mail ist für
# … (…) bestimmt", "This message was sent to …", "Esta mensagem foi enviada para …".
_FOR_WHOM = (r"intended for|sent to|receiving this|(?:ist|sind) für|gesendet an|geschickt an|gerichtet an|"
             r"enviad[ao] (?:para|a)|destinad[ao] (?:para|a)|dirigid[ao] a|destinée? à|envoyée? à|adressée? à|"
             r"inviat[ao] a|destinat[ao] a|indirizzat[ao] a|przeznaczon[ay] dla|wysłan[ay] do|bedoeld voor|"
             r"verzonden (?:aan|naar)|verstuurd naar|gestuurd naar")
_HEADLINE = r"(?P<gap>(?:[^\S\n]|<[^<>\n]{0,200}>)*)\([^()\n]{1,160}\)"


def initials(names):
    """The initials a display name gives instead of a surname ("Olga W." gives "W")."""
    return {word[0].upper() for name in names if name
            for word in name.split()[1:] if re.fullmatch(r"[^\W\d_]\.?", word)}


def after_names(text, name_placeholder, address_placeholder, letters):
    """`text` with the surname beside a scrubbed name and a contact line's numbers removed."""
    if name_placeholder not in text and address_placeholder not in text:
        return text
    if letters and name_placeholder in text:
        text = _surnames(text, name_placeholder, letters)
    if "(" in text:
        text = _headlines(text, name_placeholder, address_placeholder)
    if any(c.isdigit() for c in text) or "@" in text:
        text = "".join(_contact_line(line, name_placeholder, address_placeholder)
                       for line in text.splitlines(keepends=True))
    return text


def _surnames(text, placeholder, letters):
    start = "".join(sorted(letters))
    surname = re.compile(rf"({re.escape(placeholder)})\s+[{re.escape(start)}][^\W\d_]+(?:[-‐][^\W\d_]+)?(?![\w@])")
    return surname.sub(lambda m: m.group(1), text)


def _headlines(text, name_placeholder, address_placeholder):
    """A notification footer's "(headline)" right after the reporter it was for goes with them."""
    names = "|".join(re.escape(p) for p in (name_placeholder, address_placeholder))
    footer = re.compile(rf"(?P<kept>(?:{_FOR_WHOM})[^\n]{{0,60}}?(?:{names})){_HEADLINE}", re.IGNORECASE)
    return footer.sub(lambda m: m.group("kept") + m.group("gap").rstrip(" \t"), text)


def _contact_line(line, name_placeholder, address_placeholder):
    if len(line) > MAX_LINE or (name_placeholder not in line and address_placeholder not in line):
        return line
    numbers = set(phone_numbers(line) + numbers_in(line)) if any(c.isdigit() for c in line) else set()
    handles = set(_HANDLE.findall(line)) if _SEPARATED.search(line) else set()
    if not numbers and not handles:
        return line
    rest = line.replace(name_placeholder, " ").replace(address_placeholder, " ")
    for value in numbers | handles:
        rest = rest.replace(value, " ")
    if len([w for w in _WORD.findall(rest) if w.lower() not in LABELS]) > MAX_WORDS:
        return line
    escaped = address_placeholder != html.unescape(address_placeholder)    # HTML source
    for values, placeholder in ((handles, HANDLE_REMOVED), (numbers, PHONE_REMOVED)):
        for value in sorted(values, key=len, reverse=True):
            line = line.replace(value, html.escape(placeholder) if escaped else placeholder)
    return line
