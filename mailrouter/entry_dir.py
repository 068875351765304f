"""The spool's entry format: a directory of self-validating, crash-safe entries.

Used for the intake spool, the outbound queue (`outbox/queue`, `outbox/failed`) and held
mail. Every write, rename and directory fsync goes through `mailrouter.durable`. A
foundation module: it imports only `mailrouter.errors` and `mailrouter.durable`.
"""

import hashlib
import json
import os
import secrets
import time

from mailrouter.dir_syncer import DirSyncer
from mailrouter.durable import atomic_write, ensure_dir, in_group_commit, move_files, sync_dir_soon
from mailrouter.errors import SpoolError


HEADER_LINE_MAX = 1024 * 1024    # bytes; an envelope is a few KB, a damaged file has no line end


def new_entry_id():
    """A sortable, unique id: the time in nanoseconds, then randomness."""
    return f"{time.time_ns():016x}-{secrets.token_hex(6)}"


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

    def put_draft(self, draft, meta):
        """Durably add a finished `Draft` (D1, as `put`), then discard it. A spilled one is
        never loaded: `.ID.tmp` gets the header line, then the draft in 1 MB chunks."""
        try:
            if draft.error is not None:
                raise draft.error
            if draft.path is None:
                return self.put(draft.data, meta)
            entry_id = new_entry_id()
            path, tmp = self._path(entry_id), self.root / f".{entry_id}.tmp"
            meta = dict(meta, size=draft.size, sha256=draft.sha.hexdigest())
            try:
                # The header line, then the draft's file copied in chunks (durable.py).
                atomic_write(path, [self.MAGIC + _encode(meta) + b"\n", draft.path], sync_dir=False, tmp=tmp)
                self.syncer.sync()
            except BaseException:
                path.unlink(missing_ok=True)   # D7: no entry the sender was not told of
                raise
            return entry_id
        finally:
            draft.discard()

    def put(self, payload, meta, entry_id=None, exclusive=False, durable=True):
        """Durably add an entry; return its id, or None if `exclusive` and it exists.

        With `durable=False` nothing is fsynced: for a copy of an entry whose bytes are
        already durable elsewhere (the outbox journal), checked by its checksum on reading.
        """
        entry_id = entry_id or new_entry_id()
        path = self._path(entry_id)
        if exclusive and path.exists():
            return None
        meta = dict(meta, size=len(payload), sha256=hashlib.sha256(payload).hexdigest())
        try:
            # Written and fsynced as .ID.tmp, renamed to ID.msg: the commit point.
            atomic_write(path, self.MAGIC + _encode(meta) + b"\n" + payload,
                         sync_dir=False, tmp=self.root / f".{entry_id}.tmp", sync_file=durable)
            if durable and in_group_commit():
                sync_dir_soon(self.root)
            elif durable:
                self.syncer.sync()       # intake: shared with concurrent sessions
        except BaseException:
            # D7: whatever the caller answers next, no half entry stays behind
            # (atomic_write has removed the temporary file).
            path.unlink(missing_ok=True)
            raise
        return entry_id

    def ids(self):
        """Committed entry ids, oldest first."""
        return self.listing()[0]

    def listing(self):
        """(`ids()`, the set of those with an `ID.state`: entries that failed before or were
        released), from one read of the directory."""
        names = os.listdir(self.root)
        return (sorted(name[:-4] for name in names if name.endswith(".msg") and not name.startswith(".")),
                {name[:-6] for name in names if name.endswith(".state")})

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
            with open(self._path(entry_id), "rb") as entry:
                line, payload = entry.readline(), entry.read()   # no second copy (F4)
        except OSError as error:
            raise SpoolError(f"entry {entry_id}: unreadable ({error.__class__.__name__})")
        meta = _header(line, entry_id)
        if len(payload) != meta.get("size") or hashlib.sha256(payload).hexdigest() != meta.get("sha256"):
            raise SpoolError(f"entry {entry_id}: payload does not match its checksum")
        return payload

    def path_of(self, entry_id):
        """The entry's file, absolute: for a reader in another process (`open_payload`)."""
        return os.path.abspath(self._path(entry_id))

    def update_meta(self, entry_id, **changes):
        state = dict(self._state(entry_id), **changes)
        atomic_write(self.root / f"{entry_id}.state", _encode(state), sync_dir=False)
        return self.meta(entry_id)

    def remove(self, entry_id):
        self._path(entry_id).unlink(missing_ok=True)
        (self.root / f"{entry_id}.state").unlink(missing_ok=True)

    def move_to(self, other, entry_id):
        """Move an entry (and its state) into another EntryDir, e.g. failed/ or quarantine/."""
        move_files([self.root / f"{entry_id}{suffix}" for suffix in (".msg", ".state")], other.root)

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


def open_payload(path):
    """The entry file at `path`, open and read up to its payload: read it in chunks rather
    than whole (F4). Its checksum is not checked here: `EntryDir.payload` does."""
    return open_entry(path)[1]


def open_entry(path):
    """(the envelope of its header line, the entry file open at its payload), as open_payload."""
    try:
        entry = open(path, "rb")
    except OSError as error:
        raise SpoolError(f"entry file unreadable ({error.__class__.__name__})")
    try:
        meta = _header(entry.readline(HEADER_LINE_MAX), os.path.basename(path))
    except BaseException:
        entry.close()
        raise
    return meta, entry


def _header(line, entry_id):
    if not line.startswith(EntryDir.MAGIC) or not line.endswith(b"\n"):
        raise SpoolError(f"entry {entry_id}: missing or truncated header")
    try:
        return json.loads(line[len(EntryDir.MAGIC):])
    except ValueError:
        raise SpoolError(f"entry {entry_id}: damaged header")


def _encode(meta):
    return json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
