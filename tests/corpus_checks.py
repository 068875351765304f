"""The checks the manifest-driven corpora share (tests/corpus2, tests/corpus3).

Each report goes through its own daemon over real SMTP (its manifest may add conflicts),
and three checks read what came out: the right members and the right acknowledgement; no
member-bound byte carrying the protected people (headers, decoded parts, nested messages,
attachment bytes and metadata); the evidence surviving and attachments cleaned or withheld.
"""

import json
import re
from pathlib import Path

from harness import CONFLICTS, RunningDaemon, Sink, load, write_config
from mailrouter.mail.names import fold, spaceless_script
from mailrouter.privacy.scrub_patterns import COMMON_WORD_NAMES
from readable import bytes_readable, readable_text

MEMBERS = {"ana@example.org", "bo@example.org", "chidi@example.org"}
INTERIM = {"steering@example.org"}     # the escalation body reads a case fewer than two members can


def manifest(folder):
    return json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))


def run_corpus(folder, facts_by_name, tmp_path_factory):
    """{name: (DATA answer code, every message the sink received for it)}."""
    outcomes = {}
    sink = Sink().start()
    try:
        for name, facts in sorted(facts_by_name.items()):
            conflicts = {k: list(v) for k, v in CONFLICTS.items()}
            for member, people in facts["conflicts"].items():
                conflicts.setdefault(member, []).extend(
                    {"name": p["name"], "emails": p.get("emails", []), "aliases": p.get("aliases", [])}
                    for p in people)
            config = write_config(tmp_path_factory.mktemp(name.replace(".", "-")), sink_port=sink.port,
                                  conflicts=conflicts)
            before = len(sink.all())
            daemon = RunningDaemon(load(config)).start()
            try:
                code, _ = daemon.send((Path(folder) / name).read_bytes(), mail_from=facts["mail_from"])
                daemon.run_until_idle(timeout=30)
            finally:
                daemon.stop()
            outcomes[name] = (code, sink.all()[before:])
    finally:
        sink.stop()
    return outcomes


def check_routing(facts, code, mail):
    assert code == 250
    recipients = {m.rcpt_tos[0] for m in mail if "New report" in str(m["Subject"])}
    assert set(facts["must_receive"]) <= recipients, "a member without a conflict got nothing"
    assert not set(facts["must_not_receive"]) & recipients, "a conflicted member received the report"
    assert recipients <= MEMBERS | INTERIM
    assert not recipients & INTERIM or len(recipients & MEMBERS) < 2, "an interim reader without need"
    acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == ([[facts["ack_to"]]] if facts["ack_to"] else [])


def check_no_leak(facts, mail, unknowable):
    member_mail = [m for m in mail if m.rcpt_tos[0] in MEMBERS | INTERIM]
    assert member_mail
    addresses = [a for person in facts["reporters"] for a in person["addresses"]]
    names = [n for person in facts["reporters"]
             for n in (person["name"], *person["name_parts"], *person["other_identifiers"]) if n and n not in unknowable]
    for message in member_mail:
        seen = readable_text(message.msg)
        folded = " ".join(fold(seen).split())
        raw = message.data.decode("utf-8", "replace").lower()
        for address in addresses:
            assert address.lower() not in seen.lower() and address.lower() not in raw, address
        for form in names:
            if fold(form) in COMMON_WORD_NAMES:        # "Hope": the name only when capitalised
                assert not re.search(rf"(?<!\w){re.escape(form)}(?!\w)", seen), form
                continue
            needle = " ".join(fold(form).split())
            # whole words, but anywhere in scripts written without spaces (CJK, kana, Hangul)
            pattern = re.escape(needle) if spaceless_script(needle) else rf"(?<!\w){re.escape(needle)}(?!\w)"
            assert not re.search(pattern, folded), form
        for url in facts["remote_urls"]:
            assert url.lower() not in raw and url.lower() not in seen.lower(), url


def check_evidence(name, facts, mail, known_loss):
    forwards = [m for m in mail if "New report" in str(m["Subject"])]
    assert forwards
    forward = forwards[0]
    seen = " ".join(readable_text(forward.msg).split())
    for evidence in facts["evidence"]:
        if (name, evidence) not in known_loss:
            assert " ".join(evidence.split()) in seen, evidence
    attachments = {p.get_filename(): p for p in forward.msg.walk() if p.get_filename()}
    for withheld in facts["withheld"]:
        assert not any(withheld in n for n in attachments), withheld
    if facts["withheld"]:
        assert "Withheld:" in seen or "Removed " in seen
    for cleaned in facts["cleaned"]:
        assert any(cleaned in n for n in attachments), f"the cleaned attachment {cleaned} did not arrive"
    packages = " ".join(bytes_readable(p.get_payload(decode=True) or b"") for p in attachments.values()
                        if not p.is_multipart())
    for text in facts["office_evidence"]:
        assert text in packages or text in seen, text
