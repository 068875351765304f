"""The scrubber's own words are never scrubbed again (privacy/scrubber.py).

A reporter whose surname or local part is a word of a placeholder ("Reporter", "Address",
"Signature", "Mailrouter") turned `[reporter's address]` into `[[reporter] address]`, and
the fail-closed check then found the name in every HTML body of theirs and dropped it. The
placeholders are now left alone by every step, and are no leak to the check; a real leak
of such a name is still caught.

Two more faults of the same review: a base64 address far down a long chat export went
unchecked once ordinary long words had used up the decoding budget; and a members' copy
with full-text.txt and full-text.html could be larger than the relay takes.
"""

import base64
import re
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from hypothesis import given, settings, strategies as st

from harness import RunningDaemon, load, report, write_config
from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.long_body import FULL_HTML, FULL_TEXT
from mailrouter.privacy.scrubber import ADDRESS_PLACEHOLDER, ENCODED_WITHHELD, NAME_PLACEHOLDER, PGP_REMOVED, \
    Scrubber
from mailrouter.privacy.signature import SIGNATURE_REMOVED
from test_privacy_rules import COMMITTEE

PLACEHOLDERS = (ADDRESS_PLACEHOLDER, NAME_PLACEHOLDER, SIGNATURE_REMOVED, PGP_REMOVED, ENCODED_WITHHELD)
PLACEHOLDER_WORDS = sorted({w for p in PLACEHOLDERS for w in re.findall(r"[a-z]{3,}", p.lower())})
words = st.sampled_from(PLACEHOLDER_WORDS + ["noa", "fischer", "lima"])
MEMBER = "ana@example.org"


def reported(name, address):
    """A report, plain and HTML, naming its sender and signed by them."""
    b64 = base64.b64encode(address.encode()).decode()
    msg = EmailMessage(policy=SMTP)
    msg["From"], msg["To"], msg["Subject"] = f"{name} <{address}>", "conduct@example.org", "report"
    msg.set_content(f"Hello,\n\n{name} here. Mail me at {address}, or see https://example.com/?u={b64}\n\n"
                    f"Thanks,\n{name}\n")
    msg.add_alternative(f'<p>{name} here. Mail me at <a href="mailto:{address}">{address}</a>.</p>'
                        f'<p>It is <b>urgent</b>.</p>', subtype="html")
    return msg.as_bytes()


def copy_of(raw, address):
    identity = reporter_identity(parse(raw), raw, address, COMMITTEE)
    return Scrubber(identity), CleanCopy(Scrubber(identity)).of(parse(raw))


def without_placeholders(text):
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, " ").replace(placeholder.replace("'", "&#x27;"), " ")
    return text


def assert_scrubbed_and_whole(scrubber, copy, name, address):
    bodies = {part.get_content_subtype(): part.get_content() for part in copy.walk()
              if part.get_content_maintype() == "text"}
    assert "html" in bodies, "the HTML was dropped"
    assert "urgent" in bodies["html"]
    for text in bodies.values():
        rest = without_placeholders(text)
        assert "[" not in rest and "]" not in rest, text              # no `[[reporter] address]`
        assert address.lower() not in rest.lower() and not scrubber.found_in(rest)
        for word in name.split():
            assert not re.search(rf"\b{re.escape(word)}\b", rest, re.IGNORECASE), (word, text)


@settings(max_examples=60, deadline=None)
@given(first=words, last=words, local=st.lists(words, min_size=1, max_size=2), dotted=st.booleans())
def test_a_reporter_named_like_a_placeholder_is_scrubbed_and_their_html_kept(first, last, local, dotted):
    name = f"{first.capitalize()} {last.capitalize()}"
    address = ("." if dotted else "").join(local) + "@example.net"
    scrubber, copy = copy_of(reported(name, address), address)
    assert_scrubbed_and_whole(scrubber, copy, name, address)


def test_a_real_leak_of_such_a_name_is_still_caught():
    """The fail-closed check: the name across tags is seen in the joined text, HTML left out."""
    name, address = "Noa Reporter", "address@example.net"
    raw = reported(name, address).replace(b"It is <b>urgent</b>", b"Signed Rep<span>orter</span>")
    scrubber, copy = copy_of(raw, address)
    assert all(part.get_content_subtype() != "html" for part in copy.walk())
    assert scrubber.found_in("Signed Reporter") and not scrubber.found_in(f"Signed {NAME_PLACEHOLDER}")


def test_end_to_end_the_members_get_the_html_of_a_reporter_named_reporter(tmp_path, sink):
    name, address = "Jane Reporter", "reporter.address@example.net"
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        assert running.send(reported(name, address), mail_from=address)[0] == 250
        running.run_until_idle()
        (mail,) = sink.messages_to(MEMBER)
    finally:
        running.stop()
    texts = [part.get_content() for part in mail.msg.walk() if part.get_content_maintype() == "text"]
    assert any("<b>urgent</b>" in text for text in texts), "the HTML was dropped"
    for text in texts:
        assert "[[" not in text and "Jane" not in text and "reporter.address" not in text
        assert not re.search(r"\bReporter\b", text)


# -- an encoded address far down a long text (the decoded-token budget) -------------------

LONG_WORDS = "[12:01] someone: unbelievably inconsiderate misrepresentations, extraordinarily disrespectful\n"
ENCODED = base64.b64encode(b"reporter@example.net").decode()


@pytest.mark.slow
def test_a_base64_address_at_the_end_of_a_2_mb_chat_export_is_found(tmp_path, sink):
    """Ordinary long words no longer use up the decoding budget before the end of the text."""
    chat = LONG_WORDS * (2 * 1024 * 1024 // len(LONG_WORDS)) + f"[23:59] me: my id is {ENCODED}\n"
    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_cpu_seconds": 600}))).start()
    try:
        assert running.send(report(body=chat))[0] == 250
        running.run_until_idle(timeout=600)
        assert len(running.store.codes()) == 1
        (full,) = [part for mail in sink.messages_to(MEMBER) for part in mail.msg.walk()
                   if part.get_filename() == FULL_TEXT]
    finally:
        running.stop()
    text = full.get_content()
    assert ENCODED not in text and f"[23:59] me: my id is {ADDRESS_PLACEHOLDER}" in text.splitlines()
    assert text.count("misrepresentations") == chat.count("misrepresentations")


def test_past_the_budget_a_decodable_token_is_withheld_not_passed_unchecked():
    scrubber = Scrubber(reporter_identity(parse(reported("Jane Lima", "jl@example.net")), b"", "jl@example.net",
                                          COMMITTEE))
    noise = [base64.b64encode(f"meetup notes {i:06d}".encode()).decode() for i in range(4000)]
    text = " ".join(noise) + " " + base64.b64encode(b"jl@example.net").decode() + "\n"
    scrubbed = scrubber.text(text)
    assert base64.b64encode(b"jl@example.net").decode() not in scrubbed
    assert scrubbed.endswith(f"{ENCODED_WITHHELD}\n") and noise[0] in scrubbed


# -- a members' copy too large for the relay with its full texts ---------------------------

@pytest.mark.slow
def test_full_texts_that_would_make_the_forward_too_large_are_left_out_and_the_view_says_so(tmp_path, sink):
    """The relay takes 2.6 MB (the message size here): a 2.2 MB text with its 512 KB view and
    its full-text.txt would be over it. Members get the view and the note; the case keeps all."""
    chat = LONG_WORDS * int(2.2 * 1024 * 1024 // len(LONG_WORDS))
    config = write_config(tmp_path, sink.port, limits={"message_cpu_seconds": 600, "message_size": "2600KB"})
    running = RunningDaemon(load(config)).start()
    try:
        assert running.send(report(body=chat))[0] == 250
        running.run_until_idle(timeout=600)
        (code,) = running.store.codes()
        stored = parse(running.store.report(code))
        (mail,) = sink.messages_to(MEMBER)
    finally:
        running.stop()
    assert FULL_TEXT in {part.get_filename() for part in stored.walk()}
    assert FULL_TEXT not in {part.get_filename() for part in mail.msg.walk()}
    assert len(mail.msg.as_bytes()) < 2_600_000
    texts = [part.get_content() for part in mail.msg.walk() if part.get_content_maintype() == "text"]
    assert any("misrepresentations" in text and f"too large to attach to this mail ({FULL_TEXT}): "
               "the admin can send it on request" in text for text in texts)
    assert not any(f"attached as {FULL_TEXT}" in text for text in texts)
