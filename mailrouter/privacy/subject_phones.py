"""The phone numbers a reporter gives as theirs in the Subject (P3).

"Tom Baker - please call 07700 900456 re PyCon UK incident": the Subject is the reporter's
own line to the committee, so a number right after a request to call, text or write
("please call", "ring", "bitte Rückruf unter", "llamar al", "proszę dzwonić", "позвоните")
is theirs, as a number after "call me" is in the body (privacy/phones.py, whose cues are
read here too). A number said to be someone else's ("his number", "Sam's WhatsApp") stays:
it is evidence, and so is any number the Subject gives without such a request.
"""

import re
import unicodedata

from mailrouter.privacy.phones import _THEIRS, _ascii_digits, own_phone_numbers
from mailrouter.privacy.signature import _DATE_OR_TIME, _PHONE, _looks_like_phone

# A request to contact whoever writes, its object left out as a Subject leaves it out.
_REQUEST = re.compile(
    r"(?<![^\W\d_])(?:call|ring|text|phone|sms|whats ?app|signal|telegram|contact|reach|callback|call back|"
    r"r[üu]ckruf|anrufen|rufen sie|zur[üu]ckrufen|rappele[rz]|appele[rz]|appel au|llam(?:ar|en|e|adme)|"
    r"ll[áa]m(?:e|en)(?:me|nos)?|lig(?:ar|uem|ue)|chiam(?:are|ate|atemi)|bel(?:len)?|zadzwo[ńn]|dzwoni[ćc]|"
    r"dzwo[ńn]cie|kontakt|позвони(?:те)?|звони(?:те)?|перезвони(?:те)?|зателефонуйте|телефонуйте|"
    r"подзвоніть|ara(?:yın|yin)?|電話(?:して|ください)|请致电|請致電|연락)"
    r"(?:[\s:,.\-–—]+(?:me|mich|moi|mi|mnie|мне|мені|us|back|on|at|to|under|unter|au|al|a|il|op|na|по|на|номер|"
    r"number|nummer|numéro|número|numer|numero|the number|this number|please|bitte))*[\s:.\-–—]*\(?$",
    re.IGNORECASE)

_GROUPED = re.compile(r"\d{2,4}(?:[ .-]\d{2,4}){2,4}")


def subject_phone_numbers(subject):
    """The numbers the reporter gives as theirs in `subject`, ASCII-folded as phones.py folds them."""
    subject = _ascii_digits(unicodedata.normalize("NFKC", " ".join((subject or "").split())))
    numbers = own_phone_numbers(subject)
    for match in _PHONE.finditer(subject):
        number, before = match.group(0).strip(), subject[max(0, match.start() - 60):match.start()]
        digits = sum(c.isdigit() for c in number)
        # Asked for, a grouped national number without its 0 is one too ("zadzwoń 601 234 567").
        if number in numbers or not (_looks_like_phone(number, digits) or _GROUPED.fullmatch(number) and
                                     9 <= digits <= 15 and not _DATE_OR_TIME.search(number)):
            continue
        if _REQUEST.search(before) and not _THEIRS.search(re.split(r"[.!?;]\s|\s[-–—|]\s", before)[-1]):
            numbers.append(number)
    return numbers
