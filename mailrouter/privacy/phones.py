"""The phone numbers a reporter gives as their own, in their own words (P3).

Theirs: a number after "call me", "my number" (in the same line, with no one else's "his"
between), a number right after a field label ("Phone:", "Telefon", "WhatsApp", "電話：") that
starts its line or cell, or mid-sentence after one in a clause of the writer's own ("estou no
WhatsApp:", "I'm on Telegram at"), on the next line under a label alone (a web form's `phone:`
then the value) or in the next table cell, and a number alone on one of the last lines (a
signature's phone line). A number someone else is said to have is evidence, kept: "Sam's
number is …", "his WhatsApp: …", "you can reach his number …", "Krause ruft an, mobil …",
"Herr Krause ist telefonisch unter … erreichbar", "номера … (его)".
Full-width digits and punctuation (a Japanese IME's `０９０－１２３４`) and other scripts' digits
(Arabic-Indic `٠٥٥٠`, Persian `۰۹۱۲`) are read as ASCII.
"""

import re
import unicodedata

from mailrouter.privacy.signature import MAX_BLOCK, _PHONE, _looks_like_phone

# The reporter giving their own number: "call me on", "my mobile", "me joindre au", …
_MINE = re.compile(
    r"(?:call|text|ring|reach|contact|phone|whatsapp|message|signal|sms) me|my (?:phone|mobile|cell|number|tel|"
    r"whatsapp|signal)|ruf(?:t|en sie)? mich|meine (?:nummer|handynummer|telefonnummer)|mein handy|"
    r"erreichen sie mich|appelle[rz]?[- ]moi|m'appeler|me joindre|"
    r"mon (?:numéro|portable|téléphone)|ll[áa]m(?:a|e)me|mi (?:número|móvil|celular|teléfono)|contactarme|"
    r"me lig(?:a|ue)|liguem|ligar para mim|meu (?:número|celular|telemóvel|telefone|zap)|chiamami|il mio numero|"
    r"raggiungermi|bel me|mijn nummer|zadzwoń|mój numer|ring mig|mitt nummer|nå mig|"
    r"мій номер|мой номер|мій телефон|мой телефон|на мій|на мой|私の電話|我的电话|我的手機|내 번호|"
    r"me chama|escr[íi]beme|[ée]cris[- ]moi|scrivimi|schreib(?:t|en sie)? mir|napisz do mnie|пишите мне|"
    r"напишите мне|пишіть мені|numaram|beni ara|تواصل(?:وا)? معي|التواصل معي|اتصل(?:وا)? بي|رقمي|شماره(?: من|‌ام)|"
    r"با من تماس|מספר שלי|המספר שלי|תתקשרו אליי|मेरा नंबर|मुझे कॉल",
    re.IGNORECASE)
# Words that give a number without saying whose: the writer's unless the sentence is about someone else.
_NEUTRAL = re.compile(r"you can reach|erreichbar|telefonisch unter|joignable|bereikbaar|nås på|моб\.|тел\.",
                      re.IGNORECASE)
# The writer speaking of themselves in the clause before a label: "estou no WhatsApp:", "tengo Signal:".
# ("I" only as a capital: "i" is "and" in Polish and Czech; not "ma", which is Polish "has".)
_FIRST_PERSON = re.compile(r"(?<!\w)(?:(?-i:I)|i'm|my|ich|mein\w*|je|j'|mon|yo|estoy|tengo|eu|estou|tenho|meu|"
                           r"minha|io|sono|ho|mio|mia|ik|mijn|jestem|mam|mój|moja|jag|min|mitt|я|мой|моя|мій|ben|"
                           r"benim)(?!\w)", re.IGNORECASE)
# A field label: the number beside it or under it is the writer's own.
_LABEL = (r"(?:phone(?: number)?|tel(?:ephone)?|mobile(?: number)?|mob|cell(?: ?phone)?|contact number|"
          r"telefon(?:nummer)?|handy(?:nummer)?|mobil(?:nummer)?|mobiel|tél(?:éphone)?|t[ée]l[ée]phone|portable|"
          r"tel[ée]fono|telefone|celular|cel|m[óo]vil|telem[óo]vel|whats ?app|signal|telegram|viber|threema|wechat|"
          r"line|numer(?: telefonu)?|komórka|telefonnummer|телефон|тел|моб(?:ільний|ильный)?|номер|"
          r"電話(?:番号)?|携帯(?:電話)?|手机|电话|手機|電話號碼|연락처|전화(?:번호)?|휴대폰|"
          r"[بو]?(?:ال)?(?:هاتف|جوال|موبايل|واتساب|تلفون)|موبایل|تلفن|شماره|טלפון|נייד|फ़ोन|फोन|मोबाइल|cep)")
_LABEL_ALONE = re.compile(rf"^[\s*_>|#-]*{_LABEL}[\s*_]*[:：.]?[\s*_]*$", re.IGNORECASE)
_LABEL_BEFORE = re.compile(rf"(?<![^\W_]){_LABEL}[\s*_]*[:：.]?\s*(?:[^\W\d_]{{1,5}}\s+)?[(\[]?\s*$", re.IGNORECASE)
# Someone else's number: "Sam's WhatsApp:", "his phone", "o número dele".
_THEIRS = re.compile(r"\w['’]s\b|\b(?:his|her|their|him|he|she|they|dele|dela|deles|delas|ele|ela|sein|seine|"
                     r"seiner|ihm|ihn|lui|elle|его|её|ее|него|нее|його|її|нього|неї|هو|هي|له|لها|رقمه|رقمها|او|ایشان|"
                     r"شماره‌اش|הוא|היא|שלו|שלה|उसका|उसकी|उसके|herrn?|frau|mr|mrs|ms|monsieur|madame|señora?|senhora?|"
                     r"signora?|господина?|г-н|пана?|pani)\b", re.IGNORECASE)


def own_phone_numbers(own):
    """Numbers the reporter gives as theirs, in the order they stand (ASCII-folded)."""
    own = _ascii_digits(unicodedata.normalize("NFKC", own))
    lines = [cell.strip("\r") for line in own.split("\n") for cell in line.split(" | ")]  # table cells: lines
    filled = [i for i, line in enumerate(lines) if line.strip()]
    tail = {lines[i].strip() for i in filled[-MAX_BLOCK:]}
    labelled = {b for a, b in zip(filled, filled[1:]) if _LABEL_ALONE.match(lines[a])}
    numbers = []
    for index, line in enumerate(lines):
        for match in _PHONE.finditer(line):
            number, before = match.group(0).strip(), line[:match.start()]
            said = _said_mine(before, line[match.end():])
            # Unspaced ("0550123456") only where the words say it is a number of theirs.
            if not _looks_like_phone(number, sum(c.isdigit() for c in number)) and \
                    not (said and _UNSPACED.fullmatch(number)):
                continue
            after = re.sub(r"\s*\([^)]*\)\s*$", "", line[match.end():])     # "(tel:+55…)" added by html_to_text
            alone = len(re.sub(r"[^\w]", "", before)) <= 12 and not re.search(r"\w", after.strip(" .)("))
            if said or alone and (line.strip() in tail or index in labelled):
                numbers.append(number)
    return numbers


def _ascii_digits(text):
    """Arabic-Indic, Persian, Devanagari … digits as ASCII ("٠٥٥٠" -> "0550"), one for one."""
    return text if text.isascii() else _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)


_DIGIT = re.compile(r"(?![0-9])\d")
_UNSPACED = re.compile(r"(?:\+|0)\d{8,14}")


def _said_mine(before, after):
    """The words around a number give it as the writer's own, not as someone else's."""
    aside = re.match(r"\s*[(\[]([^)\]]{1,30})[)\]]", after)
    if aside and _THEIRS.search(aside.group(1)):
        return False                    # "8 912 345-67-89 (его)"
    sentence = re.split(r"[.!?。！？]\s", before)[-1]
    cue = None
    for cue in _MINE.finditer(before[-80:]):
        pass
    if cue:                             # "call me on …", but not "call me on his number …"
        return not _THEIRS.search(before[-80:][cue.end():])
    if _NEUTRAL.search(before[-80:]):   # "you can reach …": whose, the sentence says
        return not _THEIRS.search(sentence)
    return _labelled_mine(before, sentence)


def _labelled_mine(before, sentence):
    """A label right before the number that starts its line or cell, or that follows the
    writer's own words in its clause, in a sentence that is not about someone else."""
    label = _LABEL_BEFORE.search(before[-60:])
    if not label or _THEIRS.search(sentence):
        return False
    ahead = before[:len(before) - len(before[-60:]) + label.start()]
    clause = re.split(r"[,;:()\[\]，；：、]", ahead)[-1]
    return not re.search(r"[^\W_]", ahead) or bool(_FIRST_PERSON.search(clause))
