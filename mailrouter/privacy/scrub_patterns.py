"""What the scrubber looks for: the patterns an identity's addresses, phone numbers and
names give (P3).

An address is found in any case, with any `+tag`, with the `@` and dots written out
(`%40`, `[at]`, `noa dot fischer at example dot net`), and a distinctive local part on its
own (`nf.1990`), not a generic one (`info`), and in full-width forms or other scripts'
digits (matched on the NFKC form with digits as ASCII, the original span replaced). A name is
found whole and by its parts (whole words; CJK anywhere), by the handles built from it
(`@noafischer`, `n.fischer`), and by its other forms (`mail/name_forms.py`: Slavic case
forms, a patronymic beside it, a Japanese name's kana; `mail/name_inflections.py`: other
languages' cases, glued clitics, Slavic diminutives).
"""

import re
import unicodedata

from mailrouter.privacy.compatible_forms import sub_compatible  # noqa: F401 (the scrubber's, from here)
from mailrouter.privacy.other_bearers import NameForms, someone_elses
from mailrouter.privacy.number_patterns import KEY_ID, is_phone, key_id_patterns, phone_patterns
from mailrouter.mail.name_forms import PATRONYMIC, case_forms, kana_readings, slavic
from mailrouter.mail.hypocorisms import word_like
from mailrouter.mail.name_inflections import inflections, nicknames
from mailrouter.mail.names import (PARTICLES, fold, handles, is_name_like, local_part_words, name_variants,
                                   name_words, spaceless_script)

# Names that are also everyday words: only capitalised do they stand for the person.
COMMON_WORD_NAMES = {"hope", "rose", "summer", "june", "may", "will", "mark", "bill", "grace", "joy", "faith",
                     "sky", "rain", "dawn", "amber", "ruby", "pearl", "iris", "lily", "daisy", "holly", "ivy",
                     "autumn", "winter", "april", "august", "frank", "rich", "sunny", "honey", "page", "king",
                     "young", "long", "black", "white", "brown", "green", "gray", "grey", "stone", "wood",
                     "hill", "love", "star", "art", "bob", "rob", "sue", "pat", "ray", "don", "dean", "chase"}
GENERIC_LOCAL_PARTS = {"info", "contact", "hello", "mail", "me", "admin", "office", "team",
                       "support", "reporter", "user", "home", "work", "private", "post", "noreply"}
_AT = r"(?:@|＠|&#0*64;|&#x0*40;|%40|\s*[\[({]\s*(?:at|ät)\s*[\])}]\s*|\s+(?:at|ät|arroba|chez|bei)\s+)"
_DOT = r"(?:\.|%2e|\s*[\[({]\s*(?:dot|punkt|point|punto|ponto|kropka)\s*[\])}]\s*|\s+(?:dot|punkt|point|punto|ponto|kropka)\s+)"
_LATIN_WORD = "[^\\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]"     # a word character, not CJK
GMAIL_DOMAINS = ("gmail.com", "googlemail.com")
TITLES = r"mr|mrs|ms|mx|miss|dr|prof|herr|frau|fr|hr|mme|mlle|m|sr|sra|srta|sig|sig\.ra|pan|pani|dhr|mevr"


def protected_addresses(identity):
    """Every address of the protected people, the author's first."""
    addresses = [a for a in identity.addresses if "@" in a]
    for _, emails in getattr(identity, "people", ()):
        addresses += [a for a in emails if "@" in a and a not in addresses]
    return addresses


def address_patterns(addresses, details):
    """Patterns for the addresses, and for the phone numbers and OpenPGP keys among `details`."""
    patterns = []
    for address in addresses:
        patterns += _address_patterns(address) + _gmail_patterns(address)
    # An OpenPGP key's fingerprint before its ids (privacy/self_named): the longest form first.
    for key in sorted((d for d in details if KEY_ID.fullmatch(d)), key=len, reverse=True):
        patterns += key_id_patterns(key)
    for detail in details:
        if KEY_ID.fullmatch(detail):       # an OpenPGP key: its patterns are above
            continue
        if "@" in detail.strip("@"):        # another address they give as theirs
            patterns += _address_patterns(detail)
        elif detail.startswith("@"):        # a handle: "@yelamrani_dev", "t.me/wxm_kevin88"
            # Glued to CJK words it is still whole: "IDはyuki_0912です".
            patterns.append(re.compile(rf"(?<![.-]|{_LATIN_WORD})@?{re.escape(detail[1:])}(?!-|{_LATIN_WORD})",
                                       re.IGNORECASE))
        elif is_phone(detail):
            patterns += phone_patterns(detail)
    return patterns


def name_patterns(identity, addresses, short_names):
    """(name roots, patterns, case forms) for the protected people's names, the patterns in
    the order they are to be tried: full names, handles, name parts (longer first), two-letter
    names; the case forms (folded) for `word_not_name`."""
    names = [identity.display_name, *getattr(identity, "names", ())]
    names += [name for name, _ in getattr(identity, "people", ())]
    names = [" ".join(n.split()) for n in names if n and "@" not in n]
    written = [n for n in names if n.isascii()] + [" ".join(local_part_words(a)) for a in addresses]
    names += [v for n in names for v in name_variants(n)]
    patterns = [_word_pattern(r"\W+".join(map(re.escape, words))) for words in map(name_words, names) if words]
    parts, forms = _parts_and_handles(names, addresses)
    roots = {p for p in parts if is_name_like(p)}
    with_patronymic, other_forms, inflected = _other_forms(names, roots, written, addresses)
    patterns += with_patronymic
    for form in sorted(forms, key=len, reverse=True):
        patterns.append(re.compile(rf"(?<![a-z0-9])@?{re.escape(form)}\d{{0,4}}(?![a-z0-9])"))
    for part in sorted(roots, key=len, reverse=True):
        # "Ingrids iPhone", "Noa's": a name part with a possessive ending is still the name.
        patterns.append(_word_pattern(re.escape(part) + (r"(?:['’]?s)?" if part.isascii() else "")))
    patterns += other_forms
    short = sorted(p for p in parts if len(p) == 2 and p.isascii() and p not in PARTICLES)
    if short and short_names:
        patterns += [_word_pattern(re.escape(p)) for p in short]
    if short:                   # "Ms. Li": a two-letter name only after a title
        patterns.append(re.compile(rf"(?<!\w)(?:{TITLES})\.?\s+(?:{'|'.join(short)})(?!\w)"))
    # In lower case mid-line a short form ("es muy majo") or a Cyrillic spelling ("роман" of Roman) is a word.
    inflected.update(word_like(roots, names))         # (a NameForms: its pet names and own words kept)
    return roots, patterns, inflected


def _other_forms(names, roots, written, addresses):
    """(a name part with the patronymic beside it, the other forms of the parts): Slavic case
    forms ("Оксано", "Волковой"), the other inflections and glued clitics of `name_inflections`
    ("Virtasen", "Annának", "لفاطمة") and the kana reading of a Japanese name's romaji ("タナカ")."""
    slavic_parts = {p for n in names if slavic(n) for p in name_words(n) if p in roots and p not in COMMON_WORD_NAMES}
    with_patronymic, forms, inflected, pets = [], [], set(), set()
    cased = {part: case_forms(part) for part in slavic_parts}
    every = dict(cased)
    for name in names:
        for part in (p for p in name_words(name) if p in roots and p not in COMMON_WORD_NAMES):
            every[part] = every.get(part, set()) | inflections(part, name, addresses)
            pets |= nicknames(part, name, addresses) - cased.get(part, set())
    for part in sorted(slavic_parts, key=len, reverse=True):
        # Beside a patronymic every form is theirs: "Александра Сергеевича" is Александр's genitive.
        any_form = _alternation({part} | every[part])
        with_patronymic.append(_word_pattern(rf"(?:{any_form})[^\S\r\n]+{PATRONYMIC}"))
    for part in sorted(every, key=len, reverse=True):
        # A form that is another given name too ("Maria" of Mario, "Александра") is most often the
        # reporter's own genitive or accusative: it goes, evidence or not (a review found it leaking).
        if every[part]:
            forms.append(_word_pattern(f"(?:{_alternation(every[part])})"))
        inflected |= every[part]
    inflected = NameForms(inflected, pets, roots)       # "Аня Кузнецова" is not Анна's (other_bearers)
    with_patronymic += _declined_beside_surname(names, roots)
    if any(spaceless_script(n) for n in names):
        romaji = {w for n in written for w in name_words(n) if w in roots}
        for hiragana, katakana in filter(None, map(kana_readings, sorted(romaji))):
            forms.append(re.compile(rf"(?<![ァ-ヺー]){re.escape(katakana)}(?![ァ-ヺー])"))
            forms.append(re.compile(rf"(?<![ぁ-ゖ]){re.escape(hiragana)}(?=さん|ちゃん|くん|さま|[^ぁ-ゖ]|$)"))
    return with_patronymic, forms, inflected


# A given name's case endings, folded (Polish, Czech, Slovak; Russian, Ukrainian, Belarusian).
_GIVEN_ENDINGS = {False: ("a", "y", "i", "e", "ie", "o", "u", "ou", "ej", "ii", "iu"),
                  True: tuple(fold(e) for e in "а ы и і е у ю о ой ою ей ею ую ї я ё".split())}


def _declined_beside_surname(names, roots):
    """A given name too short for its case forms to be looked for alone ("Anny", "Jany" of Anna,
    Jana: name_forms.MIN_STEM) is theirs in any case right beside a form of their surname, in
    either order: "od Anny Kowalskiej", "Stížnost od Jany Novákové", "Ивановой Яны"."""
    patterns = []
    for words in {tuple(name_words(n)) for n in names if slavic(n)}:
        if len(words) != 2 or not set(words) <= roots:
            continue
        given, surname = words
        cyrillic = bool(re.search("[\u0400-\u04ff]", given))
        stem = given[:-1] if given[-1] in "aeiouyаяеоиыуюіо" else given
        if len(stem) < 2 or given in COMMON_WORD_NAMES:
            continue
        given_forms = _alternation({given} | {stem + e for e in _GIVEN_ENDINGS[cyrillic]} | case_forms(given))
        surname_forms = _alternation({surname} | case_forms(surname))
        patterns.append(_word_pattern(rf"(?:(?:{given_forms})[^\S\r\n]+(?:{surname_forms})|"
                                      rf"(?:{surname_forms})[^\S\r\n]+(?:{given_forms}))"))
    return patterns


def _alternation(words):
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def word_not_name(text, start, end, case_forms):
    """'hope', 'rose', 'bin' in lower case are words, not the reporter Hope or Rose; so is a
    case form in lower case ("миру" of Мира, "рады" of Рада), except where it opens its line
    (a chat's vocative, "оксано, …")."""
    found = text[start:end]
    if someone_elses(text, start, end, case_forms):     # "Tomek Zieliński" when Tomasz reports
        return True
    if not found[:1].islower():
        return False
    if found.lower().rstrip("s'’") in COMMON_WORD_NAMES:
        return True
    return fold(found) in case_forms and re.search(r"[^\W_]", text[text.rfind("\n", 0, start) + 1:start]) is not None


def _parts_and_handles(names, addresses):
    """The folded words of the names and addresses, and the handles built from them."""
    parts, forms = set(), set()
    for name in names:
        parts.update(name_words(name))
        forms.update(handles(name))
        if spaceless_script(name) and " " not in name.strip() and len(name.strip()) >= 2:
            parts.add(fold(name.strip()))
    for address in addresses:
        words = local_part_words(address)
        parts.update(words)
        if len(words) >= 2:
            forms.update(handles(" ".join(words)))
    return parts, forms


def _address_patterns(address):
    local, _, domain = address.rpartition("@")
    base = local.split("+", 1)[0]
    spelt_local = _DOT.join(re.escape(p) for p in base.split("."))
    spelt_domain = _DOT.join(re.escape(p) for p in domain.split("."))
    # An underscore separates: `export_noa@example.net_2026.txt` holds the address.
    patterns = [re.compile(rf"(?<![^\W_])(?<![.+-]){spelt_local}(?:\+[\w.-]*)?{_AT}{spelt_domain}(?![^\W_]|-)",
                           re.IGNORECASE)]
    if len(base) >= 4 and base.lower() not in GENERIC_LOCAL_PARTS:
        patterns.append(re.compile(rf"(?<![^\W_])(?<![.+-]){re.escape(base)}(?![^\W_]|-|\.\w)", re.IGNORECASE))
    return patterns


def _gmail_patterns(address):
    """Gmail ignores the dots of a local part and reads googlemail.com as gmail.com:
    `rachel.kim+coc@gmail.com` is also `rachelkim@gmail.com` and `r.achel.kim@googlemail.com`."""
    local, _, domain = address.rpartition("@")
    letters = local.split("+", 1)[0].replace(".", "")
    if domain.lower() not in GMAIL_DOMAINS or len(letters) < 2:
        return []
    dotted = r"\.?".join(map(re.escape, letters))
    return [re.compile(rf"(?<![^\W_])(?<![.+-]){dotted}(?:\+[\w.-]*)?{_AT}(?:gmail|googlemail){_DOT}com(?![^\W_]|-)",
                       re.IGNORECASE)]


def _word_pattern(body):
    """Whole words (an underscore separates words: `novakova_t`); in scripts written without
    spaces (CJK, kana, Hangul, Thai) a name matches anywhere."""
    plain = re.sub(r"\\.", "", body)
    if spaceless_script(plain):
        return re.compile(body)
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")
