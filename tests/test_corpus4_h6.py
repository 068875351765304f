"""Phone numbers and name forms the scrubber missed (h6), through real SMTP.

tests/corpus4/h6-*.eml: a reporter's number under a web form's `phone:` label or in the
next table cell, given mid-sentence ("estou no WhatsApp: +55 …", "tengo Signal: …"). Each report must become a case with its
forwards and acknowledgement, no planted identifier may reach a member-bound byte, and the
evidence around them (the reported person, their number, ordinary words) must survive.
"""

import re
import unicodedata
from pathlib import Path

import pytest

from corpus_checks import MEMBERS, run_corpus
from mailrouter.mail.names import fold, spaceless_script
from readable import readable_text

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "h6-formspree-web-form-notification.eml": (
        "bounces@formspree.io", "amara.okonkwo@hotmail.co.uk",
        [("addr", "amara.okonkwo@hotmail.co.uk"), ("name", "Amara Okonkwo"), ("name", "Okonkwo"),
         ("phone", "07700 900123")],
        ["Gareth Wynn", "phone:", "she/her"]),
    "h6-tally-german-html-only-telefon-cell.eml": (
        "bounces@tally.so", "jonas.becker@posteo.de",
        [("addr", "jonas.becker@posteo.de"), ("name", "Jonas Becker"), ("phone", "0176 / 234 567 89"),
         ("phone", "+49 160 1112233")],
        ["Lukas Hoffmann", "+49 151 98765432", "Telefon"]),
    "h6-android-gmail-whatsapp-label-phone-mid-body.eml": (
        "larissa.menezes@bol.com.br", "larissa.menezes@bol.com.br",
        [("addr", "larissa.menezes@bol.com.br"), ("name", "Larissa Menezes"), ("name", "Menezes"),
         ("phone", "+55 21 99876-5432")],
        ["Rodrigo Paiva", "estou no WhatsApp:"]),
    "h6-outlook-spanish-signal-mid-body.eml": (
        "lucia.fdez@outlook.es", "lucia.fdez@outlook.es",
        [("addr", "lucia.fdez@outlook.es"), ("name", "Lucía Fernández Ortega"), ("name", "Fernández"),
         ("phone", "+34 612 345 678"), ("phone", "+34 612 345 679")],
        ["Iker Garmendia", "+34 699 11 22 33", "tengo Signal:"]),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    facts = {name: {"mail_from": sender, "conflicts": {}} for name, (sender, *_) in REPORTS.items()}
    return run_corpus(CORPUS, facts, tmp_path_factory)


def _forwards(mail):
    return [m for m in mail if m.rcpt_tos[0] in MEMBERS and "New report" in str(m["Subject"])]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_becomes_a_case_with_its_forwards_and_its_ack(results, name):
    code, mail = results[name]
    assert code == 250
    assert len(_forwards(mail)) >= 2
    acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == [[REPORTS[name][1]]]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_member_bound_byte_carries_a_planted_identifier(results, name):
    member_mail = [m for m in results[name][1] if m.rcpt_tos[0] in MEMBERS]
    assert member_mail
    for message in member_mail:
        seen = readable_text(message.msg) + "\n" + message.data.decode("utf-8", "replace")
        seen += "\n" + unicodedata.normalize("NFKC", seen)      # full-width forms read as ASCII too
        for needle in REPORTS[name][2]:
            assert not _found(needle, seen), (message.rcpt_tos[0], needle)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_evidence_around_them_survives(results, name):
    forward = _forwards(results[name][1])[0]
    seen = " ".join(readable_text(forward.msg).split())
    for evidence in REPORTS[name][3]:
        assert " ".join(evidence.split()) in seen, evidence


def _found(needle, seen):
    kind, value = needle
    if kind == "phone":
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", value))
        return digits in re.sub(r"\D", "", seen)
    if kind in ("addr", "literal"):
        return value.lower() in seen.lower()
    folded, form = " ".join(fold(seen).split()), " ".join(fold(value).split())
    pattern = re.escape(form) if spaceless_script(form) else rf"(?<!\w){re.escape(form)}(?!\w)"
    return re.search(pattern, folded) is not None
