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
