"""Evidence that shares a part with the reporter's name (corpus4, g5), through real SMTP.

A lone part of the reporter's name (one given name, or the surname) standing inside another
person's full name ("Jürgen Schmidt", "Trần Thị Lan", "राहुल शर्मा", "佐藤健さん", "Juan dela
Cruz"), joined by a hyphen to another given name ("Jukka-Pekka") or inside a handle that is
not theirs (`nam.nguyen.dev`, `@ken_sato_py`) is that person's, and members read it
(privacy/other_names.py); a Vietnamese name syllable written as a word ("thì", "ngày mai")
is a word. The reporter's full name, their handles and a part of theirs with no other name
beside it still go. tests/corpus4/g5-* are an adversarial tester's reports and two of ours
(an Arabic surname, a German given name and surname each shared). Each report goes through
its own daemon over real SMTP (corpus_checks.run_corpus).
"""

from pathlib import Path

import pytest

from corpus4_checks import reporter_tests
from mailrouter.mail.message import parse
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.scrubber import Scrubber

CORPUS = Path(__file__).parent / "corpus4"

# name: envelope sender, acknowledged address, needles, evidence that must reach the members
REPORTS = {
    "g5-yahoo-android-vietnamese-unaccented-signature-reported-shares-nguyen.eml": (
        "hoa.nguyenthi@yahoo.com.vn", "hoa.nguyenthi@yahoo.com.vn",
        [("addr", "hoa.nguyenthi@yahoo.com.vn"), ("name", "Nguyễn Thị Hoa"), ("name", "Nguyen Thi Hoa"),
         ("phone", "0912 345 678")],
        ["Nguyễn Văn Nam", "nam.nguyen.dev", "Trần Thị Lan"]),
    "g5-ios-gmail-vietnamese-common-words-thi-and-mai-equal-reporter-name-parts.eml": (
        "lethimai.dev@gmail.com", "lethimai.dev@gmail.com",
        [("addr", "lethimai.dev@gmail.com"), ("name", "Lê Thị Mai")],
        ["Phạm Quốc Bảo", "thì ngày mai em sẽ hối hận", "sợ ngày mai gặp"]),
    "g5-outlook-mac-japanese-iso2022jp-base64-reported-shares-surname-sato.eml": (
        "hanako.sato@docomo.ne.jp", "hanako.sato@docomo.ne.jp",
        [("addr", "hanako.sato@docomo.ne.jp"), ("name", "佐藤 花子"), ("name", "花子"), ("phone", "090-1234-5678"),
         ("name", "Hanako Sato")],
        ["佐藤健", "@ken_sato_py"]),
    "g5-android-gmail-hindi-devanagari-reported-shares-surname-sharma.eml": (
        "priya.sharma@rediffmail.com", "priya.sharma@rediffmail.com",
        [("addr", "priya.sharma@rediffmail.com"), ("name", "प्रिया शर्मा"), ("name", "Priya Sharma"),
         ("phone", "98765 43210")],
        ["राहुल शर्मा", "नेहा गुप्ता"]),
    "g5-outlook-android-swahili-reported-given-name-equals-reporter-surname.eml": (
        "wanjiru.kamau@outlook.com", "wanjiru.kamau@outlook.com",
        [("addr", "wanjiru.kamau@outlook.com"), ("name", "Wanjiru Kamau"), ("name", "Wanjiru"),
         ("phone", "0722 000 111")],
        ["Kamau Otieno", "Akinyi Odhiambo"]),
    "g5-iphone-spanish-unaccented-signature-reported-shares-given-name-jose.eml": (
        "jose.garcia@telefonica.net", "jose.garcia@telefonica.net",
        [("addr", "jose.garcia@telefonica.net"), ("name", "José García"), ("name", "Jose Garcia"),
         ("name", "García"), ("phone", "612 345 678")],
        ["José Martínez", "@jmartinez_dev", "Pepa Ruiz", "Hotel Meliá Sevilla"]),
    "g5-thunderbird-german-ue-transliteration-self-named-reported-shares-given-name.eml": (
        "juergen.mueller@t-online.de", "juergen.mueller@t-online.de",
        [("addr", "juergen.mueller@t-online.de"), ("name", "Jürgen Müller"), ("name", "Juergen Mueller"),
         ("phone", "0221 123456")],
        ["Jürgen Schmidt", "Müller-Lüdenscheidt", "Quotenfrau"]),
    "g5-ios-gmail-arabic-reported-shares-given-name-fatima.eml": (
        "fatima.mansour@gmail.com", "fatima.mansour@gmail.com",
        [("addr", "fatima.mansour@gmail.com"), ("name", "فاطمة منصور"), ("name", "Fatima Mansour"),
         ("name", "Mansour"), ("phone", "+20 100 123 4567")],
        ["فاطمة حسن", "سلمى يوسف", "مكانك في المطبخ"]),
    "g5-outlook-ios-taglish-particle-surname-dela-cruz-shared-by-reported.eml": (
        "mcdelacruz@yahoo.com.ph", "mcdelacruz@yahoo.com.ph",
        [("addr", "mcdelacruz@yahoo.com.ph"), ("name", "Maria Clara dela Cruz"), ("name", "Maria Clara"),
         ("phone", "0917 123 4567")],
        ["Juan dela Cruz", "Bea Santos"]),
    "g5-thunderbird-finnish-flowed-name-split-witness-jukka-pekka.eml": (
        "jukka.virtanen@elisanet.fi", "jukka.virtanen@elisanet.fi",
        [("addr", "jukka.virtanen@elisanet.fi"), ("name", "Jukka Virtanen"), ("name", "Virtanen"),
         ("phone", "040 123 4567")],
        ["Jukka-Pekka Mäkelä", "Mikko Laineesta"]),
    "g5-wp-polish-genitive-name-in-subject-reported-tom-witness-tomek.eml": (
        "tomasz.kowalski@wp.pl", "tomasz.kowalski@wp.pl",
        [("addr", "tomasz.kowalski@wp.pl"), ("name", "Tomasz Kowalski"), ("name", "Tomasza Kowalskiego"),
         ("name", "Kowalski")],
        ["Tom Keller", "Toma Kellera", "Tomek Zieliński", "tomkeller"]),
    # Ours: the reported person shares the surname, the witness the given name (hyphenated).
    "g5-thunderbird-german-reported-and-witness-share-reporter-name-parts.eml": (
        "anna.weber@posteo.de", "anna.weber@posteo.de",
        [("addr", "anna.weber@posteo.de"), ("name", "Anna Weber"), ("phone", "0171 2345678")],
        ["Thomas Weber", "@thomas_weber_dev", "Anna-Lena Fischer"]),
    # Ours: an Arabic surname shared (the word before it is the other person's given name).
    "g5-outlook-arabic-reported-shares-surname-khalil.eml": (
        "omar.khalil@outlook.sa", "omar.khalil@outlook.sa",
        [("addr", "omar.khalil@outlook.sa"), ("name", "عمر خليل"), ("phone", "+966 50 123 4567")],
        ["أحمد خليل", "يوسف سالم"]),
    # A line after the signature saying whose the number is, is evidence: the signature ends above it.
    "g5-iphone-harasser-phone-right-after-reporter-signature-phone.eml": (
        "luanaprado.dev@gmail.com", "luanaprado.dev@gmail.com",
        [("addr", "luanaprado.dev@gmail.com"), ("name", "Luana Prado"), ("phone", "+55 11 91234-5678")],
        ["The number he texts me from: +55 21 98765-4321", "Bruno Castro", "você vai se arrepender"]),
    "g5-thunderbird-german-dashes-signature-then-his-number.eml": (
        "k.vogel@mailbox.org", "k.vogel@mailbox.org",
        [("addr", "k.vogel@mailbox.org"), ("name", "Katrin Vogel"), ("phone", "0176 2233445")],
        ["Seine Nummer, von der er schreibt: 0160 5554433", "Ich weiß, wo du wohnst", "Dirk Brandt"]),
    "g5-iphone-portuguese-closing-signature-then-o-numero-dele.eml": (
        "camila.rocha@uol.com.br", "camila.rocha@uol.com.br",
        [("addr", "camila.rocha@uol.com.br"), ("name", "Camila Rocha"), ("phone", "+55 11 97654-3210")],
        ["O número dele: +55 31 99876-1234", "Rafael Duarte"]),
    # The reporter's own phone gets the phone placeholder, not the address's ("mobiel [reporter's phone]").
    "g5-spark-dutch-own-phone-gets-the-phone-placeholder.eml": (
        "pvdberg@ziggo.nl", "pvdberg@ziggo.nl",
        [("addr", "pvdberg@ziggo.nl"), ("name", "Pieter van der Berg"), ("name", "van der Berg"),
         ("phone", "06-12345678")],
        ["Jan de Vries", "Piet Jansen", "jdevries", "mobiel [reporter's phone]"]),
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)


def _scrubbed(sender, body):
    """`body` scrubbed for a report `sender` wrote (identity as the daemon learns it)."""
    raw = f"From: {sender}\nTo: conduct@example.org\nSubject: Report\n\n{body}".encode()
    address = sender.rsplit("<", 1)[-1].rstrip(">")
    return Scrubber(reporter_identity(parse(raw), raw, address)).value(body)


@pytest.mark.parametrize("sender, text", [
    ("Anna Weber <anna.weber@posteo.de>", "Das hat Thomas Weber gesagt, und Anna-Lena Fischer hat es gehört."),
    ("Anna Weber <anna.weber@posteo.de>", "Sein Konto heißt @thomas_weber_dev, sein Blog thomas.weber.dev"),
    ("Nguyễn Thị Hoa <hoa@example.vn>", "Anh ấy nói thì em sợ, ngày mai em tặng bó hoa. Chị Trần Thị Lan nghe thấy."),
    ("=?utf-8?b?4KSq4KWN4KSw4KS/4KSv4KS+IOCktuCksOCljeCkruCkvg==?= <priya@example.in>", "मैंने देखा कि राहुल शर्मा ने यह कहा।"),
    ("佐藤 花子 <hanako@example.jp>", "佐藤健さんに言われました。"),
    ("Maria Clara dela Cruz <mc@example.ph>", "Si Juan dela Cruz ang nag-message."),
])
def test_a_part_of_the_reporters_name_inside_another_persons_name_stays(sender, text):
    assert _scrubbed(sender, text) == text


@pytest.mark.parametrize("sender, text, gone", [
    ("Anna Weber <anna.weber@posteo.de>", "Hi Anna Thanks for writing", "Anna"),
    ("Anna Weber <anna.weber@posteo.de>", "Yesterday Anna was told to leave.", "Anna"),
    ("Anna Weber <anna.weber@posteo.de>", "Er sagte zu Frau Weber, sie solle gehen.", "Weber"),
    ("Anna Weber <anna.weber@posteo.de>", "Signed: Anna Maria Weber", "Weber"),
    ("Anna Weber <anna.weber@posteo.de>", "He wrote to @weber_92_anna on Mastodon.", "weber"),
    ("Nguyễn Thị Hoa <hoa@example.vn>", "Em là Hoa, em muốn báo cáo.", "Hoa"),
    ("=?utf-8?b?4KSq4KWN4KSw4KS/4KSv4KS+IOCktuCksOCljeCkruCkvg==?= <priya@example.in>", "उसने कहा कि शर्मा जी ने गलती की।", "शर्मा"),
    ("=?utf-8?b?2YHYp9i32YXYqSDZhdmG2LXZiNix?= <fatima@example.eg>", "قالت فاطمة: لا", "فاطمة"),
    ("佐藤 花子 <hanako@example.jp>", "佐藤部長さんに報告しました。", "佐藤"),
])
def test_a_part_of_the_reporters_name_with_no_other_name_beside_it_goes(sender, text, gone):
    assert gone not in _scrubbed(sender, text)


@pytest.mark.parametrize("signature, evidence", [
    ("Luana Prado\n+55 11 91234-5678\nThe number he texts me from: +55 21 98765-4321", "+55 21 98765-4321"),
    ("Thanks,\nLuana Prado\nHis number: 021 98765 4321", "His number: 021 98765 4321"),
    ("Pozdrawiam,\nLuana Prado\n+48 601 111 222\nJego numer: +48 602 333 444", "Jego numer: +48 602 333 444"),
    ("-- \nLuana Prado\n+55 11 91234-5678\n他的电话：138 0013 8000", "他的电话：138 0013 8000"),
])
def test_a_line_saying_whose_the_number_is_ends_the_signature(signature, evidence):
    text = _scrubbed_text("Luana Prado <luanaprado.dev@gmail.com>", f"Hi,\n\nHe keeps texting me.\n\n{signature}\n")
    assert evidence in text and "Luana" not in text and "91234" not in text


@pytest.mark.parametrize("signature", [
    "Luana Prado\nshe/her\nDesigner, Acme Studio\n+55 11 91234-5678",
    "Saludos,\nLuana Prado\nSu contacto: +55 11 91234-5678\nDesigner, Acme Studio",
    "Viele Grüße\nLuana Prado\nIhre Ansprechpartnerin: +55 11 91234-5678\nDesigner, Acme Studio",
])
def test_their_pronouns_and_a_polite_your_do_not_end_it(signature):
    text = _scrubbed_text("Luana Prado <luanaprado.dev@gmail.com>", f"Hi,\n\nHe keeps texting me.\n\n{signature}\n")
    assert "91234" not in text and "Luana" not in text and "Acme" not in text


def _scrubbed_text(sender, body):
    raw = f"From: {sender}\nTo: conduct@example.org\nSubject: Report\n\n{body}".encode()
    address = sender.rsplit("<", 1)[-1].rstrip(">")
    return Scrubber(reporter_identity(parse(raw), raw, address)).text(body)


def test_the_reporters_own_phone_gets_the_phone_placeholder_in_text_and_html():
    body = "Llámame al 612 345 678 cuando puedas. Escríbeme a lucia.fdez@correo.es."
    raw = f"From: Lucía Fernández <lucia.fdez@correo.es>\nTo: conduct@example.org\nSubject: x\n\n{body}".encode()
    scrubber = Scrubber(reporter_identity(parse(raw), raw, "lucia.fdez@correo.es"))
    assert scrubber.value(body) == "Llámame al [reporter's phone] cuando puedas. Escríbeme a [reporter's address]."
    assert scrubber.html(f"<p>{body}</p>") == \
        "<p>Llámame al [reporter&#x27;s phone] cuando puedas. Escríbeme a [reporter&#x27;s address].</p>"
    # A caller's own placeholder (the members' scrubber of mail to the reporter) stays its own.
    custom = Scrubber(reporter_identity(parse(raw), raw, "lucia.fdez@correo.es"), address_placeholder="[address removed]")
    assert custom.value(body) == "Llámame al [address removed] cuando puedas. Escríbeme a [address removed]."
