"""A member who leaves a case in the middle of a mail does nothing more in it (invariant 1).

`#recuse` (or a `#reported` that makes its author a party) ends the author's part at once:
the commands after it in the same mail are not run, and the words below the commands are
not relayed to the others (who are told only that someone recused). The confirmation of
#recuse lists what ran and what did not.
"""

import pytest

from harness import RunningDaemon, Sink, load, member_says, report, write_config

ANA, CHIDI = "Ana Lima <ana@example.org>", "Chidi Okafor <chidi@example.org>"
REPORTER = "reporter@example.net"


@pytest.fixture
def running(tmp_path):
    sink = Sink().start()
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    daemon.send(report(body="Someone kept interrupting me at the meetup.\n"))
    daemon.run_until_idle()
    yield daemon, sink, daemon.store.codes()[0]
    daemon.stop()
    sink.stop()


def said(sink, address, words):
    return [m for m in sink.messages_to(address) if words in m.text()]


@pytest.mark.parametrize("leaving", ["#recuse", "#reported Chidi Okafor <chidi@example.org>"],
                         ids=["recuse", "reported-self"])
def test_commands_after_leaving_are_not_run_and_the_words_are_not_relayed(running, leaving):
    daemon, sink, code = running
    member_says(daemon, sink, CHIDI, f"{leaving}\n#note Chidi was here\n#to-reporter\n\n"
                                     "We hear you. I went to school with the reported person.\n")
    assert not said(sink, REPORTER, "We hear you")                     # not run after leaving
    for member in ("ana@example.org", "bo@example.org"):
        assert not said(sink, member, "went to school"), member       # not relayed
    commands = [e for e in daemon.store.events(code) if e["kind"] == "command"]
    assert [(e["command"], e["ok"]) for e in commands] == [(leaving[1:].split()[0], True),
                                                           ("note", False), ("to-reporter", False)]
    confirmations = [m for m in sink.messages_to("chidi@example.org") if "Your commands" in str(m["Subject"])]
    if leaving == "#recuse":                 # a party made by their own #reported has one short notice
        (confirmation,) = confirmations
        assert "#to-reporter: error: not run: you are no longer on this case" in confirmation.text()


def test_a_member_on_the_case_still_runs_every_command(running):
    """The control: the same mail from a member who stays runs both and is relayed."""
    daemon, sink, code = running
    member_says(daemon, sink, ANA, "#note Ana was here\n#to-reporter\n\nWe hear you, thank you.\n")
    assert said(sink, REPORTER, "We hear you")
    commands = [e for e in daemon.store.events(code) if e["kind"] == "command"]
    assert [(e["command"], e["ok"]) for e in commands] == [("note", True), ("to-reporter", True)]
    member_says(daemon, sink, ANA, "#note Ana again\n\nLet us meet on Friday.\n")
    assert said(sink, "bo@example.org", "meet on Friday")


def test_going_away_is_not_leaving(running):
    """#away keeps the member on the case (#back still works): the commands after it are
    refused as for one away, and their words below are still shared."""
    daemon, sink, code = running
    member_says(daemon, sink, CHIDI, "#away until 2026-12-20\n#note Chidi was here\n\nBack after the holidays.\n")
    commands = [e for e in daemon.store.events(code) if e["kind"] == "command"]
    assert [(e["command"], e["ok"]) for e in commands] == [("away", True), ("note", False)]
    (confirmation,) = [m for m in sink.messages_to("chidi@example.org") if "Your commands" in str(m["Subject"])]
    assert "#note: error: not available while you are away" in confirmation.text()
    assert said(sink, "ana@example.org", "Back after the holidays")
