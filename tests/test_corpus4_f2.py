"""The Subject members see: the scrubbed subject of the report, word for word (corpus4, f2).

Clients encode a Subject every way RFC 2047 allows: one B encoded word for a run of words,
a run split across folded lines (the space inside one word, or inside the next), a split in
the middle of a word, B then Q, a Q word among plain words, another charset (GBK). The
forwards re-encode it; CPython's folder lost the space where it folded between two encoded
words ("отОльги"), doubled it between a plain word and an encoded one ("Meetup  Zürich"),
and folded right after "Subject:" (a leading space). mail/subject_fold.py writes it now.
tests/corpus4/f2-*.eml are written by tools/make_corpus4_f2.py (their subjects name no
reporter: the forward's subject must be the original's, exactly). Each report goes
through its own daemon over real SMTP (corpus_checks.run_corpus).
"""

import email
from email import policy
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path

import pytest

from corpus4_checks import forwards, member_mail, reporter_tests
from mailrouter.mail.header_cache import FAST_SMTP
from mailrouter.mail.message import SAFE_SMTP, SAFE_SMTPUTF8, header, parse
from mailrouter.mail.subject_fold import fold_subject
from mailrouter.outbound.compose import _Generator
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.scrubber import Scrubber
from mailrouter.privacy.subject_phones import subject_phone_numbers

CORPUS = Path(__file__).parent / "corpus4"

# name: envelope sender, acknowledged address, needles, evidence; then the subject as sent
REPORTS = {
    "f2-thunderbird-vietnamese-subject-b-words-split-across-folds.eml": (
        "lan.nguyen@fpt.vn", "lan.nguyen@fpt.vn", [("name", "Nguyễn Thị Lan")], ["Trần Văn Hùng"]),
    "f2-gmail-hindi-subject-plain-words-then-b-run.eml": (
        "priyanka.sharma91@rediffmail.com", "priyanka.sharma91@rediffmail.com",
        [("name", "Priyanka Sharma"), ("name", "प्रियंका शर्मा")], ["रोहित वर्मा"]),
    "f2-yandex-russian-subject-b-then-q-split-inside-a-word.eml": (
        "marina.volkova@yandex.ru", "marina.volkova@yandex.ru", [("name", "Марина Волкова")], ["Сергей Кузнецов"]),
    "f2-apple-mail-german-subject-q-word-among-plain-words.eml": (
        "reto.brunner@bluewin.ch", "reto.brunner@bluewin.ch", [("name", "Reto Brunner")], ["Markus Keller"]),
    "f2-foxmail-chinese-subject-gbk-b-with-ascii-words.eml": (
        "wang.fang@qq.com", "wang.fang@qq.com", [("name", "王芳")], ["李强"]),
    "f2-zoho-english-ascii-subject-one-word-past-the-line.eml": (
        "rohan.v@zoho.in", "rohan.v@zoho.in", [("name", "Rohan V")], ["Arjun Mehta"]),
    # The reporter's own number in the Subject, after a request to call; another's stays.
    "f2-btmail-name-and-phone-in-subject.eml": (
        "tbaker77@btinternet.com", "tbaker77@btinternet.com", [("name", "Tom Baker"), ("phone", "07700 900456")],
        ["Nigel Hughes threatened me"]),
    "f2-gmx-german-q-subject-bitte-rueckruf-unter-own-number.eml": (
        "sabine.krause@gmx.de", "sabine.krause@gmx.de", [("name", "Sabine Krause"), ("phone", "0170 5550123")],
        ["Jonas Weber", "0151 2220999"]),
    "f2-mailru-russian-b-subject-pozvonite-and-his-number-kept.eml": (
        "irina.petrova@mail.ru", "irina.petrova@mail.ru", [("name", "Ирина Петрова"), ("phone", "+7 912 345-67-89")],
        ["Андрей Смирнов", "+7 916 000-11-22"]),
    # The reporter's short given name declined beside their declined surname.
    "f2-wp-polish-genitive-name-in-subject-dative-in-evidence.eml": (
        "anna.kowalska@wp.pl", "anna.kowalska@wp.pl",
        [("name", "Anna Kowalska"), ("name", "Anny"), ("name", "Kowalskiej"), ("name", "Annie")],
        ["Bartosz Kaczmarek napisał mi po meetupie"]),
    "f2-seznam-czech-genitive-name-in-subject.eml": (
        "jana.novakova@seznam.cz", "jana.novakova@seznam.cz",
        [("name", "Jana Nováková"), ("name", "Jany"), ("name", "Novákové")], ["Petr Svoboda"]),
    "f2-onet-polish-q-subject-genitive-short-given-name.eml": (
        "ewa.nowak@onet.pl", "ewa.nowak@onet.pl", [("name", "Ewa Nowak"), ("name", "Ewy")], ["Piotr Zieliński"]),
}
SUBJECTS = {
    "f2-thunderbird-vietnamese-subject-b-words-split-across-folds.eml":
        "Báo cáo quấy rối tại PyCon Vietnam 2026 trong buổi tối giao lưu (Hanoi)",
    "f2-gmail-hindi-subject-plain-words-then-b-run.eml":
        "PyCon India में उत्पीड़न की शिकायत: रोहित वर्मा ने सम्मेलन के दौरान टिप्पणियाँ कीं",
    "f2-yandex-russian-subject-b-then-q-split-inside-a-word.eml":
        "Жалоба на поведение Сергея Кузнецова на PyCon RU вечером (Moscow)",
    "f2-apple-mail-german-subject-q-word-among-plain-words.eml":
        "Meldung: Vorfall beim Python Meetup Zürich am Freitagabend - bitte vertraulich behandeln",
    "f2-foxmail-chinese-subject-gbk-b-with-ascii-words.eml": "关于PyCon China 2026 会议期间骚扰事件的举报，请委员会尽快处理 谢谢",
    "f2-zoho-english-ascii-subject-one-word-past-the-line.eml": "Heckling during my talk at PyCon India yesterday",
    "f2-btmail-name-and-phone-in-subject.eml": "[reporter] - please call [reporter's phone] re PyCon UK incident",
    "f2-gmx-german-q-subject-bitte-rueckruf-unter-own-number.eml":
        "Belästigung beim Python-Barcamp – bitte Rückruf unter [reporter's phone]",
    "f2-mailru-russian-b-subject-pozvonite-and-his-number-kept.eml":
        "Андрей Смирнов звонит по ночам (+7 916 000-11-22), позвоните мне [reporter's phone]",
}
SUBJECTS.update({
    "f2-wp-polish-genitive-name-in-subject-dative-in-evidence.eml": "Zgłoszenie od [reporter] - PyWaw",
    "f2-seznam-czech-genitive-name-in-subject.eml": "Stížnost od [reporter] - PyCon CZ",
    "f2-onet-polish-q-subject-genitive-short-given-name.eml": "Zgłoszenie: nękanie [reporter] na PyCon PL",
})
SENT_AS = {"f2-wp-polish-genitive-name-in-subject-dative-in-evidence.eml": "Zgłoszenie od Anny Kowalskiej - PyWaw",
           "f2-seznam-czech-genitive-name-in-subject.eml": "Stížnost od Jany Novákové - PyCon CZ",
           "f2-onet-polish-q-subject-genitive-short-given-name.eml": "Zgłoszenie: nękanie Ewy Nowak na PyCon PL","f2-btmail-name-and-phone-in-subject.eml": "Tom Baker - please call 07700 900456 re PyCon UK incident",
           "f2-gmx-german-q-subject-bitte-rueckruf-unter-own-number.eml":
               "Belästigung beim Python-Barcamp – bitte Rückruf unter 0170 5550123",
           "f2-mailru-russian-b-subject-pozvonite-and-his-number-kept.eml":
               "Андрей Смирнов звонит по ночам (+7 916 000-11-22), позвоните мне +7 912 345-67-89"}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_the_report_reads_the_subject_it_was_sent_with(name):
    assert header(parse((CORPUS / name).read_bytes()), "Subject") == SENT_AS.get(name, SUBJECTS[name])


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_forward_shows_the_reports_subject_word_for_word(results, name):
    sent = forwards(member_mail(results[name][1]))
    assert sent
    for message in sent:
        seen = str(email.message_from_bytes(message.data, policy=policy.default)["Subject"])
        assert seen.startswith("[") and seen.split("] New report: ", 1)[1] == SUBJECTS[name], seen


SCRIPTS = ["Жалоба от Ольги Ивановой (PyCon RU)", "Báo cáo quấy rối tại PyCon Vietnam",
           "PyCon India में उत्पीड़न की शिकायत", "Vorfall beim Python Meetup Zürich am Freitag spät",
           "关于大会期间骚扰事件的举报 PyCon China", "x=?y?z a_b ? 50%=half", "👨‍👩‍👧 Zgłoszenie"]


def _subjects():
    """Long subjects of every script and shape, so folds fall between every kind of neighbour."""
    words = " ".join(SCRIPTS).split()
    for start in range(0, len(words), 3):
        for length in (4, 9, 17, 30):
            yield " ".join((words * 3)[start:start + length])
    yield "".join(words)                       # one long word of every script
    yield "Heckling during my talk at PyCon India yesterday afternoon at the venue"


@pytest.mark.parametrize("subject", list(_subjects()))
def test_a_folded_subject_reads_back_word_for_word(subject):
    prefixed = f"[overland crossword] New report: {subject}"
    written = fold_subject(prefixed)
    assert all(len(line) <= 78 for line in written.split(b"\r\n"))
    for out in (written, _generated(prefixed, SAFE_SMTP), _generated(prefixed, SAFE_SMTPUTF8)):
        assert str(email.message_from_bytes(out + b"\r\n", policy=policy.default)["Subject"]) == prefixed, out
        assert header(parse(out + b"\r\nx\r\n"), "Subject") == prefixed


def _generated(subject, writing):
    msg = EmailMessage(policy=FAST_SMTP)
    msg["Subject"] = subject
    out = BytesIO()
    _Generator(out, mangle_from_=False, policy=writing).flatten(msg, unixfrom=False)
    return out.getvalue().split(b"\r\n\r\n")[0] + b"\r\n"


def test_text_that_reads_as_an_encoded_word_is_encoded_so_it_reads_as_written():
    written = fold_subject("Re: =?utf-8?q?Ol=C5=A1a?= wrote this")
    assert str(email.message_from_bytes(written + b"\r\n", policy=policy.default)["Subject"]) == \
        "Re: =?utf-8?q?Ol=C5=A1a?= wrote this"


@pytest.mark.parametrize("subject, theirs", [
    ("Tom Baker - please call 07700 900456 re PyCon UK incident", ["07700 900456"]),
    ("Please ring me on 07700 900456", ["07700 900456"]),
    ("Bitte Rückruf unter 0170 5550123 - Vorfall", ["0170 5550123"]),
    ("Zgłoszenie - proszę dzwonić 601 234 567", ["601 234 567"]),
    ("Жалоба, позвоните мне +7 912 345 67 89", ["+7 912 345 67 89"]),
    ("Harassment by John (07700 900123)", []),                  # the reported person's: evidence
    ("Report: his WhatsApp 07700 900123 - please call", []),
    ("He keeps texting me from 07700 900123", []),
    ("Incident at PyCon, 2026-11-02 14:30", []),
])
def test_a_number_the_subject_asks_the_committee_to_call_is_the_reporters(subject, theirs):
    assert subject_phone_numbers(subject) == theirs


def test_a_short_given_name_in_another_case_goes_beside_the_surname_only():
    raw = b"From: Anna Kowalska <anna.kowalska@wp.pl>\r\nTo: conduct@example.org\r\nSubject: x\r\n\r\nhi\r\n"
    scrub = Scrubber(reporter_identity(parse(raw), raw, "anna.kowalska@wp.pl", None, {"conduct@example.org"})).value
    assert scrub("Zgłoszenie od Anny Kowalskiej") == "Zgłoszenie od [reporter]"
    assert scrub("lista: Kowalskiej Annie, Nowak Piotrowi") == "lista: [reporter], Nowak Piotrowi"
    # Alone, a Slavic reporter's given name is scrubbed in its case forms too (mail/name_inflections.py):
    # another Anna loses her first name, the evidence keeps her surname; a non-Slavic Anna keeps both.
    assert scrub("Anny Nowak tam nie było") == "[reporter] Nowak tam nie było"
    raw = b"From: Anna Smith <anna.smith@example.com>\r\nTo: conduct@example.org\r\nSubject: x\r\n\r\nhi\r\n"
    scrub = Scrubber(reporter_identity(parse(raw), raw, "anna.smith@example.com", None, {"conduct@example.org"})).value
    assert scrub("Anny Nowak tam nie było") == "Anny Nowak tam nie było"
