"""The committee's records (issue 13): the status spreadsheet, the report document, the
memory of a person that honours conflicts, and the transparency report.

Cases are built over real SMTP through the daemon; the CLI runs as `mailrouter` does.
Bo has a conflict with Sam Rivera (harness CONFLICTS). Two earlier reports name Kai Moreno;
the first also names Sam Rivera, so Bo may see only the second.
"""

import csv
import io
import subprocess
import sys
import zipfile

import pytest

from harness import RunningDaemon, load, member_says, report, write_config

REPORTER = "Jane Reporter <jane.reporter@example.net>"
ANA, BO = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>"
KAI = "Reported person: Kai Moreno <kai@example.com>\n"


def mailrouter(config_path, *args):
    result = subprocess.run([sys.executable, "-m", "mailrouter", *args, "--config", str(config_path)],
                            capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def file_report(daemon, body, subject="Conduct at the sprint"):
    before = set(daemon.store.codes())
    daemon.send(report(subject=subject, body=body, sender=REPORTER), mail_from="jane.reporter@example.net")
    daemon.run_until_idle()
    (code,) = set(daemon.store.codes()) - before
    return code


def last_to(sink, address, words):
    found = [m for m in sink.messages_to(address) if words in m.text()]
    assert found, f"{address} received nothing with {words!r}"
    return found[-1]


@pytest.fixture
def committee_records(tmp_path, sink):
    """Two earlier cases about Kai Moreno (the first also naming Sam Rivera), with records."""
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    first = file_report(running, KAI + "Kai and Sam Rivera mocked my accent at the sprint.\n")
    member_says(running, sink, ANA, "#in-scope yes\n#status resolved\n#resolution Verbal warning\n\n"
                "We spoke with both; it is in scope.\n", subject=f"Re: [{first}]")
    running.advance(days=3)
    second = file_report(running, KAI + "Kai shouted at me in the hallway track.\n")
    yield running, sink, path, first, second
    running.stop()


def test_a_member_sees_only_the_earlier_cases_they_may_see_and_is_told_how_many_were_withheld(committee_records):
    daemon, sink, path, first, second = committee_records
    member_says(daemon, sink, BO, "#cases Kai Moreno\n", subject=f"Re: [{second}]")
    told = last_to(sink, "bo@example.org", "#cases").text()
    assert second in told and first not in told
    assert "1 case(s) about Kai Moreno that you may see; 1 more withheld" in told
    member_says(daemon, sink, ANA, "#cases kai@example.com\n", subject=f"Re: [{second}]")
    told = last_to(sink, "ana@example.org", "#cases").text()
    assert first in told and second in told and "Verbal warning" in told and "withheld" not in told


def test_a_new_report_tells_each_member_the_earlier_cases_they_may_see(committee_records):
    daemon, sink, path, first, second = committee_records
    third = file_report(daemon, KAI + "Kai again, at the social.\n")
    to_bo = last_to(sink, "bo@example.org", f"New report: {third}").text()
    to_ana = last_to(sink, "ana@example.org", f"New report: {third}").text()
    assert second in to_bo and first not in to_bo
    assert first in to_ana and second in to_ana


def test_the_status_sheet_has_the_procedures_columns_and_no_person(committee_records):
    daemon, sink, path, first, second = committee_records
    rows = list(csv.reader(io.StringIO(mailrouter(path, "status").decode())))
    assert rows[0] == ["Safety risk?", "Risk of repeating?", "Status", "Code Name", "Date & Time",
                       "Actions needed", "Resolution"]
    assert [r[3] for r in rows[1:]] == [first, second] and rows[1][6] == "Verbal warning"
    assert [r[3] for r in csv.reader(io.StringIO(mailrouter(path, "status", "--open").decode()))][1:] == [second]
    for fmt in ("csv", "md", "html"):
        out = mailrouter(path, "status", "--format", fmt).decode()
        assert first in out and "Kai" not in out and "Sam" not in out and "Jane" not in out
    ods = zipfile.ZipFile(io.BytesIO(mailrouter(path, "status", "--format", "ods")))
    content = ods.read("content.xml").decode()
    assert "Risk of repeating?" in content and first in content and "Kai" not in content


MANY_SCRIPTS = "他在会议上一直打断我。\nقاطعني مرارا في الاجتماع\nIt hurt 😞 <script>alert(1)</script>\n"
SECTIONS = ("## The report", "## Committee discussion",
            "## Proposed behavioural modification plan and consequences",
            "## Discussions with moderators and administrators", "## Discussions with the reported person",
            "## Follow-up with the reporter")


@pytest.fixture
def deliberated(tmp_path, sink):
    """One case with a report in three scripts, discussion, a proposal with votes, a follow-up."""
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    code = file_report(running, MANY_SCRIPTS + "Jane Reporter\n")
    subject = f"Re: [{code}]"
    member_says(running, sink, ANA, "#in-scope yes\n\nThis is in scope: it happened at our event.\n", subject=subject)
    member_says(running, sink, BO, "#propose A written warning and a conversation about interrupting.\n",
                subject=subject)
    member_says(running, sink, ANA, "#vote yes\n", subject=subject)
    member_says(running, sink, "Chidi Okafor <chidi@example.org>", "#vote yes\n", subject=subject)
    member_says(running, sink, BO, "#vote abstain\n", subject=subject)
    member_says(running, sink, ANA, "#to-reporter\n\nThank you for telling us; we have talked to them.\n",
                subject=subject)
    yield running, sink, path, code
    running.stop()


def test_the_report_document_is_titled_by_its_code_name_with_the_procedures_sections_in_order(deliberated):
    daemon, sink, path, code = deliberated
    text = mailrouter(path, "case", "export", code, "--format", "md").decode()
    assert text.splitlines()[0] == f"# Report document: {code}"
    positions = [text.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    report, discussion, proposals, moderators, reported, follow_up = (
        text[a:b] for a, b in zip(positions, positions[1:] + [len(text)]))
    assert "他在会议上一直打断我" in report and "قاطعني" in report
    assert "In scope:** yes" in discussion and "Ana Lima" in discussion and "happened at our event" in discussion
    assert "written warning" in proposals and "Votes: 2 yes, 0 no, 1 abstain. Outcome: passed" in proposals
    assert "None recorded." in moderators and "None recorded." in reported
    assert "we have talked to them" in follow_up


def test_no_export_carries_the_reporter_unless_revealed(deliberated):
    daemon, sink, path, code = deliberated
    for fmt in ("md", "html"):
        out = mailrouter(path, "case", "export", code, "--format", fmt).decode()
        assert "jane.reporter" not in out and "Jane" not in out and "not shared with the committee" in out
    html = mailrouter(path, "case", "export", code, "--format", "html").decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    daemon.reveal_from_cli(path, code, "ana@example.org", "the reporter asked us to")
    assert "jane.reporter@example.net" in mailrouter(path, "case", "export", code, "--format", "md").decode()


def test_the_pdf_parses_and_holds_the_text_in_every_script(deliberated, tmp_path):
    from pypdf import PdfReader

    daemon, sink, path, code = deliberated
    target = tmp_path / "doc.pdf"
    assert mailrouter(path, "case", "export", code, "--format", "pdf", "--output", str(target)) == b""
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and target.stat().st_mode & 0o077 == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert f"Report document: {code}" in text and "Follow-up with the reporter" in text
    assert "قاطعني" in text or "ينعطاق" in text or "ﻗﺎﻃﻌﻨﻲ" in text.replace(" ", "")
    assert "jane.reporter" not in text and "Jane" not in text


def test_a_chair_exports_by_mail_and_a_member_gets_history_only_for_cases_they_may_see(committee_records):
    daemon, sink, path, first, second = committee_records
    member_says(daemon, sink, BO, "#export\n", subject=f"Re: [{second}]")
    assert "only a chair" in last_to(sink, "bo@example.org", "#export").text()
    member_says(daemon, sink, ANA, "#export md\n", subject=f"Re: [{second}]")
    (document,) = [m for m in sink.all() if f"Report document: {second}" in str(m["Subject"])]
    assert document.rcpt_tos == ["ana@example.org"]
    (attached,) = document.msg.iter_attachments()
    assert attached.get_filename() == f"{second.replace(' ', '-')}.md"
    assert attached.get_content().startswith(f"# Report document: {second}")
    member_says(daemon, sink, BO, f"#history {first}\n", subject=f"Re: [{second}]")
    refused = last_to(sink, "bo@example.org", "#history").text()
    assert "no report document is available to you" in refused and "accent" not in refused
    member_says(daemon, sink, BO, f"#history {second} md\n", subject=f"Re: [{second}]")
    (document,) = [m for m in sink.messages_to("bo@example.org") if "Report document:" in str(m["Subject"])]
    assert "hallway track" in next(document.msg.iter_attachments()).get_content()


def test_stats_count_without_naming_a_case_and_hide_small_numbers(committee_records):
    daemon, sink, path, first, second = committee_records
    out = mailrouter(path, "stats", "--from", "2026-01-01", "--to", "2026-12-31").decode()
    assert "Reports received:" in out and "fewer than 3" in out.split("Reports received:")[1].splitlines()[0]
    assert "Median days to resolve:" in out and "not shown" in out
    assert first not in out and second not in out and "2026-11" not in out
    for n in range(2):      # two texts: the same text again from the same sender would join its case
        file_report(daemon, f"Someone was rude in the chat{' again' * n}.\n")
    out = mailrouter(path, "stats", "--from", "2026-01-01", "--to", "2026-12-31").decode()
    received = out.split("Reports received:")[1].splitlines()[0].strip()
    acknowledged = out.split("Acknowledged within 24 hours:")[1].splitlines()[0].strip()
    assert (received, acknowledged) == ("4", "4")
    assert "fewer than 3" in out.split("In scope:")[1].splitlines()[0]
    assert "0.0" in out.split("Median days to acknowledge:")[1].splitlines()[0]
    out = mailrouter(path, "stats", "--from", "2027-01-01", "--to", "2027-12-31").decode()
    assert "fewer than 3" in out.split("Reports received:")[1].splitlines()[0]


def test_a_pdf_comes_out_without_a_unicode_font_too():
    from pypdf import PdfReader

    from mailrouter.casework.document_pdf import document_pdf
    from mailrouter.casework.report_document import Entry, ReportDocument, Section

    doc = ReportDocument("quiet harbor", (("Opened", "2026-11-02"),),
                         (Section("The report", (Entry("2026-11-02", "reporter", MANY_SCRIPTS + "Grüße"),)),))
    for fonts in ((), None):
        data = document_pdf(doc, "Committee", "None recorded.", *([fonts] if fonts is not None else []))
        text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
        assert "Report document: quiet harbor" in text and "Grüße" in text


def test_cases_sent_to_the_alias_is_answered_only_when_the_sender_is_verified(tmp_path, sink):
    from harness import member_reply

    path = write_config(tmp_path, sink.port, authserv_id="mx.example.org")
    daemon = RunningDaemon(load(path)).start()
    try:
        first = file_report(daemon, KAI + "Kai and Sam Rivera mocked my accent at the sprint.\n")
        second = file_report(daemon, KAI + "Kai shouted at me in the hallway track.\n")
        passed = "Authentication-Results: mx.example.org; dmarc=pass header.from=example.org"
        for headers in ((), (passed,)):
            daemon.send(member_reply(BO, "#cases Kai Moreno\n", subject="A question", extra_headers=headers),
                        mail_from="bo@example.org")
            daemon.run_until_idle()
        assert sorted(daemon.store.codes()) == sorted([first, second])          # no new case
        unverified, answered = [m for m in sink.messages_to("bo@example.org") if m["Subject"] == "Your #cases"]
        assert "could not confirm" in unverified.text() and second not in unverified.text()
        assert second in answered.text() and first not in answered.text() and "1 more withheld" in answered.text()
    finally:
        daemon.stop()


def test_a_long_document_asked_for_as_pdf_by_mail_comes_as_markdown(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    daemon = RunningDaemon(load(path)).start()
    try:
        code = file_report(daemon, "It went on and on, every session of the sprint.\n" * 2200)
        member_says(daemon, sink, ANA, "#export\n", subject=f"Re: [{code}]")
        (document,) = [m for m in sink.all() if f"Report document: {code}" in str(m["Subject"])]
        assert next(document.msg.iter_attachments()).get_filename().endswith(".md")
        assert "(md)" in last_to(sink, "ana@example.org", "#export").text()
    finally:
        daemon.stop()


def test_an_open_case_is_known_only_to_those_granted_it_a_closed_one_to_everyone_eligible():
    """Triage and onboarding decide who reads an open case: `#history` and `#cases` must not
    open it to a member not yet given it. A closed case is the committee's memory (NumPy,
    Jupyter): everyone eligible now may see it."""
    from mailrouter.cases.history import readers
    from mailrouter.settings.committee import Committee, Member

    class NobodyReported:              # the one door's answer for a case with no reporter parties
        def parties(self, code):
            return ()

    committee = Committee((Member("Ana Lima", "ana@example.org", ("chair",)), Member("Bo Chen", "bo@example.org")))
    case = {"code": "home shelf", "status": "new", "access": {"ana@example.org": "granted"}}
    assert readers([case], committee, NobodyReported())["home shelf"] == {"ana@example.org"}
    closed = dict(case, status="closed")
    assert readers([closed], committee, NobodyReported())["home shelf"] == {"ana@example.org", "bo@example.org"}
