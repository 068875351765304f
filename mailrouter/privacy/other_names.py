"""A lone part of the reporter's name that belongs to someone else's name (P3).

The scrubber finds the reporter's given name or surname on its own. Standing inside another
person's full name ("Jürgen Schmidt", "Trần Thị Lan", "राहुल शर्मा", "佐藤健さん"), joined by a
hyphen to another given name ("Jukka-Pekka"), or inside a handle that is not theirs
(`@ken_sato_py`, `nam.nguyen.dev`), the part is that person's and is evidence. Still the
reporter's: their full name (its own pattern), a run holding two of their name's words
("Maria Clara dela Cruz" when only "Maria dela Cruz" is known), a part beside a title,
greeting or sentence-initial word ("Hi Maria", "Yesterday Maria"), and a lone part with no
other name beside it.
"""

import re
import unicodedata

from mailrouter.mail.name_forms import case_forms
from mailrouter.mail.names import NOT_NAME_WORDS, PARTICLES as NAME_PARTICLES, fold

# Particles of surnames beyond `names.PARTICLES` ("Juan dela Cruz", "de los Santos").
PARTICLES = NAME_PARTICLES | {"dela", "delos", "delas", "los", "las", "des", "dei", "degli", "ben", "bint", "abu",
                              "af", "av", "vom", "zum", "zur", "op", "het", "lo"}

# Capitalised words beside a name that are not a name: titles, greetings, kinship terms used
# as titles (Vietnamese "Anh", Tagalog "Si", Swahili "Bi"), function words of title-case subjects.
NOT_A_NAME = set("""mr mrs ms mx miss dr prof herr frau fr hr mme mlle sr sra srta sig pan pani dhr mevr
don dona senor senora sir madam maam dear hi hello hey hallo liebe lieber hola querida querido ola cara caro
bonjour salut chere cher ciao hej hei moi czesc drogi droga witaj ahoj zdravo pozdrav beste dag thanks thank
regards cheers from by about for with to and or the of re fw fwd von und mit fur an bei de del y con para
anh chi em co chu bac ban ong ba chau kinh gui chao cam si ni kay ate kuya tita tito bi bw bwana mama dada
kaka ndugu habari asante report complaint witness reported reporter signed sent team committee legal law
letterhead consulting group studio design associates partners solutions labs lab foundation university college
school institute family company agency media press hotel house haus wohnung street road strasse avenue office""".split())
# Frequent function words of scripts without case, which never make another person's name.
_UNCASED_WORDS = set("""ने को से में पर का की के है हैं था थी थे जी और ही भी तो नहीं बहुत श्री श्रीमती कुमारी
मैं मुझे मेरा मेरी वह उस उसने उन्होंने यह इस कहा बताया
في من على إلى عن مع قال قالت لي هو هي أنا كان كانت السيد السيدة الأستاذ الأستاذة الدكتور الدكتورة أخي أختي
ثم بعد قبل أمام جدا أن إن لقد""".split())
_CJK_TITLES = ("部長", "課長", "社長", "先生", "様", "氏", "君", "殿", "係長", "主任", "会長", "教授", "博士",
               "さん", "くん", "ちゃん", "さま")
_HONORIFIC_AFTER = re.compile(r"(?:さん|くん|君|ちゃん|氏|様|さま)")
_PLATFORM = re.compile(r"facebook|\bfb\b|twitter|github|gitlab|mastodon|instagram|\binsta\b|telegram|discord|linkedin|"
                       r"slack|tiktok|bluesky|threads|wechat|\bline\b|zalo|handle|account|konto|cuenta|conta|compte|"
                       r"username|user ?name|nick|blog|website", re.IGNORECASE)
_HANDLE = re.compile(r"[^\W_]+(?:[._-][^\W_]+)+")
_GAP = " \t\u00a0"
_SENTENCE_END = ".!?:;\"“”«»„(>*"
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def _letter(char):
    return unicodedata.category(char)[0] in "LM"


def _cased(word):
    return word[:1].isupper() or word[:1].islower()


def _letters(word):
    return sum(unicodedata.category(c)[0] == "L" for c in word)


class OtherNames:
    """Decides whether a lone name part found in a text is someone else's."""

    def __init__(self, names, roots, forms, initials=()):
        self.known = roots | forms             # the reporter's name parts and forms, folded
        self.initials = set(initials)          # "Olga W.": a surname with that initial is theirs
        # A case form ("Roberta" of Roberto, "Anny" of Anna, a clitic "לנועה") is most often the
        # reporter's own name in a sentence: never someone else's. A part may be, and a diminutive
        # other forms are made from ("Tomek": Tomka, Tomkiem).
        forms = forms - {f for part in roots for f in case_forms(part)}
        self.lone = roots | {f for f in forms if case_forms(f) & forms}
        self.vietnamese = any(_VIETNAMESE.search(n) for n in names)
        # Known by a given name alone ("Olga"), their surname may be any: "Olga Kowalska" may be them.
        self.full = any(len(n.split()) >= 2 for n in names)
        self.positions = {}                    # folded part -> {0: a given name, 1: a later word}
        for name in names:
            for i, word in enumerate(name.split()):
                self.positions.setdefault(fold(word), set()).add(min(i, 1))

    def someone_elses(self, text, start, end):
        """True if the lone part at text[start:end] stands in another person's name or handle,
        or is a Vietnamese name syllable written as a word ("thì", "ngày mai")."""
        found = text[start:end]
        word = fold(found)
        if not found or any(c in found for c in " -\t\u00a0") or word not in self.lone:     # "Chiomas": theirs
            return False
        if self.vietnamese and found[:1].islower() and self._bare_word(text, start, end):
            return True
        if not self.full:
            return False
        if spaceless(found):
            return self._cjk_other(text, end)
        if self._in_other_handle(text, start, end):
            return True
        if not _cased(found):
            return self._uncased_other(text, start, end, word)
        return (found[:1].isupper() or word in PARTICLES) and self._cased_other(text, start, end)

    def _is_part(self, word, known=None):
        return any(w in (known or self.known) for w in (word, word[:-1], word[:-2]) if w)

    def _bare_word(self, text, start, end):
        line_start = text.rfind("\n", 0, start) + 1
        return (start > 0 and text[start - 1] in _GAP and re.search(r"[^\W_]", text[line_start:start]) is not None
                and not re.match(r"[\w@-]|\.\w", text[end:end + 2]))

    def _in_other_handle(self, text, start, end):
        """Inside `nam.nguyen.dev` or `@ken_sato_py`: another name word glued to it."""
        left, right = start, end
        while left > 0 and (text[left - 1].isalnum() or text[left - 1] in "._-"):
            left -= 1
        while right < len(text) and (text[right].isalnum() or text[right] in "._-"):
            right += 1
        token = text[left:right].strip("._-")
        if token == text[start:end] or not _HANDLE.fullmatch(token) or "@" in text[right:right + 1]:
            return False
        if text[left - 1:left] != "@" and not _PLATFORM.search(text, max(0, left - 40), left):
            return False                # a file name ("quist-scan.jpg"), a sheet ("Berube_dates")
        words = [fold(w) for w in re.split(r"[._\-\d]+", token) if w]
        return any(len(w) >= 3 and w not in NOT_NAME_WORDS and not self._is_part(w) for w in words)

    def _cased_other(self, text, start, end):
        run = self._run(text, start, -1) + [(None, text[start:end])] + self._run(text, end, 1)
        if any(w[:1] in self.initials for j, w in run if j is not None and _name_word(w)):
            return False            # "Olga Wiśniewska-Nowak" for "Olga W.": their surname
        others = [w for _, w in run if _name_word(w) and not self._is_part(fold(w))]
        mine = {fold(w) for _, w in run if fold(w) not in PARTICLES and self._is_part(fold(w))}
        return bool(others) and len(mine) <= 1

    def _run(self, text, at, step):
        """The capitalised name words (and particles) beside `at`, joined by a space or hyphen."""
        words = []
        while True:
            word, at, joiner = _neighbour(text, at, step)
            if not word or not (word[:1].isupper() or fold(word) in PARTICLES) or any(c.isupper() for c in word[1:]):
                break
            initial = step < 0 and joiner != "-" and _sentence_initial(text, at)
            if initial and not self._is_part(fold(word)):
                break               # "Yesterday Anna": a capitalised word, not a name
            words.append((joiner, word))
            if initial:
                break
        return words[::-1] if step < 0 else words

    def _uncased_other(self, text, start, end, word):
        """Scripts without case: the word on the other name's side (before a surname, after a
        given name) is a name word of the script, not a function word."""
        positions = self.positions.get(word, {1})
        for step in (1,) if positions == {0} else (-1,) if 0 not in positions else (-1, 1):
            other, _, joiner = _neighbour(text, start if step < 0 else end, step)
            if other and not _cased(other) and _letters(other) >= 3 and other not in _UNCASED_WORDS \
                    and not self._is_part(fold(other)):
                return True
        return False

    def _cjk_other(self, text, end):
        """"佐藤健さん": the reporter's surname glued to another given name (one to three
        ideographs, then an honorific), not to a title ("佐藤部長")."""
        rest = text[end:end + 6]
        glued = re.match(r"[\u4e00-\u9fff]{1,3}", rest)
        if not glued or any(rest.startswith(t) for t in _CJK_TITLES):
            return False
        given = glued.group(0)
        if self._is_part(fold(given)):
            return False
        return _HONORIFIC_AFTER.match(rest, len(given)) is not None or not rest[len(given):len(given) + 1].strip()


def spaceless(text):
    return any("CJK" in unicodedata.name(c, "") for c in text)


def _name_word(word):
    return _letters(word) >= 2 and fold(word) not in NOT_A_NAME and fold(word) not in PARTICLES


def _neighbour(text, at, step):
    """(word, its far end, joiner) beside position `at`: one run of spaces or a hyphen between."""
    i = at
    if step < 0:
        while i > 0 and text[i - 1] in _GAP:
            i -= 1
        if i == at and i > 0 and text[i - 1] == "-":
            i -= 1
        joiner, j = text[i:at], i
        while j > 0 and _letter(text[j - 1]):
            j -= 1
        return (text[j:i], j, joiner) if joiner and j < i and (j == 0 or not text[j - 1].isalnum()) else ("", j, "")
    while i < len(text) and text[i] in _GAP:
        i += 1
    if i == at and i < len(text) and text[i] == "-":
        i += 1
    joiner, j = text[at:i], i
    while j < len(text) and _letter(text[j]):
        j += 1
    return (text[i:j], j, joiner) if joiner and i < j and (j == len(text) or not text[j].isalnum()) else ("", j, "")


def _sentence_initial(text, at):
    """True if the word beginning at `at` opens its line or sentence."""
    i = at
    while i > 0 and text[i - 1] in _GAP:
        i -= 1
    return i == 0 or text[i - 1] in "\r\n" or text[i - 1] in _SENTENCE_END
