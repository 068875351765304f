"""Signature blocks and the reporter's own quoted mail (f7), through real SMTP.

tests/corpus4/f7-*.eml: a signature whose name line starts or ends with an academic title
("dr Aleksandra Nowicka-Berg", "Dr. Jana Weberová, Ph.D.") with the department, employer and
researcher ids (ORCID, ResearcherID, Scopus) under it, in text and as an HTML table whose
links carry the ids; an employer line that ends with its company's legal form and a full
stop ("Senior Developer, Firma IT Sp. z o.o.", "… Adatház Kft.", "… Soluções Digitais Ltda."). Each report must become a case with its forwards and acknowledgement,
no planted identifier may reach a member-bound byte, and the evidence (the reported person,
what they did) must survive.
"""

from pathlib import Path

from corpus4_checks import reporter_tests

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
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)
