"""The search for forwarded mail (privacy/forwards.py) tries its line patterns only on lines
that could match them (`_could_match`): it must never skip a line a pattern matches, or a
forward's author would go unprotected."""

from hypothesis import given, settings, strategies as st

from mailrouter.privacy.forwards import _ATTRIBUTION, _LABELLED, _NAME_WROTE, _could_match, _inline

PIECES = ["From", "Von", "To", "Cc", "差出人", "Reported by", "*", ":", "：", "|", " ", "\t", "\r", "\f", "\u3000",
          "\xa0", ">", "Ana Lima", "ana@example.org", "<ana@example.org>", "[mailto:ana@example.org]", "(", ")",
          "On Mon, 2 Nov 2026 at 09:00,", "wrote", "schrieb", "a écrit", "写道", "Noa", "x", "12"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10))
def test_no_line_a_pattern_matches_is_skipped(pieces):
    line = "".join(pieces)
    labelled, attributed, wrote = _could_match(line)
    assert labelled or not _LABELLED.match(line)
    assert attributed or not _ATTRIBUTION.match(line)
    assert wrote or not _NAME_WROTE.match(line)


def test_forwards_are_still_found():
    text = ("Please see below.\n\n-------- Forwarded Message --------\nFrom：Noa Fischer <noa@example.org>\n"
            "To | conduct@example.org\n\nHe did it again.\n\nOn Mon, Ana Lima <ana@example.org> wrote:\n> hi\n"
            "Priya Raman schrieb:\n> hallo\n")
    found = _inline(text)
    assert [f.names for f in found] == [("Noa Fischer",), ("Ana Lima",), ("Priya Raman",)]


def test_white_space_after_the_colon_is_no_escape():
    for end in ("", " ", "\t", "\r", "\f", "\u3000", "\xa0", " \t\r"):
        for line in ("Noa Fischer wrote:", "On Mon, Ana <ana@example.org> wrote:", "Priya schrieb："):
            regexes = (_ATTRIBUTION.match(line + end), _NAME_WROTE.match(line + end))
            flags = _could_match(line + end)[1:]
            assert all(flag or not found for flag, found in zip(flags, regexes)), repr(line + end)
