"""A name's forms in languages that inflect it or glue words to it, beyond the Slavic cases.

Finnish ("Jukka Virtanen": "Jukan", "Virtasen", "Virtaselle"), Hungarian ("Anna": "Annának",
"Annát", "Annával"), Lithuanian ("Rūta": "Rūtos"), Icelandic ("Þóra Þórsdóttir": "Þóru
Þórsdóttur"), Greek ("Γιώργος": "Γιώργο", "Γιώργου"), the clitics Arabic and Hebrew write glued
to a name ("لفاطمة", "ונועה", "שלוי"), and the common diminutives of Polish, Czech and Russian given
names ("Kasiu", "Janička", "Аня"); a romaji name at a .jp address with a long vowel ("Yuko Sato":
"Yuuko", "Satou", "Satoh"). `inflections(part, name, addresses)` gives them, folded, for a
folded name part; each family only when the name (or its owner's address) is of that language,
so an ordinary word of another language is never taken for a form.
"""

import re

from mailrouter.mail.name_forms import kana_readings, slavic
from mailrouter.mail.name_vocatives import called_forms, pet_forms
from mailrouter.mail.names import fold

MIN_STEM = 3


def _f(words):
    return tuple(fold(w) for w in words.split())


def _tld(addresses, *tlds):
    return any(a.lower().rstrip(".").endswith(tlds) for a in addresses)


def _finnish(name, addresses):
    return _tld(addresses, ".fi") or any(len(w) >= 6 and w.endswith("nen") for w in re.findall(r"\w+", name.lower()))


def _hungarian(name, addresses):
    lowered = name.lower()
    return (_tld(addresses, ".hu") or bool(set("őű") & set(lowered))
            or bool(re.search("cs|sz|zs|gy|ny|ly", lowered)) and bool(set("áéíóú") & set(lowered)))


def _lithuanian(name, addresses):
    lowered = name.lower()
    # ū alone is also a romaji or Māori long vowel: Lithuanian only without ā, ē, ī, ō.
    ogonek_or_dot = bool(set("ėąįų") & set(lowered)) or "ū" in lowered and not set("āēīō") & set(lowered)
    return (_tld(addresses, ".lt") or ogonek_or_dot
            or bool(re.search(r"(?:ien[eė]|ait[eė]|yt[eė]|ausk(?:as|is))\b", lowered)))


def _icelandic(name, addresses):
    lowered = name.lower()
    return _tld(addresses, ".is") or bool(set("þð") & set(lowered)) or bool(re.search(r"d[oó]ttir\b", lowered))


_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_HEBREW = re.compile("[\u05d0-\u05ea]")

# Finnish: a weak grade before most endings (Jukka -> Jukan, Antti -> Antin), the strong one in the
# partitive and illative (Jukkaa, Jukkaan).
_GRADATION = (("kk", "k"), ("pp", "p"), ("tt", "t"), ("nk", "ng"), ("nt", "nn"), ("lt", "ll"), ("rt", "rr"),
              ("mp", "mm"), ("ht", "hd"))
_FI_WEAK = ("n", "lle", "lla", "lta", "ssa", "sta", "ksi", "t", "mme", "nne")
_FI_NEN = ("en", "elle", "ella", "elta", "essa", "esta", "eksi", "ena", "een", "ta", "ten", "ia", "iin", "ille")


def _finnish_forms(part):
    if part.endswith("nen") and len(part) >= 6:             # Virtanen -> Virtasen, Virtaselle, Virtasta
        return {part[:-3] + "s" + e for e in _FI_NEN}
    if part[-1] not in "aeiouy":                            # Mikael -> Mikaelin, Mikaelille
        return {part + "i" + e for e in _FI_WEAK + ("a", "na", "in")}
    weak = part
    for strong, soft in _GRADATION:
        if part[:-1].endswith(strong):
            weak = part[:-1 - len(strong)] + soft + part[-1]
            break
    return {weak + e for e in _FI_WEAK} | {part + e for e in ("a", "na", part[-1] + "n", "kin")}


_HU_FAMILY = ("ek", "eknek", "eknak", "eknel", "eknal", "ekhez", "ektol", "eket", "ekkel")  # Szabóéknak: the Szabós
# ("Anna" + "k" is "annak", a Hungarian word: never a suffix alone.)
_HU_SUFFIXES = ("nak", "nek", "t", "val", "vel", "tol", "nal", "nel", "hoz", "hez", "ert", "ban", "ben", "ba",
                "be", "ra", "re", "rol", "n", "ig", "kent", "cska", "cske", "ne") + _HU_FAMILY
_HU_LINKED = ("nak", "nek", "t", "ot", "et", "at", "tol", "nal", "nel", "hoz", "hez", "ert", "ban", "ben", "ba",
              "be", "ra", "re", "rol", "on", "en", "ne", "ig") + _HU_FAMILY


def _hungarian_forms(part):
    if part[-1] in "aeiou":                                 # Anna -> Annának, Annát, Annával, Annácska
        return {part + e for e in _HU_SUFFIXES}
    last = next((d for d in ("cs", "sz", "zs", "gy", "ny", "ly", "ty") if part.endswith(d)), part[-1])
    doubled = part[:-len(last)] + last[0] + last      # Kovács -> Kovácscsal, Szabó ... Tóth -> Tóthtal
    return {part + e for e in _HU_LINKED} | {doubled + "al", doubled + "el"}


_LT = [(_f(a), _f(b)) for a, b in (
    ("a", "os ai ą oje e om a"), ("ė", "ės ei ę ėje e"), ("as", "o ui ą u e ai"),
    ("is", "io iui į iu yje i"), ("ys", "io iui į iu yje y"), ("us", "aus ui ų umi uje au"))]


def _lithuanian_forms(part):
    for finals, endings in _LT:
        final = next((f for f in finals if part.endswith(f)), None)
        if final is not None:
            stem = part[:-len(final)]
            forms = {stem + e for e in endings}
            if final == "is" and stem.endswith("t"):        # Jonaitis -> Jonaičio
                forms |= {stem[:-1] + "c" + e for e in _f("io iui iu")}
            return forms
    return set()


def _icelandic_forms(part):
    if part.endswith("dottir"):
        return {part[:-6] + "dottur"}
    if part.endswith("sson"):
        return {part + "ar", part[:-2] + "yni"}
    if part[-1] == "a":                                     # Þóra -> Þóru, Anna -> Önnu (folded: onnu)
        return {part[:-1] + "u"} | ({"o" + part[1:-1] + "u"} if part[0] == "a" else set())
    # Jón -> Jóns, Jóni; Guðrún -> Guðrúnu, Guðrúnar
    return {part + e for e in ("s", "i", "u", "ar")} if part[-1] not in "aeiouy" else set()


_GREEK_RULES = [(fold(a), _f(b)) for a, b in (
    ("ος", "ο ου ε οι ων ους"), ("ας", "α ες"), ("ης", "η"), ("α", "ας"), ("η", "ης"), ("ούλα", "ούλας"))]


def _greek_forms(part):
    for final, endings in _GREEK_RULES:
        if part.endswith(final):
            return {part[:-len(final)] + e for e in endings}
    return set()


# Letters glued before a word: Arabic "and", "so", "with", "for", "like"; Hebrew "and", "the",
# "in", "like", "to", "from", "that", and their pairs ("ולנועה", "שבלוי").
_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل")
# (No "ה": a name takes no article, and "הלוי" is a surname of its own. A short name takes only
# "and", "to", "of": "בלוי" is a word, "worn out".)
_HEBREW_CLITICS = ("ו", "ב", "כ", "ל", "מ", "ש") + tuple(a + b for a in "ושכמ" for b in "בכלמש" if a != b)
_HEBREW_SHORT = ("ו", "ל", "ש", "ול", "וש", "של", "ושל")


def _clitic_forms(part, clitics):
    forms = {fold(c) + part for c in clitics}
    if part.startswith(fold("ال")):                        # ل + العلوي is written للعلوي
        forms |= {fold(c + "لل") + part[2:] for c in ("", "و", "ف")}
    return forms


# Common diminutives of Polish, Czech and Russian given names, and their forms in a sentence (a
# form that is a name of its own elsewhere left out: Anke, Jane). A given name other languages
# share (`_SHARED`) has them only in a Slavic name or at a Slavic address.
_DIMINUTIVES = {fold(k): _f(v) for k, v in {
    "anna": "ania aniu anię anią ani anka anko anki anusia anusiu anny annie anička aničko aničky aničce "
            "anuška aňa",
    "katarzyna": "kasia kasiu kasię kasią kasi kaśka kaśki kasieńka kasiunia",
    "kateřina": "katka katko katky katce kačka kačko kačenka káťa",
    "jana": "janička janičko janičky janičce janinka jany",
    "małgorzata": "gosia gosiu gosię gosią gosi małgosia małgosiu",
    "magdalena": "magda magdy magdzie magdę magdą magdo madzia madziu",
    "agnieszka": "agnisia agnisiu aga agi",
    "barbara": "basia basiu basię basią basi",
    "elżbieta": "ela elu eli elę elą elka elżunia",
    "marie": "maruška maruško mařenka mája",
    "maria": "marysia marysiu marysię marysią marysi",
    "tereza": "terezka terezko terezky",
    "tomasz": "tomek tomka tomkowi tomku tomkiem",
    "piotr": "piotrek piotrka piotrkowi piotrku piotrusiu",
    "tomáš": "tomášek tomášku tomáška",
    "анна": "аня ани аню аней анечка анечку анюта",
    "мария": "маша маши машу машей машенька",
    "екатерина": "катя кати катю катей катенька",
    "александр": "саша саши сашу сашей",
    "александра": "саша саши сашу сашей",
    "дмитрий": "дима димы диме диму димой",
    "наталья": "наташа наташи наташу наташей",
    "ольга": "оля оли олю олей оленька",
    "елена": "лена лены лене лену леной леночка",
}.items()}


def _romaji_long_vowels(part):
    """A romaji name written without its long vowels ("Yuko Sato" at a .jp address) is also
    written with one of them long: Yuuko, Satou, Satoh, Satoo."""
    if not kana_readings(part):
        return set()
    forms = set()
    for i, letter in enumerate(part):
        if letter in "ou" and part[i + 1:i + 2] not in ("u", "h", letter):
            longs = ("u", "h", "o") if letter == "o" else ("u",)
            forms |= {part[:i + 1] + extra + part[i + 1:] for extra in longs}
    return forms


_SHARED = {fold(n) for n in ("anna", "maria", "marie", "barbara", "magdalena", "jana", "tereza", "elena")}
_SLAVIC_TLDS = (".pl", ".cz", ".sk", ".ru", ".ua", ".by", ".bg", ".rs", ".hr", ".si", ".mk", ".ba", ".me")


def inflections(part, name, addresses=()):
    """The other forms (folded) of the folded part `part` of `name`, itself left out; with its
    vocatives and pet names (mail/name_vocatives.py)."""
    return _inflected(part, name, addresses) | called_forms(part, name, addresses)


def nicknames(part, name, addresses=()):
    """The pet names among `inflections`, in any case ("Tomek", "Agusiu"), not the name's own
    case forms ("Anny" of Anna): another person may bear them too."""
    shared = part in _SHARED and not (slavic(name) or _tld(addresses, *_SLAVIC_TLDS))
    pets = {f for f in (() if shared else _DIMINUTIVES.get(part, ()))
            if f[:len(part) - 1] != part[:-1] or len(f) > len(part) + 2}
    return pets | pet_forms(part, name, addresses)


def _inflected(part, name, addresses):
    if len(part) < MIN_STEM + 1 and not (_ARABIC.search(name) or _HEBREW.search(name) or _tld(addresses, ".jp")):
        return set()
    shared = part in _SHARED and not (slavic(name) or _tld(addresses, *_SLAVIC_TLDS))
    forms = set() if shared else set(_DIMINUTIVES.get(part, ()))
    if _tld(addresses, ".jp") and part.isascii():
        forms |= _romaji_long_vowels(part)
    if _GREEK.search(name):
        forms |= _greek_forms(part)
    elif _ARABIC.search(name):
        forms |= _clitic_forms(part, _ARABIC_CLITICS)
    elif _HEBREW.search(name):
        forms |= _clitic_forms(part, _HEBREW_CLITICS if len(part) > 3 else _HEBREW_SHORT)
    else:
        for family, make in ((_finnish, _finnish_forms), (_hungarian, _hungarian_forms),
                             (_lithuanian, _lithuanian_forms), (_icelandic, _icelandic_forms)):
            if family(name, addresses):
                forms |= make(part)
    return {f for f in forms if len(f) > MIN_STEM} - {part}
