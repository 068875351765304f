"""How people are written: folded names, their words, and the handles built from them.

One folding for every comparison of names in mailrouter: case, accents, white space,
invisible characters (soft hyphens, zero-width spaces) and look-alike letters from other
scripts (a Cyrillic "о" in a Latin name) do not matter, and letters that do not decompose
fold to their plain form (Đ, ı, ł, ø). One list of the handles a person is likely to use
online (`@noafischer`, `noa_fischer`, `nfischer`, `n.fischer`, `eszterk`), built from the
name as written and from its ASCII transliteration (`Анна Смирнова` gives `anna_smirnova`,
`王小红` gives `wang xiaohong`), so the scrubber that hides a reporter and the matcher that
finds a conflicted member's party see the same forms.
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from mailrouter.mail.cyrillic_spellings import latin_spellings

MIN_NAME_PART = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
HANDLE_SEPARATORS = ("", ".", "_", "-")
# Words an address uses that are not its owner's name (`tomas.ferreira.dev@`, `work.noa@`).
NOT_NAME_WORDS = {"dev", "devel", "work", "mail", "email", "info", "home", "private", "priv", "personal",
                  "official", "contact", "office", "admin", "team", "news", "list", "lists", "git",
                  "github", "gitlab", "code", "test", "hello", "the", "real", "box", "inbox", "web",
                  "online", "net", "org", "com", "pro", "biz", "uni", "school", "student", "staff",
                  "jobs", "job", "career", "careers", "shop", "spam", "junk", "alt", "backup", "main",
                  "public", "secure", "proton", "mobile", "phone", "temp", "tmp", "new", "old", "mr",
                  "mrs", "ms", "dr", "prof", "support", "noreply", "reply", "user"}
# Particles of names that are words of their own ("van der Berg", "bin Abdullah").
PARTICLES = {"van", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della", "dos", "das", "von",
             "zu", "ten", "ter", "bin", "binti", "ibn", "al", "el", "y", "e", "mac", "st"}
# Look-alike letters of other scripts, and letters without a decomposition.
_FOLD_TABLE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k", "м": "m", "т": "t",
    "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ο": "o", "α": "a", "ε": "e", "ρ": "p", "τ": "t",
    "κ": "k", "ν": "v", "ι": "i", "υ": "u", "χ": "x", "đ": "d", "ı": "i", "ł": "l", "ø": "o", "ħ": "h",
    "ŧ": "t", "ŋ": "n", "ð": "d", "þ": "th"})     # Icelandic Þóra is written Thora in ASCII
# How German, Danish and Norwegian write their letters in ASCII ("Jörg Müller-Straßburg" as
# "Joerg Mueller-Strassburg", "Søren Ågård" as "Soeren Aagaard"); folding gives the other
# way ("Jorg", "Soren").
_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                           "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "Æ": "Ae"})
# A long vowel of Japanese romaji written with a macron or circumflex ("Yūko Satō") is also written
# doubled, with u or h after an o, or short: "Yuuko Satou", "Yuuko Satoo", "Yuko Satoh".
_LONG_VOWELS = [str.maketrans(dict(zip("āīūēōâîûêôĀĪŪĒŌÂÎÛÊÔ", style))) for style in (
    "aa ii uu ee ou aa ii uu ee ou Aa Ii Uu Ee Ou Aa Ii Uu Ee Ou".split(),
    "aa ii uu ee oo aa ii uu ee oo Aa Ii Uu Ee Oo Aa Ii Uu Ee Oo".split(),
    "a i u e oh a i u e oh A I U E Oh A I U E Oh".split())]
_SPACELESS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "LAO", "KHMER", "MYANMAR")


@lru_cache(maxsize=4096)
def _fold_char(char):
    """The folded form of one character ('' for an invisible one)."""
    if unicodedata.category(char) == "Cf":          # soft hyphen, zero-width space and joiners
        return ""
    out = []
    for piece in unicodedata.normalize("NFKD", char):
        if not unicodedata.combining(piece):
            out.append(piece.casefold().translate(_FOLD_TABLE))
    return "".join(out)


def fold(text):
    """Case- and accent-insensitive form of a name, with white space collapsed."""
    if text and text.isascii():
        # The scrubber folds whole reports: ASCII has nothing to decompose, no invisible
        # (Cf) characters and nothing in the look-alike table, so lower() is the fold.
        return " ".join(text.lower().split())
    return " ".join("".join(_fold_char(c) for c in text or "").split())


def fold_with_map(text):
    """`fold` without collapsing white space, and for each folded character the index of the
    original one; the map is None when nothing moved (ASCII folds in place, and fast)."""
    if text.isascii():
        return text.lower(), None
    folded, origin = [], []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin


def name_words(name):
    """The words of a name, folded: "Noa J. Fischer-Weiß" -> ['noa', 'j', 'fischer', 'weiss']."""
    return _WORD.findall(fold(name))


def is_name_like(part):
    """Long enough to stand for a person on its own (two CJK characters are a given name)."""
    if part in PARTICLES:
        return False
    return len(part) >= MIN_NAME_PART or (len(part) >= 2 and not part.isascii())


def spaceless_script(text):
    """True for scripts written without spaces between words (CJK, kana, Hangul, Thai)."""
    char = next((c for c in text if c.isalpha()), "")
    return bool(char) and any(script in unicodedata.name(char, "") for script in _SPACELESS)


def name_variants(name):
    """Other ways the same name is written: ASCII transliteration (with a Chinese or Korean
    name split into surname and given name, German and Nordic letters as two: "ue", "oe",
    "aa", "ss"), the given name alone for a spaceless name, and "First Last" for "Last, First"."""
    variants = []
    name = " ".join((name or "").split())
    if "," in name and name.count(",") == 1:
        last, first = (p.strip() for p in name.split(","))
        if last and first:
            variants.append(f"{first} {last}")
    if name and not name.isascii():
        ascii_form = anyascii(name)
        if spaceless_script(name) and " " not in name:
            syllables = re.findall(r"[A-Z][a-z]*", ascii_form)
            if len(syllables) >= 2:
                variants.append(f"{syllables[0]} {''.join(syllables[1:])}")
            if len(name) >= 3:
                variants.append(name[1:])                       # 王小红 -> 小红, 김민지 -> 민지
        elif ascii_form.strip() and ascii_form != name:
            variants += [ascii_form, *latin_spellings(name, ascii_form)]     # "Ol'ga" and "Olga"
        variants.append(name.translate(_DIGRAPHS))
        variants += [name.translate(style) for style in _LONG_VOWELS]
    return [v for v in variants if v and v != name]


def handles(name):
    """Handles a person with this name is likely to use, folded, longest first.

    From the name's first word and each later word, both ways round: `noafischer`,
    `noa.fischer`, `noa_fischer`, `noa-fischer`, `nfischer`, `n.fischer`, `fischernoa`,
    `fischer.noa`, `noaf`, `itziaretx`, `fischer_n`. Only names of two words or more give
    handles: one word alone is a name part.
    """
    words = [w.replace("'", "").replace("’", "") for w in name_words(name) if w.isascii()]
    words = [w for w in words if w not in PARTICLES] or words
    if len(words) < 2:
        return []
    forms = set()
    for sep in HANDLE_SEPARATORS:
        forms.add(sep.join(words))
    for other in words[1:]:
        forms.update(_pair_forms(words[0], other))
        forms.update(_pair_forms(other, words[0]))
    return sorted((f for f in forms if len(re.sub(r"[._-]", "", f)) >= 4), key=len, reverse=True)


def _pair_forms(first, last):
    forms = set()
    if len(last) < 2:
        return forms
    for sep in HANDLE_SEPARATORS:
        forms.add(f"{first}{sep}{last}")
        for k in (1, 2, 3):
            forms.add(f"{first}{sep}{last[:k]}")      # noaf, itziaretx, eszterk
            forms.add(f"{first[:k]}{sep}{last}")      # nfischer, no.fischer
    return forms


def local_part_words(address):
    """`ola.nowak+lists@…` -> ['ola', 'nowak']: how the address names its owner."""
    local = (address or "").rsplit("@", 1)[0].split("+", 1)[0]
    return [t for t in re.split(r"[._\-\d]+", fold(local)) if t.isalpha() and t not in NOT_NAME_WORDS]
