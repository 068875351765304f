"""Files that survive a crash: atomic writes and self-validating `.eml` + `.json` entries.

Every durable thing mailrouter keeps (the intake spool, the outbound queue, case files)
goes through here, so the fsync discipline of D1/D8 lives in one place:
write a temporary file, fsync it, rename it into place, fsync the directory.
"""

import hashlib
import json
import os
import secrets
from pathlib import Path

from mailrouter.errors import SpoolError

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_dir(path):
    """Create a private directory (and parents) if missing; return it as a Path."""
    path = Path(path)
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def fsync_dir(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_synced(path, data):
    """Write bytes to a new file and fsync it (no rename, no directory sync)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path, data, sync_dir=True):
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write_synced(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def new_entry_id():
    """A sortable, unique id: microsecond time then randomness."""
    return f"{time_ns_hex()}-{secrets.token_hex(6)}"


def time_ns_hex():
    import time

    return f"{time.time_ns():016x}"


class EntryDir:
    """A directory of entries, each a payload `ID.eml` and a commit record `ID.json`.

    The `.json` is written last and carries the payload's size and sha256, so an entry
    exists only when both files are present and agree (D2). Anything else found at start-up
    is moved to `quarantine/` by `recover()`.
    """

    def __init__(self, root):
        self.root = ensure_dir(root)
        self.quarantine_dir = ensure_dir(self.root / "quarantine")

    def put(self, payload, meta, entry_id=None, exclusive=False):
        """Durably add an entry; return its id, or None if `exclusive` and it exists."""
        entry_id = entry_id or new_entry_id()
        eml, record = self._paths(entry_id)
        if exclusive and record.exists():
            return None
        meta = dict(meta, size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
        tmp_eml = self.root / f".{entry_id}.eml.tmp"
        tmp_rec = self.root / f".{entry_id}.json.tmp"
        try:
            write_synced(tmp_eml, payload)
            write_synced(tmp_rec, _encode(meta))
            os.replace(tmp_eml, eml)
            os.replace(tmp_rec, record)   # the commit point
            fsync_dir(self.root)
        except BaseException:
            # D7: whatever the caller answers next, no half entry stays behind.
            for path in (tmp_eml, tmp_rec, record, eml):
                path.unlink(missing_ok=True)
            raise
        return entry_id

    def ids(self):
        """Committed entry ids, oldest first."""
        return sorted(p.name[:-5] for p in self.root.glob("*.json") if not p.name.startswith("."))

    def __len__(self):
        return len(self.ids())

    def meta(self, entry_id):
        try:
            return json.loads(self._paths(entry_id)[1].read_bytes())
        except (OSError, ValueError) as error:
            raise SpoolError(f"entry {entry_id}: unreadable record ({error.__class__.__name__})")

    def payload(self, entry_id):
        """The payload bytes, checked against the commit record."""
        meta = self.meta(entry_id)
        try:
            data = self._paths(entry_id)[0].read_bytes()
        except OSError as error:
            raise SpoolError(f"entry {entry_id}: payload missing ({error.__class__.__name__})")
        if len(data) != meta.get("size") or hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            raise SpoolError(f"entry {entry_id}: payload does not match its checksum")
        return data

    def update_meta(self, entry_id, **changes):
        meta = self.meta(entry_id)
        meta.update(changes)
        atomic_write(self._paths(entry_id)[1], _encode(meta), sync_dir=False)
        return meta

    def remove(self, entry_id):
        eml, record = self._paths(entry_id)
        record.unlink(missing_ok=True)    # uncommit first
        eml.unlink(missing_ok=True)

    def quarantine(self, entry_id, reason):
        """Move an entry aside with the reason; keep every byte."""
        for path in self._paths(entry_id):
            if path.exists():
                os.replace(path, self.quarantine_dir / path.name)
        note = self.quarantine_dir / f"{entry_id}.reason"
        atomic_write(note, reason.encode("utf-8", "replace"), sync_dir=False)
        fsync_dir(self.quarantine_dir)
        fsync_dir(self.root)

    def quarantined_ids(self):
        return sorted(p.stem for p in self.quarantine_dir.glob("*.reason"))

    def recover(self):
        """At start-up: drop temporary files, quarantine torn or mismatched entries.

        Returns the ids quarantined.
        """
        for tmp in self.root.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
        torn = []
        committed = set(self.ids())
        for eml in self.root.glob("*.eml"):
            if eml.stem not in committed:
                torn.append((eml.stem, "payload without commit record (torn write)"))
        for entry_id in committed:
            try:
                self.payload(entry_id)
            except SpoolError as error:
                torn.append((entry_id, str(error)))
        for entry_id, reason in torn:
            self.quarantine(entry_id, reason)
        return [entry_id for entry_id, _ in torn]

    def _paths(self, entry_id):
        if "/" in entry_id or entry_id.startswith("."):
            raise SpoolError(f"invalid entry id {entry_id!r}")
        return self.root / f"{entry_id}.eml", self.root / f"{entry_id}.json"


def _encode(meta):
    return json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
