"""The reporter's own earlier mail, attached, which an adversarial tester found reaching the
members readable, and variants of each class, through real SMTP (tests/corpus4/f1-*.eml).

- An attached message sent base64 or quoted-printable (RFC 2046 forbids it; Yahoo, Zimbra and
  scripts do it): members got its encoded text, the reporter's From, signature and phone
  inside. It is decoded and cleaned like any attached message (`mail/encoded_messages.py`):
  message/rfc822 or message/global, at the top or inside someone else's forwarded mail.
- An attached own mail whose HTML alternative carries a signature its text alternative does
  not (OWA's Sent items: a table with title, faculty, phones, ORCID): the HTML loses what lies
  where the text alternative's signature is (`privacy/clean_copy.py`).
- Own mail attached at depth two, or as an .eml declared application/octet-stream, still clean.

Each report goes through its own daemon (corpus_checks.run_corpus); every member-bound byte
is searched for the planted identifying strings as a member's tools could read them (each
part decoded, base64 runs and quoted-printable text decoded again), while the report still
becomes a case forwarded to every member, its evidence readable.
"""

import base64
import binascii
import html
import quopri
import re
from pathlib import Path

import pytest

from corpus4_checks import everything, forwards, found, member_mail, readable, run_reports
from corpus_checks import MEMBERS

CORPUS = Path(__file__).parent / "corpus4"

# name: (envelope sender, identifying strings that must not reach a member, evidence that must)
# A needle "tel:…" is a phone number, compared on its digits.
REPORTS = {
    "f1-yahoo-ro-message-rfc822-base64-encoded-own-mail-cu-stima.eml": (
        "irina.popescu@yahoo.ro", ["Irina Popescu", "tel:0722 123 456"],
        ["Mihai, nu mai vreau să primesc mesaje de la tine.", "Mihai Ionescu"]),
    "f1-zimbra-message-rfc822-quoted-printable-own-mail.eml": (
        "seb.lefebvre@free.fr", ["Sébastien Lefèbvre", "tel:06 12 34 56 78"],
        ["Nicolas, arrête de commenter mes photos.", "Nicolas Roux"]),
    "f1-gmx-de-message-global-base64-own-mail-text-and-html.eml": (
        "j.weiss@gmx.de", ["Jürgen Weiß", "tel:0170 5550123"],
        ["Thomas, bitte hör auf, mir nachts zu schreiben.", "Thomas Berger"]),
    "f1-sapo-pt-quoted-printable-own-mail-inside-his-forward.eml": (
        "ines.matos@sapo.pt", ["Inês Matos", "tel:+351 912 555 321"],
        ["Rui, deixa de me mandar mensagens a meio da noite.", "Vejam o que ela me escreveu", "Rui Costa"]),
    "f1-apple-mail-nested-rfc822-own-mail-at-depth-two.eml": (
        "lucia.fdz.ortega@gmail.com", ["Lucía Fernández Ortega", "Fernández Ortega", "tel:612 34 56 78"],
        ["te pedí que dejaras de escribirme por las noches", "Álvaro Gil"]),
    "f1-owa-eml-attached-as-octet-stream-own-mail-signature.eml": (
        "hamid.karimi@chmail.ir", ["Hamid Karimi", "tel:+98 912 345 6789", "Tehran Python User Group"],
        ["Omid, please stop sending me messages at night.", "Omid Rahimi"]),
    "f1-owa-own-sent-mail-eml-html-signature-table-bcc-self-orcid.eml": (
        "a.nowicka-berg@uw.edu.pl", ["ola.nowicka.priv@gmail.com", "Aleksandra Nowicka-Berg", "Nowicka-Berg",
                                     "tel:+48 22 555 12 34", "tel:+48 698 555 432", ("literal", "0000-0002-1825-0097"),
                                     ("literal", "Wydział Fizyki")],
        ["Marcin, please stop contacting me outside the workshop channel.", "Marcin Lis"]),
    "f1-outlook-cz-own-mail-eml-octet-stream-html-signature-table-titles.eml": (
        "jana.dvorakova@vsb.cz", ["Jana Dvořáková", "Dvořáková", "tel:+420 597 325 555", "tel:+420 603 555 123",
                                  ("literal", "Katedra informatiky")],
        ["Petr, přestaň mi psát o mém vzhledu.", "Na přednášce jsi vypadala unaveně, měla by ses víc usmívat.",
         "Petr Svoboda"]),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_reports(CORPUS, {name: report[0] for name, report in REPORTS.items()}, tmp_path_factory)


def decoded_too(message):
    """What `everything` sees, and each part's text decoded once more as base64 (runs of 40
    or more of its letters) and as quoted-printable: how a member's tool reads an encoded body."""
    seen = [everything(message)]
    for part in message.msg.walk():
        if part.is_multipart():
            continue
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
        seen.append(quopri.decodestring(text.encode("utf-8")).decode("utf-8", "replace"))
        for run in re.findall(r"[A-Za-z0-9+/=\r\n]{40,}", text):
            try:
                seen.append(base64.b64decode(re.sub(r"\s", "", run) + "==", validate=False)
                            .decode("utf-8", "replace"))
            except (binascii.Error, ValueError):
                continue
    return "\n".join(seen)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_becomes_a_case_forwarded_to_every_member_and_acknowledged(results, name):
    code, mail = results[name]
    assert code == 250
    assert {m.rcpt_tos[0] for m in forwards(member_mail(mail))} == MEMBERS
    acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == [[REPORTS[name][0]]]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_member_bound_byte_carries_the_reporter_even_encoded(results, name):
    sender, needles, _ = REPORTS[name]
    mail = member_mail(results[name][1])
    assert mail
    for message in mail:
        seen = decoded_too(message)
        for needle in [("addr", sender), *needles]:
            assert not found(needle, seen), (message.rcpt_tos[0], needle)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_attached_mail_is_readable_evidence(results, name):
    seen = readable(forwards(member_mail(results[name][1]))[0])
    for evidence in REPORTS[name][2]:
        assert " ".join(evidence.split()) in seen, evidence


# -- the parse rule (mail/encoded_messages.py), unit by unit ------------------------------------
from email.message import EmailMessage  # noqa: E402

from mailrouter.mail.encoded_messages import MAX_DECODED  # noqa: E402
from mailrouter.mail.limits import over_limits  # noqa: E402
from mailrouter.mail.message import parse  # noqa: E402

INNER = (b"From: Irina Popescu <irina.popescu@yahoo.ro>\r\nTo: Mihai <m@example.com>\r\n"
         b"Subject: Re\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCu stim\xc4\x83,\r\nIrina\r\n")


def _attached(inner, encoding, content_type="message/rfc822"):
    body = base64.encodebytes(inner) if encoding.lower() == "base64" else quopri.encodestring(inner)
    return (b"From: a@example.org\r\nTo: conduct@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
            b"--b\r\nContent-Type: " + content_type.encode() + b"\r\nContent-Transfer-Encoding: " +
            encoding.encode() + b"\r\n\r\n" + body + b"\r\n--b--\r\n")


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable", "Base64"])
@pytest.mark.parametrize("content_type", ["message/rfc822", "message/global"])
def test_an_encoded_attached_message_is_parsed_as_the_message_it_is(encoding, content_type):
    part = list(parse(_attached(INNER, encoding, content_type)).iter_parts())[1]
    inner = part.get_payload(0)
    assert str(inner["From"]) == "Irina Popescu <irina.popescu@yahoo.ro>"
    assert "Cu stimă,\r\nIrina" in inner.get_content()
    assert part["Content-Transfer-Encoding"] == "8bit"          # what it is now, written out as it is
    assert b"irina.popescu@yahoo.ro" in part.as_bytes()
    assert all(type(p) is EmailMessage for p in parse(_attached(INNER, encoding)).walk())


def test_decoding_is_bounded_per_message():
    # Side by side: a chain of them, each in the last, nests past the depth cap now that the
    # caps read them decoded (mail/encoded_parts.py, test_g7_encoded_evidence.py).
    one = b"--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(INNER)
    raw = (b"From: a@example.org\r\nTo: conduct@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" + one * (MAX_DECODED + 3) + b"--b--\r\n")
    assert over_limits(raw) is None
    decoded = [part.is_multipart() for part in parse(raw).iter_parts()]
    assert decoded == [True] * MAX_DECODED + [False] * 3     # past the bound: left as encoded leaves


def test_a_decoded_message_past_the_caps_stays_encoded():
    hostile = b"From: x@example.com\r\nContent-Type: text/plain" + b";" * 20000 + b"\r\n\r\nbody\r\n"
    part = list(parse(_attached(hostile, "base64")).iter_parts())[1]
    assert not part.is_multipart() and part["Content-Transfer-Encoding"] == "base64"


HTML_EVIDENCE = {
    "f1-owa-own-sent-mail-eml-html-signature-table-bcc-self-orcid.eml":
        ["Marcin, please stop contacting me outside the workshop channel."],
    "f1-outlook-cz-own-mail-eml-octet-stream-html-signature-table-titles.eml":
        ["Petr, přestaň mi psát o mém vzhledu.", "S pozdravem",
         "Dne 30. 10. 2026 v 21:12 Petr Svoboda", "Na přednášce jsi vypadala unaveně, měla by ses víc usmívat."],
}


@pytest.mark.parametrize("name", sorted(HTML_EVIDENCE))
def test_the_html_alternative_keeps_the_words_around_the_signature(results, name):
    forward = forwards(member_mail(results[name][1]))[0]
    nested = [p for p in forward.msg.walk() if p.get_content_type() == "text/html" and p is not forward.msg]
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", p.get_content())) for p in nested)
    for words in HTML_EVIDENCE[name]:
        assert words in " ".join(shown.split()), words


# -- the HTML beside its text alternative's signature (privacy/alternative_signature.py) --------
from mailrouter.privacy.alternative_signature import MAX_REGION, dropped_lines  # noqa: E402

PLAIN = "Marcin, please stop writing to me.\n\nAleksandra\n\nOn Fri, Marcin Lis wrote:\n> you again"
SHOWN = ("Marcin, please stop writing to me.\ndr Aleksandra Nowicka-Berg\nAdiunkt, Wydział Fizyki UW\n"
         "ORCID 0000-0002-1825-0097 (https://orcid.org/0000-0002-1825-0097)\nOn Fri, Marcin Lis wrote:\nyou again")
ROOTS = {"aleksandra", "nowicka-berg", "nowicka", "berg"}


def test_the_html_loses_what_lies_where_its_text_alternative_signs():
    dropped = dropped_lines(SHOWN, PLAIN, ROOTS)
    assert {"dr Aleksandra Nowicka-Berg", "Adiunkt, Wydział Fizyki UW", "ORCID 0000-0002-1825-0097",
            "https://orcid.org/0000-0002-1825-0097"} <= dropped          # a link's URL too
    assert not {"Marcin, please stop writing to me.", "On Fri, Marcin Lis wrote:", "you again"} & dropped


def test_without_a_text_signature_or_its_edges_only_the_html_decides():
    # The HTML alone now knows this signature by its academic title (privacy/signature_names.py).
    html_alone = dropped_lines(SHOWN, "", ROOTS)
    assert "Adiunkt, Wydział Fizyki UW" in html_alone
    assert dropped_lines(SHOWN, "Marcin, please stop writing to me.", ROOTS) == html_alone
    assert dropped_lines(SHOWN, PLAIN.replace("stop writing", "never write"), ROOTS) == html_alone
    untitled = SHOWN.replace("dr Aleksandra Nowicka-Berg", "Aleksandra")
    assert dropped_lines(untitled, "Marcin, please stop writing to me.", ROOTS) == dropped_lines(untitled, "", ROOTS)


def test_a_region_longer_than_a_signature_is_not_taken():
    padded = SHOWN.replace("Adiunkt", "\n".join(f"line {i}" for i in range(MAX_REGION)) + "\nAdiunkt")
    assert "Adiunkt, Wydział Fizyki UW" not in dropped_lines(padded, PLAIN, ROOTS)


def test_an_attached_message_past_the_caps_is_left_out_unparsed():
    from mailrouter.privacy.clean_copy import CleanCopy
    from mailrouter.privacy.identify import reporter_identity
    from mailrouter.privacy.scrubber import Scrubber
    hostile = b"From: x@example.com\r\nContent-Type: text/plain" + b";" * 20000 + b"\r\n\r\nbody\r\n"
    raw = _attached(hostile, "base64")
    msg = parse(raw)
    copy = CleanCopy(Scrubber(reporter_identity(msg, raw, "a@example.org", None, {"conduct@example.org"})))
    copy.of(msg)
    assert "A forwarded message could not be read and was left out." in copy.notes
    assert [o.handling for o in copy.originals] == ["message"]          # kept sealed all the same
