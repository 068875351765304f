"""Invariant 1 with reserves and interim readers (issue 12, never nobody), as properties.

An interim reader (a reserve, or the escalation body) who is a party or conflicted with one
never receives the case; the escalation body never receives the reporter's identity, even
when the reporter agreed to share it with the committee.
"""

import re

from hypothesis import HealthCheck, example, given, settings, strategies as st

from harness import RunningDaemon, Sink, dump, load, report, write_config
from mailrouter.cases.eligibility import decide
from mailrouter.settings.committee import Member, Person, fold
from test_properties import as_committee, committees, expected_excluded, first_names, last_names

STEERING = {"name": "Steering Council", "email": "steering@example.org"}
MIN_READERS = 2


@st.composite
def with_reserves(draw):
    """A committee, reserves (some conflicted with outsiders), a reporter, the people named."""
    members, outsiders, conflicts = draw(committees())
    reserves = [{"name": f"{draw(first_names)} {draw(last_names)}-Res{i}", "email": f"r{i}@reserves.example"}
                for i in range(draw(st.integers(0, 3)))]
    for reserve in reserves + [STEERING]:
        picked = draw(st.lists(st.sampled_from(outsiders), max_size=len(outsiders), unique_by=id))
        if picked:
            conflicts[reserve["email"]] = picked
    named = draw(st.lists(st.sampled_from(outsiders + members + reserves), max_size=4, unique_by=id))
    share = draw(st.booleans())
    return members, reserves, conflicts, named, share


def expected_interim(members, reserves, conflicts, reporter, named):
    """The model: the first reserves, then the escalation body, who are neither a party nor
    conflicted with one, until MIN_READERS read the case."""
    readers = len(members) - len(expected_excluded(members, conflicts, reporter, named))
    pool = [dict(r, active=True) for r in reserves + [STEERING]]
    clear = [p["email"] for p in pool if p["email"] not in expected_excluded(pool, conflicts, reporter, named)]
    return clear[:max(0, MIN_READERS - readers)]


@settings(max_examples=200, deadline=None)
@given(with_reserves())
def test_decide_screens_interim_readers_exactly_like_members(scenario):
    members, reserves, conflicts, named, _ = scenario
    committee = as_committee(members, conflicts)
    pool = [Member(r["name"], r["email"]) for r in reserves]
    parties = [Person(p["name"], tuple([p["email"]] if "email" in p else p["emails"])) for p in named]
    decision = decide(committee, parties, interim=pool)
    expected = expected_excluded([dict(r, active=True) for r in reserves], conflicts, ("-", "-@-"), named)
    assert {m.email for m in decision.eligible if m in pool} == {r["email"] for r in reserves} - expected


def started_with_report(folder, sink, scenario, reporter):
    """The daemon for a `with_reserves` scenario, once `reporter` reported (naming its people)."""
    members, reserves, conflicts, named, share = scenario
    path = write_config(folder, sink.port, members=members, conflicts=conflicts)
    dump({"members": members, "reserves": reserves, "escalation": [STEERING]}, folder / "members.yaml")
    running = RunningDaemon(load(path)).start()
    # Joined with "and": a comma would make "Lima, Bo" out of "Ana Lima, Bo Chen", the
    # reversed form of a third name, which the daemon rightly takes as a mention.
    mentions = " and ".join(p["name"] for p in named) or "someone"
    body = f"This concerns {mentions}.\n" + ("Share my identity: yes\n" if share else "") + f"Regards, {reporter[0]}\n"
    running.send(report(sender=f"{reporter[0]} <{reporter[1]}>", body=body), mail_from=reporter[1])
    running.run_until_idle()
    return running


def steering_never_learns(sink, reporter):
    """No mail to the escalation body names the reporter (Pat Quill-Reporter), in any form."""
    for mail in sink.messages_to(STEERING["email"]):
        raw = mail.data.decode("utf-8", "replace").lower()
        assert reporter[1] not in raw and "pat.quill" not in raw
        assert not re.search(r"\bquill\b", fold(mail.text()))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(with_reserves())
# one member, no reserve, a reporter who shares: the escalation body reads it, without the identity
@example(([{"name": "Ana Lima", "email": "m0@example.org"}], [], {}, [], True))
def test_interim_readers_conflicted_never_receive_and_escalation_never_learns_who_reported(
        tmp_path_factory, scenario):
    members, reserves, conflicts, named, share = scenario
    reporter = ("Pat Quill-Reporter", "pat.quill@reporters.example")
    folder = tmp_path_factory.mktemp("interim")
    sink = Sink().start()
    running = None
    try:
        running = started_with_report(folder, sink, scenario, reporter)
        excluded = expected_excluded(members, conflicts, reporter, named)
        readers = [m["email"] for m in members if m["email"] not in excluded]
        interim = expected_interim(members, reserves, conflicts, reporter, named)
        forwards = [m for m in sink.all() if "New report" in str(m["Subject"])]
        # Invariant 1: the eligible members and exactly the interim readers the model picks.
        assert sorted(r for m in forwards for r in m.rcpt_tos) == sorted(readers + interim)
        for reserve in reserves + [STEERING]:
            if reserve["email"] not in interim:
                assert sink.messages_to(reserve["email"]) == [], reserve["email"]
        # The escalation body never learns who reported, shared or not.
        steering_never_learns(sink, reporter)
    finally:
        if running:
            running.stop()
        sink.stop()
