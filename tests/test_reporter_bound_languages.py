"""Invariant 3 in every language a member's mail client writes (P9), over real SMTP.

For each language of the issue, a member answers with `#to-reporter`, their client quoting
the committee's discussion below their words (as Gmail, Outlook, Apple Mail or Thunderbird
write it in that language). The reporter gets the member's own words, and no member name,
address, phone or quoted internal mail. Text that looks like earlier mail but is not
recognised is held back, and the author is told how to send it anyway.
"""

import re

import pytest

from harness import member_says, report
from reply_samples import SAMPLES

REPORTER = "reporter@example.net"
ANA = "Ana Lima <ana@example.org>"
LANGUAGES = ("en", "de", "fr", "es", "pt-BR", "pt-PT", "it", "nl", "pl", "sv", "ja", "zh-CN", "zh-TW")
MEMBER_FORMS = ("ana@example.org", "bo@example.org", "chidi@example.org", "Ana Lima", "Bo Chen", "Chidi Okafor",
                "+49 170 1234567")


def sample_for(language, client):
    return next(s for s in SAMPLES if s["language"] == language and s["client"] == client
                and s.get("kind") is None)


def internal_fragments(sample):
    """Pieces of the quoted committee discussion (between member names) that must not go out."""
    own_lines = {line.strip() for line in sample["own"].splitlines()}
    split_at = re.compile("|".join(re.escape(f) for f in MEMBER_FORMS + ("Ana", "Bo", "Chidi")))
    fragments = []
    for line in sample["text"].splitlines():
        line = line.lstrip("> \t")
        if line.strip() and line.strip() not in own_lines:
            fragments += [f.strip(" :：,.、。") for f in split_at.split(line) if len(f.strip(" :：,.、。")) >= 10]
    return fragments


def to_reporter_mail(sink):
    return [m for m in sink.messages_to(REPORTER) if "message from the committee" in str(m["Subject"])]


@pytest.mark.parametrize("client", ("gmail", "outlook", "apple", "thunderbird"))
@pytest.mark.parametrize("language", LANGUAGES)
def test_to_reporter_carries_only_the_members_own_words(daemon, sink, language, client):
    try:
        sample = sample_for(language, client)
    except StopIteration:
        pytest.fail(f"no {client} sample in {language}")
    daemon.send(report(), mail_from=REPORTER)
    daemon.run_until_idle()
    member_says(daemon, sink, ANA, "#to-reporter\n" + sample["text"])
    (sent,) = to_reporter_mail(sink)
    text, raw = sent.text(), sent.data.decode("utf-8", "replace")
    first_line = next(line for line in sample["own"].splitlines() if line.strip())
    assert first_line.strip() in text
    fragments = internal_fragments(sample)
    assert fragments, "the sample quotes no committee discussion"
    for fragment in fragments:
        assert fragment not in text, fragment
    for form in MEMBER_FORMS + tuple(sample["must_not_appear"]):
        assert form not in text, form
        assert not re.search(rf"(?<![\w.+-]){re.escape(form)}", raw) or "@" not in form, form


def test_unrecognised_earlier_mail_is_held_back_and_the_author_told_how_to_send(daemon, sink):
    daemon.send(report(), mail_from=REPORTER)
    daemon.run_until_idle()
    body = ("#to-reporter\nThank you, we are on it.\n\n==== previous message ====\n"
            "Kimden: Bo Chen <bo@example.org>\nGönderildi: 2 Kasım 2026\nKonu: notes\n\nInternal notes.\n")
    member_says(daemon, sink, ANA, body)
    assert to_reporter_mail(sink) == []
    confirmation = [m for m in sink.messages_to("ana@example.org") if "Your commands" in str(m["Subject"])][-1]
    assert "nothing was sent to the reporter" in confirmation.text()
    assert "#to-reporter as-is" in confirmation.text()
    member_says(daemon, sink, ANA, body.replace("#to-reporter", "#to-reporter as-is"))
    (sent,) = to_reporter_mail(sink)
    assert "Thank you, we are on it." in sent.text()
    # As an address: a random Message-ID may end in "…bo@example.org" (it did, in CI).
    assert not re.search(r"(?<![\w.+-])bo@example\.org", sent.data.decode()) and "Bo Chen" not in sent.text()


def test_any_members_name_in_the_text_becomes_a_committee_member(daemon, sink):
    daemon.send(report(), mail_from=REPORTER)
    daemon.run_until_idle()
    member_says(daemon, sink, ANA, "#to-reporter\nChidi Okafor will call you tomorrow; "
                                   "or call me on +49 170 5550199.\n")
    (sent,) = to_reporter_mail(sink)
    assert "Chidi" not in sent.text() and "5550199" not in sent.text()
    assert "a committee member will call you tomorrow" in sent.text()
