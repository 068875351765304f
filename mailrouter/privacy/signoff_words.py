"""The words of a sign-off: closings in the languages reports come in, what a name line
under one looks like in any script, and the legal disclaimer a company signature ends with.

Grouped by language so a language can be added in one place. A name line is read without
a capital-letter pattern: Greek and Cyrillic names have capitals outside A-Z, and Hebrew,
Arabic, Chinese, Japanese, Korean and Thai have no case at all.
"""

import re
import unicodedata

from mailrouter.mail.names import spaceless_script
from mailrouter.privacy.own_cues import OTHERS

# Each a regular expression, matched case-insensitively as a whole line (with punctuation).
CLOSINGS = {
    "en": r"thanks|thank you|many thanks|thanks again|best|best wishes|best regards|regards|kind regards|"
          r"warm regards|warmly|cheers|sincerely|yours|yours truly|yours sincerely|cordially|take care|"
          r"all the best|love|xo|with thanks|respectfully|thanks so much|thank you so much|yours faithfully|"
          r"faithfully|sincerely yours|with gratitude|gratefully|warm wishes|kindly",
    "de": r"gruß|grüße|viele grüße|liebe grüße|beste grüße|mit freundlichen grüßen|lg|vg|mfg|danke|vielen dank|"
          r"herzliche grüße|freundliche grüße|schöne grüße|besten dank|(?:viele|liebe|beste|freundliche) grüsse|"
          r"mit freundlichen grüssen|servus",
    "fr": r"cordialement|bien à vous|merci|amitiés|bises|bien cordialement|salutations|sincères salutations|"
          r"meilleures salutations|bien à toi|à bientôt|merci beaucoup|merci d'avance",
    "es": r"saludos|un saludo|atentamente|gracias|abrazos|muchas gracias|saludos cordiales|un abrazo|cordialmente|"
          r"gracias de antemano",
    "pt": r"obrigad[oa]|atenciosamente|abraços|cumprimentos|abraço|um abraço|beijos|att|grat[oa]|"
          r"muito obrigad[oa]",
    "it": r"grazie|cordiali saluti|saluti|un saluto|distinti saluti|cordialmente|un caro saluto|grazie mille|a presto",
    "ca/gl/eu": r"salutacions|cordialment|atentament|gràcies|moltes gràcies|una abraçada|saúdos|grazas|"
                r"agur|ondo izan|eskerrik asko|mila esker",
    "nl/af": r"groeten|met vriendelijke groet|hartelijke groet|dank je|vriendelijke groeten|groetjes|"
             r"met vriendelijke groeten|bedankt|hartelijke groeten|groete|vriendelike groete|beste groete|dankie|"
             r"baie dankie",
    "cy/ga": r"cofion|cofion cynnes|diolch|yn gywir|le meas|go raibh maith agat",
    "pl": r"pozdrawiam|dziękuję|z poważaniem|pozdrowienia|serdecznie pozdrawiam|pozdrawiam serdecznie|"
          r"z wyrazami szacunku",
    "sv/da/no/is": r"hälsningar|mvh|med vänliga hälsningar|tack|vänliga hälsningar|med venlig hilsen|"
                   r"venlig hilsen|vennlig hilsen|hilsen|takk|tak|bästa hälsningar|beste hilsen|mange takk|"
                   r"tusen takk|tack så mycket|kær kveðja|kærar kveðjur|bestu kveðjur|með kveðju|kveðja|"
                   r"virðingarfyllst|takk fyrir",
    "fi/et": r"terveisin|ystävällisin terveisin|kiitos|parhain terveisin|lugupidamisega|parimate soovidega|"
             r"tervitades|aitäh",
    "lv/lt": r"ar cieņu|paldies|pagarbiai|su pagarba|ačiū|nuoširdžiai",
    "cs/sk/sl/hr/sr": r"s pozdravem|děkuji|díky|s pozdravom|ďakujem|se srdečným pozdravem|s přátelským pozdravem|"
                      r"lp|lep pozdrav|lepo pozdravljeni|srdačan pozdrav|srdačno|s poštovanjem|pozdrav|pozdravi|"
                      r"hvala|lijep pozdrav|с поштовањем|срдачан поздрав|хвала",
    "hu/ro/sq": r"üdvözlettel|köszönöm|cu stimă|mulțumesc|cu drag|tisztelettel|üdv|köszönettel|barátsággal|"
                r"szívélyes üdvözlettel|cu respect|toate cele bune|numai bine|me respekt|faleminderit",
    "tr/az/uz/kk": r"saygılarımla|teşekkürler|teşekkür ederim|iyi çalışmalar|saygılar|sevgiler|hörmətlə|"
                   r"təşəkkürlər|təşəkkür edirəm|hurmat bilan|rahmat|құрметпен|рахмет",
    "ru/uk/be/bg": r"с уважением|спасибо|всего доброго|с наилучшими пожеланиями|з повагою|дякую|щиро дякую|"
                   r"з найкращими побажаннями|всего хорошего|з павагай|дзякуй|поздрави|с уважение|благодаря|"
                   r"со почит",
    "el": r"με εκτίμηση|με φιλικούς χαιρετισμούς|φιλικά|ευχαριστώ|ευχαριστώ πολύ|χαιρετισμούς|με τιμή",
    "ka/hy": r"პატივისცემით|მადლობა|დიდი მადლობა|საუკეთესო სურვილებით|გმადლობთ|հարգանքով|"
             r"շնորհակալություն|շնորհակալ եմ",
    "he": r"בברכה|תודה|תודה רבה|בתודה|בהוקרה|בכבוד רב|להתראות",
    "ar/fa/ur": r"مع التحية|مع تحياتي|تحياتي|مع خالص التحية|شكرا|شكراً|مع الشكر|وتقبلوا فائق الاحترام|"
                r"مع الاحترام|با تشکر|با احترام|با سپاس|مع أطيب التحيات|والسلام|ارادتمند|سپاس|شکریہ|"
                r"خیر اندیش|والسلام علیکم",
    "hi/bn/ta/te/mr/pa/gu": r"धन्यवाद|सादर|शुभकामनाओं सहित|भवदीय|भवदीया|विनीत|आभार|आभारी|ধন্যবাদ|"
                            r"শুভেচ্ছান্তে|বিনীত|நன்றி|அன்புடன்|ధన్యవాదాలు|ਧੰਨਵਾਦ|ધન્યવાદ",
    "sw/am": r"wako|wako mwaminifu|wenu|kwa heshima|asante|asante sana|shukrani|salamu|ከሰላምታ ጋር|አመሰግናለሁ",
    "th/vi/id/ms/tl": r"ขอบคุณ|ขอบคุณครับ|ขอบคุณค่ะ|ด้วยความเคารพ|ขอแสดงความนับถือ|ด้วยความนับถือ|"
                      r"ขอบพระคุณ(?:ค่ะ|ครับ)?|ขอบคุณมาก(?:ค่ะ|ครับ)?|trân trọng|cảm ơn|cám ơn|xin cảm ơn|"
                      r"thân ái|thân mến|kính thư|salam|terima kasih|hormat saya|salam hangat|hormat kami|"
                      r"salam hormat|wassalam|terima kasih banyak|yang benar|salam sejahtera|salamat|salamat po|"
                      r"maraming salamat(?: po)?|lubos na gumagalang",
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
    if spaceless_script(text) and len(text.replace(" ", "")) > (24 if _spaced_names(text) else 8):
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
        return not spaceless_script(core) or len(core) <= (12 if _spaced_names(core) else 5)
    return core[0].isupper() and (len(word) >= 2 or not first)


def _caseless(char):
    """No case: Arabic, Hebrew, CJK …, and Georgian's everyday letters (Mkhedruli, which
    Unicode gives capitals, Mtavruli, that names are not written in)."""
    return char.lower() == char.upper() or unicodedata.name(char, "").startswith("GEORGIAN LETTER")


def _spaced_names(text):
    """Thai, Lao, Khmer, Burmese: written without spaces between words, but a name's given
    and family names are apart ("สมหญิง ใจดี") and each is longer than a CJK name."""
    char = next((c for c in text if c.isalpha()), "")
    return any(script in unicodedata.name(char, "") for script in ("THAI", "LAO", "KHMER", "MYANMAR"))


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


_OTHERS = re.compile(OTHERS, re.IGNORECASE)
_PRONOUN_LIST = re.compile(r"\b(?:she|he|they|her|him|them|his|hers|theirs|sie|er|elle|il|ella|él|ela|ele)\s*/|"
                           r"/\s*(?:she|he|they|her|him|them|his|hers|theirs|ihr|sie|ihm)\b|pronoun|pronom", re.IGNORECASE)
_FORMAL_YOU = {"ihr", "ihre", "su", "sus"}      # German and Spanish "your" of a polite contact line


def about_someone_else(line):
    """A line that says whose a number or handle is: "The number he texts me from: …", "Seine
    Nummer: …", "o número dele: …", "他的电话". Under the reporter's name it is evidence, where
    their signature ends; their own pronouns ("she/her") and a polite "Ihre"/"su" are not."""
    if _PRONOUN_LIST.search(line):
        return False
    return any(m.group(0).lower() not in _FORMAL_YOU and m.group(0)[:1] not in "'’" for m in _OTHERS.finditer(line)) \
        or _MORE_OTHERS.search(line) is not None


_MORE_OTHERS = re.compile(r"\b(?:jego|jej|jeho|jejich|njegov\w*|njen\w*|seine[mnrs]?|sein)\b", re.IGNORECASE)
