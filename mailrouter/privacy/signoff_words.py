"""The words of a sign-off: closings in the languages reports come in, what a name line
under one looks like in any script, and the legal disclaimer a company signature ends with.

Grouped by language so a language can be added in one place. A name line is read without
a capital-letter pattern: Greek and Cyrillic names have capitals outside A-Z, and Hebrew,
Arabic, Chinese, Japanese, Korean and Thai have no case at all.
"""

import re
import unicodedata

from mailrouter.mail.names import spaceless_script

# Each a regular expression, matched case-insensitively as a whole line (with punctuation).
CLOSINGS = {
    "en": r"thanks|thank you|many thanks|thanks again|best|best wishes|best regards|regards|kind regards|"
          r"warm regards|warmly|cheers|sincerely|yours|yours truly|yours sincerely|cordially|take care|"
          r"all the best|love|xo|with thanks|respectfully",
    "de": r"gruß|grüße|viele grüße|liebe grüße|beste grüße|mit freundlichen grüßen|lg|vg|mfg|danke|vielen dank",
    "fr": r"cordialement|bien à vous|merci|amitiés|bises|bien cordialement",
    "es": r"saludos|un saludo|atentamente|gracias|abrazos|muchas gracias",
    "pt": r"obrigad[oa]|atenciosamente|abraços|cumprimentos",
    "it": r"grazie|cordiali saluti|saluti|un saluto|distinti saluti",
    "nl": r"groeten|met vriendelijke groet|hartelijke groet|dank je|vriendelijke groeten",
    "pl": r"pozdrawiam|dziękuję|z poważaniem|pozdrowienia",
    "sv/da/no": r"hälsningar|mvh|med vänliga hälsningar|tack|vänliga hälsningar|med venlig hilsen|"
                r"venlig hilsen|vennlig hilsen|hilsen|takk|tak",
    "fi": r"terveisin|ystävällisin terveisin|kiitos",
    "cs/sk": r"s pozdravem|děkuji|díky|s pozdravom|ďakujem",
    "hu/ro": r"üdvözlettel|köszönöm|cu stimă|mulțumesc|cu drag",
    "tr": r"saygılarımla|teşekkürler|teşekkür ederim|iyi çalışmalar",
    "ru/uk": r"с уважением|спасибо|всего доброго|с наилучшими пожеланиями|з повагою|дякую|щиро дякую|"
             r"з найкращими побажаннями",
    "el": r"με εκτίμηση|με φιλικούς χαιρετισμούς|φιλικά|ευχαριστώ|ευχαριστώ πολύ|χαιρετισμούς|με τιμή",
    "he": r"בברכה|תודה|תודה רבה|בתודה|בהוקרה|בכבוד רב|להתראות",
    "ar/fa": r"مع التحية|مع تحياتي|تحياتي|مع خالص التحية|شكرا|شكراً|مع الشكر|وتقبلوا فائق الاحترام|"
             r"مع الاحترام|با تشکر|با احترام|با سپاس",
    "hi": r"धन्यवाद|सादर|शुभकामनाओं सहित",
    "th/vi/id": r"ขอบคุณ|ขอบคุณครับ|ขอบคุณค่ะ|ด้วยความเคารพ|trân trọng|cảm ơn|xin cảm ơn|salam|terima kasih|"
                r"hormat saya|salam hangat",
    "ko": r"감사합니다|고맙습니다|감사드립니다|수고하세요",
    "ja": r"よろしくお願いします|よろしくお願いいたします|よろしくお願い致します|以上|敬具|ありがとうございます",
    "zh": r"谢谢|此致|敬礼|祝好|謝謝|敬上|此致敬礼|顺祝商祺|祝好运|多谢",
}
_ALL = "|".join(CLOSINGS.values())
_PUNCTUATION = r"[,.!—–:\-،，。！、…]"
# Matched against the lower-cased line: a case-insensitive long alternation is slow.
_CLOSING = re.compile(rf"^[ \t]*(?:{_ALL})[ \t]*{_PUNCTUATION}*[ \t]*\r?$")
# The first letters a closing can start with: most lines of a long chat export are
# dismissed on that, before the long case-insensitive alternation is tried.
_FIRST = frozenset(c for word in re.sub(r"\[[^]]*\]", "", _ALL).split("|") for c in (word[:1], word[:1].upper()))
_CLOSING_THEN = re.compile(rf"^(?P<closing>[ \t]*(?:{_ALL})[ \t]*{_PUNCTUATION}+[ \t]*)\S")
# "(she/her)", "| he/him", "(er/ihm)", "[they/them]" after a name.
# Possessive runs of blanks (`*+`): giving some back could not make a match, and trying every
# split of a long run between the three was exponential ("1", 1000 spaces, "1": minutes, T4).
_PRONOUNS = re.compile(r"[ \t]*+[|·•–—,]?[ \t]*+[(\[]?[ \t]*+(?<!\w)(?:she|he|they|ze|xe|sie|er|il|elle|iel|ela|ele|elu|ella|él)"
                       r"[ \t]*/[ \t]*\w{1,8}(?:[ \t]*/[ \t]*\w{1,8})?[ \t]*[)\]]?[ \t]*$", re.IGNORECASE)
# A humble word signed after the name: Korean 드림/올림 ("given by"), Chinese 敬上, Japanese 拝.
_SIGNED = re.compile(r"[ \t]*+(?:드림|올림|배상|敬上|拝|より)[ \t]*\.?$|[ \t]+上$")
_NAME_MARKS = "'’.-"
MAX_NAME_WORDS = 4
MAX_NAME_LINE = 300             # characters: a longer line is no sign-off name (and costs no more, T4)


def is_closing(line):
    """"Thanks,", "Με εκτίμηση,", "감사합니다." alone on the line."""
    return line.lstrip(" \t")[:1] in _FIRST and _CLOSING.match(line.lower()) is not None


def name_on_line(line):
    """The name a sign-off line gives (pronouns and a humble word after it left off), or None."""
    text = line.strip()
    if len(text) > MAX_NAME_LINE:
        return None
    text = _SIGNED.sub("", _PRONOUNS.sub("", text))
    words = text.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or is_closing(text):
        return None
    if not all(_name_word(word, first=i == 0) for i, word in enumerate(words)):
        return None
    if spaceless_script(text) and len(text.replace(" ", "")) > 8:
        return None         # a phrase, not a name: CJK names are two to four characters
    return text


def closing_and_name(line):
    """("Thanks, ", "Priya") for a closing and a name on one line, else None."""
    lowered = line.lower()
    if line.lstrip(" \t")[:1] not in _FIRST or len(lowered) != len(line):
        return None
    match = _CLOSING_THEN.match(lowered)
    if not match:
        return None
    closing = line[:match.end("closing")]
    name = name_on_line(line[len(closing):].rstrip("\r"))
    return (closing, name) if name else None


def _name_word(word, first):
    """A capitalised word in any cased script (Γιώργος, Оксана, O'Neil), or a word of a script
    without case (נועה, محمد, 张伟, 박민지). An initial ("J.") may follow the first word."""
    core = word.strip(_NAME_MARKS) if not first else word.rstrip(_NAME_MARKS)
    if not core or len(word) > 21 or not all(c.isalpha() or c in _NAME_MARKS or _mark(c) for c in word):
        return False
    if not core[0].isalpha():
        return False
    if _caseless(core[0]):
        return not spaceless_script(core) or len(core) <= 5
    return core[0].isupper() and (len(word) >= 2 or not first)


def _caseless(char):
    return char.lower() == char.upper()


def _mark(char):
    return unicodedata.category(char).startswith("M")      # Arabic harakat, Hebrew niqqud, Devanagari signs


def latin_only(text):
    """True when every letter of `text` is a Latin one (a transliterated display name)."""
    return all("LATIN" in unicodedata.name(c, "") for c in text if c.isalpha())


# A company's legal disclaimer under its signature: two or more of these in one paragraph.
_DISCLAIMER_WORDS = re.compile(
    r"confidential|intended (?:solely |only )?for|intended recipient|addressee|in error|privileged|"
    r"disclaimer|notify the sender|delete (?:it|this)|unauthori[sz]ed|prohibited|gdpr|"
    r"vertraulich|empfänger|irrtümlich|haftungsausschluss|confidentiel|destinataire|par erreur|"
    r"confidencial|destinatari[oa]|por error|riservat|per errore|vertrouwelijk|geadresseerde|abusievelijk|"
    r"poufn|adresat|omyłkowo|konfidentiell|mottagare|fortrolig|modtager|luottamuksellinen|"
    r"機密|保密|秘密|機密情報|비밀|기밀", re.IGNORECASE)


def is_disclaimer(paragraph):
    """A confidentiality notice or legal disclaimer (not a sentence of the report)."""
    return len({m.group(0).lower() for m in _DISCLAIMER_WORDS.finditer(paragraph)}) >= 2


def short_form(word, root):
    """'Sam' for Samuel, 'Aga' for Agnieszka, 'Bill' for William: a prefix of the name, or
    a common diminutive of it (a nickname no table ties to the name stays unknowable)."""
    return root.startswith(word) or word in DIMINUTIVES.get(root, ())


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
