"""Confidentiality invariants 1 and 2 as properties, over random committees and reports."""

import re
import string

from hypothesis import HealthCheck, given, settings, strategies as st

from harness import RunningDaemon, Sink, load, member_reply, reply_address, report, write_config
from mailrouter.settings.committee import Committee, Member, Person, fold
from mailrouter.cases.eligibility import CONFLICT, IS_PARTY, decide

first_names = st.sampled_from(["Ana", "Bo", "Chidi", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo",
                               "José", "Kai", "Lin", "Mo", "Noor", "Ola", "Pia"])
last_names = st.sampled_from(["Lima", "Chen", "Okafor", "Weiss", "Nkemelu", "Fox", "Muñoz",
                              "Park", "Rossi", "Sato", "Berg", "Haddad"])
local_parts = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=3, max_size=10)


@st.composite
def committees(draw):
    """Members (some inactive) and outsiders, with random conflicts between them."""
    count = draw(st.integers(min_value=2, max_value=7))
    # Distinct names: "Chidi Muñoz" beside "Chidi Muñoz 4" is ambiguous by construction, and a
    # reporter signing the one excludes the other too (when in doubt, exclude), which this
    # model of who is excluded does not predict. Seen failing once on such a pair.
    names = draw(st.lists(st.tuples(first_names, last_names), min_size=count, max_size=count, unique=True))
    members = [{"name": f"{first} {last}", "email": f"m{i}@example.org",
                "active": draw(st.booleans()) if i else True} for i, (first, last) in enumerate(names)]
    # Nor an outsider named as a member with a hyphenated suffix ("José Okafor-Out1" beside the
    # member José Okafor): a double-barrelled surname may be the member's own, so naming it
    # excludes him (when in doubt, exclude). Seen failing once on such a pair.
    taken = {f"{first} {last}" for first, last in names}
    outsiders = [{"name": f"{name}-Out{i}", "emails": [f"{draw(local_parts)}{i}@outside.example"],
                  "aliases": [f"handle{i}{draw(local_parts)}"]}
                 for i in range(draw(st.integers(1, 4)))
                 for name in [draw(st.tuples(first_names, last_names).map(" ".join).filter(lambda n: n not in taken))]]
    conflicts = {}
    for member in members:
        picked = draw(st.lists(st.sampled_from(outsiders), max_size=len(outsiders), unique_by=id))
        if picked:
            conflicts[member["email"]] = picked
    return members, outsiders, conflicts


@st.composite
def scenarios(draw):
    members, outsiders, conflicts = draw(committees())
    reporter_is_member = draw(st.booleans()) and len(members) > 1
    if reporter_is_member:
        chosen = draw(st.sampled_from(members[1:]))
        reporter = (chosen["name"], chosen["email"])
    else:
        taken = {m["name"] for m in members}         # not a member's name plus a suffix (see above)
        name = draw(st.tuples(first_names, last_names).map(" ".join).filter(lambda n: n not in taken))
        reporter = (f"{name}-Rep", f"{draw(local_parts)}.rep@reporters.example")
    named = draw(st.lists(st.sampled_from(outsiders + members), max_size=3, unique_by=id))
    mentions = []
    for person in named:
        choice = draw(st.sampled_from(["name", "email", "alias", "upper"]))
        if choice == "email":
            mentions.append(person.get("email") or person["emails"][0])
        elif choice == "alias" and person.get("aliases"):
            mentions.append(person["aliases"][0])
        elif choice == "upper":
            mentions.append(person["name"].upper())
        else:
            mentions.append(person["name"])
    spelling = draw(st.sampled_from(["as is", "upper", "folded", "first name"]))
    address_form = draw(st.sampled_from(["as is", "upper", "plus tag"]))
    return members, conflicts, reporter, named, mentions, spelling, address_form


def contains_address(text, address):
    """An address as a whole address: `m2@example.org` is not in `conduct+…m2@example.org`
    (reply tokens are base32 and may end in letters and digits that look like a local part)."""
    return re.search(rf"(?<![\w.+-]){re.escape(address.lower())}(?![\w-])", text.lower()) is not None


def spelled(name, spelling):
    """How a reporter might write their own name in the body."""
    return {"as is": name, "upper": name.upper(), "folded": fold(name).title(),
            "first name": name.split()[0]}[spelling]


def address_variant(address, form):
    local, domain = address.split("@")
    return {"as is": address, "upper": address.upper(), "plus tag": f"{local}+coc@{domain}"}[form]


def expected_excluded(members, conflicts, reporter, named):
    parties_emails = {reporter[1].lower()} | {(p.get("email") or p["emails"][0]).lower() for p in named}
    parties_names = {reporter[0].lower()} | {p["name"].lower() for p in named}
    excluded = set()
    for member in members:
        if not member.get("active", True) or member["email"] in parties_emails \
                or member["name"].lower() in parties_names:
            excluded.add(member["email"])
        for person in conflicts.get(member["email"], []):
            if set(e.lower() for e in person["emails"]) & parties_emails or person["name"].lower() in parties_names:
                excluded.add(member["email"])
    return excluded


def interim_for(readers, min_readers=2):
    """The harness's escalation body stands in when fewer than `min_readers` members read a case."""
    return ["steering@example.org"] if len(readers) < min_readers else []


def as_committee(members, conflicts):
    return Committee(
        tuple(Member(m["name"], m["email"], (), m.get("active", True)) for m in members), (),
        {k: tuple(Person(p["name"], tuple(p["emails"]), tuple(p["aliases"])) for p in v)
         for k, v in conflicts.items()})


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_decide_excludes_exactly_parties_conflicted_and_inactive(scenario):
    members, conflicts, reporter, named, mentions, _, _ = scenario
    committee = as_committee(members, conflicts)
    parties = [Person(reporter[0], (reporter[1],))] + committee.people_named_in(" and ".join(mentions))
    decision = decide(committee, parties)
    excluded = expected_excluded(members, conflicts, reporter, named)
    assert set(decision.excluded) == excluded
    assert {m.email for m in decision.eligible} == {m["email"] for m in members} - excluded
    for email, reason in decision.excluded.items():
        assert reason in ("inactive", IS_PARTY, CONFLICT)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(scenarios())
def test_end_to_end_no_forward_to_excluded_and_no_identity_either_way(tmp_path_factory, scenario):
    members, conflicts, reporter, named, mentions, spelling, address_form = scenario
    folder = tmp_path_factory.mktemp("prop")
    sink = Sink().start()
    running = None
    try:
        config = load(write_config(folder, sink.port, members=members, conflicts=conflicts))
        running = RunningDaemon(config).start()
        body = (f"This concerns {' and '.join(mentions) or 'someone'}.\n"   # as the model reads them
                f"Write to me at {address_variant(reporter[1], address_form)}.\n"
                f"Regards, {spelled(reporter[0], spelling)}\n")
        running.send(report(sender=f'"{reporter[0]}" <{reporter[1]}>', body=body), mail_from=reporter[1])
        running.run_until_idle()
        excluded = expected_excluded(members, conflicts, reporter, named)
        eligible = [m["email"] for m in members if m["email"] not in excluded]
        eligible += interim_for(eligible)
        received = sink.wait_for(len(eligible) + 1)
        forwards = [m for m in received if "New report" in str(m["Subject"])]
        # Invariant 1: exactly the eligible members (and the interim readers), each alone.
        assert sorted(r for m in forwards for r in m.rcpt_tos) == sorted(eligible)
        # Invariant 2: no member-bound byte carries the reporter's identity, in any spelling.
        local = reporter[1].split("@")[0].lower()
        for forward in forwards:
            raw = forward.data.decode("utf-8", "replace").lower()
            text = fold(forward.text())
            assert not contains_address(raw, reporter[1])
            if len(local) >= 4:                  # a distinctive local part, as a whole word
                assert not re.search(rf"(?<![\w.+-]){re.escape(local)}(?![\w-])", text)
            assert fold(reporter[0]) not in text
            first = fold(reporter[0].split()[0])
            if not any(first in fold(m).split() for m in mentions):   # unless evidence shares it
                assert first not in text.split()
        # Invariant 3: no reporter-bound byte carries a member's address.
        for to_reporter in sink.messages_to(reporter[1]):
            raw = to_reporter.data.decode("utf-8", "replace").lower()
            for member in members:
                if member["email"].lower() != reporter[1].lower():   # their own address, when a member
                    assert not contains_address(raw, member["email"]), (str(to_reporter["Subject"]), member)
    finally:
        if running:
            running.stop()
        sink.stop()


@st.composite
def case_actions(draw):
    """A committee, a case, and what its members then do by email."""
    members, outsiders, conflicts = draw(committees())
    active = [m for m in members if m.get("active", True)]
    steps = []
    for _ in range(draw(st.integers(2, 6))):
        actor = draw(st.sampled_from(active))
        kind = draw(st.sampled_from(["discuss", "recuse", "reported", "to-reporter", "to-reported"]))
        other = draw(st.sampled_from(members))
        steps.append((kind, actor, other, draw(st.sampled_from(outsiders))))
    return members, conflicts, steps


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(case_actions())
def test_replies_relays_and_commands_keep_the_invariants(tmp_path_factory, scenario):
    members, conflicts, steps = scenario
    reporter = "pat.reporter@reporters.example"
    sink = Sink().start()
    running = None
    try:
        config = load(write_config(tmp_path_factory.mktemp("acts"), sink.port, members=members,
                                   conflicts=conflicts))
        running = RunningDaemon(config).start()
        assert running.send(report(sender=f"Pat Reporter <{reporter}>", body="It happened.\n"),
                            mail_from=reporter)[0] == 250
        running.run_until_idle()
        excluded = {m["email"] for m in members if not m.get("active", True)}
        # the report names nobody: every active member has it, so every step below is taken
        readers = [m["email"] for m in members if m["email"] not in excluded]
        assert sorted(r for m in sink.all() if "New report" in str(m["Subject"]) for r in m.rcpt_tos) == \
            sorted(readers + interim_for(readers))
        parties = []
        for kind, actor, other, outsider in steps:
            if actor["email"] in excluded:
                continue
            before = len(sink.all())
            received = sink.messages_to(actor["email"])
            target = received[-1]["Reply-To"].addresses[0].addr_spec
            body = {"discuss": f"I spoke to {other['name']} ({other['email']}).\n",
                    "recuse": "#recuse\n",
                    "reported": f"#reported {outsider['name']} <{outsider['emails'][0]}>\n",
                    "to-reporter": f"#to-reporter\nWe are on it; {other['name']} <{other['email']}> "
                                   f"helps.\n\nThanks,\n{actor['name'].split()[0]}\n",
                    # issue 14: to the reported person, who answers naming whom they suspect
                    "to-reported": f"#reported-contact {outsider['name']} <{outsider['emails'][0]}>\n"
                                   f"#to-reported\nWe are on it; {other['name']} ({other['email']}) helps."
                                   f"\n\nThanks,\n{actor['name'].split()[0]}\n"}[kind]
            assert running.send(member_reply(f"{actor['name']} <{actor['email']}>", body),
                                mail_from=actor["email"], rcpt_tos=[target])[0] == 250
            running.run_until_idle()
            if kind == "to-reported" and sink.messages_to(outsider["emails"][0]):
                answer = f"Surely Pat Reporter ({reporter}) wrote this. Ask {other['name']}.\n"
                assert running.send(member_reply(f"{outsider['name']} <{outsider['emails'][0]}>", answer),
                                    mail_from=outsider["emails"][0],
                                    rcpt_tos=[reply_address(sink, outsider["emails"][0])])[0] == 250
                running.run_until_idle()
            new = sink.all()[before:]
            if kind == "recuse":
                # The recusal's own confirmation is the last mail the member gets.
                to_actor = [m for m in new if m.rcpt_tos == [actor["email"]]]
                assert len(to_actor) == 1 and "you have recused" in to_actor[0].text()
                new = [m for m in new if m not in to_actor]
                excluded.add(actor["email"])
            if kind in ("reported", "to-reported"):
                parties.append(outsider)
                for member in members:
                    if any(set(p["emails"]) & set(c["emails"]) for p in parties
                           for c in conflicts.get(member["email"], [])):
                        notices = [m for m in new if m.rcpt_tos == [member["email"]]]
                        if member["email"] not in excluded:
                            # the one short notice, without case content
                            assert all("It happened" not in m.text() for m in notices)
                        excluded.add(member["email"])
            for delivered in new:
                recipient = delivered.rcpt_tos[0]
                if kind in ("reported", "to-reported") and "You have a conflict with" in delivered.text():
                    continue
                assert recipient not in excluded, (kind, recipient)              # invariant 1
                raw = delivered.data.decode("utf-8", "replace").lower()
                if recipient == reporter:                                          # invariant 3
                    assert not any(contains_address(raw, m["email"]) for m in members)
                else:                                                              # invariant 2
                    assert not contains_address(raw, reporter) and "pat reporter" not in raw
                if recipient == outsider["emails"][0]:                             # the reported person
                    assert not any(contains_address(raw, m["email"]) for m in members)
    finally:
        if running:
            running.stop()
        sink.stop()
