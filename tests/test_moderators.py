"""Moderators and administrators (issue 14, PyDistrict step 7), over real SMTP.

Slack has three moderators: Mo and Max, and Gale, who has a conflict with Sam Rivera (as Bo
has, among the members). The report names Sam Rivera and its reporter shared their
identity with the committee, so the members know who reported; the moderators must not.
"""

import subprocess
import sys
from datetime import timedelta

import pytest

from harness import CONFLICTS, MEMBERS, RunningDaemon, dump, load, member_reply, member_says, report, write_config
from mailrouter.errors import ConfigError

REPORTER = "Jane Reporter <jane.reporter@example.net>"
ANA, CHIDI = "Ana Lima <ana@example.org>", "Chidi Okafor <chidi@example.org>"
MO, MAX, GALE, GITA = "mo@example.org", "max@example.org", "gale@example.org", "gita@example.org"
MODERATORS = {"slack": [{"name": "Mo Ibrahim", "email": MO}, {"name": "Max Turner", "email": MAX},
                        {"name": "Gale Harper", "email": GALE}],
              "github": [{"name": "Gita Rao", "email": GITA}],
              "forum": [{"name": "Gale Harper", "email": GALE}]}
SAM = [{"name": "Sam Rivera", "emails": ["sam@example.net"], "aliases": ["samr"]}]
RECOMMENDATION = ("#to-moderators slack\n\nWe recommend a written warning for the person in #general and "
                  "a one-month break from the channel.\nJane Reporter (jane.reporter@example.net) agrees; ask "
                  "Chidi Okafor (chidi@example.org) or call Ana Lima.\n")
NEVER_TO_MODERATORS = ("jane", "reporter@", "ana lima", "ana@example.org", "chidi", "bo chen", "bo@example.org")


def configure(tmp_path, sink, **overrides):
    path = write_config(tmp_path, sink.port, **overrides)
    dump({"members": MEMBERS, "escalation": [{"name": "Steering Council", "email": "steering@example.org"}],
          "moderators": MODERATORS}, tmp_path / "members.yaml")
    dump({"conflicts": dict(CONFLICTS, **{GALE: SAM})}, tmp_path / "conflicts.yaml")
    return path


@pytest.fixture
def case(tmp_path, sink):
    """A shared report naming Sam Rivera; Ana sends the recommendation to slack."""
    path = configure(tmp_path, sink)
    daemon = RunningDaemon(load(path)).start()
    daemon.send(report(sender=REPORTER, body="Share my identity: yes\nSam Rivera insulted me in #general.\n"),
                mail_from="jane.reporter@example.net")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    member_says(daemon, sink, ANA, RECOMMENDATION, subject=f"Re: [{code}]")
    yield daemon, sink, path, code
    daemon.stop()


def moderator_says(daemon, sink, address, name, body, sender=None):
    to = sink.messages_to(address)[-1]["Reply-To"].addresses[0].addr_spec
    code, _ = daemon.send(member_reply(sender or f"{name} <{address}>", body), mail_from=address, rcpt_tos=[to])
    assert code == 250
    daemon.run_until_idle()


def about(sink, address, words):
    return [m for m in sink.messages_to(address) if words in m.text()]


def test_the_recommendation_reaches_each_moderator_alone_with_no_reporter_and_no_member(case):
    daemon, sink, path, code = case
    to_mo, to_max = sink.messages_to(MO), sink.messages_to(MAX)
    assert len(to_mo) == len(to_max) == 1
    assert not sink.messages_to(GALE) and not sink.messages_to(GITA)        # conflicted; another space
    for sent in (to_mo[0], to_max[0]):
        assert len(sent.rcpt_tos) == 1 and "a written warning" in sent.text()
        assert sent["From"].addresses[0].addr_spec == "conduct@example.org"
        seen = (str(sent.msg.items()) + sent.text() + sent.data.decode("utf-8", "replace")).lower()
        assert not [w for w in NEVER_TO_MODERATORS if w in seen], sent.data
    replies = {m["Reply-To"].addresses[0].addr_spec for m in (to_mo[0], to_max[0])}
    members = {m["Reply-To"].addresses[0].addr_spec for m in sink.messages_to("ana@example.org")}
    assert len(replies) == 2 and not replies & members
    assert "sent to 2 moderator(s) of slack" in about(sink, "ana@example.org", "#to-moderators")[-1].text()
    assert about(sink, "chidi@example.org", "sent the recommended response")


def test_a_disagreement_reaches_only_the_eligible_members(case):
    daemon, sink, path, code = case
    reporter_before = len(sink.messages_to("jane.reporter@example.net"))
    others_before = {a: len(sink.messages_to(a)) for a in ("bo@example.org", MAX, GALE, GITA)}
    moderator_says(daemon, sink, MO, "Mo Ibrahim", "#disagree\nA month is too long for a first incident.\n")
    for member in ("ana@example.org", "chidi@example.org"):
        (relayed,) = about(sink, member, "too long for a first incident")
        assert "Mo Ibrahim, moderator of slack, answered #disagree" in relayed.text()
    assert len(sink.messages_to("jane.reporter@example.net")) == reporter_before
    assert {a: len(sink.messages_to(a)) for a in others_before} == others_before
    record = daemon.store.get(code)["moderation"]["slack"]["moderators"][MO]
    assert record["answer"] == "disagree" and "too long" in record["reasons"] and record["at"]


def test_a_reply_from_another_sender_at_a_moderators_address_is_not_relayed(case):
    daemon, sink, path, code = case
    moderator_says(daemon, sink, MO, "Mo Ibrahim", "#accept\nForged.\n", sender="Mo <mo@evil.example>")
    assert not about(sink, "ana@example.org", "Forged")
    assert len(about(sink, MO, "using your reply address, but not from your address")) == 1
    assert daemon.store.get(code)["moderation"]["slack"]["moderators"][MO]["answer"] is None


def test_an_acceptance_is_in_case_show_and_the_report_document(case):
    daemon, sink, path, code = case
    moderator_says(daemon, sink, MAX, "Max Turner", "#accept\n")
    shown = run_cli(path, "case", "show", code)
    document = run_cli(path, "case", "export", code, "--format", "md")
    assert "moderator answered" in shown and "answer=accept" in shown and "space=slack" in shown
    section = document.split("## Discussions with moderators and administrators")[1].split("\n## ")[0]
    assert "Recommended response sent to the moderators of slack" in section and "a written warning" in section
    assert "Max Turner, moderator of slack" in section and "#accept" in section
    assert "jane" not in section.lower()


def test_the_week_clock_nudges_the_silent_moderators_then_tells_the_members(case):
    daemon, sink, path, code = case
    moderator_says(daemon, sink, MAX, "Max Turner", "#accept\n")
    daemon.advance(days=6, minutes=1)
    daemon.tick()
    daemon.tick()                                   # a repeated tick sends nothing twice
    assert len(about(sink, MO, "we have not had your answer")) == 1
    assert not about(sink, MAX, "we have not had your answer") and not sink.messages_to(GALE)
    assert not about(sink, "ana@example.org", "without an answer")
    daemon.advance(days=1)
    daemon.tick()
    daemon.tick()
    for member in ("ana@example.org", "chidi@example.org"):
        (told,) = about(sink, member, "without an answer")
        assert "Mo Ibrahim" in told.text() and "Max Turner" not in told.text()
    assert not about(sink, "bo@example.org", "without an answer") and not about(sink, MO, "without an answer")


def test_an_unknown_space_or_one_without_eligible_moderators_is_refused(case):
    daemon, sink, path, code = case
    moderators_before = [len(sink.messages_to(a)) for a in (MO, MAX, GALE, GITA)]
    member_says(daemon, sink, ANA, "#to-moderators discord\n\nA warning.\n", subject=f"Re: [{code}]")
    refused = about(sink, "ana@example.org", "#to-moderators: error")[-1].text()
    assert "no moderators are known for 'discord'" in refused and "forum, github, slack" in refused
    member_says(daemon, sink, ANA, "#to-moderators forum\n\nA warning.\n", subject=f"Re: [{code}]")
    refused = about(sink, "ana@example.org", "#to-moderators: error")[-1].text()
    assert "none of the moderators of forum may receive" in refused
    assert [len(sink.messages_to(a)) for a in (MO, MAX, GALE, GITA)] == moderators_before


@pytest.mark.parametrize("moderators, problem", [
    ({"Slack Space": [{"name": "Mo", "email": MO}]}, "a space is a lower-case name"),
    ({"slack": [{"name": "Mo"}]}, "email"),
    ({"slack": [{"name": "Mo", "email": MO}, {"name": "Mo again", "email": MO}]}, "listed twice"),
    ({"slack": []}, "lists no moderators"),
])
def test_bad_moderators_are_refused_with_file_and_line(tmp_path, sink, moderators, problem):
    configure(tmp_path, sink)
    dump({"members": MEMBERS, "moderators": moderators}, tmp_path / "members.yaml")
    with pytest.raises(ConfigError) as raised:
        load(tmp_path / "mailrouter.yaml")
    assert problem in str(raised.value) and "members.yaml" in str(raised.value)


def run_cli(path, *args):
    result = subprocess.run([sys.executable, "-m", "mailrouter", *args, "--config", str(path)], capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()
