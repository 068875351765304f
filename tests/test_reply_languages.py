"""split_reply keeps the committee's quoted discussion away from the reporter, in every language."""

import random
import time

import pytest

from mailrouter.mail.replies import ReplyParts, signature_start, split_reply
from reply_samples import LANGUAGES, SAMPLES

BY_ID = {sample["id"]: sample for sample in SAMPLES}


def test_samples_cover_every_language_and_client():
    assert len(BY_ID) == len(SAMPLES), "sample ids must be unique"
    clients = ("gmail", "apple", "thunderbird", "outlook")
    for language in LANGUAGES:
        for client in clients:
            assert f"{client}-{language}" in BY_ID
    assert sum(1 for s in SAMPLES if s.get("kind") == "unclassified") >= 8
    assert sum(1 for s in SAMPLES if s.get("kind") == "prose") >= 8


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["id"] for s in SAMPLES])
def test_own_words(sample):
    parts = split_reply(sample["text"])
    assert parts.own == sample["own"]
    assert sample["must_not_appear"] or sample.get("kind") == "prose"
    for secret in sample["must_not_appear"]:
        assert secret not in parts.own


@pytest.mark.parametrize("sample", SAMPLES, ids=[s["id"] for s in SAMPLES])
def test_the_rest_is_classified(sample):
    parts = split_reply(sample["text"])
    kind = sample.get("kind")
    if kind == "prose":
        assert (parts.own, parts.quoted, parts.unclassified) == (sample["text"], "", "")
    elif kind == "unclassified":
        assert parts.unclassified.strip()
        assert parts.unclassified.strip() not in parts.own
    else:
        assert parts.quoted.strip(), "the quoted mail should be recognised"
        assert parts.unclassified == ""
    assert sample["text"].endswith(parts.quoted)
    assert sample["text"].startswith(parts.own)


def test_parts_are_frozen_and_empty_input_is_fine():
    parts = split_reply("")
    assert parts == ReplyParts(own="", quoted="", unclassified="")
    with pytest.raises(AttributeError):
        parts.own = "x"
    assert split_reply(None).own == ""


def test_crlf_line_endings():
    text = "Hi,\r\n\r\nagreed.\r\n\r\nOn Mon, 2 Nov 2026 at 10:00, Ana Lima <ana@example.org> wrote:\r\n> secret\r\n"
    parts = split_reply(text)
    assert parts.own == "Hi,\r\n\r\nagreed."
    assert parts.quoted.startswith("On Mon")


def test_reply_that_starts_with_a_quote_has_no_own_words():
    parts = split_reply("> Ana Lima wrote this\n\nMy answer below the quote.")
    assert parts.own == ""
    assert "My answer" in parts.quoted


def test_unrecognised_text_before_recognised_quote():
    text = "Fine.\n\n~~~~~ old thread ~~~~~\nsomething\n\nOn 2 Nov 2026, at 10:00, Ana Lima <ana@example.org> wrote:\n> x\n"
    parts = split_reply(text)
    assert parts.own == "Fine."
    assert parts.unclassified.startswith("~~~~~ old thread")
    assert parts.quoted.startswith("On 2 Nov 2026")


SIGNATURES = [
    "-- ", "--", "Sent from my iPhone", "Sent from my iPad", "Sent from my Galaxy",
    "Sent from Outlook for Android", "Get Outlook for iOS", "Get Outlook for Android<https://aka.ms/ghei36>",
    "Sent from Mail for Windows", "Von meinem iPhone gesendet", "Von meinem Samsung Galaxy Smartphone gesendet.",
    "Envoyé de mon iPhone", "Enviado desde mi iPhone", "Enviado do meu iPhone", "Inviato da iPhone",
    "Verzonden vanaf mijn iPhone", "Verstuurd vanaf mijn iPhone", "Wysłane z iPhone'a", "Wysłane z iPhone",
    "Skickat från min iPhone", "iPhoneから送信", "发自我的iPhone", "從我的 iPhone 傳送",
    "Obtenir Outlook pour iOS", "Holen Sie sich Outlook für Android", "Skaffa Outlook för iOS",
]


@pytest.mark.parametrize("signature", SIGNATURES)
def test_signature_start(signature):
    own = "Hi,\n\nthanks, we will reply soon.\n\n"
    assert signature_start(own + signature + "\nChidi\n") == len(own)


@pytest.mark.parametrize("text", [
    "Hi,\n\nI sent from my office the iPhone photos you asked for, as promised.\n",
    "Please do not reply with --verbose output.\n",
    "Sent from my perspective, this is fine.\n",
    "We use Outlook for iOS and Android in the committee.\n",
    "",
])
def test_no_signature(text):
    assert signature_start(text) is None


def test_own_words_stop_at_the_signature():
    parts = split_reply("Thanks,\n\nSent from my iPhone\n\nAnd a postscript\n")
    assert parts.own == "Thanks,"


def _random_lines(rng, size):
    alphabet = "abcdefghijklmnopqrstuvwxyzäöüéñ ,.:;!?-_=*<>@()0123456789年月日"
    lines, total = [], 0
    while total < size:
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        line = line.lstrip(">")
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def test_a_megabyte_of_random_lines_splits_well_under_a_second():
    text = _random_lines(random.Random(7), 1_000_000)
    started = time.perf_counter()
    split_reply(text)
    signature_start(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("make", [
    lambda rng: "a" * 1_000_000,
    lambda rng: "1" * 1_000_000 + ":",
    lambda rng: ("On " + "x" * 999_990 + " wrote:"),
    lambda rng: "<" * 500_000 + "@" * 500_000,
    lambda rng: "-" * 1_000_000,
    lambda rng: ("Ab: " * 250_000),
    lambda rng: "\n".join(["From: x y z"] + ["word word word word"] * 50_000),
    lambda rng: ("2 nov 2026 10:00 " * 60_000) + ":",
    lambda rng: ("x" * 590 + ":\n") * 1700,
    lambda rng: "\n".join(["ab"] * 330_000),
    lambda rng: "phone\n" * 160_000,
    lambda rng: ":\n" * 500_000,
], ids=["one-long-line", "digits-colon", "long-attribution", "angles", "dashes",
        "fields", "many-lines", "dates", "long-colon-lines", "short-lines", "device-words", "colon-lines"])
def test_no_megabyte_shape_is_slow(make):
    """Shapes chosen to defeat the fast paths: still linear, about a second at worst on a busy machine."""
    text = make(random.Random(7))
    started = time.perf_counter()
    split_reply(text)
    signature_start(text)
    assert time.perf_counter() - started < 2.0
