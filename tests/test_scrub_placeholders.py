"""The scrubber's own words are never scrubbed again (privacy/scrubber.py).

A reporter whose surname or local part is a word of a placeholder ("Reporter", "Address",
"Signature", "Mailrouter") turned `[reporter's address]` into `[[reporter] address]`, and
the fail-closed check then found the name in every HTML body of theirs and dropped it. The
placeholders are now left alone by every step, and are no leak to the check; a real leak
of such a name is still caught.
"""

import base64
import re
from email.message import EmailMessage
from email.policy import SMTP

from hypothesis import given, settings, strategies as st

from harness import RunningDaemon, load, write_config
from mailrouter.mail.message import parse
from mailrouter.privacy.clean_copy import CleanCopy
from mailrouter.privacy.identify import reporter_identity
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
