"""Signature blocks and the reporter's own quoted mail (f7), through real SMTP.

tests/corpus4/f7-*.eml: a signature whose name line starts or ends with an academic title
("dr Aleksandra Nowicka-Berg", "Dr. Jana Weberová, Ph.D.") with the department, employer and
researcher ids (ORCID, ResearcherID, Scopus) under it, in text and as an HTML table whose
links carry the ids. Each report must become a case with its forwards and acknowledgement,
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
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)
