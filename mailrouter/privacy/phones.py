"""The phone numbers a reporter gives as their own, in their own words (P3).

Theirs: a number after "call me", "my number", "estou no WhatsApp:" (in the same line), a
number right after a field label ("Phone:", "Telefon", "WhatsApp", "電話：") on the same line,
on the next line under a label alone (a web form's `phone:` then the value) or in the next
table cell, and a number alone on one of the last lines (a signature's phone line). A number
in a sentence about someone else ("Sam's number is …", "his WhatsApp: …") is evidence, kept.
Full-width digits and punctuation (a Japanese IME's `０９０－１２３４`) and other scripts' digits
(Arabic-Indic `٠٥٥٠`, Persian `۰۹۱۲`) are read as ASCII.
"""

import re
import unicodedata

from mailrouter.privacy.signoff_words import about_someone_else
from mailrouter.privacy.signature import _DATE_OR_TIME, _NOT_PHONE, MAX_BLOCK, _PHONE, _looks_like_phone

# The reporter giving their own number: "call me on", "my mobile", "me joindre au", …
_MINE = re.compile(
    r"(?:call|text|ring|reach|contact|phone|whatsapp|message|signal|sms) me|my (?:phone|mobile|cell|number|tel|"
    r"whatsapp|signal)|you can reach|ruf(?:t|en sie)? mich|meine (?:nummer|handynummer|telefonnummer)|mein handy|"
    r"erreichbar|erreichen sie mich|telefonisch unter|appelle[rz]?[- ]moi|m'appeler|me joindre|joignable|"
    r"mon (?:numéro|portable|téléphone)|ll[áa]m(?:a|e)me|mi (?:número|móvil|celular|teléfono)|contactarme|"
    r"me lig(?:a|ue)|liguem|ligar para mim|meu (?:número|celular|telemóvel|telefone|zap)|chiamami|il mio numero|"
    r"raggiungermi|bel me|mijn nummer|bereikbaar|zadzwoń|mój numer|ring mig|mitt nummer|nå mig|nås på|"
    r"мій номер|мой номер|мій телефон|мой телефон|на мій|на мой|моб\.|тел\.|私の電話|我的电话|我的手機|내 번호|"
    r"me chama|escr[íi]beme|[ée]cris[- ]moi|scrivimi|schreib(?:t|en sie)? mir|napisz do mnie|пишите мне|"
    r"напишите мне|пишіть мені|numaram|beni ara|تواصل(?:وا)? معي|التواصل معي|اتصل(?:وا)? بي|رقمي|شماره(?: من|‌ام)|"
    r"با من تماس|מספר שלי|המספר שלי|תתקשרו אליי|मेरा नंबर|मुझे कॉल",
    re.IGNORECASE)
# A field label: the number beside it or under it is the writer's own.
_LABEL = (r"(?:phone(?: number)?|tel(?:ephone)?|mobile(?: number)?|mob|cell(?: ?phone)?|contact number|"
          r"telefon(?:nummer)?|handy(?:nummer)?|mobil(?:nummer)?|mobiel|tél(?:éphone)?|t[ée]l[ée]phone|portable|"
          r"tel[ée]fono|telefone|celular|cel|m[óo]vil|telem[óo]vel|whats ?app|signal|telegram|viber|threema|wechat|"
          r"line|numer(?: telefonu)?|komórka|telefonnummer|телефон|тел|моб(?:ільний|ильный)?|номер|"
          r"電話(?:番号)?|携帯(?:電話)?|手机|电话|手機|電話號碼|연락처|전화(?:번호)?|휴대폰|"
          r"[بو]?(?:ال)?(?:هاتف|جوال|موبايل|واتساب|تلفون)|موبایل|تلفن|شماره|טלפון|נייד|फ़ोन|फोन|मोबाइल|cep|"
          r"(?:far)?sími|gsm|puhelin|matkapuhelin|telefonszám|mobiltelefon|simu|nomor(?: hp| wa)?|hp|"
          r"ponsel|điện thoại|đt|sđt|zalo|เบอร์(?:โทร(?:ศัพท์)?)?|โทร(?:ศัพท์)?|ტელ(?:ეფონი)?|მობ|հեռ(?:ախոս)?|"
          r"τηλ(?:έφωνο)?|κιν(?:ητό)?)")
_LABEL_ALONE = re.compile(rf"^[\s*_>|#-]*{_LABEL}[\s*_]*[:：.]?[\s*_]*$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(rf"(?<![^\W_]){_LABEL}[\s*_]*[:：.]?\s*(?:[^\W\d_]{{1,5}}\s+)?[(\[]?\s*$", re.IGNORECASE)
# Someone else's number: "Sam's WhatsApp:", "his phone", "o número dele".
_THEIRS = re.compile(r"\w['’]s\b|\b(?:his|her|their|him|he|she|they|dele|dela|deles|delas|ele|ela|sein|seine|"
                     r"seiner|ihm|ihn|lui|elle|его|её|ее|него|нее|його|її|нього|неї|هو|هي|له|لها|رقمه|رقمها|او|ایشان|"
                     r"شماره‌اش|הוא|היא|שלו|שלה|उसका|उसकी|उसके)\b", re.IGNORECASE)


def own_phone_numbers(own):
    """Numbers the reporter gives as theirs, in the order they stand (ASCII-folded).

    Linear in the text: each number looks at a bounded window before it, and what lies
    around it on its line is counted once per line (a minified chat export is one long
    line of numbers: looking at the whole line again for each of them took seconds, T4)."""
    own = _ascii_digits(unicodedata.normalize("NFKC", own))
    lines = [cell.strip("\r") for line in own.split("\n") for cell in line.split(" | ")]  # table cells: lines
    filled = [i for i, line in enumerate(lines) if line.strip()]
    tail = {lines[i].strip() for i in filled[-MAX_BLOCK:]}
    labelled = {b for a, b in zip(filled, filled[1:]) if _LABEL_ALONE.match(lines[a])}
    numbers = []
    for index, line in enumerate(lines):
        around = _Around(line, line.strip() in tail or index in labelled)
        for match in _PHONE.finditer(line):
            number, before = match.group(0).strip(), line[max(0, match.start() - BEFORE):match.start()]
            mine = bool(_MINE.search(before[-80:]))
            said = mine or _labelled_mine(before)
            # Unspaced ("0550123456") only where the words say it is a number of theirs; grouped
            # without a leading 0 or + ("sími 862 1234") after a cue or a label opening its line.
            national = (mine or _LABEL_ALONE.match(line[:match.start()])) and looks_like_number(number)
            if not _looks_like_phone(number, sum(c.isdigit() for c in number)) and \
                    not (said and _UNSPACED.fullmatch(number)) and not national:
                continue
            if said or around.alone(match) and not about_someone_else(line[:match.start()]):     # "his number: …"
                numbers.append(number)
    return numbers


BEFORE = 400                    # characters looked at before a number: its sentence, as far as it matters


class _Around:
    """Whether a number stands alone on its line (a signature's or a form's phone line): at
    most 12 letters or digits before it, none after it but a "(tel:+55…)" that html_to_text
    adds. Only on a line where a number alone would be theirs (`candidate`). The letters
    before are counted once over the line; once past 12 no later number is alone, so the
    rest of the line is looked at for two or three numbers at most."""

    def __init__(self, line, candidate):
        self.line, self.candidate = line, candidate
        self.counted, self.letters = 0, 0          # letters and digits in line[:counted]

    def alone(self, match):
        if not self.candidate or self.letters > 12:
            return False
        self.letters += len(_WORD_CHARACTER.findall(self.line, self.counted, match.start()))
        self.counted = match.start()
        if self.letters > 12:
            return False
        return not _WORD_CHARACTER.search(_TRAILING_PARENS.sub("", self.line[match.end():]))


_TRAILING_PARENS = re.compile(r"\s*\([^)]*\)\s*$")
_WORD_CHARACTER = re.compile(r"\w")


def _ascii_digits(text):
    """Arabic-Indic, Persian, Devanagari … digits as ASCII ("٠٥٥٠" -> "0550"), one for one."""
    return text if text.isascii() else _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)


_DIGIT = re.compile(r"(?![0-9])\d")
_UNSPACED = re.compile(r"(?:\+|0)\d{8,14}")


def _labelled_mine(before):
    """A label right before the number, in a sentence that is not about someone else."""
    if not _LABEL_BEFORE.search(before[-60:]):
        return False
    sentence = re.split(r"[.!?。！？]\s", before)[-1]
    return not _THEIRS.search(sentence) and not about_someone_else(sentence)


def looks_like_number(number):
    """A phone number in any country's form, once the words say it is one: 7 to 15 digits,
    grouped or unspaced, not a date or a time ("55 1234 5678", "138 0013 8000", "98100 55512")."""
    number = number.strip()
    digits = sum(c.isdigit() for c in number)
    if not 7 <= digits <= 15 or _NOT_PHONE.match(number) or _DATE_OR_TIME.search(number):
        return False
    return bool(re.search(r"\d[ ()./-]+\d", number)) or number.startswith("+") or digits >= 8
