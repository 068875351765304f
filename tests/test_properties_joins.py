"""Invariant 1 with joins (issue 12): a member added while cases are open never receives
anything about a case before they answer the welcome, nor ever about a case whose
reported people they declared a conflict with; after #no-conflicts, exactly one message
for each other open case."""

from hypothesis import HealthCheck, given, settings, strategies as st

from harness import RunningDaemon, Sink, dump, load, member_reply, report, write_config
from mailrouter.casework.onboarding import with_declared
from mailrouter.cases.eligibility import CONFLICT, decide, party_record
from test_properties import as_committee, committees

NEWCOMER = {"name": "Nia Newcomer", "email": "nia@example.org"}


@st.composite
def joins(draw):
    members, outsiders, conflicts = draw(committees())
    reports = draw(st.lists(st.lists(st.sampled_from(outsiders), max_size=2, unique_by=id), min_size=1, max_size=3))
    declared = draw(st.lists(st.sampled_from(outsiders), max_size=len(outsiders), unique_by=id))
    forms = [draw(st.sampled_from(["name", "email", "upper", "name and email"])) for _ in declared]
    return members, conflicts, reports, declared, forms, draw(st.booleans() | st.just(True))


def spelled(person, form):
    return {"name": person["name"], "email": person["emails"][0], "upper": person["name"].upper(),
            "name and email": f"{person['name']} <{person['emails'][0]}>"}[form]


def case_mail(sink, who, code):
    return [m for m in sink.messages_to(who) if code in str(m["Subject"])]


def discuss_everywhere(running, sink, codes, words):
    for code in codes:
        readers = [r for m in sink.all() if code in str(m["Subject"]) and "New report" in str(m["Subject"])
                   for r in m.rcpt_tos]
        if readers:
            last = case_mail(sink, readers[0], code)[-1]
            running.send(member_reply(f"Someone <{readers[0]}>", words), mail_from=readers[0],
                         rcpt_tos=[last["Reply-To"].addresses[0].addr_spec])
            running.run_until_idle()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(joins())
def test_a_newcomer_sees_nothing_before_clearing_and_never_a_declared_conflict(tmp_path_factory, scenario):
    members, conflicts, reports, declared, forms, clears = scenario
    folder = tmp_path_factory.mktemp("join")
    sink = Sink().start()
    running = None
    try:
        running = RunningDaemon(load(write_config(folder, sink.port, members=members, conflicts=conflicts))).start()
        codes, named_in = [], {}
        for number, named in enumerate(reports):
            lines = "".join(f"Reported person: {p['name']} <{p['emails'][0]}>\n" for p in named)
            before = set(running.store.codes())
            running.send(report(sender=f"Rep {number} <rep{number}@reporters.example>", subject=f"Report {number}",
                                body=f"{lines}It happened at the meetup.\n"), mail_from=f"rep{number}@reporters.example")
            running.run_until_idle()
            (code,) = set(running.store.codes()) - before
            codes.append(code)
            named_in[code] = named
        dump({"members": members + [NEWCOMER], "escalation": []}, folder / "members.yaml")
        assert running._call(running.daemon.reloader.reload("a member joins"))
        running.run_until_idle()
        discuss_everywhere(running, sink, codes, "Before the newcomer answers.\n")
        for code in codes:                                   # nothing before clearing
            assert not case_mail(sink, NEWCOMER["email"], code)
        (welcome,) = sink.messages_to(NEWCOMER["email"])
        assert not any(code in welcome.text() for code in codes) and "reporters.example" not in welcome.text()

        body = "".join(f"#conflict {spelled(p, f)}\n" for p, f in zip(declared, forms)) + \
            ("#no-conflicts\n" if clears else "")
        running.send(member_reply(f"{NEWCOMER['name']} <{NEWCOMER['email']}>", body or "#help\n"),
                     mail_from=NEWCOMER["email"], rcpt_tos=[welcome["Reply-To"].addresses[0].addr_spec])
        running.run_until_idle()
        discuss_everywhere(running, sink, codes, "After the newcomer answered.\n")
        declared_emails = {p["emails"][0] for p in declared}
        for code in codes:
            got = case_mail(sink, NEWCOMER["email"], code)
            conflicted = any(p["emails"][0] in declared_emails for p in named_in[code])
            if conflicted or not clears:
                assert not got, (code, conflicted, clears)               # invariant 1
            else:
                assert "Open case" in str(got[0]["Subject"]), code
                assert len([m for m in got if "Open case" in str(m["Subject"])]) == 1
    finally:
        if running:
            running.stop()
        sink.stop()


@settings(max_examples=200, deadline=None)
@given(committees(), st.data())
def test_declared_conflicts_exclude_like_conflicts_yaml(committee_parts, data):
    members, outsiders, conflicts = committee_parts
    declared = data.draw(st.lists(st.sampled_from(outsiders), max_size=len(outsiders), unique_by=id))
    parties = data.draw(st.lists(st.sampled_from(outsiders), max_size=2, unique_by=id))
    newcomer = members[0]["email"]

    class Store:
        def declared(self):
            return {newcomer: [party_record(p) for p in as_committee([], {"x": declared}).conflicts.get("x", ())]}
    merged = with_declared(as_committee(members, conflicts), Store())
    from_file = as_committee(members, dict(conflicts, **{newcomer: conflicts.get(newcomer, []) + declared}))
    people = [p for p in as_committee([], {"x": parties}).conflicts.get("x", ())]
    assert decide(merged, people) == decide(from_file, people)
    if set(map(id, declared)) & set(map(id, parties)):
        assert decide(merged, people).excluded.get(newcomer) == CONFLICT
