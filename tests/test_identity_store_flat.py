"""Filing a new case's identity costs the same at 100,000 stored cases as at none
(privacy/identity_store.py): the folder of sealed files is listed once, not per case, and
a case filed before per-case keys still opens with the store's key."""

import os

from cryptography.fernet import Fernet

from mailrouter.cases.codenames import slug
from mailrouter.durable import group_commit
from mailrouter.privacy.identity_store import Identity, IdentityStore


def store_with_old_cases(tmp_path, count):
    key = Fernet.generate_key()
    root = tmp_path / "identities"
    store = IdentityStore(root, key)
    for i in range(count):                   # sealed originals of cases filed long ago
        (root / f"old-case-{i}.attachment-1.bin").write_bytes(Fernet(key).encrypt(b"original"))
    return store, key, root


def test_cases_filed_before_per_case_keys_still_open_with_the_store_key(tmp_path):
    store, key, root = store_with_old_cases(tmp_path, 3)
    (root / f"{slug('old identity')}.bin").write_bytes(Fernet(key).encrypt(b'{"addresses": ["ana@example.org"]}'))
    assert store.sealed("old case 1", "attachment-1") == b"original"
    assert store.get("old identity").addresses == ("ana@example.org",)
    assert not (tmp_path / "case-keys" / "old-case-1.key").exists()
    assert store.case_fernet("quiet harbor") is None             # nothing filed, no key made


def test_new_cases_list_the_folder_once_not_once_each(tmp_path, monkeypatch):
    store, key, root = store_with_old_cases(tmp_path, 300)
    listings = []
    for name in ("scandir", "listdir"):
        original = getattr(os, name)
        monkeypatch.setattr(os, name, lambda path=".", _original=original: (
            listings.append(str(path)), _original(path))[1])
    for i in range(20):
        store.put(f"new case {i}", Identity(addresses=(f"reporter{i}@example.net",)))
    assert sum(1 for path in listings if path == str(root)) <= 1
    assert store.get("new case 7").addresses == ("reporter7@example.net",)
    assert (tmp_path / "case-keys" / "new-case-7.key").exists()  # each new case has its own key
    store.put_sealed("new case 7", "attachment-1", b"x")
    reopened = IdentityStore(root, key)                            # as after a restart
    assert reopened.sealed("new case 7", "attachment-1") == b"x"
    assert reopened.sealed("old case 5", "attachment-1") == b"original"


def test_an_identity_filed_in_a_commit_reads_back_as_its_latest_put_and_as_from_the_file(tmp_path):
    # Held in memory until the commit (no JSON parse per question, issue 11): a later put
    # in the same commit is what the next question sees, and what is written.
    key = Fernet.generate_key()
    store = IdentityStore(tmp_path / "identities", key)
    with group_commit():
        store.put("quiet harbor", Identity(addresses=["ana@example.org"], people=[["Ana", ["ana@example.org"]]]))
        filed = store.get("quiet harbor")
        assert filed.addresses == ("ana@example.org",) and filed.people == (("Ana", ("ana@example.org",)),)
        store.put("quiet harbor", Identity(addresses=("ana@example.org",), thread=("<1@x>",)))
        assert store.get("quiet harbor").thread == ("<1@x>",)
    assert IdentityStore(tmp_path / "identities", key).get("quiet harbor").thread == ("<1@x>",)
