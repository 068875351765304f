"""The reporter's sign-off and signature block, in their own words only.

Removed whole: everything after a `-- ` line, and after a closing ("Thanks,", "Best,",
"Viele Grüße", "Cordialement", …) the name line with the contact lines under it (title,
employer, phone, website). Quoted and forwarded text below the own words is evidence and
is left alone. The same sign-off lines tell the identity step a surname the display
name did not give (`From: Noa <nf.1990@…>` signing "Noa Fischer").
"""

import re

from mailrouter.mail.names import fold
from mailrouter.mail.quoting import split_own_text

SIGNATURE_REMOVED = "[signature removed by mailrouter]"
_CLOSINGS = (r"thanks|thank you|many thanks|thanks again|best|best wishes|best regards|regards|kind regards|"
             r"warm regards|warmly|cheers|sincerely|yours|yours truly|cordially|take care|all the best|love|xo|"
             r"with thanks|respectfully|gruß|grüße|viele grüße|liebe grüße|beste grüße|mit freundlichen grüßen|lg|"
             r"vg|mfg|cordialement|bien à vous|merci|amitiés|bises|saludos|un saludo|atentamente|gracias|"
             r"abrazos|obrigad[oa]|atenciosamente|abraços|cumprimentos|grazie|cordiali saluti|saluti|"
             r"un saluto|groeten|met vriendelijke groet|hartelijke groet|dank je|pozdrawiam|dziękuję|"
             r"z poważaniem|hälsningar|mvh|med vänliga hälsningar|tack|vänliga hälsningar|"
             r"よろしくお願いします|よろしくお願いいたします|以上|谢谢|此致|敬礼|祝好|謝謝|敬上")
CLOSING = re.compile(rf"^[ \t]*(?:{_CLOSINGS})[ \t]*[,.!—–:-]*[ \t]*\r?$", re.IGNORECASE)
CLOSING_AND_NAME = re.compile(rf"^(?P<closing>[ \t]*(?:{_CLOSINGS})[ \t]*[,.!—–-]+[ \t]*)"
                              r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20}(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,2})"
                              r"[ \t]*\r?$", re.IGNORECASE)
NAME_LINE = re.compile(r"^[ \t]*((?:[A-ZÀ-ÖØ-Þ][\w'’.-]{1,20})(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’.-]{0,20}){0,3})[ \t]*\r?$")
DASHES = re.compile(r"^-- ?\r?$")
_CONTACT = re.compile(r"\+?\d[\d ().-]{6,}\d|https?://|www\.|@|\||linkedin|github|mastodon|twitter|"
                      r"\b(?:tel|phone|mobile|mob|cell|fax|pronouns?)\b", re.IGNORECASE)
_NOT_SIGNATURE = re.compile(r"^[ \t]*(?:p\.?s\.?|ps:|n\.?b\.?)\b", re.IGNORECASE)
MAX_BLOCK = 8


def signoff_lines(own):
    """Indexes of sign-off name lines in `own` (after a closing, or after `-- `)."""
    lines = own.split("\n")
    found = []
    for i, line in enumerate(lines):
        if CLOSING.match(line) or DASHES.match(line):
            following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].strip()), None)
            if following is not None and NAME_LINE.match(lines[following]):
                found.append(following)
    return found


def names_signed(own, known_words):
    """Full names on sign-off lines (after a closing, or a bare name line near the end)
    whose first word is one the identity already knows."""
    lines = own.split("\n")
    names = []
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in sorted(set(signoff_lines(own)) | {i for i in filled[-MAX_BLOCK:] if NAME_LINE.match(lines[i])}):
        words = lines[i].split()
        if len(words) >= 2 and fold(words[0]) in known_words:
            names.append(" ".join(words))
    return names


def remove_signature(own, short_forms=(), placeholder=SIGNATURE_REMOVED):
    """`own` without the reporter's sign-off and signature block."""
    lines = own.split("\n")
    replaced = _signature_spans(lines, short_forms)
    for start, end, keep in sorted(replaced, reverse=True):
        lines[start:end] = [keep + placeholder + _cr(lines[end - 1])]
    return "\n".join(lines)


def signature_lines(text, short_forms=()):
    """The lines (white space folded) that remove_signature would take out of `text`'s own words."""
    lines = split_own_text(text)[0].split("\n")
    found = set()
    for start, end, keep in _signature_spans(lines, short_forms):
        for line in lines[start:end]:
            folded = " ".join(line[len(keep):].split()) if keep else " ".join(line.split())
            if folded:
                found.add(folded)
    return found


def _signature_spans(lines, short_forms):
    """(start, end, kept prefix) of each run of lines that is the reporter's signature."""
    spans = []
    dashes = next((i for i, line in enumerate(lines) if DASHES.match(line)), None)
    if dashes is not None:
        spans.append((dashes, len(lines), ""))
        lines = lines[:dashes]
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in signoff_lines("\n".join(lines)):
        # A sign-off is the reporter's when it names them, or when nothing of theirs follows
        # it; "Love,\nSam Rivera" pasted mid-report is the reported person's, and evidence.
        end = _block_end(lines, i)
        if _names_reporter(lines[i], short_forms) or not [j for j in filled if j >= end]:
            spans.append((i, end, ""))
    for i, line in enumerate(lines):
        match = CLOSING_AND_NAME.match(line)
        if match and match.group("name")[:1].isupper() and \
                (_names_reporter(match.group("name"), short_forms) or i == (filled[-1] if filled else -1)):
            spans.append((i, i + 1, match.group("closing")))
    for i in filled[-MAX_BLOCK:]:
        # A bare name line near the end that names the reporter, with contact lines under it.
        words = [fold(w) for w in lines[i].split()]
        if NAME_LINE.match(lines[i]) and len(words) >= 2 and any(w in short_forms for w in words):
            spans.append((i, _block_end(lines, i), ""))
            break
    if filled:
        last = lines[filled[-1]].strip()
        if NAME_LINE.match(last) and " " not in last and len(last) >= 2 and not CLOSING.match(last) \
                and any(_short_form(fold(last), r) for r in short_forms):
            spans.append((filled[-1], filled[-1] + 1, ""))
    return _without_overlaps(spans)


_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ()./-]{6,}\d(?!\w)")
_NOT_PHONE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{4}-\d{4}$")
_DATE_OR_TIME = re.compile(r"\d{4}[-./](?:0?\d|1[0-2])[-./](?:[0-2]?\d|3[01])\b|"
                           r"\b(?:[0-2]?\d|3[01])[-./](?:0?\d|1[0-2])[-./]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
def _looks_like_phone(number, digits):
    """+49 170 5550123, 0176 / 234 567 89, (020) 7946 0321; not a date, a time or a ticket number."""
    if not 7 <= digits <= 15 or _NOT_PHONE.match(number) or _DATE_OR_TIME.search(number):
        return False
    grouped = bool(re.search(r"\d[ ()./-]+\d", number))
    return number.startswith(("+", "(", "0")) and (grouped or number.startswith("+"))


def phone_numbers(text):
    """Every phone number in `text` (for mail to the reporter: no member's number goes out)."""
    return [m.group(0).strip() for m in _PHONE.finditer(text or "")
            if _looks_like_phone(m.group(0).strip(), sum(c.isdigit() for c in m.group(0)))]


def _short_form(word, root):
    """'Sam' for Samuel, 'Aga' for Agnieszka, 'Bill' for William: a prefix of the name, or
    a common diminutive of it (a nickname no table ties to the name stays unknowable)."""
    return root.startswith(word) or word in DIMINUTIVES.get(root, ())


def _names_reporter(line, short_forms):
    words = [fold(w).strip(".,") for w in line.split()]
    return any(w in short_forms or any(_short_form(w, r) for r in short_forms) for w in words if len(w) >= 2)


# Common diminutives that share no prefix with the name (languages of the seeds' communities).
DIMINUTIVES = {
    "agnieszka": ("aga", "agusia"), "katarzyna": ("kasia", "kasienka"), "malgorzata": ("gosia", "malgosia"),
    "aleksandra": ("ola",), "aleksander": ("olek",), "elzbieta": ("ela",), "joanna": ("asia",),
    "william": ("bill", "billy", "will", "liam"), "robert": ("bob", "bobby", "rob", "robbie"),
    "richard": ("dick", "rick", "rich"), "margaret": ("maggie", "peggy", "meg"), "elizabeth": ("liz", "beth",
    "lizzy", "betty", "eliza"), "katherine": ("kate", "katie", "kathy"), "catherine": ("cathy", "kate"),
    "rebecca": ("becky", "bex"), "edward": ("ted", "ned", "eddie"), "james": ("jim", "jimmy", "jamie"),
    "john": ("jack", "johnny"), "margarita": ("rita",), "alexander": ("sasha", "alex"), "alexandra": ("sasha",
    "sandra", "alex"), "aleksandr": ("sasha",), "ekaterina": ("katya",), "yekaterina": ("katya",),
    "dmitri": ("dima",), "dmitry": ("dima",), "mikhail": ("misha",), "anastasia": ("nastya",), "natalia": ("natasha",),
    "siobhan": ("shiv",), "francisco": ("paco", "pancho"), "jose": ("pepe",), "guillermo": ("memo",),
    "johannes": ("hannes", "jo"), "wolfgang": ("wolf",), "giuseppe": ("beppe", "peppe"), "oluwaseun": ("seun",),
}


def _without_overlaps(spans):
    kept, last_end = [], -1
    for start, end, keep in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= last_end:
            kept.append((start, end, keep))
            last_end = end
    return kept


def _block_end(lines, start):
    """The name line and the contact lines right under it (title, employer, phone, site)."""
    end = start + 1
    while end < len(lines) and end - start < MAX_BLOCK and lines[end].strip() \
            and not _NOT_SIGNATURE.match(lines[end]) and _looks_like_signature(lines[end]):
        end += 1
    return end


def _looks_like_signature(line):
    text = line.strip()
    return bool(_CONTACT.search(text)) or (len(text) <= 60 and not text.endswith((".", "?", "!", ":")))


def _cr(line):
    return "\r" if line.endswith("\r") else ""
