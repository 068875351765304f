"""The audit log: what mailrouter did, append-only and hash-chained (issue 13).

One JSON line per record under `state/audit/audit.log`. Each record carries `n` (its line
number), `prev` (the hash of the record before it; the first chains to GENESIS) and
`hash`, the SHA-256 of the record's canonical JSON without `hash`. So an edited record
fails its own hash, and a removed, reordered or inserted one breaks the chain at its
line; a log cut short by whole records is caught against a head hash kept elsewhere (the
chair's weekly digest carries it: `audit verify --head`).

Records name a case by code name and people by role ("reporter", "escalation", "admin")
or a member's name: never an address, a subject or report text (`record` refuses fields
that are not on ALLOWED_FIELDS, so a caller cannot slip one in).

Writers are the worker, the courier's threads and the `mailrouter` CLI (another
process): each append takes an exclusive flock on the log, finds the head, and appends and
fsyncs under it, so the chain stays one chain. The head is read from the file's last line
unless the file is still as our own last append left it (`_chain_end`). Inside the
worker's group commit, records wait and are appended together at the commit (one fsync);
other threads share appends through a GroupLeader. The courier's `mail-sent` records are
appended unsynced as each mail is taken, then fsynced together (app/auditing.py says why).
"""

import fcntl
import hashlib
import json
import os
from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path

from mailrouter.clock import iso
from mailrouter.durable import (append, ensure_dir, flush_at_commit, fsync_dir, fsync_file, in_group_commit,
                                 open_log)
from mailrouter.group_leader import GroupLeader

GENESIS = hashlib.sha256(b"mailrouter audit log: genesis").hexdigest()
ALLOWED_FIELDS = {"event", "case", "to", "kind", "by", "command", "ok", "action", "exit", "members",
                  "policy", "outcome", "keeps", "torn_bytes", "attachment", "format", "count"}
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode     # json.dumps's, made once
TAIL_BYTES = 65536            # a record is far shorter: the head is always in the file's tail
# What this process last appended: the file's inode and size after it, its last line and head.
Tail = namedtuple("Tail", "inode size line n hash")


def record_hash(record):
    """SHA-256 of the record's canonical JSON, without its own `hash`."""
    return hashlib.sha256(_canonical({k: v for k, v in record.items() if k != "hash"}).encode()).hexdigest()


def chained_line(entry):
    """(hash, line) of `entry`, encoded once: the halves sorting before and after `hash`."""
    before = _canonical({k: v for k, v in entry.items() if k < "hash"})[:-1]
    after = _canonical({k: v for k, v in entry.items() if k > "hash"})[1:]
    digest = hashlib.sha256(f"{before},{after}".encode()).hexdigest()
    return digest, f'{before},"hash":"{digest}",{after}\n'.encode()


class AuditLog:
    def __init__(self, root, clock):
        self.root = ensure_dir(root)
        self.path = Path(self.root) / "audit.log"
        self.clock = clock
        self._waiting = []            # records of the current group commit
        # Records of other threads: one append and one fsync for all waiting.
        self._shared = GroupLeader(self._append)
        self._tail = None             # Tail of our last append; None: read the head from the file

    def record(self, event, **fields):
        """Append one record (at the end of the group commit, inside one)."""
        entry = self._entry(event, fields)
        if in_group_commit():
            self._waiting.append(entry)
            flush_at_commit(("audit", id(self)), self._flush)
        else:
            self._shared.submit(entry)

    def append_unsynced(self, event, fields, wait=True, at=None):
        """Append one record now, without an fsync (a process kill keeps it). With `wait`
        false, only if no other writer holds the log: else nothing is written, and False.
        `at`: the record's time if not now by our clock (the relay process's records)."""
        entry = dict(self._entry(event, fields), **({"at": at} if at else {}))
        try:
            with _flock(self.path, wait) as handle:
                self._write(handle, [entry], sync=False)
        except BlockingIOError:
            return False
        return True

    def _entry(self, event, fields):
        unknown = set(fields) - ALLOWED_FIELDS
        if unknown:
            raise ValueError(f"audit records carry no {', '.join(sorted(unknown))}")
        return dict({k: v for k, v in fields.items() if v is not None}, event=event, at=iso(self.clock.now()))

    def _flush(self):
        waiting, self._waiting = self._waiting, []
        if waiting:
            self._append(waiting)

    def _append(self, entries):
        with _flock(self.path) as handle:
            self._write(handle, entries)

    def _write(self, handle, entries, sync=True):
        """Chain `entries` on to the head and append them, under the lock held on `handle`:
        through it if unsynced (no open), else fsynced (`append`: at a commit, with its tier)."""
        start, entries = self._chain_end(handle.fileno(), entries)
        n, prev = start.n, start.hash
        lines = []
        for entry in entries:
            n += 1
            prev, line = chained_line(dict(entry, n=n, prev=prev))
            lines.append(line)
        data = b"".join(lines)
        self._tail = None           # a failed or partial append: read the file next time
        if sync:
            append(self.path, data)
        else:
            view = memoryview(data)
            while view:
                view = view[handle.write(view):]
        self._tail = Tail(start.inode, start.size + len(data), lines[-1], n, prev)

    def _chain_end(self, fd, entries):
        """(Tail where our records start, entries) under the lock.

        The head we appended last holds while the file is the one we wrote, as long as we
        left it and ends with our last line: then nobody else (the CLI, another thread's
        AuditLog) appended since, and the tail is not read again. Otherwise it is read from
        the file, and bytes after its last newline (a writer killed mid-append, or a full
        disk) are cut first and the cut recorded, so that our records start a line of their own.
        """
        tail, status = self._tail, os.fstat(fd)
        if (tail is not None and (status.st_ino, status.st_size) == (tail.inode, tail.size)
                and os.pread(fd, len(tail.line), tail.size - len(tail.line)) == tail.line):
            return tail, entries
        keep = _end_of_last_line(self.path, status.st_size)
        if keep < status.st_size:
            os.truncate(self.path, keep)        # a cut, not a write: fsynced with the append
            torn = dict(event="audit-recovered", torn_bytes=status.st_size - keep, at=iso(self.clock.now()))
            entries = [torn, *entries]
        return Tail(status.st_ino, keep, None, *self._head()), entries

    def _head(self):
        """(count, hash) of the last whole record; a torn tail is `recover`'s business."""
        last = last_line(self.path)
        if last is None:
            return 0, GENESIS
        try:
            record = json.loads(last)
            return int(record["n"]), record["hash"]
        except (ValueError, KeyError, TypeError):
            # An unreadable last record (tampering): chain on from its bytes; verify flags it.
            return count_lines(self.path), hashlib.sha256(last).hexdigest()

    def head(self):
        """(count, hash): what the digest carries."""
        with _flock(self.path):
            return self._head()

    def recover(self):
        """At start-up: cut a torn last line (a crash mid-append) and record that it was.

        A record is only whole once its newline is written; the bytes after the last newline
        never were fsynced as a record, so nothing that was complete is removed.
        """
        with _flock(self.path):
            if (size := self.path.stat().st_size) == 0:
                fsync_dir(self.root)            # a new log: the courier's fsyncs cover its records only
            keep = _end_of_last_line(self.path, size)
            if keep == size:
                return 0
            os.truncate(self.path, keep)        # a cut, not a write: fsynced below
            fsync_file(self.path)
        self.record("audit-recovered", torn_bytes=size - keep)
        return size - keep


@contextmanager
def _flock(path, wait=True):
    """An exclusive flock on the log for the block (its handle, to append unsynced): one
    writer at a time, any process. Without `wait`, BlockingIOError if another holds it."""
    with open_log(path) as handle:  # closing it releases the lock
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield handle


def _end_of_last_line(path, size):
    with open(path, "rb") as handle:
        handle.seek(max(0, size - TAIL_BYTES))
        tail = handle.read()
    if not tail or tail.endswith(b"\n"):
        return size
    cut = tail.rfind(b"\n")
    return size - len(tail) + cut + 1 if cut >= 0 else max(0, size - len(tail))


def last_line(path):
    """The last newline-terminated line (without it), or None."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    end = _end_of_last_line(path, size)
    if end == 0:
        return None
    with open(path, "rb") as handle:
        handle.seek(max(0, end - TAIL_BYTES))
        tail = handle.read(end - max(0, end - TAIL_BYTES))
    return tail[:-1].rsplit(b"\n", 1)[-1]


def count_lines(path):
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def verify(path, head=None):
    """Check the whole chain. Returns (problems, count, head hash); each problem is
    (line number, what). `head`: a hash the log must contain (from a digest)."""
    problems, prev, count, seen_head = [], GENESIS, 0, head is None
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            count = number
            problem, prev = _check(raw, number, prev)
            if problem:
                problems.append((number, problem))
            seen_head = seen_head or prev == head
    if not seen_head:
        problems.append((count + 1, f"the head {head[:16]}… is not in the log: records after it were "
                                    "removed, or the log was rewritten"))
    return problems, count, prev


def _check(raw, number, prev):
    """(problem or None, this line's hash) for one line."""
    if not raw.endswith(b"\n"):
        return "torn: the last record is incomplete (a crash mid-append, or cut)", prev
    try:
        record = json.loads(raw)
        stated, expected = record["hash"], record_hash(record)
    except (ValueError, KeyError, TypeError):
        return "not a record (edited?)", hashlib.sha256(raw[:-1]).hexdigest()
    if stated != expected:
        return "edited: the record does not match its hash", stated
    if record.get("prev") != prev:
        return "the chain breaks here: a record before it was removed, moved or edited", stated
    if record.get("n") != number:
        return f"record {record.get('n')} found at line {number}: records were removed or moved", stated
    return None, stated
