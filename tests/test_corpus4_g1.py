"""The reporter named in a form their display name does not give, or beside words that identify them,
through real SMTP (g1).

A Latin display name ("Olga Ivanova") over a report in Russian, Ukrainian or Serbian that names the writer
in Cyrillic case forms ("Жалоба от Ольги Ивановой", "Ольго", "Милице"), and a Cyrillic display name over
an English report that writes the given name the passport way ("Dmitry"); a well-known short form of the
given name the report calls them by ("Majo", "Siani fach", "Beppe", "Billy boy"), while a witness with the
same short form and a surname ("Peppe Esposito") stays; a forwarded LinkedIn, Xing or Meetup notification
whose footer gives their headline after their name; the only phone number given with a "you can reach me
at" of German, Dutch, Italian or Spanish. tests/corpus4/g1-*.eml: four taken from an adversarial tester's
set, the others written by tools/make_corpus4_g1.py. Each report goes through its own daemon; no planted
needle may reach a member-bound byte, the report still becomes a case with its forwards, and the evidence
(other people's names and numbers, the words said) stays readable.
"""

import re
from pathlib import Path

import pytest

from corpus4_checks import reporter_tests
from mailrouter.mail.cyrillic_spellings import cyrillic_names, cyrillic_spellings, latin_spellings
from mailrouter.mail.message import parse
from mailrouter.privacy.identify import reporter_identity
from mailrouter.privacy.scrubber import Scrubber

CORPUS = Path(__file__).parent / "corpus4"

# name: envelope sender, acknowledged address, needles, evidence
REPORTS = {
    "g1-yandex-russian-cyrillic-genitive-name-in-subject-latin-display.eml": (
        "olga.ivanova@yandex.ru", "olga.ivanova@yandex.ru",
        [("addr", "olga.ivanova@yandex.ru"), ("name", "Olga Ivanova"), ("name", "Ольги Ивановой"),
         ("name", "Ольга")], ["Сергей Кузнецов", "не ломайся"]),
    "g1-ukrnet-ukrainian-latin-display-olha-vocative-and-genitive.eml": (
        "olha.kovalenko@ukr.net", "olha.kovalenko@ukr.net",
        [("addr", "olha.kovalenko@ukr.net"), ("name", "Olha Kovalenko"), ("name", "Ольги"), ("name", "Ольго"),
         ("name", "Коваленко")], ["Тарас Мельник", "Ірина Бондар", "не лізь у бекенд"]),
    "g1-gmail-serbian-cyrillic-report-latin-display-milica-jovanovic.eml": (
        "milica.jovanovic@gmail.com", "milica.jovanovic@gmail.com",
        [("addr", "milica.jovanovic@gmail.com"), ("name", "Milica Jovanović"), ("name", "Милице"),
         ("name", "Јовановић")], ["Марко Николић", "иди кући"]),
    "g1-mailru-cyrillic-display-latin-given-name-in-english-body.eml": (
        "d.sokolov@mail.ru", "d.sokolov@mail.ru",
        [("addr", "d.sokolov@mail.ru"), ("name", "Дмитрий Соколов"), ("name", "Dmitry")],
        ["Kevin Walsh", "go back to Moscow", "Yulia Sergeeva"]),
    # A short form of the given name the reporter is called by (hypocorisms): in quoted abuse, in a
    # sign-off; someone else's with their surname stays, and so does an ordinary word beside it.
    "g1-thunderbird-compound-surname-broken-at-hyphen-by-hard-wrap-nickname.eml": (
        "mj.garciafdz@telefonica.net", "mj.garciafdz@telefonica.net",
        [("addr", "mj.garciafdz@telefonica.net"), ("name", "María José García-Fernández"), ("name", "García"),
         ("name", "Fernández"), ("name", "Majo")], ["Sergio Navarro", "no sabe programar"]),
    "g1-apple-mail-welsh-ap-particle-no-circumflex-split-across-lines.eml": (
        "sian.aprhys@btinternet.com", "sian.aprhys@btinternet.com",
        [("addr", "sian.aprhys@btinternet.com"), ("name", "Siân ap Rhys"), ("name", "Sian ap Rhys"),
         ("literal", "Siani fach"), ("name", "Siani"), ("literal", "ap\r\nRhys")], ["Gareth Price", "fach"]),
    "g1-libero-italian-beppe-quoted-witness-peppe-with-surname.eml": (
        "giuseppe.russo@libero.it", "giuseppe.russo@libero.it",
        [("addr", "giuseppe.russo@libero.it"), ("name", "Giuseppe Russo"), ("name", "Beppe")],
        ["Marco Ferri", "torna a casa tua", "Peppe Esposito era presente"]),
    "g1-btinternet-english-billy-boy-will-lowercase-kept.eml": (
        "w.okafor@btinternet.com", "w.okafor@btinternet.com",
        [("addr", "w.okafor@btinternet.com"), ("name", "William Okafor"), ("name", "Billy"), ("name", "Bill")],
        ["Tom Reed will not stop", "boy", "Priya Nair heard it"]),
    # A forwarded notification's footer: the headline in parentheses after the reporter it was for
    # goes with them; the message in it stays.
    "g1-gmail-forwarded-linkedin-notification-intended-for-unsubscribe-token.eml": (
        "katarzyna.wrona@gmail.com", "katarzyna.wrona@gmail.com",
        [("addr", "katarzyna.wrona@gmail.com"), ("literal", "katarzyna.wrona%40gmail.com"),
         ("name", "Katarzyna Wrona"), ("name", "Kasiu"), ("literal", "Senior Data Engineer at Allegro")],
        ["Paweł Zieliński", "Dinner this week or I tell everyone", "This email was intended for"]),
    "g1-webde-forwarded-xing-notification-ist-fuer-bestimmt-headline.eml": (
        "jonas.becker@web.de", "jonas.becker@web.de",
        [("addr", "jonas.becker@web.de"), ("name", "Jonas Becker"), ("literal", "Teamleiter Backend"),
         ("literal", "Zalando")],
        ["Lukas Brandt hat Ihnen eine Nachricht geschickt", "erfährt dein Chef davon", "bestimmt"]),
    "g1-sapo-forwarded-meetup-notification-enviada-para-headline.eml": (
        "bia.costa@sapo.pt", "bia.costa@sapo.pt",
        [("addr", "bia.costa@sapo.pt"), ("name", "Beatriz Costa"), ("literal", "Co-organizadora"),
         ("literal", "Python Braga")],
        ["Rui Tavares enviou-lhe uma mensagem", "conto a todos o que disseste", "Esta mensagem foi enviada para"]),
    # The reporter's only phone, given with a "you can reach me at" of their language; another's stays.
    "g1-posteo-german-sie-erreichen-mich-unter-only-phone.eml": (
        "anna.weber@posteo.de", "anna.weber@posteo.de",
        [("addr", "anna.weber@posteo.de"), ("name", "Anna Weber"), ("phone", "+49 151 23456789"),
         ("phone", "0151 23456789")], ["Lukas Brandt", "Tobias Klein vom Orga-Team (0171 9988776)"]),
    "g1-kpn-dutch-je-kunt-me-bereiken-op-only-phone.eml": (
        "sanne.deboer@kpnmail.nl", "sanne.deboer@kpnmail.nl",
        [("addr", "sanne.deboer@kpnmail.nl"), ("name", "Sanne de Boer"), ("phone", "06 12345678")],
        ["Jan Visser", "Pieter Bakker"]),
    "g1-libero-italian-mi-potete-raggiungere-al-only-phone.eml": (
        "chiara.conti@libero.it", "chiara.conti@libero.it",
        [("addr", "chiara.conti@libero.it"), ("name", "Chiara Conti"), ("phone", "333 1234567")],
        ["Andrea Galli ha fatto commenti pesanti"]),
    "g1-correo-spanish-me-podeis-localizar-en-only-phone.eml": (
        "lucia.romero@correo.es", "lucia.romero@correo.es",
        [("addr", "lucia.romero@correo.es"), ("name", "Lucía Romero"), ("phone", "612 345 678")],
        ["Sergio Navarro me agarró del brazo"]),
}

(results, test_each_report_becomes_a_case_with_its_forwards_and_its_ack, test_no_member_sees_a_planted_needle,
 test_the_evidence_stays_readable) = reporter_tests(CORPUS, REPORTS)


def test_a_latin_name_has_its_usual_cyrillic_spellings_and_only_a_few():
    assert cyrillic_names("Olga Ivanova")[0] == "Ольга Иванова"
    assert "Ольга" in cyrillic_spellings("Olha")                    # Ukrainian h
    assert cyrillic_spellings("Yulia")[0] == cyrillic_spellings("Julia")[0] == "Юлия"
    assert cyrillic_spellings("Sergey")[0] == cyrillic_spellings("Sergei")[0] == "Сергей"
    assert cyrillic_spellings("Aleksandr")[0] == cyrillic_spellings("Alexander")[0] == "Александр"
    assert cyrillic_spellings("Dmitry")[0] == "Дмитрий"
    assert cyrillic_spellings("Zhukov")[0] == "Жуков" and cyrillic_spellings("Shchukin")[0] == "Щукин"
    assert "Петрович" in cyrillic_spellings("Petrović")
    assert cyrillic_spellings("Jovanović")[0] == "Јовановић" and "Јовановић" in cyrillic_spellings("Jovanovic")
    assert "Љубица" in cyrillic_spellings("Ljubica") and cyrillic_spellings("Yordanova")[0] == "Йорданова"
    assert all(len(cyrillic_spellings(w)) <= 4 for w in ("Ekaterina", "Mykola", "Shevchenko", "Kovalenko"))


def test_a_cyrillic_name_has_its_passport_spellings():
    assert "Olga Ivanova" in latin_spellings("Ольга Иванова", "Ol'ga Ivanova")
    assert "Dmitry Sokolov" in latin_spellings("Дмитрий Соколов", "Dmitriy Sokolov")
    assert latin_spellings("Olga Ivanova", "Olga Ivanova") == []


def _identity(sender, subject, body):
    raw = (f"From: {sender}\r\nTo: conduct@example.org\r\nSubject: {subject}\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()
    return reporter_identity(parse(raw), raw, sender.split("<")[1].rstrip(">"))


def test_the_cyrillic_spellings_are_learnt_only_from_mail_that_shows_cyrillic():
    russian = _identity("Olga Ivanova <olga.ivanova@yandex.ru>", "Жалоба", "Ольга\r\n")
    english = _identity("Olga Ivanova <olga.ivanova@yandex.ru>", "Complaint", "Olga\r\n")
    assert "Ольга Иванова" in russian.names
    assert not any("Ольга" in n for n in english.names)
    assert Scrubber(russian).value("Жалоба от Ольги Ивановой") == "Жалоба от [reporter]"
    # A Cyrillic spelling that is also a word ("роман", a novel) is a word in lower case mid-line.
    roman = Scrubber(_identity("Roman Petrov <roman.petrov@mail.ru>", "Жалоба", "Привет\r\n"))
    assert roman.text("У них был роман, а Роман Петров молчал.") == "У них был роман, а [reporter] молчал."


def test_a_short_form_is_theirs_only_as_the_mail_uses_it_for_them():
    maria = Scrubber(_identity("María José García <mj.garcia@telefonica.net>", "Denuncia",
                               "Sergio es muy majo con todos, pero a mí me llama \"Majo\".\r\n"))
    assert maria.text("Sergio es muy majo con todos, pero a mí me llama \"Majo\".") == \
        "Sergio es muy majo con todos, pero a mí me llama \"[reporter]\"."
    siân = Scrubber(_identity("Siân ap Rhys <sian.aprhys@btinternet.com>", "Report", "calling me Siani fach\r\n"))
    assert siân.value("calling me Siani fach") == "calling me [reporter] fach"
    # Another's with a surname ("Pepe Romero"), or an ordinary word never written as a name, is not theirs.
    jose = _identity("José Ortega <jose.ortega@correo.es>", "Denuncia", "Pepe Romero me insultó.\r\n")
    will = _identity("William Hart <w.hart@example.net>", "Report", "Will you make him stop? He will not.\r\n")
    assert "Pepe" not in jose.names and "Will" not in will.names
    assert "Bill" in _identity("William Hart <w.hart@example.net>", "Report", "Hi, he calls me Bill.\r\n").names



def test_a_short_form_said_of_someone_else_is_not_theirs():
    # A witness or the reported person called by the short form, and an ordinary word opening a quotation.
    elisabeth = _identity("Elisabeth Brandt <e.brandt@example.de>", "Bericht",
                          "Gestern hat Lisa mich angeschrien. Lisa war betrunken.\r\n")
    william = _identity("William Hart <w.hart@example.net>", "Report", "He yelled \"Will you shut up?\"\r\n")
    assert "Lisa" not in elisabeth.names and "Will" not in william.names
    assert "Lisa" in _identity("Elisabeth Brandt <e.brandt@example.de>", "Bericht",
                               "Er schrieb: \"Lisa, lächle mal\".\r\n").names


def test_a_notification_footer_loses_the_headline_of_whom_it_was_for_only():
    katarzyna = Scrubber(_identity("Katarzyna Wrona <katarzyna.wrona@gmail.com>", "Fwd", "Hi\r\n"))
    assert katarzyna.text("This email was intended for Katarzyna Wrona (Senior Data Engineer at Allegro).") == \
        "This email was intended for [reporter]."
    assert katarzyna.html("<td>Sent to <b>Katarzyna Wrona</b> (Data Engineer, Allegro)</td>") == \
        "<td>Sent to <b>[reporter]</b></td>"
    # Words in parentheses beside the reporter elsewhere are the report's own.
    assert katarzyna.text("Paweł wrote to Katarzyna Wrona (me) twice.") == "Paweł wrote to [reporter] (me) twice."


@pytest.mark.parametrize("line", [
    "Sie erreichen mich unter +49 151 23456789.", "Ihr erreicht mich unter 0151 23456789.",
    "Du erreichst mich unter 0151/23456789", "Sie können mich unter 0151 23456789 erreichen.",
    "Ich bin erreichbar unter 0151 23456789.", "Meine Nummer: 0151 23456789", "Handy: 0151 23456789",
    "Mobil: +49 151 23456789", "Je kunt me bereiken op 06 12345678.", "U kunt mij bereiken op 06 12345678.",
    "Vous pouvez me joindre au 06 12 34 56 78.", "Mi potete raggiungere al 333 1234567.",
    "Me podéis localizar en el 612 345 678.", "Podéis localizarme en el 612 345 678."])
def test_a_number_given_with_a_reach_me_cue_is_the_reporters(line):
    body = f"Hallo,\r\n\r\nLukas Brandt hat mich beleidigt.\r\n\r\n{line}\r\n"
    identity = _identity("Anna Weber <anna.weber@example.net>", "Bericht", body)
    number = re.sub(r"\D", "", line)[-6:]
    assert number not in re.sub(r"\D", "", Scrubber(identity).text(body))
