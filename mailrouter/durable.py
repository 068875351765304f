"""Files that survive a crash: atomic writes and self-validating `.eml` + `.json` entries.

Every durable thing mailrouter keeps (the intake spool, the outbound queue, case files)
goes through here, so the fsync discipline of D1/D8 lives in one place:
write a temporary file, fsync it, rename it into place, fsync the directory.
"""

import hashlib
import json
import os
import secrets
import threading
import time
from contextlib import contextmanager
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


_pending = threading.local()


@contextmanager
def group_commit():
    """Within this block (in this thread), directory fsyncs are done once each, at the end,
    and writers that buffer (the case store) flush once, just before them.

    The worker processes a spool entry inside one block: the entry stays in the spool
    until the block has ended, so it, not the many files written for it, is the
    durability point; a crash before the end re-runs idempotent stages (D5, D8).
    File contents are still fsynced before each rename, so no file is ever torn.
    """
    if getattr(_pending, "dirs", None) is not None:
        yield
        return
    _pending.dirs, _pending.flushers = set(), {}
    try:
        yield
    finally:
        try:
            while _pending.flushers:                 # a flush may register another
                _, flush = _pending.flushers.popitem()
                flush()
        finally:
            dirs, _pending.dirs, _pending.flushers = _pending.dirs, None, None
            for path in dirs:
                fsync_dir(path)


def in_group_commit():
    return getattr(_pending, "dirs", None) is not None


def flush_at_commit(key, flush):
    """Run `flush` once at the end of the current group commit."""
    _pending.flushers[key] = flush


def sync_dir_soon(path):
    """fsync a directory now, or at the end of the current group commit."""
    dirs = getattr(_pending, "dirs", None)
    if dirs is None:
        fsync_dir(path)
    else:
        dirs.add(Path(path))


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
        sync_dir_soon(path.parent)


def new_entry_id():
    """A sortable, unique id: the time in nanoseconds, then randomness."""
    return f"{time.time_ns():016x}-{secrets.token_hex(6)}"


class DirSyncer:
    """Shares directory fsyncs between threads that renamed files into the same directory.

    A caller returns only after a directory fsync that *started after* its own rename
    finished, so every rename it made is durable (D1). Concurrent sessions thus share one
    fsync instead of queueing one each (group commit, as in Postfix's queue manager).
    """

    def __init__(self, path):
        self.path = path
        self.condition = threading.Condition()
        self.requested = 0        # renames announced
        self.synced = 0           # renames covered by a finished fsync
        self.running = False

    def sync(self):
        with self.condition:
            self.requested += 1
            mine = self.requested
            while self.synced < mine:
                if self.running:
                    self.condition.wait()
                    continue
                self.running, covering = True, self.requested
                self.condition.release()
                try:
                    fsync_dir(self.path)
                finally:
                    self.condition.acquire()
                    self.running = False
                    self.condition.notify_all()
                self.synced = max(self.synced, covering)


class EntryDir:
    """A directory of self-validating entries: `ID.msg` holds a header line and the payload.

    The header line is `MAILROUTER-ENTRY 1 {json}` with the envelope and the payload's
    size and sha256, so a truncated or damaged entry is recognised (D2). An entry is one
    file, written, fsynced and renamed into place: it exists whole or not at all. What
    changes later (attempts, next try) goes in a small `ID.state` beside it, written only
    when it changes. Anything torn found at start-up is moved to `quarantine/` by
    `recover()`.
    """

    MAGIC = b"MAILROUTER-ENTRY 1 "

    def __init__(self, root):
        self.root = ensure_dir(root)
        self.quarantine_dir = self.root / "quarantine"
        self.syncer = DirSyncer(self.root)

    def put(self, payload, meta, entry_id=None, exclusive=False):
        """Durably add an entry; return its id, or None if `exclusive` and it exists."""
        entry_id = entry_id or new_entry_id()
        path = self._path(entry_id)
        if exclusive and path.exists():
            return None
        meta = dict(meta, size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
        tmp = self.root / f".{entry_id}.tmp"
        try:
            write_synced(tmp, self.MAGIC + _encode(meta) + b"\n" + payload)
            os.replace(tmp, path)        # the commit point
            if in_group_commit():
                sync_dir_soon(self.root)
            else:
                self.syncer.sync()       # intake: shared with concurrent sessions
        except BaseException:
            # D7: whatever the caller answers next, no half entry stays behind.
            tmp.unlink(missing_ok=True)
            path.unlink(missing_ok=True)
            raise
        return entry_id

    def ids(self):
        """Committed entry ids, oldest first."""
        return sorted(name[:-4] for name in os.listdir(self.root)
                      if name.endswith(".msg") and not name.startswith("."))

    def __contains__(self, entry_id):
        return self._path(entry_id).exists()

    def meta(self, entry_id):
        """The entry's envelope and state (header line merged with `ID.state`)."""
        try:
            with open(self._path(entry_id), "rb") as entry:
                meta = _header(entry.readline(), entry_id)
        except OSError as error:
            raise SpoolError(f"entry {entry_id}: unreadable ({error.__class__.__name__})")
        return dict(meta, **self._state(entry_id))

    def payload(self, entry_id):
        """The payload bytes, checked against the header's size and checksum."""
        try:
            data = self._path(entry_id).read_bytes()
        except OSError as error:
            raise SpoolError(f"entry {entry_id}: unreadable ({error.__class__.__name__})")
        line, _, payload = data.partition(b"\n")
        meta = _header(line + b"\n", entry_id)
        if len(payload) != meta.get("size") or hashlib.sha256(payload).hexdigest() != meta.get("sha256"):
            raise SpoolError(f"entry {entry_id}: payload does not match its checksum")
        return payload

    def update_meta(self, entry_id, **changes):
        state = dict(self._state(entry_id), **changes)
        atomic_write(self.root / f"{entry_id}.state", _encode(state), sync_dir=False)
        return self.meta(entry_id)

    def remove(self, entry_id):
        self._path(entry_id).unlink(missing_ok=True)
        (self.root / f"{entry_id}.state").unlink(missing_ok=True)

    def move_to(self, other, entry_id):
        """Move an entry (and its state) into another EntryDir, e.g. failed/ or quarantine/."""
        for suffix in (".msg", ".state"):
            source = self.root / f"{entry_id}{suffix}"
            if source.exists():
                os.replace(source, other.root / source.name)
        sync_dir_soon(other.root)
        sync_dir_soon(self.root)

    def quarantine(self, entry_id, reason):
        """Move an entry aside with the reason; keep every byte."""
        quarantine = EntryDir(self.quarantine_dir)
        self.move_to(quarantine, entry_id)
        atomic_write(quarantine.root / f"{entry_id}.reason", reason.encode("utf-8", "replace"))

    def quarantined_ids(self):
        if not self.quarantine_dir.exists():
            return []
        return sorted(p.stem for p in self.quarantine_dir.glob("*.reason"))

    def recover(self):
        """At start-up: drop temporary files, quarantine torn or mismatched entries.

        Returns the ids quarantined.
        """
        for name in os.listdir(self.root):
            if name.startswith(".") and name.endswith(".tmp"):
                (self.root / name).unlink(missing_ok=True)
        torn = []
        for entry_id in self.ids():
            try:
                self.payload(entry_id)
            except SpoolError as error:
                torn.append((entry_id, str(error)))
        for entry_id, reason in torn:
            self.quarantine(entry_id, reason)
        for state in self.root.glob("*.state"):
            if not self._path(state.stem).exists():
                state.unlink()           # left by an entry removed just before a crash
        return [entry_id for entry_id, _ in torn]

    def _state(self, entry_id):
        try:
            return json.loads((self.root / f"{entry_id}.state").read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise SpoolError(f"entry {entry_id}: unreadable state ({error.__class__.__name__})")

    def _path(self, entry_id):
        if "/" in entry_id or entry_id.startswith("."):
            raise SpoolError(f"invalid entry id {entry_id!r}")
        return self.root / f"{entry_id}.msg"


def _header(line, entry_id):
    if not line.startswith(EntryDir.MAGIC) or not line.endswith(b"\n"):
        raise SpoolError(f"entry {entry_id}: missing or truncated header")
    try:
        return json.loads(line[len(EntryDir.MAGIC):])
    except ValueError:
        raise SpoolError(f"entry {entry_id}: damaged header")


def _encode(meta):
    return json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
