"""Words a regular expression's every match must contain, read off the pattern itself.

A text holding none of them cannot match, and a substring test over a few kilobytes costs
microseconds where a long alternation tried at every position costs a millisecond
(privacy/intermediaries.py). A word is one the pattern really requires: a run of plain
characters, or a group whose every alternative requires a word. No word is claimed where
none is sure: then None.

The pattern is read by a small reader of the `re` syntax, not by the `re` module's own
parser (a private module, `re._parser`, which moved in 3.11 and may again). `re.compile`
checks the pattern first, so the reader only meets valid ones, and the compiled pattern's
flags say whether a literal is still itself. Anything the reader does not follow (a
repeat, a class, an assertion, a group with flags, a construct it does not know) ends a
run of plain characters and claims nothing: it can only cost a word, never add a wrong one.
"""

import re
import unicodedata

SHORTEST = 2      # a word shorter than this would be found in nearly any text: no filter
_OTHER = object()                  # an item that is no plain character and requires no word
_ESCAPED = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}
_OCTAL, _DIGITS = "01234567", "0123456789"
# A repeat: ?, *, + or {m}, {m,}, {,n}, {m,n} ("{}" and "{x" are plain), lazy or possessive.
_REPEAT = re.compile(r"(?:[?*+]|\{(?:\d+(?:,\d*)?|,\d*)\})[?+]?")
_FLAGS = re.compile(r"\(\?[a-zA-Z]*(?:-[a-zA-Z]*)?([:)])")
_SKIPPED = ("(?=", "(?!", "(?<=", "(?<!", "(?>")        # assertions and atomic groups


class _Unsure(Exception):
    """A construct the reader does not know: no words rather than wrong ones."""


def required_words(pattern):
    """A tuple of words, one of which every match of `pattern` (no flags) contains, or None."""
    if re.compile(pattern).flags & ~(re.UNICODE | re.MULTILINE):
        return None                     # (?i) and the like: a literal is no longer itself
    try:
        branches, _ = _Reader(pattern).alternatives(0)
    except _Unsure:
        return None
    return _needs([branches])


class _Reader:
    """Items of a valid pattern: a plain character (a str), a group (its alternatives, each a
    list of items) or _OTHER."""

    def __init__(self, pattern):
        self.pattern = pattern

    def alternatives(self, i):
        """(The alternatives from `i` to the closing parenthesis or the end, the index there)."""
        branches, items, p = [], [], self.pattern
        while i < len(p) and p[i] != ")":
            if p[i] == "|":
                branches.append(items)
                items, i = [], i + 1
                continue
            item, i = self.atom(i)
            if item is not None:        # None: a comment or the pattern's flags, nothing to match
                items.append(item)
            repeat = _REPEAT.match(p, i)
            if repeat:                  # repeated, maybe never there: the last item requires nothing
                items[-1], i = _OTHER, repeat.end()
        branches.append(items)
        return branches, i

    def atom(self, i):
        char = self.pattern[i]
        if char == "(":
            return self.group(i)
        if char == "[":
            end = _class_end(self.pattern, i)
            return _lone_member(self.pattern[i + 1:end - 1]), end
        if char == "\\":
            return self.escape(i)
        return (_OTHER if char in ".^$" else char), i + 1

    def group(self, i):
        p = self.pattern
        if p.startswith(("(?P=", "(?#"), i):            # a back reference, a comment
            return (_OTHER if p[i + 2] == "P" else None), p.index(")", i) + 1
        if p.startswith(("(?:", "(?P<"), i) or not p.startswith("(?", i):
            start = p.index(">", i) + 1 if p.startswith("(?P<", i) else i + (3 if p[i + 1] == "?" else 1)
            branches, end = self.alternatives(start)
            return branches, end + 1
        if p.startswith(_SKIPPED, i) or p.startswith("(?(", i):
            start = p.index(")", i + 3) + 1 if p.startswith("(?(", i) else i + 3 + (p[i + 2] == "<")
            return _OTHER, self.alternatives(start)[1] + 1
        flags = _FLAGS.match(p, i)
        if flags is None:
            raise _Unsure(p[i:i + 4])
        if flags.group(1) == ")":                      # the pattern's flags, at its start
            return None, flags.end()
        return _OTHER, self.alternatives(flags.end())[1] + 1     # flags for the group only

    def escape(self, i):
        p, char = self.pattern, self.pattern[i + 1]
        if char in "AbBZdDsSwW":
            return _OTHER, i + 2
        if char in _ESCAPED:
            return _ESCAPED[char], i + 2
        if char in _HEX_DIGITS:
            end = i + 2 + _HEX_DIGITS[char]
            return chr(int(p[i + 2:end], 16)), end
        if char == "N":                                  # \N{NAME}
            end = p.index("}", i)
            return unicodedata.lookup(p[i + 3:end]), end + 1
        if char in _DIGITS:
            return _numbered(p, i)
        if char.isascii() and char.isalnum():
            raise _Unsure(p[i:i + 2])
        return char, i + 2


def _numbered(p, i):
    """`\\0`, `\\012`, `\\123`: a character in octal; `\\1`, `\\12`: a back reference."""
    if p[i + 1] == "0":
        end = i + 2
        while end < i + 4 and p[end:end + 1] and p[end] in _OCTAL:
            end += 1
        return chr(int(p[i + 1:end], 8)), end
    if p[i + 2:i + 3] and p[i + 2] in _DIGITS:
        if p[i + 1] in _OCTAL and p[i + 2] in _OCTAL and p[i + 3:i + 4] and p[i + 3] in _OCTAL:
            return chr(int(p[i + 1:i + 4], 8)), i + 4
        return _OTHER, i + 3
    return _OTHER, i + 2


def _class_end(p, i):
    """The index after the class `[...]` starting at `i` (a `]` first in it is a member)."""
    i += 2 if p.startswith("[^", i) else 1
    i += p[i] == "]"
    while p[i] != "]":
        i += 2 if p[i] == "\\" else 1
    return i + 1


def _lone_member(members):
    """A class of one character (`[.]`, `[\\.]`) is that character, as `re` reads it."""
    if len(members) == 1:
        return members
    if len(members) == 2 and members[0] == "\\" and not (members[1].isascii() and members[1].isalnum()):
        return members[1]
    return _OTHER


def _needs(items):
    """The best requirement of a sequence: the candidate whose shortest word is longest."""
    candidates, run = [], []
    for item in items:
        if isinstance(item, str):
            run.append(item)
            continue
        candidates.append(_run(run))
        run = []
        if item is not _OTHER:          # a group: one of its alternatives
            candidates.append(_any_of(item) if len(item) > 1 else _needs(item[0]))
    candidates.append(_run(run))
    found = [c for c in candidates if c and min(map(len, c)) >= SHORTEST]
    return max(found, key=lambda c: min(map(len, c)), default=None)


def _any_of(branches):
    """A branch requires one of its alternatives' words, only if every alternative has some."""
    words = []
    for branch in branches:
        needs = _needs(branch)
        if needs is None:
            return None
        words.extend(needs)
    return tuple(dict.fromkeys(words))


def _run(characters):
    return ("".join(characters),) if characters else None
