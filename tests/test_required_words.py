"""The words every match of "I pass this on for someone" requires (privacy/required_words.py)
let the worker skip the search on a text holding none of them (issue 11): a text the
pattern matches must never be read as not matching because the filter missed a word."""

import re

from hypothesis import given, settings, strategies as st

from mailrouter.privacy.intermediaries import _INTERMEDIARY_LOWER, _INTERMEDIARY_WORDS, speaks_for_someone
from mailrouter.privacy.required_words import required_words


@settings(max_examples=1500, deadline=None)
@given(st.from_regex(_INTERMEDIARY_LOWER, fullmatch=True),
       st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_every_text_the_pattern_matches_passes_the_filter(match, noise):
    text = noise + match + noise
    assert speaks_for_someone(text), text


def test_the_filter_skips_a_report_without_any_of_the_words():
    assert _INTERMEDIARY_WORDS is not None
    report = "".join(f"{k}X" + "X" * 77 + "\n" for k in range(1, 39))
    assert not any(word in report.lower() for word in _INTERMEDIARY_WORDS)
    assert not speaks_for_someone(report)


def test_words_are_read_off_the_pattern():
    assert required_words(r"on (?:her|his) behalf|asked (?:me|us) to (?:forward|pass)") == (" behalf", "asked ")
    assert set(required_words(r"(?:ok|fine) (?:with me|for us)")) == {"with me", "for us"}
    # No sure word: no filter rather than a wrong one.
    assert required_words(r"a|b") is None
    assert required_words(r"x+yz?|abc") is None
    assert required_words(r"(?i)behalf") is None
    assert required_words(r"(?i:behalf)|abc") is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([r"on (?:her|his) behalf|asked (?:me|us) to (?:forward|pass)",
                        r"(?:ok|fine) (?:with me|for us)|namens|w imieniu", r"x(?:abc|de)y|qq(?:r|s)tt"]),
       st.data())
def test_a_match_of_any_pattern_holds_one_of_its_words(pattern, data):
    words = required_words(pattern)
    text = data.draw(st.from_regex(pattern))
    if re.search(pattern, text):
        assert any(word in text for word in words), (pattern, text, words)


# What `re`'s own parser (re._parser, private) read off these, before the words were read
# by a reader of our own (privacy/required_words.py): the same, but where noted.
READ_AS_RE_READS_THEM = [
    (r"foo\.bar", ("foo.bar",)), (r"a\ b\'c", ("a b'c",)), (r"caf\u00e9 ok", ("café ok",)),
    (r"caf\xe9s", ("cafés",)), (r"caf\N{LATIN SMALL LETTER E WITH ACUTE}s", ("cafés",)),
    (r"ab\012cd", ("ab\ncd",)), (r"\101bc", ("Abc",)), (r"ab\0cd", ("ab\0cd",)),
    (r"(ab)c\1", ("ab",)), (r"(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)xy\12z", ("xy",)),   # back references
    (r"x{2}yz", ("yz",)), (r"ab{", ("ab{",)), (r"ab{}", ("ab{}",)), (r"ab{x}", ("ab{x}",)),
    (r"ab{,}cd", ("cd",)), (r"ab{2,}?c", None), (r"ab+?cd", ("cd",)), (r"ab*+cd", ("cd",)),
    (r"(?:ab){1}", None), (r"(ab|cd)?ef", ("ef",)), (r"(?:ab|a)cd", ("cd",)),
    (r"[]ab]cd", ("cd",)), (r"[^]x]yz", ("yz",)), (r"[a\]b]cd", ("cd",)), (r"ab\d\d", ("ab",)),
    (r"[.]ab", (".ab",)), (r"[\.]ab", (".ab",)), (r"[]]ab", ("]ab",)), (r"x[-]y", ("x-y",)),
    (r"ab(?#x)cd", ("abcd",)), (r"(?=abc)de", ("de",)), (r"(?<=xyz)ab", ("ab",)), (r"(?<!xyz)ab", ("ab",)),
    (r"(?>abc)de", ("de",)), (r"(a)?(?(1)bcd|efg)hi", ("hi",)), (r"(?P<n>abc)|(?P<m>def)", ("abc", "def")),
    (r"(?P<n>ab)x(?P=n)", ("ab",)), (r"^abc$", ("abc",)), (r"\babc\b", ("abc",)), (r"x(?:abc|de)y", ("abc", "de")),
    (r"(?m)abc", ("abc",)), (r"(?s)abc", None), (r"(?x)a b", None), (r"(?-i:abc)d", None),
    # re's parser took the alternatives' common start out of them ("ab"): the whole is surer.
    (r"(?:abc|abd)", ("abc", "abd")),
    # An escaped letter in a class (\n) is not followed: one word less, never a wrong one.
    (r"[\n]ab", ("ab",)),
]


def test_escapes_repeats_classes_and_groups_are_read_as_re_reads_them():
    for pattern, words in READ_AS_RE_READS_THEM:
        assert required_words(pattern) == words, pattern


PIECES = st.sampled_from(["a", "b", "ab", "abc", " ", r"\.", r"\x41", r"\n", r"\012", ".", "^", r"\b", r"\d", "[ab]",
                          "[]a]", "[.]", "{", "{x", "(?#c)", "é", "日本"])
REPEATS = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{,3}", "{1,2}?", "*+"])


def _sequences(inner):
    return st.lists(st.tuples(st.one_of(PIECES, inner), REPEATS).map("".join), max_size=4).map("".join)


GROUPS = st.deferred(lambda: st.tuples(
    st.sampled_from(["(?:", "(", "(?=", "(?<=", "(?>", "(?i:", "(?P<g>"]),
    st.lists(_sequences(GROUPS), min_size=1, max_size=3).map("|".join)).map(lambda t: f"{t[0]}{t[1]})"))
PATTERNS = st.lists(_sequences(GROUPS), min_size=1, max_size=3).map("|".join)


@settings(max_examples=200, deadline=None)
@given(PATTERNS, st.data())
def test_every_match_of_any_pattern_holds_a_word_read_off_it(pattern, data):
    try:
        compiled = re.compile(pattern)
    except re.error:
        return                          # not a pattern (a lookbehind of varying width, …)
    words = required_words(pattern)
    if words is not None:
        match = data.draw(st.from_regex(compiled, fullmatch=True))
        assert any(word in match for word in words), (pattern, match, words)
