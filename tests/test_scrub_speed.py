"""The scrubber's fast scan for names (privacy/pattern_start.py) finds exactly what the one
alternation of every name form finds, position for position, and the clean copy is the same."""

import re

from hypothesis import given, settings, strategies as st

from mailrouter.mail.names import fold_with_map
from mailrouter.privacy.identity_store import Identity
from mailrouter.privacy.pattern_start import JOIN_AFTER, Starts, first_characters
from mailrouter.privacy.scrubber import Scrubber

IDENTITIES = [Identity(("noa.fischer@example.net",), "Noa Fischer"),
              Identity(("li.wei@example.org",), "Li Wei", names=("Wei Li", "李伟")),
              Identity(("j.o-connor+conf@example.com",), "Józef O'Connor-Nowak", details=("+48 601 234 567",)),
              Identity(("bo@example.net",), "Bo Ek", people=(("Amara Okafor", ("amara@example.org",)),))]
WORDS = ["noa", "fischer", "Noa Fischer", "@noafischer", "n.fischer", "nfischer1990", "Ms. Li", "dr li", "li",
         "wei", "李伟", "józef", "o'connor-nowak", "Nowak's", "bo", "Bo Ek", "Amara", "okafor", "mr. ek",
         "hope", "the", "report", " ", "\n", "-", "_", ".", "@", "x", "é", "noa_fischer_", "Fischers"]


def reference(scrubber, folded):
    return [m.span() for m in re.compile("|".join(f"(?:{p.pattern})" for p in scrubber.name_patterns))
            .finditer(folded)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(IDENTITIES), st.booleans(), st.lists(st.sampled_from(WORDS), max_size=25),
       st.text(max_size=20))
def test_the_fast_scan_finds_what_the_alternation_finds(identity, short_names, words, noise):
    scrubber = Scrubber(identity, short_names=short_names)
    folded = fold_with_map("".join(words) + noise + " ".join(words))[0]
    assert [m.span() for m in scrubber.names_regex.finditer(folded)] == reference(scrubber, folded)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(IDENTITIES), st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.text(max_size=8))
def test_forms_joined_for_a_busy_character_find_what_the_alternation_finds(identity, words, noise):
    """Past JOIN_AFTER tries at one character its forms are tried as one pattern: the same matches."""
    scrubber = Scrubber(identity, short_names=True)
    folded = fold_with_map((" ".join(words) + noise) * (JOIN_AFTER + 5))[0]
    assert [m.span() for m in scrubber.names_regex.finditer(folded)] == reference(scrubber, folded)


def test_a_text_of_one_character_tried_everywhere_is_scanned_by_one_pattern():
    """200 KB of "@" cost 49 calls per position (1.8 s); the "@" forms are joined once."""
    scrubber = Scrubber(IDENTITIES[0])
    assert scrubber.text("@" * 2000 + " noa.fischer@example.net") == "@" * 2000 + " [reporter's address]"
    assert "@" in scrubber.names_regex.joined and len(scrubber.names_regex.by_char["@"]) > 1


def test_it_understands_the_scrubbers_forms_and_falls_back_on_others():
    for identity in IDENTITIES:
        scrubber = Scrubber(identity, short_names=True)
        assert scrubber.names_regex.scan is not None, identity
    wide = Starts([re.compile(r"\w+x")], lambda: re.compile(r"(?:\w+x)"))
    assert wide.scan is None and [m.group() for m in wide.finditer("ab abx")] == ["abx"]
    assert first_characters(re.compile("a?")) is None and first_characters(re.compile("(?i)ab")) is None
    assert first_characters(re.compile(r"(?<!\w)@?(?:mr|d[r-s])\.")) == {"@", "m", "d"}
