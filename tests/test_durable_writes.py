"""One durable-write helper (issue 9): every write/fsync/rename/directory-fsync is durable.py's.

The scan reads mailrouter/ as source, so a module that calls os.fsync, os.replace,
os.rename and the like itself fails here with its file and line. The rest checks the
helpers and the spool format the README describes.
"""

import ast
import hashlib
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from mailrouter import durable
from mailrouter.app.state import load_or_create_secret
from mailrouter.entry_dir import EntryDir
from mailrouter.privacy.identity_store import load_or_create_key

PACKAGE = Path(__file__).resolve().parents[1] / "mailrouter"
HELPER = PACKAGE / "durable.py"

# Only durable.py may call these: syncing, renaming, linking, raw descriptors.
BANNED = {("os", name) for name in ("fsync", "fdatasync", "sync", "replace", "rename", "renames",
                                    "link", "open", "write")} | {("shutil", "move")}
PATH_METHODS = ("rename", "hardlink_to")       # Path.rename is os.rename (str has neither)

# Writes outside durable.py that need no crash safety, each with its reason.
NON_DURABLE = {
    ("app/state.py", "open"): "daemon.lock only carries the flock",
    ("app/cli_errors.py", "open"): "/dev/null, opened to stand in for a stdout whose reader left",
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != HELPER:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_aliases(tree):
    """name in this module -> (module, attribute or None), for os and shutil imports."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in ("os", "shutil"):
                    aliases[alias.asname or alias.name] = (alias.name, None)
        elif isinstance(node, ast.ImportFrom) and node.module in ("os", "shutil"):
            for alias in node.names:
                aliases[alias.asname or alias.name] = (node.module, alias.name)
    return aliases


def _called(call, aliases):
    """(module, function) a call resolves to through the imports, or None."""
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        module, attribute = aliases.get(func.value.id, (None, "?"))
        return (module, func.attr) if module and attribute is None else None
    if isinstance(func, ast.Name) and func.id in aliases:
        module, attribute = aliases[func.id]
        return (module, attribute) if attribute else None
    return None


def banned_calls():
    found = []
    for path, tree in _modules():
        aliases = _module_aliases(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if _called(node, aliases) in BANNED:
                module, name = _called(node, aliases)
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {module}.{name}")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in PATH_METHODS:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.func.attr}")
    return found


def _write_mode(call):
    modes = [a.value for a in call.args[1:2] if isinstance(a, ast.Constant)]
    modes += [k.value.value for k in call.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)]
    return any(isinstance(m, str) and set(m) & set("wax+") for m in modes)


def unlisted_writes():
    found = []
    for path, tree in _modules():
        where = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open" and _write_mode(node):
                kind = "open"
            elif isinstance(func, ast.Attribute) and func.attr in ("write_bytes", "write_text"):
                kind = func.attr
            else:
                continue
            if (where, kind) not in NON_DURABLE:
                found.append(f"{where}:{node.lineno} {kind}")
    return found


def test_only_durable_py_fsyncs_renames_or_writes_descriptors():
    assert banned_calls() == []


def test_other_writes_are_listed_as_not_needing_durability():
    assert unlisted_writes() == []


def test_the_scan_sees_a_direct_call(tmp_path, monkeypatch):
    source = "import os as o\nfrom os import replace as r\no.fsync(1)\nr('a', 'b')\nopen('x', 'w')\np.rename(q)\n"
    (tmp_path / "rogue.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path)
    assert banned_calls() == ["rogue.py:3 os.fsync", "rogue.py:4 os.replace", "rogue.py:6 .rename"]
    assert unlisted_writes() == ["rogue.py:5 open"]


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_create_exclusive_makes_a_whole_private_file_once(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(durable, "fsync_dir", synced.append)
    target = tmp_path / "secret.key"
    assert durable.create_exclusive(target, b"first") is True
    assert durable.create_exclusive(target, b"second") is False
    assert target.read_bytes() == b"first" and _mode(target) == 0o600
    assert os.listdir(tmp_path) == ["secret.key"]          # no temporary file left
    assert synced == [tmp_path]                            # the new name is durable


def test_keys_are_created_once_and_kept(tmp_path):
    secret = load_or_create_secret(tmp_path / "secret.key")
    assert len(secret) == 32 and load_or_create_secret(tmp_path / "secret.key") == secret
    key = load_or_create_key(tmp_path / "identity.key", create=True)
    assert load_or_create_key(tmp_path / "identity.key", create=False) == key
    assert sorted(os.listdir(tmp_path)) == ["identity.key", "secret.key"]


def test_append_fsyncs_and_syncs_the_directory_of_a_new_log(tmp_path, monkeypatch):
    synced, fsynced = [], []
    monkeypatch.setattr(durable, "fsync_dir", synced.append)
    real_fsync = os.fsync
    monkeypatch.setattr(durable.os, "fsync", lambda fd: (fsynced.append(fd), real_fsync(fd)))
    log = tmp_path / "names.log"
    durable.append(log, b"quiet harbor\n")
    durable.append(log, b"amber lantern\n")
    assert log.read_bytes() == b"quiet harbor\namber lantern\n" and _mode(log) == 0o600
    assert len(fsynced) == 2 and synced == [tmp_path]      # the directory once, when new
    durable.append(tmp_path / "sent.log", b"x\n", sync=False)
    assert len(fsynced) == 2 and synced == [tmp_path]      # unsynced by request


def test_atomic_write_through_another_directory_leaves_nothing_behind(tmp_path):
    (tmp_path / "tmp").mkdir()
    (tmp_path / "new").mkdir()
    durable.atomic_write(tmp_path / "new" / "m", b"mail", sync_dir=False, tmp=tmp_path / "tmp" / "m")
    assert (tmp_path / "new" / "m").read_bytes() == b"mail" and os.listdir(tmp_path / "tmp") == []
    with pytest.raises(IsADirectoryError):
        durable.atomic_write(tmp_path / "new", b"x", tmp=tmp_path / "tmp" / "n")
    assert os.listdir(tmp_path / "tmp") == []


def test_spool_entries_are_as_the_readme_says(tmp_path):
    """README, "The state directory": ID.msg (header line, then the bytes), ID.state, quarantine/."""
    spool = EntryDir(tmp_path / "spool")
    raw = b"Subject: hi\r\n\r\nbody\r\n"
    entry_id = spool.put(raw, {"mail_from": "a@example.net", "rcpt_tos": ["coc@example.org"]})
    header, payload = (tmp_path / "spool" / f"{entry_id}.msg").read_bytes().split(b"\n", 1)
    assert header.startswith(b"MAILROUTER-ENTRY 1 ") and payload == raw
    assert json.loads(header[len(b"MAILROUTER-ENTRY 1 "):]) == {
        "mail_from": "a@example.net", "rcpt_tos": ["coc@example.org"], "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest()}
    spool.update_meta(entry_id, attempts=1, retry_after="2026-01-01T00:00:00+00:00")
    state = json.loads((tmp_path / "spool" / f"{entry_id}.state").read_bytes())
    assert state == {"attempts": 1, "retry_after": "2026-01-01T00:00:00+00:00"}
    spool.quarantine(entry_id, "ValueError: boom")
    assert sorted(os.listdir(tmp_path / "spool" / "quarantine")) == [
        f"{entry_id}.msg", f"{entry_id}.reason", f"{entry_id}.state"]
    assert sorted(os.listdir(tmp_path / "spool")) == ["quarantine"]
    assert spool.quarantined_ids() == [entry_id]


def test_the_outbox_flushes_before_any_record_that_says_its_mail_was_caused():
    """In one group commit the case store's flush (the processed mark) must never be written
    before the outbox journal holding the mail it caused: a kill between the two lost that
    mail (the crash loop found it, with sixteen entries to a commit)."""
    from mailrouter.durable import flush_at_commit, group_commit
    order = []
    with group_commit():
        flush_at_commit(("store", "case one"), lambda: order.append("store one"))
        flush_at_commit(("outbox", 1), lambda: order.append("outbox"), first=True)
        flush_at_commit(("store", "case two"), lambda: order.append("store two"))
        flush_at_commit(("identities", 1), lambda: order.append("identities"), earliest=True)
    assert order[:2] == ["identities", "outbox"] and sorted(order[2:]) == ["store one", "store two"]


def test_a_reports_identity_is_written_once_and_before_its_mail(tmp_path):
    """Filed by open_case and threaded by acknowledge in one commit: one write, at the
    commit, before the outbox journal (a crash between them kept mail the record lacks)."""
    from cryptography.fernet import Fernet

    from mailrouter.durable import flush_at_commit, group_commit
    from mailrouter.privacy.identity_store import Identity, IdentityStore
    store, order = IdentityStore(tmp_path, Fernet.generate_key()), []
    path = store._path("quiet harbour")
    with group_commit():
        store.put("quiet harbour", Identity(("ana@example.net",), "Ana"))           # open_case
        flush_at_commit(("outbox", 1), lambda: order.append(("outbox", path.exists())), first=True)
        store.put("quiet harbour", Identity(("ana@example.net",), "Ana", thread=("<ack@x>",)))
        assert not path.exists() and store.get("quiet harbour").thread == ("<ack@x>",)
    assert order == [("outbox", True)] and store.get("quiet harbour").thread == ("<ack@x>",)


def test_a_commit_removes_only_the_temporary_files_its_renames_did_not_move(tmp_path, monkeypatch):
    """Issue 11: a temporary file renamed into place was unlinked again (a failing call, five a
    report in the worker's thread). A hard link's source, or a rename that failed, still is."""
    from mailrouter.durable import flush_at_commit, group_commit
    unlinked, unlink = [], Path.unlink
    monkeypatch.setattr(Path, "unlink", lambda path, **kw: (unlinked.append(path.name), unlink(path, **kw))[1])
    (tmp_path / "taken").mkdir()
    with group_commit():
        flush_at_commit("files", lambda: (durable.atomic_write(tmp_path / "a", b"one"),
                                          durable.atomic_write(tmp_path / "b", b"two"),
                                          durable.create_exclusive(tmp_path / "c", b"three")))
    assert [(tmp_path / name).read_bytes() for name in "abc"] == [b"one", b"two", b"three"]
    assert len(unlinked) == 1 and unlinked[0].startswith(".c.")      # the link's source only
    assert sorted(os.listdir(tmp_path)) == ["a", "b", "c", "taken"]
    unlinked.clear()
    with pytest.raises(IsADirectoryError), group_commit():
        flush_at_commit("files", lambda: (durable.atomic_write(tmp_path / "d", b"four"),
                                          durable.atomic_write(tmp_path / "taken", b"five")))
    assert len(unlinked) == 1 and unlinked[0].startswith(".taken.")   # "d" was moved first
    assert sorted(os.listdir(tmp_path)) == ["a", "b", "c", "d", "taken"]
