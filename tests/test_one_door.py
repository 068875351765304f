"""The reporter's identity is read through one door (issue 8, STYLE 7).

Only mailrouter/privacy/reporters.py reads the identity store; the composition root builds
it. Every other module asks the door (`ctx.reporters`) a narrow question, and the calls that
hand out identity itself (where mail for the reporter goes, who may write as them, the
sealed originals, a chair's reveal) are allowed only in the modules reviewed for them. A
new path that reaches for the identity fails this test instead of leaking by accident.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mailrouter"
STORE_READERS = {"privacy/reporters.py", "privacy/identity_store.py"}
COMPOSITION = {"app/daemon.py", "app/state.py", "app/cli_cases.py", "app/cli_records.py"}          # build the store and hand it to the door
# Door calls that return identity (not a yes/no or a scrubber), and who may make them.
IDENTITY_CALLS = {
    "envelope": {"outbound/case_mail.py", "pipeline/stages/reporter_appeal.py"},
    "senders": {"pipeline/stages/authenticate.py"},
    "reveal": {"commands/admin.py"},
    "unseal": {"commands/admin.py"},
    "sealed_record": {"commands/admin.py"},
    "parties": {"cases/eligibility.py"},
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_only_the_door_reads_the_identity_store():
    offenders = []
    for name, tree in modules():
        if name in STORE_READERS:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "identities" and name not in COMPOSITION:
                offenders.append(f"{name}:{node.lineno} touches .identities")
            if isinstance(node, ast.ImportFrom) and node.module == "mailrouter.privacy.identity_store":
                imported = {a.name for a in node.names}
                if imported - {"Identity"} and name not in COMPOSITION:
                    offenders.append(f"{name}:{node.lineno} imports {sorted(imported - {'Identity'})}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("get", "put") and _is_identity_store(node.func.value):
                offenders.append(f"{name}:{node.lineno} calls the identity store")
    assert offenders == []


def test_door_calls_that_hand_out_identity_stay_where_they_were_reviewed():
    found = {}
    for name, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in IDENTITY_CALLS and _names_reporters(node.func.value):
                found.setdefault(node.func.attr, set()).add(name)
    for call, where in found.items():
        assert where <= IDENTITY_CALLS[call], (call, where - IDENTITY_CALLS[call])
    assert set(found) == set(IDENTITY_CALLS), "a reviewed call is no longer used: update the list"


def test_the_forward_sees_the_reporter_only_through_the_shared_view():
    source = (PACKAGE / "casework" / "forwarding.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert "identity" not in attributes and "identities" not in attributes
    assert "shared_view" in attributes


def test_the_report_document_sees_the_reporter_only_through_the_shared_view():
    tree = ast.parse((PACKAGE / "casework" / "report_document.py").read_text(encoding="utf-8"))
    calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and _names_reporters(n.func.value)}
    assert calls == {"shared_view"}


def _is_identity_store(node):
    return isinstance(node, ast.Attribute) and node.attr in ("identities", "_store") and \
        isinstance(node.value, ast.Attribute) and node.value.attr in ("state", "ctx")


def _names_reporters(node):
    return (isinstance(node, ast.Attribute) and node.attr == "reporters") or \
        (isinstance(node, ast.Name) and node.id == "reporters")
