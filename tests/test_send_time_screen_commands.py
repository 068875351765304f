"""The send-time screen and member commands (invariant 1): what a command queues is screened
for the case whose content it carries, and #recuse takes back what waits for the member.

`#history OTHER` written in case A's thread carries OTHER's report document: while it waits
(the relay answers 451), a reload that puts the member in conflict on OTHER withdraws it, one
that puts them in conflict on A alone does not. A member who recuses while their relay is
down gets the confirmation of #recuse and nothing else that waited for them about the case.
Real daemon, real SMTP sink."""

import pytest

from harness import CONFLICTS, RunningDaemon, load, member_reply, member_says, report, write_config
from test_send_time_screen import conflict_by_reload, eventually, relay_heals, withdrawn

CHIDI_ADDRESS, ANA_ADDRESS = "chidi@example.org", "ana@example.org"
CHIDI, ANA, BO = f"Chidi Okafor <{CHIDI_ADDRESS}>", f"Ana Lima <{ANA_ADDRESS}>", "Bo Chen <bo@example.org>"
NEVER = ["451 4.3.0 try again later"] * 200     # down until the test heals it, however many attempts
KAI = [{"name": "Kai Moreno", "emails": ["kai@example.com"]}]
LEE = [{"name": "Lee Park", "emails": ["lee@example.com"]}]


def filed(running, body):
    before = set(running.store.codes())
    running.send(report(body=body), mail_from="reporter@example.net")
    running.run_until_idle()
    (code,) = set(running.store.codes()) - before
    return code


def address_on(sink, who, code):
    """The reply address `who` was given in case `code`'s thread."""
    found = [m for m in sink.messages_to(who) if m["Reply-To"] and f"[{code}]" in str(m["Subject"])]
    assert found, f"{who} received nothing about {code}"
    return found[-1]["Reply-To"].addresses[0].addr_spec


def says_on(running, sink, sender, code, body):
    address = sender.split("<")[1].rstrip(">")
    assert running.send(member_reply(sender, body), mail_from=address,
                        rcpt_tos=[address_on(sink, address, code)])[0] == 250
    running.run_until_idle()


def documents_of(sink, code):
    """The report documents of `code` Chidi received: the text of their attachments."""
    return [a.get_content() for m in sink.messages_to(CHIDI_ADDRESS) if f"Report document: {code}" in str(m["Subject"])
            for a in m.msg.iter_attachments()]


@pytest.mark.parametrize("conflict_on", ["the other case", "this case"])
def test_history_of_another_case_is_screened_for_that_case(tmp_path, sink, conflict_on):
    """Chidi asks, in case A's thread, for OTHER's document while his relay is down; a reload
    then puts him in conflict with OTHER's reported person (nothing of OTHER may reach him) or
    with A's alone (OTHER's document is still his to read)."""
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        other = filed(running, "Reported person: Kai Moreno <kai@example.com>\nKai mocked my accent at the sprint.\n")
        this = filed(running, "Reported person: Lee Park <lee@example.com>\nLee kept interrupting me.\n")
        sink.answers[CHIDI_ADDRESS] = list(NEVER)
        delivered_before = len(sink.messages_to(CHIDI_ADDRESS))
        says_on(running, sink, CHIDI, this, f"#history {other} md\n")
        (entry_id,) = [i for i, meta in running.state.outbox.queued() if meta["kind"] == "history"]
        conflict_by_reload(running, tmp_path, CHIDI_ADDRESS, KAI if conflict_on == "the other case" else LEE)
        relay_heals(running, sink, CHIDI_ADDRESS)
        if conflict_on == "the other case":
            assert eventually(running, lambda: withdrawn(running, other, "Chidi Okafor", entry_id))
            assert documents_of(sink, other) == []
            assert not [m for m in sink.messages_to(CHIDI_ADDRESS)[delivered_before:] if "accent" in m.text()]
        else:
            assert eventually(running, lambda: documents_of(sink, other))
            assert "accent" in documents_of(sink, other)[0]
            assert not [e for code in (this, other) for e in running.store.events(code) if e["kind"] == "mail withdrawn"]
    finally:
        running.stop()


def test_recuse_withdraws_everything_that_waits_for_the_member_but_its_confirmation(tmp_path, sink):
    """Ana's relay is down: Bo's reply, the week's reminders, her weekly digest (a row of the
    case) and the notice of Chidi's recusal wait for her. She recuses: all of them are withdrawn at once (in the case's log by her
    name), and when her relay heals she gets the confirmation of #recuse and nothing else."""
    path = write_config(tmp_path, sink.port, outbound={
        "method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink.port},
        "retry": {"first": "5m", "max": "70m", "give_up": "30d", "jitter": 0.0}})   # nothing given up
    running = RunningDaemon(load(path)).start()
    try:
        code = filed(running, "It happened near the pear orchard.\n")
        sink.answers[ANA_ADDRESS] = list(NEVER)
        delivered_before = len(sink.messages_to(ANA_ADDRESS))
        says_on(running, sink, BO, code, "We should talk to the organiser of the orchard walk.\n")
        running.advance(days=8)
        running.tick()                                   # the follow-up reminder to every member
        says_on(running, sink, CHIDI, code, "#recuse\n")
        waiting = {i: meta["kind"] for i, meta in running.state.outbox.queued()
                   if meta["recipient"].lower() == ANA_ADDRESS}
        assert sorted(waiting.values()) == ["digest", "discussion", "recusal", "reminder", "reminder"]
        says_on(running, sink, ANA, code, "#recuse\n")
        assert all(withdrawn(running, code, "Ana Lima", entry_id) for entry_id in waiting)   # at once
        says_on(running, sink, BO, code, "And after she left: the organiser agreed to talk.\n")
        relay_heals(running, sink, ANA_ADDRESS)
        (confirmation,) = sink.messages_to(ANA_ADDRESS)[delivered_before:]
        assert "Your commands" in str(confirmation["Subject"]) and "#recuse: done" in confirmation.text()
    finally:
        running.stop()
