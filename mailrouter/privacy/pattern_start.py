"""Where a pattern can start: a fast scan for the scrubber's one big name pattern.

The names pattern is an alternation of some fifty forms, each opening with a lookbehind,
so Python's engine tries every form at every position of the text: ~35 ms for 3 KB, most
of the cost of a report. A match can only begin at a character its first consumed item
accepts, so `Starts` finds those characters with a plain character class and tries the
pattern only there. The matches are the same as `finditer`'s (tests/test_scrub_speed.py);
a pattern whose start this does not understand is simply scanned as before.
"""

import re
import re._constants as sre   # the parser's own vocabulary (stable within a CPython line)
import re._parser as sre_parse

ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
MAX_RANGE = 256            # a wider class (any letter) gains nothing: scan as before
# Tries at one character before its forms are joined into one pattern, tried in C: text made
# of one such character ("@" 200,000 times) cost 49 calls per position, 1.8 s for 200 KB.
JOIN_AFTER = 64


class Starts:
    """`finditer`/`search` of the alternation `(?:p1)|(?:p2)|…` of `patterns`, trying at each
    position only the forms that can begin with its character, in their order: the first
    form that matches there is the one the alternation would take."""

    def __init__(self, patterns, combined):
        self.combine, self.combined = combined, None     # () -> the alternation, compiled when needed
        firsts = [first_characters(p) for p in patterns]
        self.scan = None
        if patterns and all(firsts):
            chars = sorted(set().union(*firsts))
            self.by_char = {c: [p for p, f in zip(patterns, firsts) if c in f] for c in chars}
            self.scan = re.compile("[" + "".join(map(_class_char, chars)) + "]")
            self.tries, self.joined = dict.fromkeys(chars, 0), {}

    def finditer(self, text):
        if self.scan is None:
            self.combined = self.combined or self.combine()
            yield from self.combined.finditer(text)
            return
        position = 0
        while (candidate := self.scan.search(text, position)) is not None:
            start = candidate.start()
            match = self._match_at(text, start)
            if match is not None and match.end() > start:
                yield match
                position = match.end()
            else:
                position = start + 1

    def search(self, text):
        return next(self.finditer(text), None)

    def _match_at(self, text, start):
        """The first form that matches at `start`, as the alternation of its character's forms."""
        char = text[start]
        joined = self.joined.get(char)
        if joined is not None:
            return joined.match(text, start)
        forms = self.by_char[char]
        self.tries[char] += 1
        if self.tries[char] == JOIN_AFTER and len(forms) > 1:
            self.joined[char] = re.compile("|".join(f"(?:{form.pattern})" for form in forms))
        return next(filter(None, (form.match(text, start) for form in forms)), None)


def first_characters(pattern):
    """The characters a non-empty match of `pattern` can begin with, or None if unknown
    (flags, categories such as \\w, a form that can match nothing)."""
    if pattern.flags & ~(re.UNICODE):
        return None
    try:
        chars, nullable = _first(sre_parse.parse(pattern.pattern))
    except _Unknown:
        return None
    return None if nullable or not chars else chars


class _Unknown(Exception):
    pass


def _first(items):
    """(characters, can the items match empty)."""
    chars = set()
    for op, av in items:
        if op in ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return chars | {chr(av)}, False
        if op is sre.IN:
            return chars | _class(av), False
        if op is sre.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unknown()            # inline flags
            sub, nullable = _first(av[3])
        elif op is sre.BRANCH:
            found = [_first(alternative) for alternative in av[1]]
            sub, nullable = set().union(*(f[0] for f in found)), any(f[1] for f in found)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            sub, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            raise _Unknown()
        chars |= sub
        if not nullable:
            return chars, False
    return chars, True


def _class(items):
    chars = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            raise _Unknown()                # NEGATE, CATEGORY, a wide range
    return chars


def _class_char(char):
    return "\\" + char if char in "\\]^-[" else char
