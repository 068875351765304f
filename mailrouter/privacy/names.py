"""How people are written: folded names, their words, and the handles built from them.

One folding for every comparison of names in mailrouter (case, accents and white space do
not matter), and one list of the handles a person is likely to use online (`@noafischer`,
`noa_fischer`, `nfischer`, `n.fischer`), so the scrubber that hides a reporter and the
matcher that finds a conflicted member's party see the same forms.
"""

import re
import unicodedata

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


def fold(text):
    """Case- and accent-insensitive form of a name, with white space collapsed."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def fold_with_map(text):
    """Casefolded, accent-free text and, for each of its characters, the original index."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(piece):
                continue
            for out in piece.casefold():
                folded.append(out)
                origin.append(index)
    return "".join(folded), origin


def name_words(name):
    """The words of a name, folded: "Noa J. Fischer-Weiß" -> ['noa', 'j', 'fischer', 'weiss']."""
    return _WORD.findall(fold(name))


def is_name_like(part):
    """Long enough to stand for a person on its own (two CJK characters are a given name)."""
    return len(part) >= MIN_NAME_PART or (len(part) >= 2 and not part.isascii())


def handles(name):
    """Handles a person with this name is likely to use, folded, longest first.

    From the first and last word (and the whole name joined): `noafischer`, `noa.fischer`,
    `noa_fischer`, `noa-fischer`, `nfischer`, `n.fischer`, `fischernoa`, `fischer.noa`,
    `noaf`. Only names of two words or more give handles: one word alone is a name part.
    """
    words = [w for w in name_words(name) if w.isascii()]
    if len(words) < 2:
        return []
    first, last = words[0], words[-1]
    if len(last) < 2:
        return []
    forms = set()
    for sep in HANDLE_SEPARATORS:
        forms.add(sep.join(words))
        forms.add(f"{first}{sep}{last}")
        forms.add(f"{last}{sep}{first}")
    for sep in HANDLE_SEPARATORS:
        for k in (1, 2, 3):
            forms.add(f"{first}{sep}{last[:k]}")      # noaf, itziaretx, beatrix_sz
            forms.add(f"{first[:k]}{sep}{last}")      # nfischer, no.fischer
    return sorted((f for f in forms if len(f.replace(".", "").replace("_", "").replace("-", "")) >= 4),
                  key=len, reverse=True)


def local_part_words(address):
    """`ola.nowak+lists@…` -> ['ola', 'nowak']: how the address names its owner."""
    local = (address or "").rsplit("@", 1)[0].split("+", 1)[0]
    return [t for t in re.split(r"[._-]+", fold(local)) if t.isalpha() and t not in NOT_NAME_WORDS]
