"""Whether a name in Greek or Cyrillic letters is a spelling of a name in Latin letters (pure).

A reporter whose From shows "Olga Petrenko" speaks as "Ольга Петренко" in their chat export;
"Eleni Papadopoulou" is "Ελένη Παπαδοπούλου" in Slack. Both sides are brought to a coarse
Latin key (the native name by a small reverse transliteration, then both by one normaliser
that merges what the common romanisations disagree on: g/h, i/y/j, ou/u, doubled letters,
kh/ch/h, ts/c), and each word must be close to a word of the other name. A name of one word,
or a script the table does not know, never matches (too easily someone else).
"""

import functools
import re
import unicodedata
from difflib import SequenceMatcher

_GREEK_PAIRS = {"ου": "u", "αι": "e", "ει": "i", "οι": "i", "υι": "i", "αυ": "av", "ευ": "ev", "μπ": "b",
                "ντ": "d", "γγ": "ng", "γκ": "g", "τσ": "ts", "τζ": "tz"}
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n",
                                                 "x", "o", "p", "r", "s", "s", "t", "i", "f", "h", "ps", "o"]))
_CYRILLIC = dict(zip("абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюяўђјљњћџ",
                     ["a", "b", "v", "g", "g", "d", "e", "ie", "e", "zh", "z", "i", "i", "i", "i", "k", "l", "m",
                      "n", "o", "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "shch", "", "i", "", "e", "iu",
                      "ia", "u", "dj", "i", "lj", "nj", "c", "dz"]))
_GREEK_PAIR = re.compile("|".join(_GREEK_PAIRS))
_LATIN_STEPS = (("shch", "s"), ("sch", "s"), ("sh", "s"), ("zh", "z"), ("kh", "h"), ("ch", "h"), ("ts", "c"),
                ("tz", "c"), ("cz", "c"), ("sz", "s"), ("th", "t"), ("ph", "f"), ("x", "ks"), ("w", "v"),
                ("y", "i"), ("j", "i"), ("ou", "u"), ("ai", "e"), ("ei", "i"), ("oi", "i"), ("h", "g"),
                ("q", "k"), ("c", "k"))
_SCRIPTS = (("greek", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")), ("cyrillic", re.compile(r"[\u0400-\u04ff]")),
            ("latin", re.compile(r"[A-Za-z\u00c0-\u024f]")))
CLOSE = 0.8


def script_of(name):
    """'greek', 'cyrillic', 'latin' or '' (another script, or none)."""
    return next((script for script, letters in _SCRIPTS if letters.search(name)), "")


@functools.lru_cache(maxsize=1024)
def latin_key(word):
    """The coarse Latin key of one word in any of the three scripts."""
    word = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    word = _GREEK_PAIR.sub(lambda m: _GREEK_PAIRS[m.group(0)], word)
    word = "".join(_GREEK.get(c) or _CYRILLIC.get(c, c) for c in word)
    word = re.sub(r"[^a-z]", "", word)
    for written, key in _LATIN_STEPS:
        word = word.replace(written, key)
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"i(?=[aeou])", "", word)


def _words(name):
    return [w for w in re.findall(r"[^\W\d_]+", name) if len(w) > 1]


def spelt_alike(native, latin):
    """Whether `native` (two words or more, in another script than `latin`) spells `latin`:
    each of its words close to a different word of `latin`."""
    if script_of(native) in ("", script_of(latin)) or script_of(latin) == "":
        return False
    theirs, ours = _words(native), [latin_key(w) for w in _words(latin)]
    if len(theirs) < 2 or len(theirs) > len(ours):
        return False
    for word in map(latin_key, theirs):
        close = [k for k in ours if SequenceMatcher(None, word, k).ratio() >= CLOSE]
        if not close:
            return False
        ours.remove(close[0])
    return True


def spelt_alike_any(native, names):
    """Whether `native` spells one of `names` (see `spelt_alike`)."""
    return any(spelt_alike(native, name) for name in names if name)
