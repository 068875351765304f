"""Writes tests/corpus4/g1-*.eml not taken from an adversarial tester's set: a Latin display name over a
Cyrillic report, short forms of given names, forwarded notification footers, "reach me at" numbers
(usage: python tools/make_corpus4_g1.py tests/corpus4)."""
import sys
import zlib
from email.message import EmailMessage
from email import policy
from pathlib import Path

OUT = Path(sys.argv[1])


def write(name, sender, subject, body, mailer, date="Mon, 02 Nov 2026 09:12:00 +0100", msgid=None, html=None):
    m = EmailMessage(policy=policy.SMTP)
    m["From"] = sender
    m["To"] = "conduct@example.org"
    m["Subject"] = subject
    m["Date"] = date
    m["Message-ID"] = f"<{zlib.crc32(name.encode())}.{len(body)}@g1.example>"
    m["X-Mailer"] = mailer
    m.set_content(body, cte="base64" if not body.isascii() else "quoted-printable")
    if html:
        m.add_alternative(html, subtype="html", cte="base64" if not html.isascii() else "quoted-printable")
    (OUT / name).write_bytes(m.as_bytes())


write("g1-ukrnet-ukrainian-latin-display-olha-vocative-and-genitive.eml",
      "Olha Kovalenko <olha.kovalenko@ukr.net>", "Скарга від Ольги Коваленко (PyCon UA)",
      "Добрий день,\n\nна PyCon UA Тарас Мельник двічі перебивав мене на сцені, а потім написав у чаті:\n"
      "«Ольго, ти ж дівчина, не лізь у бекенд».\n\nУсі в залі це бачили, зокрема Ірина Бондар.\n\n"
      "З повагою,\nOlha K.\n", "Ukr.net Mail")
write("g1-mailru-cyrillic-display-latin-given-name-in-english-body.eml",
      "Дмитрий Соколов <d.sokolov@mail.ru>", "Harassment at EuroPython sprint",
      "Hello,\n\nDuring the sprint on Saturday Kevin Walsh kept mocking my accent. In the team chat he wrote:\n"
      "\"Dmitry, go back to Moscow and take your broken English with you.\"\n\n"
      "Later Yulia Sergeeva from our team told him to stop, but he laughed.\n\nBest regards\n", "Mail.Ru")
write("g1-libero-italian-beppe-quoted-witness-peppe-with-surname.eml",
      "Giuseppe Russo <giuseppe.russo@libero.it>", "Segnalazione PyCon Italia",
      "Buongiorno,\n\nvi scrivo per quanto successo al PyCon Italia. Marco Ferri mi ha scritto su Telegram:\n"
      "\"Beppe, torna a casa tua, qui non sei il benvenuto\".\n\nPeppe Esposito era presente e può confermare.\n\n"
      "Grazie,\nBeppe\n", "Libero Mail")
write("g1-btinternet-english-billy-boy-will-lowercase-kept.eml",
      "William Okafor <w.okafor@btinternet.com>", "Report about the PyCon UK social",
      "Hi,\n\nTom Reed will not stop. At the social he kept calling me \"Billy boy\" in front of everyone and said\n"
      "he would \"sort Bill out\" after my talk. Priya Nair heard it.\n\nThanks for reading,\nW.\n", "Outlook")
write("g1-webde-forwarded-xing-notification-ist-fuer-bestimmt-headline.eml",
      "Jonas Becker <jonas.becker@web.de>", "WG: Lukas Brandt hat Ihnen eine Nachricht geschickt",
      "Hallo,\n\nich leite euch die Xing-Nachricht weiter, die ich nach der PyCon DE bekommen habe.\n\n"
      "-------- Weitergeleitete Nachricht --------\nVon: XING <mailrobot@mail.xing.com>\n"
      "Datum: 03.11.2026 21:14\nBetreff: Lukas Brandt hat Ihnen eine Nachricht geschickt\n"
      "An: jonas.becker@web.de\n\nLukas Brandt hat Ihnen eine Nachricht geschickt:\n\n"
      "\"Wenn du noch einmal über meinen Talk lästerst, erfährt dein Chef davon.\"\n\nNachricht lesen\n\n"
      "Diese E-Mail ist für Jonas Becker (Teamleiter Backend bei Zalando SE) bestimmt.\n"
      "Sie erhalten diese E-Mail, weil Sie bei XING Benachrichtigungen aktiviert haben.\n", "Thunderbird")
write("g1-sapo-forwarded-meetup-notification-enviada-para-headline.eml",
      "Beatriz Costa <bia.costa@sapo.pt>", "Fwd: Nova mensagem de Rui Tavares",
      "Olá,\n\nencaminho a mensagem que recebi pelo Meetup depois do encontro de outubro.\n\n"
      "---------- Mensagem encaminhada ---------\nDe: Meetup <info@meetup.com>\nData: 28/10/2026 22:40\n"
      "Assunto: Nova mensagem de Rui Tavares\nPara: Beatriz Costa <bia.costa@sapo.pt>\n\n"
      "Rui Tavares enviou-lhe uma mensagem:\n\"Se não apareceres no jantar, conto a todos o que disseste.\"\n\n"
      "Esta mensagem foi enviada para Beatriz Costa (Co-organizadora do Grupo Python Braga).\n"
      "Gerir as suas definições de e-mail.\n", "Apple Mail")
write("g1-posteo-german-sie-erreichen-mich-unter-only-phone.eml",
      "Anna Weber <anna.weber@posteo.de>", "Vorfall auf der PyCon DE",
      "Hallo zusammen,\n\nauf der PyCon DE hat mich Lukas Brandt nach meinem Vortrag in der Garderobe festgehalten\n"
      "und gesagt, ich solle \"mal lächeln\". Tobias Klein vom Orga-Team (0171 9988776) hat es gesehen.\n\n"
      "Für Rückfragen: Sie erreichen mich unter +49 151 23456789, am besten abends.\n\nViele Grüße\nAnna\n",
      "Thunderbird")
write("g1-kpn-dutch-je-kunt-me-bereiken-op-only-phone.eml",
      "Sanne de Boer <sanne.deboer@kpnmail.nl>", "Melding PyCon NL",
      "Hoi,\n\nTijdens de borrel van PyCon NL bleef Jan Visser mij aanraken terwijl ik duidelijk nee zei.\n"
      "Mijn collega Pieter Bakker stond ernaast.\n\nJe kunt me bereiken op 06 12345678 als jullie vragen hebben.\n\n"
      "Groetjes\n", "Outlook")
write("g1-libero-italian-mi-potete-raggiungere-al-only-phone.eml",
      "Chiara Conti <chiara.conti@libero.it>", "Segnalazione EuroPython",
      "Buonasera,\n\ndurante lo sprint Andrea Galli ha fatto commenti pesanti sul mio aspetto davanti a tutti.\n\n"
      "Mi potete raggiungere al 333 1234567 per qualsiasi domanda.\n\nCordiali saluti\n", "Libero Mail")
write("g1-correo-spanish-me-podeis-localizar-en-only-phone.eml",
      "Lucía Romero <lucia.romero@correo.es>", "Incidente en la PyConES",
      "Hola,\n\nen la cena Sergio Navarro me agarró del brazo y no me soltaba aunque se lo pedí dos veces.\n\n"
      "Me podéis localizar en el 612 345 678 por las tardes.\n\nGracias\n", "Gmail")
write("g1-gmail-serbian-cyrillic-report-latin-display-milica-jovanovic.eml",
      "Milica Jovanović <milica.jovanovic@gmail.com>", "Пријава од Милице Јовановић (PyCon RS)",
      "Поштовани,\n\nна конференцији ме је Марко Николић више пута понижавао пред свима. На журци ми је рекао:\n"
      "„Милице, иди кући, ово није за жене“.\n\nСрдачан поздрав,\nMilica\n", "Gmail")
