"""Joining the committee (issue 12, PyDistrict's onboarding): a member added while cases are
open is shown only the names of the people reported, declares conflicts, and only then gets
each open case they may see, one message each; conflicted cases never reach them."""

import subprocess
import sys

import pytest

from harness import CONFLICTS, MEMBERS, RunningDaemon, dump, load, member_reply, report, write_config

EVE = {"name": "Eve Novak", "email": "eve@example.org"}
ESCALATION = [{"name": "Steering Council", "email": "steering@example.org"}]
REPORTS = [  # (reporter, subject, body): one about Sam Rivera, one about Kim Park
    ("Jane Reporter <jane.reporter@example.net>", "Hostile comments in the sprint room",
     "Reported person: Sam Rivera\nThe comments about my accent went on for an hour.\n"),
    ("Lou Teller <lou.teller@example.net>", "Unwanted photos at the social",
     "Reported person: Kim Park <kim@example.com>\nThey kept photographing me after I said no.\n"),
]


def write_members(folder, members):
    dump({"members": members, "escalation": ESCALATION}, folder / "members.yaml")


def about(sink, who, code):
    return [m for m in sink.messages_to(who) if code in str(m["Subject"])]


def welcomes(sink, who):
    return [m for m in sink.messages_to(who) if str(m["Subject"]).startswith("Welcome to")]


@pytest.fixture
def two_cases(tmp_path, sink):
    """A running daemon with two open cases (about Sam Rivera, about Kim Park)."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        yield running, *open_two_cases(running)
    finally:
        running.stop()


def case_show(folder, code):
    shown = subprocess.run([sys.executable, "-m", "mailrouter", "case", "show", code.replace(" ", "-"),
                            "--config", str(folder / "mailrouter.yaml")], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout


def open_two_cases(running):
    codes = []
    for sender, subject, body in REPORTS:
        before = set(running.store.codes())
        running.send(report(sender=sender, subject=subject, body=body),
                     mail_from=sender.split("<")[1].rstrip(">"))
        running.run_until_idle()
        (code,) = set(running.store.codes()) - before
        codes.append(code)
    return codes


def join(running, tmp_path, *extra):
    write_members(tmp_path, MEMBERS + list(extra))
    assert running._call(running.daemon.reloader.reload("test: a member joins"))
    running.run_until_idle()


def answer_welcome(running, sink, body):
    welcome = welcomes(sink, EVE["email"])[-1]
    code, _ = running.send(member_reply(f"{EVE['name']} <{EVE['email']}>", body, subject="Re: Welcome"),
                           mail_from=EVE["email"], rcpt_tos=[welcome["Reply-To"].addresses[0].addr_spec])
    assert code == 250
    running.run_until_idle()


def test_a_newcomer_declares_a_conflict_and_receives_only_the_other_open_case(tmp_path, sink, two_cases):
    running, sam_case, kim_case = two_cases
    assert not any(welcomes(sink, m["email"]) for m in MEMBERS)     # the founders are not onboarded
    join(running, tmp_path, EVE)

    (welcome,) = sink.messages_to(EVE["email"])
    text = welcome.text()
    assert "Sam Rivera" in text and "Kim Park" in text
    assert "#conflict NAME" in text and "#no-conflicts" in text and "#to-reporter" in text
    for secret in (sam_case, kim_case, "jane", "Jane Reporter", "lou.teller", "Lou Teller", "reporter@",
                   REPORTS[0][1], REPORTS[1][1], "accent", "photographing", "kim@example.com", "2026"):
        assert secret.lower() not in text.lower(), secret

    assert "eve@example.org (not onboarded)" in case_show(tmp_path, kim_case)

    # Before answering: nothing about the open cases, though the discussion goes on.
    ana_kim = about(sink, "ana@example.org", kim_case)[-1]
    running.send(member_reply("Ana Lima <ana@example.org>", "Kim Park has done this before.", subject="Re: x"),
                 mail_from="ana@example.org", rcpt_tos=[ana_kim["Reply-To"].addresses[0].addr_spec])
    running.run_until_idle()
    assert not about(sink, EVE["email"], kim_case)

    answer_welcome(running, sink, "#conflict Sam Rivera\n#no-conflicts\n")
    assert not about(sink, EVE["email"], sam_case)
    (onboarded,) = about(sink, EVE["email"], kim_case)
    assert "Open case" in str(onboarded["Subject"]) and "photographing" in onboarded.text()
    assert "Messages among the members so far: 1" in onboarded.text()
    assert "lou.teller" not in onboarded.text().lower()
    confirmation = [m for m in sink.messages_to(EVE["email"]) if "Your answer" in str(m["Subject"])]
    assert "conflict recorded" in confirmation[0].text()
    assert "eve@example.org (declared a conflict)" in case_show(tmp_path, sam_case)   # the CLI agrees

    # Later mail on the conflicted case never reaches her; the other case she takes part in.
    bo_reply = [m for m in sink.messages_to("ana@example.org") if sam_case in str(m["Subject"])][-1]
    running.send(member_reply("Ana Lima <ana@example.org>", "Sam Rivera answered us.", subject="Re: x"),
                 mail_from="ana@example.org", rcpt_tos=[bo_reply["Reply-To"].addresses[0].addr_spec])
    running.run_until_idle()
    assert not about(sink, EVE["email"], sam_case)
    running.send(member_reply(f"{EVE['name']} <{EVE['email']}>", "I have read it.", subject="Re: x"),
                 mail_from=EVE["email"], rcpt_tos=[onboarded["Reply-To"].addresses[0].addr_spec])
    running.run_until_idle()
    assert any("I have read it" in m.text() for m in about(sink, "ana@example.org", kim_case))


def test_new_reports_reach_a_newcomer_before_they_answer(tmp_path, sink, two_cases):
    running, sam_case, _ = two_cases
    join(running, tmp_path, EVE)
    running.send(report(sender="Mo Writer <mo@example.net>", subject="Shouting",
                        body="Reported person: Max Roe\nSomeone shouted.\n"), mail_from="mo@example.net")
    running.run_until_idle()
    (forward,) = [m for m in sink.messages_to(EVE["email"]) if "New report" in str(m["Subject"])]
    max_case = str(forward["Subject"]).split("]")[0].lstrip("[")
    assert max_case != sam_case
    # Declaring a conflict with Max Roe takes her off that case: one short notice, then nothing.
    answer_welcome(running, sink, "#conflict max roe\n")
    (notice,) = [m for m in about(sink, EVE["email"], max_case) if m is not forward]
    assert "You declared a conflict" in notice.text() and "shouted" not in notice.text()
    ana = about(sink, "ana@example.org", max_case)[-1]
    running.send(member_reply("Ana Lima <ana@example.org>", "Max Roe wrote back.", subject="Re: x"),
                 mail_from="ana@example.org", rcpt_tos=[ana["Reply-To"].addresses[0].addr_spec])
    running.run_until_idle()
    assert len(about(sink, EVE["email"], max_case)) == 2


def test_the_first_start_onboards_nobody_and_a_member_added_while_down_is_welcomed(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        open_two_cases(running)
    finally:
        running.stop()
    assert not any(welcomes(sink, m["email"]) for m in MEMBERS)
    write_members(tmp_path, MEMBERS + [EVE])
    running = RunningDaemon(load(path)).start()
    try:
        running.run_until_idle()
        assert len(welcomes(sink, EVE["email"])) == 1
        assert not any(welcomes(sink, m["email"]) for m in MEMBERS)
    finally:
        running.stop()


def test_an_unanswered_welcome_brings_a_reminder_and_the_chair_is_told(tmp_path, sink, two_cases):
    running, _, _ = two_cases
    join(running, tmp_path, EVE)
    running.advance(days=2, hours=23)
    running.tick()
    assert not [m for m in sink.messages_to(EVE["email"]) if "Reminder" in str(m["Subject"])]
    running.advance(hours=2)
    running.tick()
    running.tick()
    (reminder,) = [m for m in sink.messages_to(EVE["email"]) if "Reminder" in str(m["Subject"])]
    assert "Sam Rivera" in reminder.text()
    told = [m for m in sink.messages_to("ana@example.org") if "not answered" in str(m["Subject"])]
    assert len(told) == 1 and "Eve Novak" in told[0].text()
    assert not [m for m in sink.messages_to("bo@example.org") if "not answered" in str(m["Subject"])]


def test_the_admin_clears_a_newcomer_with_conflicts_yaml_and_onboarded(tmp_path, sink, two_cases):
    running, sam_case, kim_case = two_cases
    join(running, tmp_path, EVE)
    conflicts = dict(CONFLICTS, **{"eve@example.org": [{"name": "Kim Park", "emails": ["kim@example.com"]}]})
    dump({"conflicts": conflicts}, tmp_path / "conflicts.yaml")
    join(running, tmp_path, dict(EVE, onboarded=True))
    assert len(about(sink, EVE["email"], sam_case)) == 1
    assert not about(sink, EVE["email"], kim_case)


def test_an_answer_at_the_alias_counts_only_from_a_verified_sender(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, authserv_id="mx.example.org"))).start()
    try:
        sam_case, kim_case = open_two_cases(running)
        join(running, tmp_path, EVE)
        answer = "#conflict Sam Rivera\n#no-conflicts\n"
        for headers in ((), ("Authentication-Results: mx.example.org; dmarc=pass header.from=example.org",)):
            code, _ = running.send(member_reply(f"{EVE['name']} <{EVE['email']}>", answer, extra_headers=headers),
                                   mail_from=EVE["email"])
            assert code == 250
            running.run_until_idle()
            assert len(running.store.codes()) == 2                 # never a new case
            if not headers:                                        # unverified: told, nothing done
                assert [str(m["Subject"]) for m in sink.messages_to(EVE["email"])][1:] == \
                    ["How to answer the welcome"]
        assert len(about(sink, EVE["email"], kim_case)) == 1 and not about(sink, EVE["email"], sam_case)
    finally:
        running.stop()


def test_with_onboarding_history_full_the_discussion_so_far_comes_along(tmp_path, sink):
    path = write_config(tmp_path, sink.port, policy={"preset": "jupyter", "onboarding_history": "full"})
    running = RunningDaemon(load(path)).start()
    try:
        _, kim_case = open_two_cases(running)
        ana_kim = about(sink, "ana@example.org", kim_case)[-1]
        running.send(member_reply("Ana Lima <ana@example.org>", "Kim Park has done this before.", subject="Re: x"),
                     mail_from="ana@example.org", rcpt_tos=[ana_kim["Reply-To"].addresses[0].addr_spec])
        running.run_until_idle()
        join(running, tmp_path, EVE)
        answer_welcome(running, sink, "#no-conflicts\n")
        (onboarded,) = about(sink, EVE["email"], kim_case)
        assert "Ana Lima:\r\nKim Park has done this before." in onboarded.text(), onboarded.text()
    finally:
        running.stop()


def test_under_triage_a_cleared_newcomer_is_asked_like_the_others_once_someone_is_named(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy="pydistrict"))).start()
    try:
        running.send(report(sender="Jo Writer <jo@example.net>", subject="At the sprint", body="It happened.\n"),
                     mail_from="jo@example.net")
        running.run_until_idle()
        (code,) = running.store.codes()
        join(running, tmp_path, EVE)
        assert "nobody has been named as reported" in welcomes(sink, EVE["email"])[0].text()
        answer_welcome(running, sink, "#no-conflicts\n")
        assert not about(sink, EVE["email"], code)              # triage: the chair reads first
        chair = about(sink, "ana@example.org", code)[-1]
        running.send(member_reply("Ana Lima <ana@example.org>", "#reported Kim Park\n", subject="Re: x"),
                     mail_from="ana@example.org", rcpt_tos=[chair["Reply-To"].addresses[0].addr_spec])
        running.run_until_idle()
        (asked,) = about(sink, EVE["email"], code)
        assert "Conflict check" in str(asked["Subject"]) and "It happened" not in asked.text()
    finally:
        running.stop()
