"""Who the reporter is, when the report does not say it in From (corpus4, h8's reports).

- The reporter forwards her **own earlier mail** (attached as message/rfc822 or as a saved
  `.eml`, or inline as Thunderbird writes it): every address it gives as hers (Sender,
  Reply-To, `Antwort an:`, read receipts) is hers and is scrubbed wherever it stands, and
  its From reaches the members as `"[reporter]" <>`, never a bare `<>`.
- A list that folds the author's address into its own (`noa=gmail.com@groups.io`): the
  address is unfolded, acknowledged and scrubbed; a list that hides the author altogether
  still opens the case, and the admin is told nobody could be acknowledged.

Each report goes through its own daemon over real SMTP (corpus_checks.run_corpus).
"""

import re
from pathlib import Path

import pytest

from corpus4_checks import check_forwarded_with_evidence, check_no_secret, forwards, run_reports

CORPUS = Path(__file__).parent / "corpus4"
ADMIN = "admin@example.org"

# name: envelope sender, the acknowledgement's address (None: nobody), what must reach no
# member (addresses and literal strings; names as whole words) and evidence that must stay.
REPORTS = {
    "h8-thunderbird-forward-own-sent-mail-read-receipt.eml": dict(
        mail_from="ewa.kowalczyk@wp.pl", ack_to="ewa.kowalczyk@wp.pl",
        secrets=["ewa.kowalczyk@wp.pl", "ewa.k.prywatny@onet.pl"], names=["Ewa Kowalczyk", "Kowalczyk"],
        evidence=["przestań do mnie pisać po nocach", "Adrian Nowicki"]),
    "h8-thunderbird-de-inline-forward-own-mail-antwort-an.eml": dict(
        mail_from="jana.schaefer@posteo.de", ack_to="jana.schaefer@posteo.de",
        secrets=["jana.schaefer@posteo.de", "js.privat.92@gmx.de"], names=["Jana Schäfer", "Schäfer"],
        evidence=["meine Fotos im Sprint-Chat zu kommentieren", "Marco Brandt"]),
    "h8-outlook-eml-attachment-own-mail-read-receipt-fr.eml": dict(
        mail_from="camille.dubois@icloud.com", ack_to="camille.dubois@icloud.com",
        secrets=["camille.dubois@icloud.com", "c.dubois@agence-lumiere.fr", "lumiere.cam@free.fr"],
        names=["Camille Dubois", "Dubois"], evidence=["de m'appeler le soir", "Thomas Garnier"]),
    "h8-groupsio-rewrite-equals-address-reply-to-sender.eml": dict(
        mail_from="bounce+1234+4711+5678+abcd@groups.io", ack_to="tomas.ruiz@gmail.com",
        secrets=["tomas.ruiz@gmail.com", "tomas.ruiz=gmail.com", "tomas.ruiz"], names=["Tomás Ruiz", "Ruiz"],
        evidence=["Peter Laine repeatedly touched my shoulders"]),
    "h8-groupsio-custom-domain-equals-address-es.eml": dict(
        mail_from="bounce+9f3e+27+1234@lists.pyconf.es", ack_to="lucia.fdez@outlook.es",
        secrets=["lucia.fdez@outlook.es", "lucia.fdez=outlook.es", "lucia.fdez"],
        names=["Lucía Fernández", "Fernández"], evidence=["Diego Salvatierra me siguió hasta el hotel"]),
    "h8-mailman-munged-from-no-author-address.eml": dict(
        mail_from="orga-bounces@lists.example.net", ack_to=None, secrets=[], names=["Noa Fischer", "Fischer"],
        evidence=["Gideon Marsh kept making jokes about my accent"]),
}
OWN_MAIL_FORWARDED = [n for n in REPORTS if "own" in n]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_reports(CORPUS, {name: report["mail_from"] for name, report in REPORTS.items()}, tmp_path_factory)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_becomes_a_case_forwarded_to_every_member(results, name):
    check_forwarded_with_evidence(results[name], REPORTS[name]["evidence"])


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_member_bound_byte_carries_the_reporter(results, name):
    check_no_secret(results[name][1], REPORTS[name]["secrets"], REPORTS[name]["names"])


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_writer_is_acknowledged_or_else_the_admin_is_told(results, name):
    mail = results[name][1]
    acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
    alerts = [m for m in mail if m.rcpt_tos == [ADMIN]]
    expected = REPORTS[name]["ack_to"]
    assert [m.rcpt_tos for m in acks] == ([[expected]] if expected else [])
    if expected:
        assert alerts == []
        return
    (alert,) = alerts
    (code,) = {re.search(r"\[([a-z]+ [a-z]+)\]", str(m["Subject"])).group(1) for m in forwards(mail)}
    text = alert.msg.get_body(("plain",)).get_content()
    assert "not told" in str(alert["Subject"]) and f"Case: {code}" in text
    for form in REPORTS[name]["names"]:           # the admin's mail names the case, not who wrote
        assert form not in text


@pytest.mark.parametrize("name", sorted(OWN_MAIL_FORWARDED))
def test_the_reporters_own_forwarded_mail_reads_from_the_reporter(results, name):
    """Its From was a `<[reporter's address]>` that reached the members as a bare `<>`."""
    forward = forwards(results[name][1])[0]
    inner = [p for p in forward.msg.walk() if p.get_content_type() == "message/rfc822"]
    if "inline" in name:
        assert not inner
        return
    (message,) = [p.get_payload()[0] for p in inner]
    assert str(message["From"]) == '"[reporter]" <>'
    assert re.search(rb'(?m)^From: "\[reporter\]" <>\r?$', forward.data)      # as the members' clients read it
