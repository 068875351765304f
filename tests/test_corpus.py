"""The corpus: real-world report messages through real SMTP; no member-bound byte leaks.

tests/corpus/ holds reports as each major client writes them, and manifest.json says for
each who the reporter is and which evidence must survive. For every file:
- no member-bound byte (every header, every decoded part, attachment names and headers,
  forwarded messages at any depth) carries the reporter's addresses, distinctive local
  part, display name or name parts (case- and accent-insensitive);
- every evidence string survives;
- with `Share my identity: yes` the identity does reach the members instead.
"""

import html
import json
import re
from pathlib import Path

import pytest

from mailrouter.settings.committee import fold

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
REPORT_FILES = sorted(MANIFEST)

# Identity forms no scrubber can know from the message itself: they are listed here, with
# the reason, and asserted *not* to be scrubbed-or-not (they are simply not checked).
UNKNOWABLE = {
    ("base64-text-body.eml", "فاطمة الزهراء العمراني"):
        "the signature repeats the name in Arabic script; only the Latin display name is known",
}


def readable_bytes(msg):
    """Everything a member's client could show or save: headers, decoded parts, names.

    The top-level To is left out: it is the member's own name and address, which may
    share a word with the reporter's name (a member "Bo Chen", a reporter "Mei-Ling Chen").
    """
    chunks = []
    for part in msg.walk():
        for name, value in part.items():
            if part is msg and name.lower() == "to":
                continue
            chunks.append(f"{name}: {value}")
        filename = part.get_filename()
        if filename:
            chunks.append(filename)
        if part.is_multipart():
            continue
        if part.get_content_maintype() == "text":
            content = part.get_content()
            chunks.append(content)
            if part.get_content_subtype() == "html":
                chunks.append(html.unescape(re.sub(r"<[^>]+>", " ", content)))
        else:
            payload = part.get_payload(decode=True) or b""
            chunks.append(payload.decode("utf-8", "replace"))
    return "\n".join(chunks)


def forwards_for(raw, daemon, sink, reporter):
    code, _ = daemon.send(raw, mail_from=reporter)
    assert code == 250
    daemon.run_until_idle()
    return [m for m in sink.all() if "New report" in str(m["Subject"])]


@pytest.mark.parametrize("name", REPORT_FILES)
def test_corpus_report_reaches_members_without_the_reporter(daemon, sink, name):
    facts = MANIFEST[name]
    raw = (CORPUS / name).read_bytes()
    forwards = forwards_for(raw, daemon, sink, facts["reporter_addresses"][0])
    assert forwards, "no forward was sent"
    expected_members = {"ana@example.org", "bo@example.org", "chidi@example.org"}
    assert {m.rcpt_tos[0] for m in forwards} <= expected_members
    for forward in forwards:
        seen = readable_bytes(forward.msg)
        folded = " ".join(fold(seen).split())
        raw_text = forward.data.decode("utf-8", "replace").lower()
        identity_forms = [a.lower() for a in facts["reporter_addresses"]]
        names = [facts["reporter_name"], *facts["name_parts"]]
        if facts["share_identity"]:
            assert identity_forms[0] in seen.lower()
            continue
        for address in identity_forms:
            assert address not in seen.lower() and address not in raw_text, address
        local = facts["distinctive_local_part"]
        if local:
            assert not re.search(rf"(?<![\w.+-]){re.escape(local.lower())}(?![\w-])", seen.lower()), local
        for form in names:
            if (name, form) in UNKNOWABLE:
                continue
            needle = " ".join(fold(form).split())
            pattern = (rf"(?<!\w){re.escape(needle)}(?!\w)" if needle.isascii() else re.escape(needle))
            assert not re.search(pattern, folded), form
        for evidence in facts["evidence"]:
            assert " ".join(evidence.split()) in " ".join(seen.split()), evidence


def test_reported_person_line_in_the_corpus_becomes_a_party(daemon, sink):
    facts = MANIFEST["reported-person-line.eml"]
    forwards_for((CORPUS / "reported-person-line.eml").read_bytes(), daemon, sink,
                 facts["reporter_addresses"][0])
    case = daemon.store.get(daemon.store.codes()[0])
    assert {"name": "Riley Quinn", "emails": ["riley.quinn@example.com"], "aliases": []} in case["parties"]


def test_corpus_has_at_least_thirty_reports():
    assert len(REPORT_FILES) >= 30
    assert all((CORPUS / name).exists() for name in REPORT_FILES)


def test_logs_of_the_whole_corpus_carry_no_identity_or_subject(daemon, sink, caplog):
    import logging

    from mailrouter.mail.message import header, parse

    caplog.set_level(logging.INFO)
    logging.getLogger("mail.log").setLevel(logging.WARNING)      # as logs.configure does
    subjects = []
    for name in REPORT_FILES:
        raw = (CORPUS / name).read_bytes()
        subjects.append(header(parse(raw), "Subject"))
        daemon.send(raw, mail_from=MANIFEST[name]["reporter_addresses"][0])
    daemon.run_until_idle(timeout=30)
    assert len(daemon.store.codes()) == len(REPORT_FILES)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO).lower()
    assert "case" in logged
    for name in REPORT_FILES:
        facts = MANIFEST[name]
        for secret in [*facts["reporter_addresses"], facts["reporter_name"], *facts["evidence"]]:
            assert secret.lower() not in logged, (name, secret)
    for subject in subjects:
        assert subject.lower() not in logged, subject
