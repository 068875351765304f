"""Signature blocks and the reporter's own quoted mail (f7), through real SMTP.

tests/corpus4/f7-*.eml: a signature whose name line starts or ends with an academic title
("dr Aleksandra Nowicka-Berg", "Dr. Jana Weberová, Ph.D.") with the department, employer and
researcher ids (ORCID, ResearcherID, Scopus) under it, in text and as an HTML table whose
links carry the ids; an employer line that ends with its company's legal form and a full
stop ("Senior Developer, Firma IT Sp. z o.o.", "… Adatház Kft.", "… Soluções Digitais Ltda.");
a follow-up to the acknowledgement signed with the reporter's married surname beside the one
they were born with ("Sarah Johnson (née Miller)", "… geb. Miller"); from a pseudonymous account,
a real name over nothing but their contact lines at the end, with no closing; the reporter's own
earlier report quoted under a (wrapped) attribution, signed with their first name or a nickname
over their phone ("> Seun\n> 0803 555 2176", "> Kate\n> +1 (617) …"); the reporter's own mails quoted
in the harasser's reply they forward, two and three levels down ("> On Sun, Nomvula … wrote:");
a helpdesk's update naming the requester as a comment's author, whose comment gives her address. Each report must become a case with its forwards and acknowledgement,
no planted identifier may reach a member-bound byte, and the evidence (the reported person,
what they did) must survive.
"""

from email.utils import parseaddr
from pathlib import Path

import pytest

from corpus4_checks import everything, found, member_mail, readable, reporter_tests
from mailrouter.privacy.signature import remove_signature
from harness import CONFLICTS, RunningDaemon, Sink, load, write_config
from test_privacy_rules import identity_of

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "f7-outlook-pl-academic-html-signature-table-orcid-two-phones.eml": (
        "a.nowicka-berg@uw.edu.pl", "a.nowicka-berg@uw.edu.pl",
        [("addr", "a.nowicka-berg@uw.edu.pl"), ("name", "Aleksandra Nowicka-Berg"), ("phone", "+48 22 555 12 34"),
         ("phone", "+48 698 555 432"), ("literal", "0000-0002-1825-0097"), ("literal", "Wydział Fizyki")],
        ["Marcin Lis wielokrotnie pisał do mnie"]),
    "f7-thunderbird-de-dr-title-phd-researcherid-scopus-html.eml": (
        "jana.weberova@tu-dresden.de", "jana.weberova@tu-dresden.de",
        [("addr", "jana.weberova@tu-dresden.de"), ("name", "Jana Weberová"), ("literal", "B-4821-2019"),
         ("literal", "57190012345"), ("literal", "Institut für Informatik")],
        ["Prof. Holger Brandt hat mich beim Workshop"]),
    "f7-lotus-notes-unquoted-comma-surname-given-display.eml": (
        "tomasz.kowalczyk@firma-it.pl", "tomasz.kowalczyk@firma-it.pl",
        [("addr", "tomasz.kowalczyk@firma-it.pl"), ("name", "Tomasz Kowalczyk"), ("name", "Kowalczyk"),
         ("phone", "+48 600 123 987"), ("literal", "Firma IT Sp")],
        ["Michał Zając repeatedly made homophobic jokes"]),
    "f7-outlook-hu-kft-employer-line-full-stop.eml": (
        "eszter.kovacs@adathaz.hu", "eszter.kovacs@adathaz.hu",
        [("addr", "eszter.kovacs@adathaz.hu"), ("name", "Kovács Eszter"), ("phone", "+36 30 555 1234"),
         ("literal", "Adatház")],
        ["Tóth Gábor többször megfogta a derekamat"]),
    "f7-gmail-pt-br-ltda-employer-line-full-stop.eml": (
        "rafael.souza@solucoesdigitais.com.br", "rafael.souza@solucoesdigitais.com.br",
        [("addr", "rafael.souza@solucoesdigitais.com.br"), ("name", "Rafael Souza"), ("phone", "(11) 95555-4321"),
         ("literal", "Soluções Digitais")],
        ["Bruno Carvalho fez piadas racistas"]),
    "f7-proton-pseudonymous-account-real-name-and-phone-at-end-no-closing.eml": (
        "nightowl.codes@proton.me", "nightowl.codes@proton.me",
        [("addr", "nightowl.codes@proton.me"), ("name", "Hanna Lehtinen"), ("phone", "+358 40 123 4567")],
        ["Ville Korhonen kept leaning over my shoulder"]),
    "f7-webde-pseudonymous-real-name-over-other-address-and-phone.eml": (
        "mondlicht42@web.de", "mondlicht42@web.de",
        [("addr", "mondlicht42@web.de"), ("name", "Jonas Becker"), ("addr", "jonas.becker.privat@posteo.de"),
         ("phone", "0152 5550 7788")],
        ["Stefan Krüger mehrmals"]),
    "f7-tutanota-es-pseudonymous-real-name-over-handle-and-phone.eml": (
        "luna_code@tutanota.com", "luna_code@tutanota.com",
        [("addr", "luna_code@tutanota.com"), ("name", "Lucía Fernández"), ("literal", "lucia_dev"),
         ("phone", "+34 612 555 908")],
        ["Javier Morales me siguió hasta el hotel"]),
    "f7-gmail-wrapped-attribution-address-next-line-own-report-quoted.eml": (
        "seun.adeyemi@gmail.com", "seun.adeyemi@gmail.com",
        [("addr", "seun.adeyemi@gmail.com"), ("name", "Oluwaseun Adeyemi"), ("name", "Adeyemi"),
         ("literal", "Seun\r\n"), ("phone", "0803 555 2176")],
        ["Tunde Bakare made repeated sexual comments"]),
    "f7-gmail-unwrapped-attribution-own-report-quoted.eml": (
        "seun.adeyemi@gmail.com", "seun.adeyemi@gmail.com",
        [("addr", "seun.adeyemi@gmail.com"), ("name", "Oluwaseun Adeyemi"), ("name", "Adeyemi"),
         ("literal", "Seun\r\n"), ("phone", "0803 555 2176")],
        ["Tunde Bakare made repeated sexual comments"]),
    "f7-thunderbird-de-own-report-quoted-name-attribution-first-name-phone.eml": (
        "k.vogel@mailbox.org", "k.vogel@mailbox.org",
        [("addr", "k.vogel@mailbox.org"), ("name", "Katharina Vogel"), ("name", "Katharina"),
         ("phone", "0176 5551 2345")],
        ["Dennis Hartmann hat mich beim Sprint mehrfach bedrängt"]),
    "f7-apple-mail-own-report-quoted-nickname-phone-and-handle.eml": (
        "kobrien.dev@icloud.com", "kobrien.dev@icloud.com",
        [("addr", "kobrien.dev@icloud.com"), ("name", "Katherine O'Brien"), ("name", "Kate"),
         ("phone", "+1 (617) 555-0182"), ("literal", "katecodes")],
        ["Greg Lawson kept photographing me at the booth"]),
    "f7-outlook-thread-three-quote-styles-own-signature-depth-2-and-3.eml": (
        "nomvula.dlamini@webmail.co.za", "nomvula.dlamini@webmail.co.za",
        [("addr", "nomvula.dlamini@webmail.co.za"), ("name", "Nomvula Dlamini"), ("name", "Nomvula"),
         ("phone", "+27 82 555 0198"), ("literal", "nomvula_codes")],
        ["you're overreacting as usual", "Wear that red dress again on Saturday", "Sipho Khumalo"]),
    "f7-thunderbird-de-forward-harasser-quotes-own-mail-depth-2-and-3.eml": (
        "lea.hoffmann@posteo.de", "lea.hoffmann@posteo.de",
        [("addr", "lea.hoffmann@posteo.de"), ("name", "Lea Hoffmann"), ("phone", "0151 5557 3344"),
         ("literal", "leahoff")],
        ["stell dich nicht so an", "Zieh am Samstag wieder das enge Kleid an", "Markus Brandt"]),
    "f7-zendesk-helpdesk-update-requester-comment-contact.eml": (
        "support@pyladies-berlin.zendesk.com", "support@pyladies-berlin.zendesk.com",
        [("addr", "amelie.hartmann@gmx.net"), ("name", "Amelie Hartmann"), ("phone", "0176 5550 1234")],
        ["Niklas Vogel kept touching my shoulder"]),
    "f7-freshdesk-de-ticket-requester-comment-contact.eml": (
        "orga@pyconde-helpdesk.freshdesk.com", "orga@pyconde-helpdesk.freshdesk.com",
        [("addr", "jonas.keller-brandt@posteo.de"), ("name", "Jonas Keller-Brandt"), ("phone", "0157 5553 2211")],
        ["hat mich Tobias Lang mehrfach beleidigt"]),
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)


# A follow-up to the acknowledgement signed with another surname: the reporter's married name
# given beside the one they reported under ("Sarah Johnson (née Miller)", "… geb. Miller").
FOLLOW_UPS = {
    "f7-gmail-report-then-followup-married-name-nee-maiden.followup.eml": (
        [("name", "Sarah Johnson"), ("name", "Johnson"), ("literal", "Dell Technologies"),
         ("phone", "(512) 555-0143")],
        "he also found me on LinkedIn"),
    "f7-gmail-followup-german-geb-maiden.followup.eml": (
        [("name", "Sarah Johnson"), ("name", "Johnson"), ("literal", "Beispiel Logistik"),
         ("phone", "0171 5550143")],
        "Er hat mich danach auf Xing gefunden"),
}
REPORTER = "sarah.miller.1988@gmail.com"


@pytest.fixture(scope="module")
def follow_up_mail(tmp_path_factory):
    outcomes, sink = {}, Sink().start()
    try:
        for name in sorted(FOLLOW_UPS):
            daemon = RunningDaemon(load(write_config(tmp_path_factory.mktemp("f7-follow-up"), sink_port=sink.port,
                                                     conflicts=CONFLICTS))).start()
            before = len(sink.all())
            try:
                daemon.send((CORPUS / "f7-gmail-report-then-followup-married-name-nee-maiden.eml").read_bytes(),
                            mail_from=REPORTER)
                daemon.run_until_idle(timeout=30)
                ack = next(m for m in sink.all()[before:] if "Your report was received" in str(m["Subject"]))
                raw = (CORPUS / name).read_bytes()
                for marker, value in ((b"ACK_REPLY_ADDR", parseaddr(str(ack["Reply-To"] or ack["From"]))[1]),
                                      (b"ACK_MSGID", str(ack["Message-ID"])), (b"ACK_SUBJECT", str(ack["Subject"]))):
                    raw = raw.replace(marker, value.encode())
                code, _ = daemon.send(raw, mail_from=REPORTER, rcpt_tos=(parseaddr(str(ack["Reply-To"]))[1],))
                daemon.run_until_idle(timeout=30)
            finally:
                daemon.stop()
            outcomes[name] = (code, sink.all()[before:])
    finally:
        sink.stop()
    return outcomes


@pytest.mark.parametrize("name", sorted(FOLLOW_UPS))
def test_a_follow_up_signed_with_another_surname_reaches_members_without_it(follow_up_mail, name):
    code, mail = follow_up_mail[name]
    assert code == 250
    added = [m for m in member_mail(mail) if "added to the report" in str(m["Subject"])]
    assert len(added) >= 2
    needles, evidence = FOLLOW_UPS[name]
    for message in member_mail(mail):
        seen = everything(message)
        for needle in needles + [("addr", REPORTER), ("name", "Sarah Miller")]:
            assert not found(needle, seen), (message.rcpt_tos[0], needle)
    assert evidence in readable(added[0])


def test_a_surname_signed_as_the_one_born_with_is_the_reporters_too():
    for line in ("Sarah Johnson (née Kowalski)", "Sarah Johnson geb. Kowalski", "Sarah Johnson z domu Kowalski"):
        identity = identity_of("Sarah Miller <sarah.miller.1988@gmail.com>",
                               f"Kevin Brooks messaged me again.\n\n{line}\nProgram Manager\n")
        assert {"Sarah Johnson", "Sarah Kowalski"} <= set(identity.names), line


def test_a_name_over_contact_lines_at_the_end_is_a_signature_unless_introduced():
    told = "He kept touching my neck.\n\nHanna Lehtinen\n+358 40 123 4567\n"
    assert "Lehtinen" not in remove_signature(told, {"nightowl"}) and "4567" not in remove_signature(told, {"nightowl"})
    introduced = "He kept touching my neck. This is him, his number:\n\nVille Korhonen\n+358 40 555 0000\n"
    assert remove_signature(introduced, {"nightowl"}) == introduced
