"""A report's text is split into the writer's own words and the quoted rest once, though
several stages ask (mail/quoting.py), and the answer is the same as splitting it anew."""

import uuid

from hypothesis import given, settings, strategies as st

from mailrouter.mail import quoting
from mailrouter.mail.quoting import split_own_text

LINES = ["He kept interrupting me.", "> quoted", "On Mon, Ana <ana@example.org> wrote:", "-- ", "Thanks,",
         "---------- Forwarded message ---------", "From: Noa <noa@example.org>", "", "Am Montag schrieb Noa:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_splitting_again_gives_what_splitting_anew_gives(lines):
    text = "\n".join(lines)
    for _ in range(2):
        assert split_own_text(text) == quoting._split.__wrapped__(text)


def test_the_same_text_asked_by_several_stages_is_split_once(monkeypatch):
    calls = []
    original = quoting.split_reply
    monkeypatch.setattr(quoting, "split_reply", lambda text: (calls.append(text), original(text))[1])
    text = f"He did it again ({uuid.uuid4()}).\n\nOn Mon, Ana <ana@example.org> wrote:\n> hi\n"
    own, rest = split_own_text(text)
    assert (own, rest) == split_own_text(text) and quoting.trimmed(text) == own.strip()
    assert len(calls) == 1
    big = "x\n" * quoting.SPLIT_KEPT                     # past the size kept: split each time, not kept
    assert split_own_text(big) == split_own_text(big) == (big, "")
    assert len(calls) == 3
