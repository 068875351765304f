"""The likely Cyrillic spellings of a name written in Latin letters ("Olga Ivanova" -> "Ольга Иванова").

A Russian, Ukrainian, Bulgarian or Serbian reporter often has a Latin display name while the report,
in their language, names them in Cyrillic ("Жалоба от Ольги Ивановой"). Transliteration back is
ambiguous (Olha is Ольга in Ukrainian, i is и or і, y is ы, и or й), so each Latin piece has its
likely letters, the most usual first, and a word gets the few spellings that take the fewest
second choices (`MAX_SPELLINGS`). The caller feeds them to the Cyrillic case forms (name_forms).
"""

import itertools
import re

MAX_SPELLINGS = 4
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_VOWELS = "aeiouy"
# Whole English-style spellings the letter rules would miss.
_WHOLE = {"alexander": ("александр",), "aleksander": ("александр",), "eugene": ("евгений",),
          "igor": ("игорь",), "yevgeny": ("евгений",), "evgeny": ("евгений",), "evgeniy": ("евгений",)}
# Latin pieces, longest first, and their Cyrillic letters (first the most usual).
_PIECES = {
    "shch": ("щ",), "sch": ("щ", "ш"), "zh": ("ж",), "kh": ("х",), "ts": ("ц", "тс"), "tch": ("ч",),
    "ch": ("ч",), "sh": ("ш",), "ya": ("я", "ья"), "ja": ("я",), "iya": ("ия",), "ia": ("ия", "я", "ья"),
    "yu": ("ю",), "ju": ("ю",), "iu": ("ию", "ю"), "yo": ("ё", "йо"), "jo": ("йо", "ё", "јо"), "ye": ("е", "ье", "є"),
    "je": ("е", "є"), "yi": ("ї", "ий"), "x": ("кс",), "a": ("а",), "b": ("б",), "v": ("в",), "w": ("в",),
    "g": ("г",), "d": ("д",), "e": ("е",), "z": ("з",), "i": ("и", "і"), "j": ("й",), "k": ("к",),
    "l": ("л",), "m": ("м",), "n": ("н",), "o": ("о",), "p": ("п",), "r": ("р",), "s": ("с",), "t": ("т",),
    "u": ("у",), "f": ("ф",), "h": ("х", "г"), "c": ("к", "ц"), "q": ("к",), "y": ("ы", "и"), "'": ("ь",),
    "-": ("-",), "č": ("ч",), "ć": ("ч", "ћ"), "š": ("ш",), "ž": ("ж",), "đ": ("ђ", "дж"),   # Serbian Latin
}
_LONGEST = sorted(_PIECES, key=len, reverse=True)


def shows_cyrillic(*texts):
    """Whether any of `texts` has a Cyrillic letter (only then are the spellings worth their cost)."""
    return any(text and _CYRILLIC.search(text) for text in texts)


def cyrillic_names(name):
    """A few Cyrillic spellings of the Latin `name`, word by word ([] if it is not in Latin letters)."""
    words = name.split()
    if not words or len(words) > 4 or not all(re.fullmatch(r"[a-zčćšžđ'-]+", w.lower()) for w in words):
        return []
    spellings = [cyrillic_spellings(w) for w in words]
    if not all(spellings):
        return []
    return [" ".join(s[min(i, len(s) - 1)] for s in spellings) for i in range(max(map(len, spellings)))]


def cyrillic_spellings(word):
    """Up to MAX_SPELLINGS Cyrillic spellings of one Latin word, capitalised, the likeliest first."""
    lowered = word.lower()
    if lowered in _WHOLE:
        return [w.capitalize() for w in _WHOLE[lowered]]
    choices = list(_choices(lowered))
    if len(choices) < 2:
        return []
    varying = [i for i, options in enumerate(choices) if len(options) > 1]
    # Serbian (Gaj's) Latin letters are one to one with Serbian Cyrillic: Jovanović is Јовановић.
    serbian = _serbian(lowered) if _SERBIAN.search(lowered) else None
    out = [serbian] if serbian and _SERBIAN_ONLY.search(lowered) else []
    for picks in _fewest_second_choices(varying, choices):
        spelling = "".join(options[picks.get(i, 0)] for i, options in enumerate(choices))
        if spelling not in out:
            out.append(spelling)
        if len(out) == MAX_SPELLINGS - bool(serbian):
            break
    return [s.capitalize() for s in out + ([serbian] if serbian and serbian not in out else [])]


_GAJ = {"lj": "љ", "nj": "њ", "dž": "џ", "j": "ј", "c": "ц", "ć": "ћ", "č": "ч", "đ": "ђ", "š": "ш", "ž": "ж",
        "h": "х", "y": "и", "w": "в", "x": "кс", "q": "к"}
_SERBIAN = re.compile("[čćšžđ]|lj|nj|dž|i[cć]$|ica$")
_SERBIAN_ONLY = re.compile("[ćđ]|dž")


def _serbian(word):
    """The Serbian Cyrillic of a word in Serbian (Gaj's) Latin letters."""
    pieces = re.findall(r"lj|nj|dž|.", re.sub("ic$", "ić", word))      # Jovanovic: the ć unwritten
    return "".join(_GAJ.get(p) or (_PIECES[p][0] if p in _PIECES else p) for p in pieces)


def _fewest_second_choices(varying, choices):
    """Index picks {position: option}: none changed, then one, then two (most likely first)."""
    yield {}
    for position in varying:
        yield {position: 1}
    for first, second in itertools.combinations(varying, 2):
        yield {first: 1, second: 1}
    for position in (p for p in varying if len(choices[p]) > 2):
        yield {position: 2}


def _choices(word):
    """The Cyrillic options of each Latin piece of `word`, with the rules of its position."""
    i = 0
    while i < len(word):
        piece = next((p for p in _LONGEST if word.startswith(p, i)), None)
        if piece is None:
            i += 1
            continue
        end = i + len(piece)
        before, after = word[i - 1:i], word[end:end + 1]
        options = _PIECES[piece]
        if piece in ("y", "i", "j") and before and before in _VOWELS and not after:
            options = ("й",)                                    # Sergey, Sergei, Nikolai
        elif piece == "y" and not after:
            options = ("ий", "ы", "и")                          # Dmitry, Vasily
        elif piece == "c" and before == "i" and not after:
            options = ("ч", "ц")                                # Jovanovic, Petrovic
        elif piece == "l" and after and after not in _VOWELS:
            options = ("ль", "л")                               # Olga, Olha
        elif piece == "yo" and not before:
            options = ("йо", "ё")                               # Yordan, but Fyodor
        elif piece == "e" and not before:
            options = ("е", "э")
        yield options
        i = end


# The other way: a Cyrillic name's ASCII form (anyascii: "Ol'ga", "Dmitriy", "Yuliya") is also
# written without the soft sign and with the endings passports and English use.
_LATIN_ALTERNATIVES = ((r"'", ""), (r"iy\b", "y"), (r"iya\b", "ia"), (r"yi\b", "y"), (r"\bYu", "Ju"),
                       (r"ks", "x"))


def latin_spellings(cyrillic_name, ascii_form):
    """Other Latin spellings of a Cyrillic name beside its ASCII form: "Olga", "Dmitry", "Yulia"."""
    if not _CYRILLIC.search(cyrillic_name):
        return []
    out, current = [], ascii_form
    for pattern, replacement in _LATIN_ALTERNATIVES:
        changed = re.sub(pattern, replacement, current)
        if changed != current:
            out.append(changed)
            current = changed
    return out[-2:]
