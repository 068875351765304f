"""A given name as someone calls the reporter by it: its vocative, and its pet names in their cases.

A report quotes a threat, and a threat calls its target by name: Czech "Jano, na tohle nemáš"
(Jana), "Eliško" (Eliška), Polish "Agnieszko", "Agusiu" (Agnieszka, Agusia), Ukrainian "Олю"
(Оля of Ольга), Serbian "Milice", Latvian "Jāni" (Jānis), Greek "Giorgo" (Giorgos), Irish "a
Sheáin" (Seán) and "a Mháire" (Máire). `called_forms(part, name, addresses)` gives these forms
(folded) of the folded name part `part`, each family only for a name (or an address) of its
language; `pet_forms` gives the pet names among them (mail/pet_names.py, declined), which a
different surname right after marks as someone else's ("Аня Кузнецова" when Анна reports).
A form that is a common word of its language ("Ano", "Evo") is never given.
"""

import functools
import re

from mailrouter.mail.name_forms import slavic
from mailrouter.mail.names import fold, name_words
from mailrouter.mail.pet_names import PET_NAMES

MIN_FORM = 3
_PETS = {fold(k): tuple(v.split()) for k, v in PET_NAMES.items()}
# Forms the rules make that are everyday words: Czech/Slovak "ano" (yes), Croatian/Serbian
# "evo" (here is), Polish "dano" (was given), "ale" (but), Russian "лен" (flax), "свет" (light);
# English "age" and "bare", which Polish "Agę" and Czech "Báře" fold to.
_WORDS = {fold(w) for w in "ano evo dano ale ani age bare лен наст свет лиз мил вер вал кол дим рад".split()}
_SLAVIC_TLDS = (".pl", ".cz", ".sk", ".ru", ".ua", ".by", ".bg", ".rs", ".hr", ".si", ".mk", ".ba", ".me")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ADJECTIVE = ("ská", "cká", "ová", "ska", "cka", "dzka", "á", "ý", "ski", "cki", "sky", "ий", "ой", "ая", "ый")
_SOFT = "šžčřjťďňcśźćńl"


def _tld(addresses, *tlds):
    return any(a.lower().rstrip(".").endswith(tlds) for a in addresses)


def _written(part, name):
    """The word of `name` (lower case, accents kept) that folds to `part`."""
    return next((w for w in re.findall(r"[^\W\d_]+", name.lower()) if fold(w) == part), part)


def _latin_feminine(word, pet):
    stem = word[:-1]
    forms = {stem + "o"}                                    # Jano, Eliško, Agnieszko, Milico
    if stem.endswith(("i", "l", "j")):                      # Polish Kasiu, Olu, Maju; Kasi, Kasię, Kasią
        forms |= {stem + "u"} | ({stem if stem[-1] == "i" else stem + "i", stem + "ę", stem + "ą"} if pet else set())
    if stem.endswith("ic"):                                 # Croatian, Serbian Milice
        forms.add(stem + "e")
    if pet or stem.endswith("k"):                           # Eliška: a noun, not -ská's adjective
        forms |= {stem + e for e in ("y", "u", "ou", "i", "ę", "ą")} | ({stem[:-1] + "ce"} if stem[-1] == "k" else set())
    if pet:                                                 # Honzovi, Kubovi; Adze, Magdzie
        soft = {"g": "dze", "d": "dzie", "t": "cie", "r": "rze", "k": "ce"}.get(stem[-1], "e")
        forms |= {stem + "ovi", stem + "ou", stem[:-1] + soft if soft != "e" else stem + "e"}
    return forms


def _latin_masculine(word, pet):
    forms = {word + e for e in ("e", "ie", "u")}            # Jane, Janie, Janu: a vocative
    if pet:                                                 # Tomáška, Honzíkovi, Kubusia
        forms |= {word + e for e in ("a", "em", "ovi", "owi", "iem")}
    if word[-1] in _SOFT:                                   # Tomáši, Ondřeji, Lukáši
        forms.add(word + "i")
    if re.search("e[kcl]$", word):                          # Marek -> Marku, Pavel -> Pavle; Tomek -> Tomka
        forms |= {word[:-2] + word[-1] + e for e in (("u", "e", "a", "owi", "ovi", "iem", "em") if pet else "ue")}
    if word[-1] == "ś":                                     # Kubuś -> Kubusiu
        forms |= {word[:-1] + "si" + e for e in ("u", "a", "owi", "em")}
    soft = {"r": "rze", "t": "cie", "d": "dzie", "ł": "le"}.get(word[-1])
    return forms | ({word[:-1] + soft} if soft else set())  # Piotrze, Robercie, Michale


def _cyrillic(word, pet):
    stem, last = word[:-1], word[-1]
    if last == "а":                                          # Ольго, Сашо, Милице; Маш, Маши
        cases = ("и", "ы", "і", "е", "у", "ой", "ою", "") if pet else ()
        return {stem + e for e in ("о",) + cases} | ({stem + "е"} if stem.endswith("ц") else set())
    if last == "я":                                          # Олю, Оль; Маріє; Bulgarian Марийо
        forms = {stem + e for e in (("ю", "і", "и", "е", "ей", "ею", "єю") if pet else ("ю", "е"))}
        if stem.endswith(("і", "и")):
            forms |= {stem + "є", stem + "йо"}
        return forms | ({stem + "ь"} if pet and stem[-1:] not in "аеиоуыіїєюяьй" else set())
    if last in "йь":                                        # Андрію, Василю
        return {stem + "ю"} | ({stem + e for e in ("я", "ем", "єм", "еві")} if pet else set())
    if last == "о":                                         # Петре, Сашку
        return {stem + e for e in ("е", "у") + (("а", "ові", "ом") if pet else ())}
    return {word + e for e in ("е", "у") + (("а", "ові", "ом") if pet else ())}     # Іване, Олегу; Івасика


def _slavic_forms(word, pet=False):
    if word.endswith(_ADJECTIVE) and not word.endswith(("ška", "čka")) or len(word) < 3:
        return set()
    if _CYRILLIC.search(word):
        return _cyrillic(word, pet)
    if word.endswith("a"):
        return _latin_feminine(word, pet)
    return _latin_masculine(word, pet) if word[-1] not in "eioyu" else set()


def _latvian(name, addresses):
    lowered = name.lower()
    return _tld(addresses, ".lv") or bool(set("ģķļņ") & set(lowered)) or (
        bool(set("āēī") & set(lowered)) and bool(re.search(r"[^\W\d_]{2,}(?:is|s|š)\b", lowered)))


def _latvian_forms(word):
    if word.endswith("is"):                                 # Jānis -> Jāni, Jāņa (folded "jana")
        return {word[:-2] + e for e in ("i", "im", "a", "am")}
    if word.endswith(("s", "š")):                           # Ivars -> Ivar, Ivaram; Andrejs
        return {word[:-1] + e for e in ("", "a", "am", "u")}
    if word.endswith(("a", "e")):                           # Līga -> Līgas, Līgai; Anne -> Annei
        return {word + "s", word + "i", word[:-1] + "u"}
    return set()


def _greek_latin(name, addresses):
    return _tld(addresses, ".gr", ".cy") or bool(
        re.search(r"(?:opoul(?:os|ou)|akis|idis|iadis|akos|atos)\b", name.lower()))


def _greek_latin_forms(word):
    for final, endings in (("os", ("o", "e", "ou")), ("as", ("a",)), ("is", ("i",)), ("ys", ("y",))):
        if word.endswith(final):                            # Giorgos -> Giorgo, Giorgou; Nikolaos -> Nikolae
            return {word[:-len(final)] + e for e in endings}
    return set()


_IRISH_PARTICLE = re.compile(r"(?<!\w)(?:ó|ní|nic|uí|mhic|mac)(?!\w)")
_IRISH_SPELLING = re.compile(r"bh|mh|dh|gh|fh|ao|eá|ái|ói|úi|ea|ai|ui")


def _irish(name, addresses):
    lowered = name.lower()
    return _tld(addresses, ".ie") or bool(_IRISH_PARTICLE.search(lowered)) or (
        bool(set("áéíóú") & set(lowered)) and bool(_IRISH_SPELLING.search(lowered)))


def _irish_forms(word):
    """A Sheáin, a Mháire: the initial lenited (an h after it), a broad final consonant made slender."""
    lenited = word[0] + "h" + word[1:] if re.match(r"[bcdfgmpt][^h]|s[^chmpt]", word) else word
    slender = re.sub(r"([aouáóú])([^aeiouáéíóú]+)$", r"\1i\2", lenited)
    return {lenited, slender}


def _pet_forms(part, given):
    if not given:
        return set()
    forms = set()
    for short in _PETS.get(part, ()):
        forms |= {short} | _slavic_forms(short, pet=True)
    return forms


@functools.lru_cache(maxsize=256)
def _called(part, name, addresses):
    slavic_name = slavic(name) or _tld(addresses, *_SLAVIC_TLDS)
    word = _written(part, name)
    # A Slavic vocative and pet names for the given name only: an ASCII "Mala" (Malá) is no "Malo".
    given = slavic_name and name_words(name)[:1] == [part]
    pets = _pet_forms(part, given)
    forms = set(pets)
    if given:
        forms |= _slavic_forms(word)
    for family, make in ((_latvian, _latvian_forms), (_greek_latin, _greek_latin_forms), (_irish, _irish_forms)):
        if family(name, addresses):
            forms |= make(word)
    folded = frozenset(f for f in {fold(f) for f in forms} - _WORDS - {part} if len(f) >= MIN_FORM)
    return folded, frozenset(fold(f) for f in pets) & folded


def called_forms(part, name, addresses=()):
    """The vocatives and pet names (folded) of the folded name part `part` of `name`."""
    return set(_called(part, name, tuple(addresses))[0])


def pet_forms(part, name, addresses=()):
    """Those of `called_forms` that are a pet name or its case: another person's too."""
    return set(_called(part, name, tuple(addresses))[1])
