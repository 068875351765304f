"""Self-introductions in the languages `self_named`'s first table does not read (pure).

Each table is tried only when the text holds a letter of its script (CPU: a report in one
language pays for that language only).

- **Cased scripts** (Latin, Cyrillic, Greek, Armenian): "Tôi tên là …", "Benim adım …",
  "Nama saya …", "Мене звати …", "Казвам се …", "Είμαι η …", "Με λένε …", "Իմ անունը …": the
  phrase's end is given to `self_named`, which reads the capitalised words after it.
- **Scripts without capitals**: the name is the words of the script after the phrase, up to
  a copula that ends it ("मेरा नाम प्रिया शर्मा है", "اسم من مریم احمدی است") or a stop; a
  second word only when a stop follows it ("שמי מיכל לוי," but not "שמי מיכל אני מתנדבת").
- **Korean**: "저는 이서연입니다", "제 이름은 …": Hangul syllables before the copula, the
  "저는" form only with a Korean surname first and not a common noun ("저는 한국인입니다").
- **Japanese**: "私の名前は山田花子です", a katakana name ("私はマリアです"), "山田と言います".
"""

import re

MAX_FOUND = 20

_CASED = (
    (re.compile(r"[A-Za-z]"), re.compile(
        r"(?<!\w)(?:tôi tên là|tên tôi là|tên của tôi là|em tên là|mình tên là|benim ad[ıi]m|benim ismim|ismim|"
        r"nama saya|nama aku|nama gue|ang pangalan ko ay|pangalan ko ay|ako si|nazywam się|mam na imię|"
        r"jmenuji se|jmenuju se|volám sa|zovem se|ime mi je|moje ime je|mă numesc|numele meu (?:este|e)|"
        r"a nevem|nimeni on|jag heter|jeg heter|jeg hedder|mitt navn er|mit navn er|mitt namn är|"
        r"jina langu ni|naitwa)(?!\w)[\s:,]*", re.IGNORECASE)),
    (re.compile(r"[\u0400-\u04ff]"), re.compile(
        r"(?<!\w)(?:мене звати|мене звуть|моє ім['’ʼ]?я|мяне завуць|казвам се|името ми е|зовем се|се викам|"
        r"моето име е|моё имя|мое имя|меня звать|ме зову)(?!\w)[\s:,—–-]*", re.IGNORECASE)),
    (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), re.compile(
        r"(?<!\w)(?:με λ[εέ]νε|λ[εέ]γομαι|ονομ[αά]ζομαι|το [οό]νομ[αά] μου ε[ιί]ναι|ε[ιί]μαι (?:ο|η))(?!\w)[\s:,]*",
        re.IGNORECASE)),
    (re.compile(r"[\u0530-\u058f]"), re.compile(r"(?<!\w)(?:իմ անունը|անունս)(?!\w)[\s:,]*", re.IGNORECASE)),
)

_GAP = re.compile(r"[ \t\u200c\u200e\u200f]*")
_STOP = re.compile(r"\s*(?:[,.;:!?()\[\]«»\"“”،؛۔।|]|$|\n)")
# (script, phrase, a word of the script, copulas that end the name, words that never are one)
_UNCASED = (
    ("[\u0590-\u05ff]", r"שמי(?: הוא)?|קוראים לי|השם שלי(?: הוא)?|שמי זה", "[\u05d0-\u05ea\u05f3\u05b0-\u05c7'’]+",
     (), ("אני", "ואני", "הוא", "היא", "זה", "ו")),
    ("[\u0600-\u06ff]", r"(?:اسم|نام) من|اسمم|نامم|میرا نام|اسمى|أنا اسمي|انا اسمي", "[\u0600-\u06ff]+",
     ("است", "هست", "هستم", "ہے", "هے", "ہیں"), ("و", "من", "أنا", "انا")),
    ("[\u0900-\u097f]", r"मेरा नाम|मेरो नाम|माझे नाव|माझं नाव", "[\u0900-\u0963\u0966-\u097f]+",
     ("है", "हैं", "हो", "आहे", "हूँ", "हूं"), ("और", "मैं")),
    ("[\u0980-\u09ff]", r"আমার নাম", "[\u0980-\u09e3\u09e6-\u09ff]+", ("।",), ("এবং", "আমি")),
    ("[\u0b80-\u0bff]", r"என் பெயர்|என்னுடைய பெயர்", "[\u0b80-\u0bff]+", (), ("நான்",)),
    ("[\u10a0-\u10ff]", r"ჩემი სახელია|ჩემი სახელი არის|მე მქვია|მქვია", "[\u10d0-\u10ff]+", (), ("და", "მე")),
    ("[\u1200-\u137f]", r"ስሜ|የኔ ስም|የእኔ ስም", "[\u1200-\u135a]+", ("ነው", "ይባላል"), ()),
)
_UNCASED = tuple((re.compile(s), re.compile(rf"(?<!\w)(?:{p})(?!\w)[\s:,\u200c]*"), re.compile(rf"(?P<w>{w})"),
                  set(c), set(x)) for s, p, w, c, x in _UNCASED)

_BEYOND_LATIN = re.compile(r"[\u0590-\u10ff\u1200-\u137f\u3040-\u30ff\uac00-\ud7a3]")
_THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")
_THAI = re.compile(r"(?:ฉัน|ผม|ดิฉัน|หนู|เรา|ข้าพเจ้า)ชื่อ\s*(?P<name>[\u0e01-\u0e4e]+?)(?:ค่ะ|ครับ|คะ|นะ|จ้า|\s|$|[,.])"
                   r"(?:\s*นามสกุล\s*(?P<surname>[\u0e01-\u0e4e]+?)(?:ค่ะ|ครับ|คะ|นะ|\s|$|[,.]))?")

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KO_SURNAMES = set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부")
_KO_SURNAMES |= {"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"}
_KO_END = r"(?:입니다|이에요|예요|이고요?|이며|이라고 합니다|라고 합니다|이라고 해요|라고 해요|이야|이다|입니당)"
_KO_INTRO = re.compile(rf"(?:(?<![가-힣])(?:저는|전|나는|난)|안녕하세요[.,!]?)\s*(?P<name>[가-힣]{{3,4}}?){_KO_END}")
_KO_NAMED = re.compile(rf"(?:제|내|저의|나의)\s*이름은\s*(?P<name>[가-힣]{{2,4}}?)(?:{_KO_END}|[\s,.]|$)")
_KO_NOUNS = {"한국인", "외국인", "유학생", "신입생", "정회원", "주최자", "강연자", "연구원", "공무원", "선생님", "장애인",
             "여학생", "남학생", "대학생", "이사장", "조직위", "봉사자", "참가자", "발표자", "관리자", "운영자", "개발자",
             "회사원", "주부님", "엄마", "아빠", "기자님", "학생회", "오거나", "부모님", "사무국",
             "주최측", "운영진", "운영팀", "진행자", "조직위원", "준비위", "위원장", "사회자", "강사님"}

_JA_SCRIPT = re.compile(r"[\u3040-\u30ff]")
_JA = re.compile(r"(?:(?:私|わたし|僕|ぼく)(?:の名前)?は|私の名前は)[ 　]?(?P<name>[\u30a1-\u30fa\u30fc・]{2,12}|"
                 r"[\u4e00-\u9fff]{1,4}[ 　]?[\u4e00-\u9fff]{0,4})(?:です|と申します|といいます|と言います)|"
                 r"(?:^|(?<=[。、\s]))(?P<said>[\u4e00-\u9fff]{2,4}[ 　]?[\u4e00-\u9fff]{0,4})(?:といいます|と言います)")


def cased_intro_ends(text):
    """Where the capitalised name after a self-introduction phrase of a cased script begins."""
    ends = []
    for script, phrase in _CASED:
        if script.search(text):
            ends += [m.end() for _, m in zip(range(MAX_FOUND), phrase.finditer(text))]
    return ends


def uncased_introduced_names(text):
    """Names given in a self-introduction in a script without capitals (see the module's text)."""
    if not _BEYOND_LATIN.search(text):      # one scan for the usual report, not one per script
        return []
    found = []
    for script, phrase, word, copulas, never in _UNCASED:
        if script.search(text):
            found += [_words_after(text, m.end(), word, copulas, never)
                      for _, m in zip(range(MAX_FOUND), phrase.finditer(text))]
    if _THAI_SCRIPT.search(text):
        found += [" ".join(filter(None, m.group("name", "surname"))) for m in _THAI.finditer(text)]
    if _HANGUL.search(text):
        found += [n for m in _KO_INTRO.finditer(text) if _korean_name(n := m.group("name"))]
        found += [m.group("name") for m in _KO_NAMED.finditer(text)]
    if _JA_SCRIPT.search(text):
        found += [m.group("name") or m.group("said") for m in _JA.finditer(text)]
    return [n.strip() for n in found if n and len(n.strip()) >= 2]


def _korean_name(name):
    return (name[0] in _KO_SURNAMES or name[:2] in _KO_SURNAMES) and name not in _KO_NOUNS and \
        name[:3] not in _KO_NOUNS


def _words_after(text, position, word, copulas, never):
    """Up to three words of the script from `position`: those before a copula; else the
    first, and the second too when a stop follows it."""
    words, ends = [], []
    for _ in range(4):
        match = word.match(text, _GAP.match(text, position).end())
        if not match:
            break
        if match.group("w") in copulas:
            return " ".join(words)
        words.append(match.group("w"))
        ends.append(match.end())
        position = match.end()
    words = words[:2]
    for i, w in enumerate(words):
        if w in never or (i and w[:1] in ("ו", "و")):
            words = words[:i]
            break
    if len(words) == 2 and not _STOP.match(text, ends[1]):
        words = words[:1]
    return " ".join(words)
