"""Mail queued for a moderator is screened again before it goes (invariant 1), as a member's:
a moderator removed from members.yaml, or put in conflict with a party by a reload or by a
party recorded since, never receives what was queued for them. The relay answers the
moderator's delivery with a 4xx first, so the recommendation waits in the outbox. Real SMTP.
"""

import time

import pytest

from harness import CONFLICTS, MEMBERS, RunningDaemon, dump, load, member_says, report, write_config

ANA = "Ana Lima <ana@example.org>"
MO, MAX = "mo@example.org", "max@example.org"
SLACK = [{"name": "Mo Ibrahim", "email": MO}, {"name": "Max Turner", "email": MAX}]
SAM = [{"name": "Sam Rivera", "emails": ["sam@example.net"]}]


def configure(folder, moderators=SLACK, conflicts=CONFLICTS):
    dump({"members": MEMBERS, "moderators": {"slack": moderators}}, folder / "members.yaml")
    dump({"conflicts": conflicts}, folder / "conflicts.yaml")


@pytest.fixture
def waiting(tmp_path, sink):
    """A report naming Sam Rivera; the recommendation to slack waits in the outbox for Mo."""
    path = write_config(tmp_path, sink.port)
    configure(tmp_path)
    daemon = RunningDaemon(load(path)).start()
    daemon.send(report(body="Sam Rivera <sam@example.net> insulted me in #general.\n"),
                mail_from="reporter@example.net")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    sink.answers[MO] = ["451 4.3.0 try again later"]
    member_says(daemon, sink, ANA, "#to-moderators slack\n\nWe recommend a written warning.\n",
                subject=f"Re: [{code}]")
    assert [m for m in sink.messages_to(MAX) if "written warning" in m.text()]
    assert [meta["recipient"] for _, meta in daemon.state.outbox.queued()] == [MO]
    yield daemon, sink, tmp_path, code
    daemon.stop()


def reload(daemon):
    assert daemon._call(daemon.daemon.reloader.reload("test")) is True


def retry(daemon):
    daemon.advance(minutes=10)
    daemon.deliver_due()
    daemon.run_until_idle()


def withdrawn(daemon, code):
    return [e for e in daemon.store.events(code) if e["kind"] == "mail withdrawn"]


@pytest.mark.parametrize("change", ["removed", "conflicted"])
def test_a_moderator_removed_or_now_conflicted_never_receives_mail_queued_for_them(waiting, change):
    daemon, sink, folder, code = waiting
    if change == "removed":
        configure(folder, moderators=SLACK[1:])
    else:
        configure(folder, conflicts=dict(CONFLICTS, **{MO: SAM}))
    reload(daemon)
    assert daemon.state.outbox.queued() == []                     # withdrawn at the reload
    retry(daemon)
    assert sink.messages_to(MO) == []
    (event,) = withdrawn(daemon, code)
    assert event["member"] == "a moderator" and MO not in str(event)


def test_a_moderator_in_conflict_with_a_party_recorded_since_never_receives_it(waiting):
    daemon, sink, folder, code = waiting
    configure(folder, conflicts=dict(CONFLICTS, **{MO: [{"name": "Kim Park", "emails": ["kim@example.net"]}]}))
    reload(daemon)
    assert len(daemon.state.outbox.queued()) == 1                 # nothing to do with this case yet
    member_says(daemon, sink, ANA, "#reported Kim Park <kim@example.net>\n", subject=f"Re: [{code}]")
    retry(daemon)
    assert sink.messages_to(MO) == []


def test_the_courier_holds_back_mail_to_a_moderator_the_committee_in_force_no_longer_lists(waiting):
    """The race: the new committee is in force, the reload's screening not yet done."""
    daemon, sink, folder, code = waiting
    configure(folder, moderators=SLACK[1:])
    daemon.daemon.ctx.committee = load(folder / "mailrouter.yaml").committee     # what apply_config does first
    retry(daemon)
    assert sink.messages_to(MO) == []
    deadline = time.monotonic() + 10                 # the worker withdraws it between messages
    while not withdrawn(daemon, code) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert withdrawn(daemon, code)


def test_a_moderator_still_screened_in_receives_it_at_the_retry(waiting):
    daemon, sink, folder, code = waiting
    reload(daemon)
    retry(daemon)
    assert [m for m in sink.messages_to(MO) if "written warning" in m.text()]
