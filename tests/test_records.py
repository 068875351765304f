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
