"""Words a regular expression's every match must contain, read off the pattern itself.

A text holding none of them cannot match, and a substring test over a few kilobytes costs
microseconds where a long alternation tried at every position costs a millisecond
(privacy/intermediaries.py). Read with the `re` module's own parser, so a word is one the
compiled pattern really requires: a run of plain characters, or a group whose every
alternative requires a word. No word is claimed where none is sure: then None.
"""

try:
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:                     # before Python 3.11
    import sre_constants
    import sre_parse

SHORTEST = 2      # a word shorter than this would be found in nearly any text: no filter


def required_words(pattern):
    """A tuple of words, one of which every match of `pattern` (no flags) contains, or None."""
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & ~(sre_constants.SRE_FLAG_UNICODE | sre_constants.SRE_FLAG_MULTILINE):
        return None                     # (?i) and the like: a literal is no longer itself
    return _needs(parsed.data)


def _needs(items):
    """The best requirement of a sequence: the candidate whose shortest word is longest."""
    candidates, run = [], []
    for op, value in items:
        if op is sre_constants.LITERAL:
            run.append(chr(value))
            continue
        candidates.append(_run(run))
        run = []
        if op is sre_constants.BRANCH:
            candidates.append(_any_of(value[1]))
        elif op is sre_constants.SUBPATTERN and not (value[1] or value[2]):    # no (?i:…) flags
            candidates.append(_needs(value[-1].data))
    candidates.append(_run(run))
    found = [c for c in candidates if c and min(map(len, c)) >= SHORTEST]
    return max(found, key=lambda c: min(map(len, c)), default=None)


def _any_of(branches):
    """A branch requires one of its alternatives' words, only if every alternative has some."""
    words = []
    for branch in branches:
        needs = _needs(branch.data)
        if needs is None:
            return None
        words.extend(needs)
    return tuple(dict.fromkeys(words))


def _run(characters):
    return ("".join(characters),) if characters else None
