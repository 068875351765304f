"""Invariant 1 while the committee changes (issue 12): removals, `active: false` and away
periods, over random committees and random sequences of what members do."""

from hypothesis import HealthCheck, given, settings, strategies as st

from harness import RunningDaemon, Sink, dump, load, member_reply, report, write_config
from mailrouter.cases.eligibility import AWAY, decide
from mailrouter.settings.committee import Committee, Member, Person
from test_properties import committees

ESCALATION = [{"name": "Steering Council", "email": "steering@example.org"}]


@settings(max_examples=200, deadline=None)
@given(committees(), st.data())
def test_decide_never_lists_an_away_member_as_eligible(committee_draw, data):
    members, _, conflicts = committee_draw
    absent = data.draw(st.sets(st.sampled_from([m["email"] for m in members])))
    committee = Committee(
        tuple(Member(m["name"], m["email"], (), m.get("active", True), absent=m["email"] in absent)
              for m in members), (),
        {k: tuple(Person(p["name"], tuple(p["emails"]), tuple(p["aliases"])) for p in v)
         for k, v in conflicts.items()})
    decision = decide(committee, [Person("Pat Reporter", ("pat@reporters.example",))])
    assert not {m.email for m in decision.eligible} & absent
    for member in members:
        if member["email"] in absent and member.get("active", True):
            assert decision.excluded[member["email"]] == AWAY


@st.composite
def committee_histories(draw):
    """A committee and what happens to it: members talk, go away, come back, leave; reports come in."""
    members, _, conflicts = draw(committees())
    steps = []
    for _ in range(draw(st.integers(3, 8))):
        kind = draw(st.sampled_from(["discuss", "away", "back", "remove", "inactive", "report"]))
        steps.append((kind, draw(st.sampled_from(members))))
    return members, conflicts, steps


def write_committee(folder, members, conflicts):
    dump({"members": members, "escalation": ESCALATION}, folder / "members.yaml")
    emails = {m["email"] for m in members}
    dump({"conflicts": {k: v for k, v in conflicts.items() if k in emails}}, folder / "conflicts.yaml")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(committee_histories())
def test_nobody_removed_inactive_or_away_receives_case_mail(tmp_path_factory, history):
    members, conflicts, steps = history
    folder = tmp_path_factory.mktemp("changes")
    sink = Sink().start()
    running = None
    try:
        running = RunningDaemon(load(write_config(folder, sink.port, members=members, conflicts=conflicts))).start()
        running.send(report(sender="Pat Reporter <pat@reporters.example>", body="It happened.\n"),
                     mail_from="pat@reporters.example")
        running.run_until_idle()
        gone = {m["email"] for m in members if not m.get("active", True)}
        away, current = set(), [dict(m) for m in members]
        for kind, member in steps:
            email = member["email"]
            before = len(sink.all())
            if kind in ("remove", "inactive"):
                if email in gone or len([m for m in current if m.get("active", True)]) < 2:
                    continue                          # members.yaml keeps one active member
                current = [m for m in current if m["email"] != email] if kind == "remove" else \
                    [dict(m, active=False) if m["email"] == email else m for m in current]
                write_committee(folder, current, conflicts)
                assert running._call(running.daemon.reloader.reload("test")) is True
                gone.add(email)
            elif kind == "report":
                running.send(report(body="Another thing happened.\n"))
            else:
                if email in gone or not sink.messages_to(email):
                    continue
                body = {"discuss": "I will look into it.\n", "away": "#away\n", "back": "#back\n"}[kind]
                target = sink.messages_to(email)[-1]["Reply-To"].addresses[0].addr_spec
                running.send(member_reply(f"{member['name']} <{email}>", body), mail_from=email, rcpt_tos=[target])
            running.run_until_idle()
            for delivered in sink.all()[before:]:
                recipient = delivered.rcpt_tos[0]
                assert recipient not in gone, (kind, recipient)                       # invariant 1
                if recipient in away and not (kind in ("away", "back") and recipient == email):
                    raise AssertionError(f"{recipient} is away and received {delivered['Subject']}")
                if kind == "back" and recipient == email and email in away:
                    assert "Your commands" in str(delivered["Subject"]) or "away" in str(delivered["Subject"])
            if kind == "away" and email not in gone:
                away.add(email)
            if kind == "back":
                away.discard(email)
    finally:
        if running:
            running.stop()
        sink.stop()
