"""A clear and severe breach (NumPy) and unilateral action (Jupyter), over real SMTP:
`#severe` is told to the members, nags once when nobody signs off within the policy's
`severe_confirm_hours`, is signed off by another member with `#confirm severe`, and under
a policy with `severe_ack` tells the reporter, once, that the originator was disconnected."""

from datetime import datetime, timezone

from harness import RunningDaemon, load, member_says, report, write_config
from mailrouter.clock import FixedClock

ANA, BO, CHIDI = "Ana Lima <ana@example.org>", "Bo Chen <bo@example.org>", "Chidi Okafor <chidi@example.org>"
REPORTER = "reporter@example.net"
NAG = "has not been signed off by another member"
DISCONNECTED = "the originator has been disconnected from all NumPy communication channels"


def one_case(tmp_path, sink, policy):
    clock = FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    running = RunningDaemon(load(write_config(tmp_path, sink.port, policy=policy)), clock=clock).start()
    running.send(report())
    running.run_until_idle()
    return running, clock


def nagged(sink):
    return sorted(m.rcpt_tos[0] for m in sink.all() if NAG in m.text())


def test_severe_without_confirm_nags_once_within_the_policy_time(tmp_path, sink):
    running, clock = one_case(tmp_path, sink, "jupyter")              # severe_confirm_hours: 24
    try:
        member_says(running, sink, BO, "#severe removed the account from every channel\n")
        assert "another member must #confirm severe" in sink.messages_to("bo@example.org")[-1].text()
        for member in ("ana@example.org", "chidi@example.org"):
            told = sink.messages_to(member)[-1].text()
            assert "Bo Chen marked this case as a clear and severe breach" in told
            assert "removed the account from every channel" in told
        clock.advance(hours=23, minutes=59)
        running.tick()
        assert nagged(sink) == []
        clock.advance(minutes=2)
        running.tick()
        assert nagged(sink) == ["ana@example.org", "bo@example.org", "chidi@example.org"]
        clock.advance(days=3)
        running.tick()
        assert len(nagged(sink)) == 3                                  # once, as #acted's reminder
        code = running.store.codes()[0]
        assert running.store.get(code)["severe"]["confirmed"] is None
        assert [e["kind"] for e in running.store.events(code) if "severe" in e["kind"]] == ["severe"]
    finally:
        running.stop()


def test_confirm_severe_by_another_member_stops_the_nag(tmp_path, sink):
    running, clock = one_case(tmp_path, sink, "jupyter")
    try:
        member_says(running, sink, BO, "#severe\n")
        member_says(running, sink, BO, "#confirm severe\n")
        assert "error: another member must confirm a breach you marked" in sink.messages_to("bo@example.org")[-1].text()
        member_says(running, sink, CHIDI, "#confirm\n")                # the only thing waiting
        assert "done: the clear and severe breach is confirmed" in sink.messages_to("chidi@example.org")[-1].text()
        member_says(running, sink, ANA, "#confirm severe\n")
        assert "error: no unconfirmed clear and severe breach" in sink.messages_to("ana@example.org")[-1].text()
        member_says(running, sink, ANA, "#severe again\n")
        assert "error: already marked as a clear and severe breach on 2026-11-02" in \
            sink.messages_to("ana@example.org")[-1].text()
        clock.advance(days=3)
        running.tick()
        assert nagged(sink) == []
        code = running.store.codes()[0]
        assert running.store.get(code)["severe"]["confirmed"]["by"] == "chidi@example.org"
    finally:
        running.stop()


def test_numpy_tells_the_reporter_once_that_the_originator_was_disconnected(tmp_path, sink):
    running, clock = one_case(tmp_path, sink, "numpy")
    try:
        assert len(sink.messages_to(REPORTER)) == 1                    # the acknowledgement
        member_says(running, sink, BO, "#severe threats in the chat\n")
        assert "the reporter was told the originator has been disconnected" in \
            sink.messages_to("bo@example.org")[-1].text()
        member_says(running, sink, ANA, "#severe\n")                    # refused: nothing sent again
        ack, notice = sink.messages_to(REPORTER)
        assert DISCONNECTED not in ack.text()
        assert f"Your report has been received, and {DISCONNECTED}." in notice.text()
        for private in ("Bo Chen", "bo@example.org", "threats in the chat"):
            assert private not in notice.text() and private not in str(notice["From"])
        clock.advance(days=8)                                           # numpy: a week to sign off
        running.tick()
        assert nagged(sink) == ["ana@example.org", "bo@example.org", "chidi@example.org"]
    finally:
        running.stop()


def test_without_severe_ack_the_reporter_hears_nothing_more(tmp_path, sink):
    running, clock = one_case(tmp_path, sink, "jupyter")               # severe_ack: null
    try:
        member_says(running, sink, BO, "#severe\n")
        assert len(sink.messages_to(REPORTER)) == 1
        assert "reporter was told" not in sink.messages_to("bo@example.org")[-1].text()
    finally:
        running.stop()
