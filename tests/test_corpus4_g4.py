"""The reporter called by their given name: its vocative and its pet names (g4), through real
SMTP, and the rules that give those forms (mail/name_vocatives.py, mail/pet_names.py,
privacy/other_bearers.py).

tests/corpus4/g4-*.eml: a threat quoted in the report calls the reporter as the harasser did:
Czech "Jano" (Jana), "Eliško" (Eliška, also inside the harasser's own mail attached as
message/rfc822), Polish "Agnieszko" and "Agusiu" (Agnieszka, Agusia), Ukrainian "Олю" (Оля of
Ольга), Russian "Кать" and "Катюша" (Катя of Екатерина), Latvian "Jāni" (Jānis), Irish "a Sheáin"
(Seán). A witness who bears the same pet name with another surname ("Аня Кузнецова" when Анна
Смирнова reports, "Катя Иванова", "Tomek Zieliński" when Tomasz Kowalski does) is evidence and
stays. A message another person wrote, attached (message/rfc822, or HTML only), keeps its
signature, his name and number being evidence; the reporter's own attached mail loses its own
(evidence_headers.by_another). Each report must become a case with its forwards and
acknowledgement, no planted form may reach a member-bound byte, and the evidence must survive. The files not prefixed g4-…-own come
from an adversarial tester (h15); the Irish, Russian and Latvian ones are written for g4.
"""

from pathlib import Path

import pytest

from corpus4_checks import reporter_tests
from mailrouter.mail.name_vocatives import called_forms, pet_forms
from mailrouter.mail.names import fold
from mailrouter.privacy.evidence_headers import by_another
from mailrouter.privacy.identity_store import Identity
from mailrouter.privacy.scrubber import Scrubber

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "g4-evolution-czech-vocative-jano-of-jana-in-quote.eml": (
        "jana.dvorakova@email.cz", "jana.dvorakova@email.cz",
        [("addr", "jana.dvorakova@email.cz"), ("name", "Jana Dvořáková"), ("name", "Jano"), ("name", "Dvořáková")],
        ["Petr Svoboda", "Lucie Černá", "na tohle nemáš"]),
    "g4-centrum-czech-vocative-in-body-quoted-sms-harasser-number.eml": (
        "eliska.mala2@centrum.cz", "eliska.mala2@centrum.cz",
        [("addr", "eliska.mala2@centrum.cz"), ("name", "Eliška Malá"), ("name", "Eliško"), ("name", "Malá")],
        ["Pavel Horák", "+420 608 999 000", "budeš litovat"]),
    "g4-ukrnet-ukrainian-vocative-olyu-in-quoted-threat.eml": (
        "olga.p@ukr.net", "olga.p@ukr.net",
        [("addr", "olga.p@ukr.net"), ("name", "Ольга Петренко"), ("name", "Олю"), ("name", "Петренко")],
        ["Віктор Гнатюк", "Ірина Бойко", "ти пожалієш"]),
    "g4-o2-android-polish-vocative-and-diminutive-vocative-in-quoted-threat.eml": (
        "agnieszka.wojcik@o2.pl", "agnieszka.wojcik@o2.pl",
        [("addr", "agnieszka.wojcik@o2.pl"), ("name", "Agnieszka Wójcik"), ("name", "Agnieszko"),
         ("name", "Agusiu"), ("name", "Wójcik")],
        ["Marek Lis", "Ola Nowak", "pożałujesz"]),
    "g4-mailru-russian-cp1251-base64-witness-anya-diminutive-of-anna.eml": (
        "anna.smirnova88@mail.ru", "anna.smirnova88@mail.ru",
        [("addr", "anna.smirnova88@mail.ru"), ("name", "Анна Смирнова"), ("name", "Смирнова"),
         ("phone", "+7 916 123-45-67")],
        ["Аня Кузнецова", "Дмитрия Волкова"]),
    "g4-wp-polish-genitive-name-in-subject-reported-tom-witness-tomek.eml": (
        "tomasz.kowalski@wp.pl", "tomasz.kowalski@wp.pl",
        [("addr", "tomasz.kowalski@wp.pl"), ("name", "Tomasz Kowalski"), ("name", "Tomasza Kowalskiego"),
         ("name", "Kowalski")],
        ["Tom Keller", "Toma Kellera", "Tomek Zieliński"]),
    "g4-eircom-irish-vocative-a-sheain-lenited-in-quoted-threat.eml": (
        "sean.obriain@eircom.net", "sean.obriain@eircom.net",
        [("addr", "sean.obriain@eircom.net"), ("name", "Seán Ó Briain"), ("name", "Sheáin"), ("name", "Seán")],
        ["Declan Murphy", "Aoife Byrne", "Máire Ní Cheallaigh", "nobody wants you here"]),
    "g4-yandex-russian-truncated-vocative-and-witness-katya-other-surname.eml": (
        "e.sokolova@yandex.ru", "e.sokolova@yandex.ru",
        [("addr", "e.sokolova@yandex.ru"), ("name", "Екатерина Соколова"), ("name", "Кать"), ("name", "Катюша"),
         ("name", "Соколова")],
        ["Артём Белов", "Катя Иванова", "я знаю, где ты живёшь"]),
    "g4-inbox-lv-latvian-vocative-jani-in-quoted-threat.eml": (
        "janis.berzins@inbox.lv", "janis.berzins@inbox.lv",
        [("addr", "janis.berzins@inbox.lv"), ("name", "Jānis Bērziņš"), ("name", "Jāni"), ("name", "Bērziņš")],
        ["Andris Kalniņš", "Līga Ozola", "tu to nožēlosi"]),
    # An attached message another person wrote keeps its signature (evidence); the reporter's own loses it.
    "g4-centrum-czech-forwarded-harasser-rfc822-to-reporter-vocative-name.eml": (
        "eliska.mala@centrum.cz", "eliska.mala@centrum.cz",
        [("addr", "eliska.mala@centrum.cz"), ("name", "Eliška Malá"), ("name", "Eliško"), ("name", "Malá")],
        ["Pavel Horák", "pavel.horak@example.cz", "+420 608 999 000", "budeš litovat"]),
    "g4-apple-mail-html-only-harasser-mail-attached-keeps-his-signature-table.eml": (
        "luana.prado@sapo.pt", "luana.prado@sapo.pt",
        [("addr", "luana.prado@sapo.pt"), ("name", "Luana Prado"), ("name", "Luana")],
        ["Bruno Castro", "Head of Community, Castro Events", "+351 912 000 111", "vais arrepender-te"]),
    "g4-centrum-czech-own-sent-mail-attached-loses-its-signature.eml": (
        "eliska.mala@centrum.cz", "eliska.mala@centrum.cz",
        [("addr", "eliska.mala@centrum.cz"), ("name", "Eliška Malá"), ("literal", "Acme Logistika"),
         ("phone", "+420 777 123 456")],
        ["Pavel Horák", "přestaň mi psát", "Nepřestal"]),
}

(results, test_each_report_becomes_a_case_with_its_forwards_and_ack, test_no_member_bound_byte_carries_a_form,
    test_the_evidence_around_them_survives) = reporter_tests(CORPUS, REPORTS)


def _scrubbed(display, address, text):
    return Scrubber(Identity(addresses=(address,), display_name=display)).text(text)


@pytest.mark.parametrize("display, address, text, gone, kept", [
    ("Jana Dvořáková", "jana.d@seznam.cz", 'Řekl: "Jano, mlč." Ano, řekl to.', ["Jano"], ["Ano, řekl"]),
    ("Ewa Nowak", "ewa.nowak@wp.pl", '"Ewo, zamknij się" - napisał Adam.', ["Ewo"], ["Adam"]),
    ("Eva Horvat", "eva.horvat@t-com.hr", "Evo, šaljem ti poruke koje mi je Ivan slao.", [], ["Evo, šaljem", "Ivan"]),
    ("Оля Петренко", "olya@ukr.net", "«Олю, мовчи», — написав Віктор.", ["Олю"], ["Віктор"]),
    ("Марія Коваль", "m.koval@ukr.net", "«Маріє, пожалієш», — сказав він.", ["Маріє"], ["пожалієш"]),
    ("Мария Иванова", "m.ivanova@abv.bg", "„Марийо, ще съжаляваш“ - Петър Георгиев.", ["Марийо"], ["Петър Георгиев"]),
    ("Máire Ní Bhriain", "maire@example.ie", '"A Mháire, stop talking," said Liam Walsh.', ["Mháire"], ["Liam Walsh"]),
    ("Giorgos Papadopoulos", "g.papad@otenet.gr", '"Giorgo, you are done," Nikos wrote.', ["Giorgo"], ["Nikos"]),
    ("Agnieszka Wójcik", "a.wojcik@o2.pl", "Age: 34. He wrote: Agusiu, chodź.", ["Agusiu"], ["Age: 34"]),
    ("Katarzyna Wrona", "k.wrona@wp.pl", "Kasiu, uważaj - said Kasia Nowak to me.", ["Kasiu"], ["Kasia Nowak"]),
])
def test_the_called_form_goes_and_a_word_or_another_person_stays(display, address, text, gone, kept):
    scrubbed = _scrubbed(display, address, text)
    assert not [form for form in gone if form in scrubbed], scrubbed
    assert all(words in scrubbed for words in kept), scrubbed


def test_a_pet_name_beside_the_reporters_own_surname_goes():
    scrubbed = _scrubbed("Katarzyna Nowak-Wrona", "k@wp.pl", "Kasia Nowak-Wrona i Kasia Wrona tam były.")
    assert "Kasia" not in scrubbed and "Wrona" not in scrubbed, scrubbed


def test_each_family_only_for_a_name_of_its_language():
    assert not called_forms("anna", "Anna Smith", ["anna@example.com"])
    assert not called_forms("sean", "Sean Murphy", ["sean@example.com"])
    assert not called_forms("jana", "Jana Smith", ["jana@example.com"])
    assert "jano" in called_forms("jana", "Jana Dvořáková", ["j@example.com"])
    assert "sheain" in called_forms("sean", "Seán Murphy", ["s@eircom.ie"])
    assert "jani" in called_forms("janis", "Jānis Bērziņš", ["j@example.com"])
    assert "giorgo" in called_forms("giorgos", "Giorgos Papadopoulos", ["g@example.com"])


def test_the_surname_gets_no_given_names_vocative_and_common_words_are_not_forms():
    # "Malá" is an adjective, and "Mala" (its ASCII spelling) gives no "Malo" (Czech "málo", few).
    assert "malo" not in called_forms("mala", "Eliska Mala", ["eliska@centrum.cz"])
    assert "malo" not in called_forms("mala", "Eliška Malá", ["eliska@centrum.cz"])
    assert "ano" not in called_forms("ana", "Ana Horvat", ["ana@t-com.hr"])


def test_pet_names_are_declined_and_known_as_pet_names():
    pets = pet_forms("agnieszka", "Agnieszka Wójcik", ["a@o2.pl"])
    assert {"agusiu", "agusia", "aga", "ago"} <= pets
    assert {fold(w) for w in ("Оля", "Олю", "Оль")} <= pet_forms(fold("ольга"), "Ольга Петренко", ["o@ukr.net"])
    assert "agnieszko" in called_forms("agnieszka", "Agnieszka Wójcik", ["a@o2.pl"]) - pets


@pytest.mark.parametrize("sender, another", [
    ("Pavel Horák <pavel.horak@example.cz>", True),
    ("Eliška Malá <e.mala@firma.cz>", False),             # their name at another address: theirs
    ("eliska.mala@centrum.cz", False),
    ("'Eliška Malá' via PyData Praha <pydata-praha@googlegroups.com>", False),
    ("Pavel Horák", False),                                # no address: not known to be another's
    ("", False),
])
def test_an_attached_message_is_another_writers_only_when_its_from_is_none_of_theirs(sender, another):
    scrubber = Scrubber(Identity(addresses=("eliska.mala@centrum.cz",), display_name="Eliška Malá"))
    assert by_another(scrubber, sender) is another
