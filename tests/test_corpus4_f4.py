"""The reporter's name inflected, with a word glued to it, or spelt another way (f4), through
real SMTP, and the rules that find those forms (mail/name_inflections.py, names.name_variants,
names.fold).

tests/corpus4/f4-*.eml: a Finnish name in its cases ("Jukan", "Virtasen", "Antin", "Ahoselle"),
Greek genitive and vocative ("Γιώργου", "Γιώργο", "Δημήτρη"), Lithuanian ("Rūtos", "Jono",
"Kazlausko"), Arabic and Hebrew clitics glued to the name ("لفاطمة", "للحداد", "ונועה", "שלוי"),
a Japanese name written with a macron in the display (or none, at a .jp address) and spelt
"Yuuko", "Satou", "SATOH", "Kouta-kun" in the text, Icelandic Þ written Th and the names in their cases ("Þóru
Þórsdóttur", "Guðrúnu"), Hungarian suffixes ("Annának", "Esztert", "Eszterrel", "Szabóéknak"),
and the common diminutives of Polish and Czech given names ("Aniu", "Kasiu", "Janičko").
Each report must become a case with its forwards and acknowledgement, no planted form may
reach a member-bound byte, and the evidence (the other people's names, their words) must
survive. The h14-* reports come from an adversarial tester; the others are written for f4.
"""

from pathlib import Path

import pytest

from corpus4_checks import reporter_tests
from mailrouter.mail.name_inflections import inflections
from mailrouter.mail.names import fold, name_variants, name_words
from mailrouter.privacy.identity_store import Identity
from mailrouter.privacy.scrubber import Scrubber

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "f4-iphone-finnish-quoted-lahettaja-genitive-name-in-evidence.eml": (
        "jukka.virtanen@elisa.fi", "jukka.virtanen@elisa.fi",
        [("addr", "jukka.virtanen@elisa.fi"), ("name", "Jukka Virtanen"), ("name", "Jukka"), ("name", "Jukan"),
         ("name", "Virtasen"), ("name", "Virtaselle")],
        ["Markus Laine", "kaltaiset eivät kuulu lavalle"]),
    "f4-outlook-finnish-gradation-antti-ahonen-chat.eml": (
        "antti.ahonen@kolumbus.fi", "antti.ahonen@kolumbus.fi",
        [("addr", "antti.ahonen@kolumbus.fi"), ("name", "Antti"), ("name", "Antin"), ("name", "Anttia"),
         ("name", "Ahoselle"), ("name", "Ahosen")],
        ["Mikko Salonen", "puhe oli surkea"]),
    "f4-outlook-greek-genitive-vocative-name-forms-in-evidence.eml": (
        "g.papadopoulos@otenet.gr", "g.papadopoulos@otenet.gr",
        [("addr", "g.papadopoulos@otenet.gr"), ("name", "Γιώργος Παπαδόπουλος"), ("name", "Γιώργου Παπαδόπουλου"),
         ("name", "Γιώργο"), ("name", "Παπαδόπουλο")],
        ["Νίκος Αντωνίου", "ήταν ντροπή"]),
    "f4-gmail-greek-dimitris-vocative-genitive.eml": (
        "d.nikolaidis@gmail.com", "d.nikolaidis@gmail.com",
        [("addr", "d.nikolaidis@gmail.com"), ("name", "Δημήτρη"), ("name", "Νικολαΐδη")],
        ["Κώστας Μαρκόπουλος", "η ομιλία ήταν χάλια"]),
    "f4-ios-gmail-lithuanian-pagarbiai-declined-genitive-phone.eml": (
        "ruta.kazlauskiene@gmail.com", "ruta.kazlauskiene@gmail.com",
        [("addr", "ruta.kazlauskiene@gmail.com"), ("name", "Rūta Kazlauskienė"), ("name", "Rūtos")],
        ["Tomas Petrauskas", "geriau eik namo"]),
    "f4-gmail-lithuanian-jonas-kazlauskas-masculine-cases.eml": (
        "jonas.kazlauskas@gmail.com", "jonas.kazlauskas@gmail.com",
        [("addr", "jonas.kazlauskas@gmail.com"), ("name", "Jono"), ("name", "Jonui"), ("name", "Kazlausko")],
        ["Mantas Jankauskas", "niekas nelaukia"]),
    "f4-android-gmail-arabic-clitic-prefixes-glued-to-name.eml": (
        "fatima.alalawi@gmail.com", "fatima.alalawi@gmail.com",
        [("addr", "fatima.alalawi@gmail.com"), ("name", "فاطمة العلوي"), ("literal", "لفاطمة"),
         ("literal", "وفاطمة"), ("name", "العلوي")],
        ["خالد الحربي", "تعرف ماذا أقصد"]),
    "f4-android-arabic-article-surname-lam-and-bi-clitics.eml": (
        "yousef.haddad@gmail.com", "yousef.haddad@gmail.com",
        [("addr", "yousef.haddad@gmail.com"), ("literal", "ليوسف"), ("literal", "وبيوسف"),
         ("literal", "للحداد"), ("literal", "والحداد")],
        ["سامي النجار", "مكان آخر"]),
    "f4-walla-hebrew-prefixes-glued-to-name-and-surname.eml": (
        "noa.levi@walla.co.il", "noa.levi@walla.co.il",
        [("addr", "noa.levi@walla.co.il"), ("name", "נועה לוי"), ("literal", "לנועה"), ("literal", "ונועה"),
         ("literal", "שלוי")],
        ["אבי כהן", "לא תדבר יותר בכנס"]),
    "f4-gmail-hebrew-ronit-shapira-prefixes.eml": (
        "ronit.shapira@gmail.com", "ronit.shapira@gmail.com",
        [("addr", "ronit.shapira@gmail.com"), ("literal", "לרונית"), ("literal", "ורונית"), ("literal", "משפירא")],
        ["דני אברמוב", "לא מבינה כלום"]),
    "f4-outlook-japanese-romaji-macron-display-oh-and-ou-spellings.eml": (
        "yuko.sato@nifty.com", "yuko.sato@nifty.com",
        [("addr", "yuko.sato@nifty.com"), ("name", "Yūko Satō"), ("name", "Yuuko"), ("name", "Satou"),
         ("name", "SATOH")],
        ["Daniel Weber", "only here for the photos"]),
    "f4-outlook-japanese-kota-ito-macron-kun-oh.eml": (
        "kota.ito@ocn.ne.jp", "kota.ito@ocn.ne.jp",
        [("addr", "kota.ito@ocn.ne.jp"), ("name", "Kouta"), ("name", "Itou"), ("name", "ITOH")],
        ["Lars Berg", "is useless"]),
    # No macron to go by: a romaji name at a .jp address is also written with a long vowel.
    "f4-applemail-japanese-ascii-display-jp-address-long-vowels.eml": (
        "yuko.kato@docomo.ne.jp", "yuko.kato@docomo.ne.jp",
        [("addr", "yuko.kato@docomo.ne.jp"), ("name", "Yuuko"), ("name", "Katou"), ("name", "KATOH")],
        ["Ryan Cole", "diversity hire"]),
    "f4-outlook-icelandic-thorn-ascii-display-declined-evidence.eml": (
        "thora.thorsdottir@simnet.is", "thora.thorsdottir@simnet.is",
        [("addr", "thora.thorsdottir@simnet.is"), ("name", "Þóra Þórsdóttir"), ("name", "Þórsdóttir"),
         ("name", "Þóru Þórsdóttur"), ("name", "Thorsdottir")],
        ["hunsað mig endalaust"]),
    "f4-outlook-icelandic-gudrun-eth-ascii-display.eml": (
        "gudrun.jonsdottir@simnet.is", "gudrun.jonsdottir@simnet.is",
        [("addr", "gudrun.jonsdottir@simnet.is"), ("name", "Guðrúnu"), ("name", "Jónsdóttur"),
         ("name", "Guðrúnar")],
        ["Einar Magnússon", "eigi ekki heima hér"]),
    "f4-freemail-hungarian-family-first-suffixed-name.eml": (
        "kovacs.anna@freemail.hu", "kovacs.anna@freemail.hu",
        [("addr", "kovacs.anna@freemail.hu"), ("name", "Kovács Anna"), ("name", "Annának"), ("name", "Annácska")],
        ["Szabó Péter", "nem kellene ennyire"]),
    "f4-citromail-hungarian-consonant-final-eszter.eml": (
        "szabo.eszter@citromail.hu", "szabo.eszter@citromail.hu",
        [("addr", "szabo.eszter@citromail.hu"), ("name", "Eszternek"), ("name", "Esztert"), ("name", "Eszterrel"),
         ("name", "Szabóéknak")],
        ["Nagy Péter", "senki sem hallgatja"]),
    "f4-wp-polish-genitive-name-in-subject-dative-and-diminutive-vocative.eml": (
        "anna.kowalska@wp.pl", "anna.kowalska@wp.pl",
        [("addr", "anna.kowalska@wp.pl"), ("name", "Anna Kowalska"), ("name", "Kowalskiej"), ("name", "Annie"),
         ("name", "Aniu")],
        ["Bartosz Kaczmarek", "należy się lekcja"]),
    "f4-gmail-forwarded-linkedin-notification-intended-for-unsubscribe-token.eml": (
        "katarzyna.wrona@gmail.com", "katarzyna.wrona@gmail.com",
        [("addr", "katarzyna.wrona@gmail.com"), ("name", "Katarzyna Wrona"), ("name", "Kasiu")],
        ["you looked great on stage"]),
    "f4-gmail-czech-janicka-diminutive-in-quoted-chat.eml": (
        "jana.dvorakova@email.cz", "jana.dvorakova@email.cz",
        [("addr", "jana.dvorakova@email.cz"), ("name", "Janičko"), ("name", "Janičce"), ("name", "Janinka")],
        ["Petr Svoboda", "proč se mi neozveš"]),
}

(results, test_each_report_becomes_a_case_with_its_forwards_and_ack, test_no_member_bound_byte_carries_a_form,
    test_the_evidence_around_them_survives) = reporter_tests(CORPUS, REPORTS)


def _scrubbed(display, address, text):
    return Scrubber(Identity(addresses=(address,), display_name=display)).text(text)


@pytest.mark.parametrize("display, address, text, gone, kept", [
    # A language's forms only for a name of that language: the same letters elsewhere are a word or a name.
    ("Anna Smith", "anna.smith@example.com", "Annie and Anke saw it; Anna was there.", ["Anna"], ["Annie", "Anke"]),
    ("Kovács Anna", "kovacs.anna@freemail.hu", "Anikó Annának írt, Annát látta.", ["Annának", "Annát"], ["Anikó"]),
    ("נועה לוי", "noa.levi@walla.co.il", "הבגד בלוי, הלוי אמר ושלוי ידע", ["ושלוי"], ["בלוי", "הלוי"]),
    ("Jukka Virtanen", "jukka.virtanen@elisa.fi", "Jukan ja Virtasta; Jukkaa", ["Jukan", "Virtasta", "Jukkaa"], []),
    ("Þóra Þórsdóttir", "thora@example.is", "Thoru Thorsdottur and Þóru", ["Thoru", "Thorsdottur", "Þóru"], []),
])
def test_a_form_of_the_name_goes_and_a_word_like_it_stays(display, address, text, gone, kept):
    scrubbed = _scrubbed(display, address, text)
    assert not [form for form in gone if form in scrubbed], scrubbed
    assert all(word in scrubbed for word in kept), scrubbed


def test_a_macron_in_the_name_gives_the_doubled_ou_and_oh_spellings():
    assert {"Yuuko Satou", "Yuuko Satoo", "Yuko Satoh", "Yuko Sato"} <= set(name_variants("Yūko Satō"))


def test_a_romaji_name_at_a_jp_address_has_its_long_vowel_spellings_and_others_do_not():
    assert {"satou", "satoh", "satoo"} <= inflections("sato", "Yuko Sato", ["yuko.sato@nifty.ne.jp"])
    assert "itou" in inflections("ito", "Kenji Ito", ["k@docomo.ne.jp"])
    assert not inflections("sato", "Yuko Sato", ["yuko.sato@example.com"])
    assert not inflections("smith", "John Smith", ["j@example.jp"])


def test_a_long_u_in_a_romaji_name_is_not_taken_for_lithuanian():
    assert "rutos" in inflections("ruta", "Rūta Kazlauskienė", ["r@gmail.com"])
    assert not inflections("kota", "Kōta Yūki", ["k@example.com"])


def test_thorn_folds_as_it_is_written_in_ascii():
    assert fold("Þóra Þórsdóttir") == fold("Thora Thorsdottir")


def test_diminutives_of_a_shared_given_name_only_for_a_slavic_name():
    assert "kasiu" in inflections("katarzyna", "Katarzyna Wrona", ["k@gmail.com"])
    assert "aniu" in inflections("anna", "Anna Kowalska", ["a@wp.pl"])
    assert not inflections("anna", "Anna Smith", ["a@example.com"])
    assert [w for w in name_words("Anna Smith")] == ["anna", "smith"]
