"""The fast reading of "I pass this on for someone" (privacy/intermediaries.py) says exactly
what the case-insensitive pattern says: for ASCII text it matches the lowered text against
the lowered pattern, four times faster, and must never differ."""

import re

from hypothesis import given, settings, strategies as st

from mailrouter.privacy.intermediaries import _INTERMEDIARY, speaks_for_someone

PHRASES = ["on behalf of", "On Behalf Of Priya", "ASKED ME TO FORWARD", "she Asked Us To Share",
           "Passing This On", "I'm just the Messenger", "at her REQUEST", "Gave Me Their Permission",
           "HAT MICH GEBETEN", "Im Auftrag", "De La Part De", "En Nombre De", "NAMENS", "W IMIENIU",
           "They Want To Stay Anonymous", "WIL ANONIEM BLIJVEN", "Agreed That I Could Report",
           "came to the Booth", "Instead Of Writing To The Alias", "As Requested By"]


def reference(text):
    return bool(_INTERMEDIARY.search(text))


def test_every_phrase_in_any_case_reads_as_the_pattern_does():
    for phrase in PHRASES:
        for text in (phrase, phrase.upper(), phrase.lower(), phrase.swapcase(), f"Hi,\n{phrase.title()} x.\n"):
            assert speaks_for_someone(text) == reference(text) == True, text    # noqa: E712


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASES + ["hello", "the", " ", "\n", "ok", "me", "his", "to", "X"]), max_size=12),
       st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_reads_as_the_pattern_does(words, noise):
    text = " ".join(words) + noise
    assert speaks_for_someone(text) == reference(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_text_reads_as_the_pattern_does(text):
    assert speaks_for_someone(text) == reference(text)


def test_the_pattern_has_nothing_lowering_would_change():
    # Escapes (\S → \s) and classes ([A-Z]) would change meaning when the pattern is lowered.
    assert "\\" not in _INTERMEDIARY.pattern and "[" not in _INTERMEDIARY.pattern
    assert re.compile(_INTERMEDIARY.pattern.lower()).pattern == _INTERMEDIARY.pattern.lower()
