"""Patterns rewritten for speed (issue 11 (b)) find what they found before: the messenger links
with a number (privacy/own_contacts._NUMBER_LINK: alternatives grouped by first letter, the
lookbehind moved after that letter), the weak self-introductions (privacy/self_named._WEAK:
grouped), and the text checks that skip a scan (every messenger link holds ":" or "/", every
OpenPGP fingerprint line holds ":"). Each rewritten pattern is compared with the one it
replaced on texts built from its own pieces, in any case, beside the characters its
lookbehinds look at."""

import re

from hypothesis import given, settings, strategies as st

from mailrouter.privacy import own_contacts, self_named

OLD_NUMBER_LINK = re.compile(
    r"(?:wa\.me/|whatsapp\.com/send/?\?phone=|signal\.me/#p/|t\.me/|viber://(?:chat|add)\?number=|"
    r"(?<![\w.-])(?:sms|tel|callto|facetime(?:-audio)?):(?://)?)(?:\+|%2[bB])?(\d[\d.()-]{6,18}\d)(?!\d)",
    re.IGNORECASE)
OLD_WEAK = re.compile(r"(?:^|(?<=[\s,;.!?]))(?:i am|i'm|i’m|ich bin|je suis|soy|sou|sono|ik ben|я)[\s,]+(?=[^\W\d_])",
                      re.IGNORECASE)

LINK_PIECES = ["wa.me/", "WA.ME/", "whatsapp.com/send?phone=", "whatsapp.com/send/?phone=", "signal.me/#p/",
               "t.me/", "T.me/", "viber://chat?number=", "viber://add?number=", "sms:", "SMS://", "tel:", "tel://",
               "callto:", "facetime:", "facetime-audio:", "+", "%2B", "%2b", "4915112345678", "49 151", "(0)",
               "12-34", "1.2", "x", "a", "_", ".", "-", " ", "\n", "s", "t", "c", "f", "ſ", "K", "İ", "ı", "é",
               "1234567890123456789012"]
WEAK_PIECES = ["i am", "I AM", "i'm", "I’m", "ich bin", "Ich bin", "je suis", "soy", "sou", "sono", "ik ben", "я",
               "Я", "ı am", "İ'm", "ſoy", "Ana", "ana", "9", "_", " ", ",", ", ", ".", "!", "?", ";", "\n", "x", "\t"]


def pieces(alphabet):
    return st.lists(st.sampled_from(alphabet), min_size=1, max_size=14).map("".join)


def matches(pattern, text):
    return [(m.span(), m.groups(), m.group()) for m in pattern.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(pieces(LINK_PIECES))
def test_messenger_links_match_as_before(text):
    assert matches(own_contacts._NUMBER_LINK, text) == matches(OLD_NUMBER_LINK, text)
    if ":" not in text and "/" not in text:       # why own_contacts may skip the scan
        assert matches(OLD_NUMBER_LINK, text) == []


@settings(max_examples=1500, deadline=None)
@given(pieces(WEAK_PIECES))
def test_weak_introductions_match_as_before(text):
    assert matches(self_named._WEAK, text) == matches(OLD_WEAK, text)


@settings(max_examples=500, deadline=None)
@given(pieces(["gpg:", "GPG:", "Fingerprint", "fingerprint:", "Key fingerprint = ", "Fingerabdruck", "empreinte",
               "huella", "impronta", " ", "\n", "> ", "ABCD 1234", ":", "x"]))
def test_fingerprint_lines_always_hold_a_colon(text):
    """Why _gpg_blocks may skip the scan of a text without one."""
    assert all(":" in m.group(0) for m in self_named._GPG_LINE.finditer(text))
    assert self_named._gpg_blocks(text) == [m.group(0) for m in self_named._GPG_LINE.finditer(text)] or ":" in text


def test_a_link_and_an_introduction_are_still_found():
    assert matches(own_contacts._NUMBER_LINK, "write me: wa.me/4915112345678 or tel:+49 151 1234567")
    assert [m.group(1) for m in own_contacts._NUMBER_LINK.finditer("x.tel:4915112345678 FaceTime:4915112345678")] \
        == ["4915112345678"]                     # after a dot: not a link (the lookbehind)
    assert matches(self_named._WEAK, "Hello, I'm Ana.") == matches(OLD_WEAK, "Hello, I'm Ana.") != []
