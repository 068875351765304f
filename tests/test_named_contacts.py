"""D2: every named-contact list of members.yaml is checked by one helper (settings/contacts.py).

Delegates, moderators, escalation and core_team entries share the checks: only their keys,
an email required, the committee's alias refused where the people write to the committee,
an address listed twice refused where it matters; each error names members.yaml and the line.
"""

import re

import pytest

from harness import MEMBERS, dump, load, write_config
from mailrouter.errors import ConfigError

ENTRY = {"name": "Pat Organiser", "email": "pat@example.net"}
CORE = {"name": "Core Team", "email": "core@example.org"}


@pytest.mark.parametrize("extra, problem, where", [
    ({"delegates": [{"name": "Pat", "email": "conduct@example.org"}]},
     "a delegate cannot have the committee's own alias address", "delegates[0].email"),
    ({"delegates": [ENTRY, ENTRY]}, "a delegate cannot also be a member, a reserve or another delegate", "delegates[1].email"),
    ({"delegates": [{"name": "Pat", "email": "ana@example.org"}]},
     "a delegate cannot also be a member, a reserve or another delegate", "delegates[0].email"),
    ({"moderators": {"slack": [{"name": "Mo", "email": "conduct@example.org"}]}},
     "a moderator cannot have the committee's own alias address", "moderators.slack[0].email"),
    ({"moderators": {"slack": [ENTRY, ENTRY]}}, "this moderator is listed twice in 'slack' (also at line", "moderators.slack[1].email"),
    ({"escalation": [{"name": "Council", "email": "council@example.org", "phone": "1"}]}, "unknown key", "escalation[0].phone"),
    ({"core_team": [{"name": "Core"}]}, "is required", "core_team[0].email"),
    ({"core_team": [{"email": "core@example.org"}]}, "is required", "core_team[0].name"),
])
def test_a_bad_named_contact_is_refused_with_file_line_and_the_same_words(tmp_path, extra, problem, where):
    write_config(tmp_path)
    dump({"members": MEMBERS, **extra}, tmp_path / "members.yaml")
    with pytest.raises(ConfigError) as raised:
        load(tmp_path / "mailrouter.yaml")
    assert re.search(rf"members\.yaml:\d+: {re.escape(where)}: {re.escape(problem)}", str(raised.value)), \
        str(raised.value)


def test_good_named_contacts_load_in_order(tmp_path):
    write_config(tmp_path)
    dump({"members": MEMBERS, "delegates": [ENTRY], "core_team": [CORE, CORE],
          "escalation": [{"name": "Council", "email": "council@example.org"}],
          "moderators": {"slack": [{"name": "Mo", "email": "mo@example.net", "aliases": ["mo"]}]}},
         tmp_path / "members.yaml")
    committee = load(tmp_path / "mailrouter.yaml").committee
    assert [(d.name, d.email) for d in committee.delegates] == [("Pat Organiser", "pat@example.net")]
    assert len(committee.core_team) == 2         # core_team never refused a repeated address
    assert committee.escalation[0].email == "council@example.org"
    assert committee.moderators["slack"][0].aliases == ("mo",)
