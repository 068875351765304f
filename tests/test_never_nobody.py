"""Never nobody (issue 12): a case below the policy's `min_readers` gets interim readers,
the reserves of members.yaml first and then the escalation body, screened for conflicts like
members; a report about the whole committee still reaches someone, and the reporter's
acknowledgement says so truthfully. `case show` lists who actually received the case."""

import subprocess
import sys

import pytest

from harness import MEMBERS, RunningDaemon, dump, load, member_says, report, write_config
from mailrouter.errors import ConfigError

RAE = {"name": "Rae Moreau", "email": "rae@example.org"}
STEERING = {"name": "Steering Council", "email": "steering@example.org"}
ESCALATION = [STEERING]
REPORTER = ("Jane Reporter", "reporter@example.net")


def configure(folder, sink, reserves=(RAE,), conflicts=None, members=MEMBERS):
    path = write_config(folder, sink.port, conflicts=conflicts)
    dump({"members": members, "reserves": list(reserves), "escalation": ESCALATION}, folder / "members.yaml")
    return path


def forwards_to(sink, address):
    return [m for m in sink.messages_to(address) if "New report" in str(m["Subject"])]


def only_case(running):
    (code,) = running.store.codes()
    return code, running.store.get(code), running.store.events(code)


def report_as_jane(running, body):
    running.send(report(sender=f"{REPORTER[0]} <{REPORTER[1]}>", body=body), mail_from=REPORTER[1])
    running.run_until_idle()


def alerts(sink):
    return [m.text() for m in sink.messages_to("admin@example.org")]


def test_recusals_below_the_minimum_bring_in_a_reserve_who_gets_the_case(tmp_path, sink):
    running = RunningDaemon(load(configure(tmp_path, sink))).start()
    try:
        report_as_jane(running, "Someone kept interrupting me at the quince stall.\n")
        assert forwards_to(sink, RAE["email"]) == []          # three members read it: no need
        member_says(running, sink, "Ana Lima <ana@example.org>", "#recuse\n")
        assert forwards_to(sink, RAE["email"]) == []          # two still read it: the minimum
        member_says(running, sink, "Bo Chen <bo@example.org>", "#recuse\n")
        (forward,) = forwards_to(sink, RAE["email"])
        assert "quince stall" in forward.text() and "interim reader" in forward.text()
        assert "The case so far: opened 2026-" in forward.text()
        assert forward.rcpt_tos == [RAE["email"]]
        code, case, events = only_case(running)
        assert [r["email"] for r in case["interim"]] == [RAE["email"]]
        (event,) = [e for e in events if e["kind"] == "interim readers brought in"]
        assert "Rae Moreau" in event["readers"] and "@" not in str(event)
        assert any("interim readers were brought in" in text and code in text for text in alerts(sink))
        assert forwards_to(sink, STEERING["email"]) == []     # the reserve was enough
        # The reserve takes part like a member: their words reach Chidi, never the recused.
        member_says(running, sink, "Rae Moreau <rae@example.org>", "I can take the interviews.\n")
        assert any("take the interviews" in m.text() for m in sink.messages_to("chidi@example.org"))
        assert not any("take the interviews" in m.text() for m in sink.messages_to("bo@example.org"))
    finally:
        running.stop()


def test_a_report_about_the_whole_committee_goes_to_reserves_and_escalation_only(tmp_path, sink):
    running = RunningDaemon(load(configure(tmp_path, sink))).start()
    try:
        body = "Ana Lima, Bo Chen and Chidi Okafor all ignored me at the plum tent.\n"
        report_as_jane(running, body)
        for member in MEMBERS:
            assert sink.messages_to(member["email"]) == [], member["email"]
        for reader in (RAE, STEERING):
            (forward,) = forwards_to(sink, reader["email"])
            assert "plum tent" in forward.text()
            raw = forward.data.decode("utf-8", "replace").lower()
            assert REPORTER[1] not in raw and "jane" not in raw      # never the reporter's identity
        (ack,) = sink.messages_to(REPORTER[1])
        said = " ".join(ack.text().split())
        assert "passed, each person individually, to the people our community designated to handle a " \
               "report when the committee cannot" in said
        assert "sent to each committee member" not in said
    finally:
        running.stop()


def test_a_conflicted_reserve_is_skipped_and_the_escalation_body_reads_instead(tmp_path, sink):
    sam = {"name": "Sam Rivera", "emails": ["sam@example.net"], "aliases": ["samr"]}
    conflicts = {"bo@example.org": [sam], RAE["email"]: [sam]}
    running = RunningDaemon(load(configure(tmp_path, sink, conflicts=conflicts))).start()
    try:
        # Ana is named (a party) and Bo and Rae are conflicted with Sam: only Chidi is left.
        report_as_jane(running, "Sam Rivera shouted at me; Ana Lima saw it by the fig cart.\n")
        assert sink.messages_to(RAE["email"]) == []
        (forward,) = forwards_to(sink, STEERING["email"])
        assert "fig cart" in forward.text()
        assert [m["email"] for m in MEMBERS if forwards_to(sink, m["email"])] == ["chidi@example.org"]
        _, case, _ = only_case(running)
        assert [r["as"] for r in case["interim"]] == ["escalation"]
    finally:
        running.stop()


def test_members_going_away_bring_in_a_reserve(tmp_path, sink):
    running = RunningDaemon(load(configure(tmp_path, sink))).start()
    try:
        report_as_jane(running, "It happened by the walnut tree.\n")
        member_says(running, sink, "Ana Lima <ana@example.org>", "#away until 2026-12-20\n")
        assert forwards_to(sink, RAE["email"]) == []          # two still read it: the minimum
        member_says(running, sink, "Bo Chen <bo@example.org>", "#away until 2026-12-20\n")
        (forward,) = forwards_to(sink, RAE["email"])
        assert "walnut tree" in forward.text() and "interim reader" in forward.text()
        _, case, events = only_case(running)
        assert [r["email"] for r in case["interim"]] == [RAE["email"]]
        assert any(e["kind"] == "interim readers brought in" and e["why"] == "a member went away" for e in events)
    finally:
        running.stop()


def test_an_interim_reader_sending_away_or_back_is_told_it_is_for_members(tmp_path, sink):
    running = RunningDaemon(load(configure(tmp_path, sink))).start()
    try:
        report_as_jane(running, "It happened by the hazel hedge.\n")
        member_says(running, sink, "Ana Lima <ana@example.org>", "#recuse\n")
        member_says(running, sink, "Bo Chen <bo@example.org>", "#recuse\n")
        member_says(running, sink, "Rae Moreau <rae@example.org>", "#back\n")
        answers = [m.text() for m in sink.messages_to(RAE["email"]) if "New report" not in str(m["Subject"])]
        assert any("#away and #back are for committee members" in text for text in answers), answers
        assert list((tmp_path / "state" / "spool" / "quarantine").glob("*")) == []
    finally:
        running.stop()


def test_a_reload_removing_members_brings_in_a_reserve(tmp_path, sink):
    path = configure(tmp_path, sink)
    running = RunningDaemon(load(path)).start()
    try:
        report_as_jane(running, "It happened near the pear orchard.\n")
        dump({"members": [MEMBERS[0], dict(MEMBERS[1], active=False)], "reserves": [RAE],
              "escalation": ESCALATION}, tmp_path / "members.yaml")
        assert running._call(running.daemon.reloader.reload("test")) is True
        running.run_until_idle()
        (forward,) = forwards_to(sink, RAE["email"])
        assert "pear orchard" in forward.text()
    finally:
        running.stop()


def test_case_show_lists_who_actually_received_the_case_and_when(tmp_path, sink):
    path = configure(tmp_path, sink)
    running = RunningDaemon(load(path)).start()
    try:
        report_as_jane(running, "It happened at the cherry bench.\n")
        member_says(running, sink, "Ana Lima <ana@example.org>", "#recuse\n")
        member_says(running, sink, "Bo Chen <bo@example.org>", "#recuse\n")
        code, _, _ = only_case(running)
    finally:
        running.stop()
    # Eve joins later: eligible now, but she never received this case.
    dump({"members": MEMBERS + [{"name": "Eve Novak", "email": "eve@example.org"}], "reserves": [RAE],
          "escalation": ESCALATION}, tmp_path / "members.yaml")
    out = subprocess.run([sys.executable, "-m", "mailrouter", "case", "show", code, "--config", str(path)],
                         capture_output=True, text=True, check=True).stdout
    received = [line for line in out.splitlines() if line.startswith("  ") and " forward " in line]
    assert sorted(line.split()[2] for line in received) == ["Ana", "Bo", "Chidi", "Rae"]
    assert all(line.split()[0].startswith("2026-") and line.endswith("delivered") for line in received)
    assert not any("eve@example.org" in line for line in received)
    assert "Eligible now: " in out and "eve@example.org" in out.split("Eligible now: ")[1].splitlines()[0]
    assert "Interim:  Rae Moreau <rae@example.org> (reserve)" in out


def test_the_escalation_body_never_learns_who_reported_even_when_the_reporter_shares(tmp_path, sink):
    running = RunningDaemon(load(configure(tmp_path, sink))).start()
    try:
        body = "Ana Lima, Bo Chen and Chidi Okafor ignored me at the lime kiosk.\nShare my identity: yes\n"
        report_as_jane(running, body)
        (to_reserve,) = forwards_to(sink, RAE["email"])       # a reserve reads it as a member would
        assert REPORTER[1] in to_reserve.text() and "lime kiosk" in to_reserve.text()
        (to_steering,) = forwards_to(sink, STEERING["email"])
        raw = to_steering.data.decode("utf-8", "replace").lower()
        assert REPORTER[1] not in raw and "jane" not in raw and "withheld" in raw
        # What the reserve then writes may name the reporter: none of it reaches the escalation body,
        # nor does the report document by #history.
        member_says(running, sink, "Rae Moreau <rae@example.org>", "Jane Reporter told me more by phone.\n")
        member_says(running, sink, "Steering Council <steering@example.org>", "#history md\n")
        told = [part.get_content() for message in sink.messages_to(STEERING["email"])
                for part in message.msg.walk() if part.get_content_maintype() == "text"]
        assert any("withheld from you: the reporter agreed" in text for text in told)   # the #history answer
        for text in told:
            assert REPORTER[1] not in text.lower() and "jane" not in text.lower() and "by phone" not in text
    finally:
        running.stop()



def test_a_report_nobody_can_read_is_kept_the_ack_says_so_and_the_admin_is_alerted(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    dump({"members": MEMBERS}, tmp_path / "members.yaml")          # no reserves, no escalation body
    running = RunningDaemon(load(path)).start()
    try:
        body = "Ana Lima, Bo Chen and Chidi Okafor laughed at me by the walnut stand.\n"
        report_as_jane(running, body)
        assert [m for m in sink.all() if "New report" in str(m["Subject"])] == []
        (ack,) = sink.messages_to(REPORTER[1])
        said = " ".join(ack.text().split())
        assert "It is kept safely, and our administrator has been asked" in said
        assert "sent to each committee member" not in said
        code, _, events = only_case(running)
        assert any(e["kind"] == "too few readers" for e in events)
        assert any("no reserve is free" in text and code in text for text in alerts(sink))
    finally:
        running.stop()


def test_reserves_are_validated_with_file_line_and_key(tmp_path):
    path = write_config(tmp_path)
    (tmp_path / "members.yaml").write_text(
        "members:\n  - name: Ana\n    email: ana@example.org\n"
        "reserves:\n  - name: Rae\n    email: rae@example.org\n    roles: [chair]\n"
        "  - name: Ana again\n    email: ana@example.org\n")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert "members.yaml:7: reserves[0].roles: " in str(caught.value)
    assert "members.yaml:9: reserves[1].email: a reserve cannot also be a member" in str(caught.value)
    (tmp_path / "members.yaml").write_text(
        "members:\n  - name: Ana\n    email: ana@example.org\nreserves:\n  - name: Rae\n    email: rae@example.org\n")
    (tmp_path / "conflicts.yaml").write_text("conflicts:\n  rae@example.org:\n    - name: Sam Rivera\n")
    committee = load(path).committee      # a reserve may have conflicts too
    assert [r.email for r in committee.reserves] == ["rae@example.org"]
    assert committee.conflicts_of(committee.reserves[0])[0].name == "Sam Rivera"


def test_route_dry_run_names_the_interim_readers_a_report_would_get(tmp_path, sink):
    path = configure(tmp_path, sink)
    eml = tmp_path / "report.eml"
    eml.write_bytes(report(body="Ana Lima and Bo Chen ignored me by the olive press.\n"))
    out = subprocess.run([sys.executable, "-m", "mailrouter", "route", "--dry-run", str(eml), "--config", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert "would receive:  Chidi Okafor <chidi@example.org>\n" in out
    assert "would receive:  Rae Moreau <rae@example.org> (interim reader, reserve" in out
    assert "steering@example.org" not in out          # one reserve makes two readers
