"""Files that survive a crash: the one place that writes, fsyncs, renames and syncs directories.

Every durable thing mailrouter keeps (the intake spool, the outbound queue, case files,
identities, keys, the code-name and sent logs, Maildir delivery) is written through these
helpers, so the fsync discipline of D1/D8 lives in one place: write a temporary file, fsync
it, rename it into place, fsync the directory. `tests/test_durable_writes.py` fails when
another module calls os.fsync, os.replace, os.rename (and the like) itself."""

import os
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

from mailrouter.concurrently import each

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_dir(path):
    """Create a private directory (and parents) if missing; return it as a Path."""
    (path := Path(path)).mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def fsync_dir(path):
    _fsync_path(path, os.O_RDONLY | os.O_DIRECTORY)


_pending = threading.local()


@contextmanager
def group_commit():
    """Within this block (in this thread), directory fsyncs are done once each, at the end,
    and writers that buffer (the case store) flush once, just before them.

    The worker processes spool entries inside one block: each stays in the spool until the
    block has ended, so it, not the many files written for it, is the durability point; a
    crash before the end re-runs idempotent stages (D5, D8). File contents are still
    fsynced before each rename, so no file is ever torn."""
    if in_group_commit():
        yield
        return
    _pending.dirs, _pending.tiers, _pending.after = set(), ({}, {}, {}), []
    try:
        yield
    finally:
        try:
            while any(_pending.tiers):                    # a flush may register another
                _flush_tier(next(rank for rank, tier in enumerate(_pending.tiers) if tier))
        finally:
            dirs, _pending.dirs, _pending.tiers = _pending.dirs, None, None
            after, _pending.after = _pending.after, []
            each(fsync_dir, dirs)
    for action in after:                             # only once everything above is durable
        action()


def _flush_tier(rank):
    """One tier's flushes: their files written, fsynced all at once, then renamed in order
    (not the outbox's tier: its journal syncs its directory itself)."""
    tier, deferred, settled = _pending.tiers[rank], [], 0
    _pending.deferred = deferred if rank != 1 else None
    try:
        while tier and not any(_pending.tiers[:rank]):
            tier.popitem()[1]()
        _pending.deferred = None
        each(lambda entry: fsync_file(entry[0]) if entry[3] is None else write_synced(entry[0], entry[3]), deferred)
        for entry in deferred:
            if entry[1]:
                entry[1]()
            settled += 1
    finally:
        _pending.deferred = None
        for index, (_, _, cleanup, _, moves) in enumerate(deferred):
            if cleanup and not (moves and index < settled):
                cleanup.unlink(missing_ok=True)


def _defer(path, then=None, cleanup=None, data=None, moves=False):
    """In a flushing tier: write `data` (if any) to `path` and fsync it in the pool with the others, then
    `then` (creating a file may cost more than its fsync); remove `cleanup` after, unless `then` `moves` it."""
    deferred = getattr(_pending, "deferred", None)
    return deferred is not None and deferred.append((path, then, cleanup, data, moves)) is None


def in_group_commit():
    return getattr(_pending, "dirs", None) is not None


def after_commit(action):
    """Run `action` once the current group commit is durable (now, outside of one); never if
    it failed. The worker removes a spool entry this way: only after what it caused is safe."""
    if in_group_commit():
        _pending.after.append(action)
    else:
        action()


def flush_at_commit(key, flush, first=False, earliest=False):
    """Run `flush` once at the commit's end: `earliest` (identities), then `first` (outbox),
    then others: no case record outlives its mail (the crash loop), no mail its reporter's."""
    _pending.tiers[0 if earliest else 1 if first else 2][key] = flush


def sync_dir_soon(path):
    """fsync a directory now, or at the end of the current group commit."""
    if in_group_commit():
        _pending.dirs.add(Path(path))
    else:
        fsync_dir(path)


def write_synced(path, data, sync=True, in_place=False):
    """Write bytes to a new file and fsync it (no rename, no directory sync); `in_place`:
    over the old bytes, then cut to length (on ext4, a truncation to zero, like a rename
    over a file, writes the new blocks out at once: auto_da_alloc, about an fsync's cost)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | (0 if in_place else os.O_TRUNC), FILE_MODE)
    try:
        _write_all(fd, data)
        if in_place:
            os.ftruncate(fd, len(data))
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def open_scratch(path):
    """A new private (0600) file for buffered writing, never synced: a spool draft (F4)."""
    return open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb", buffering=1 << 18)


def open_log(path):
    """A log (0600 if new) open for unbuffered, unsynced appends and reads (`outbound/kept_log.py`)."""
    return open(os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, FILE_MODE), "a+b", buffering=0)


def fsync_file(path):
    """fsync a file's contents, written unsynced earlier (in a commit's flush: with its tier)."""
    if not _defer(path):
        _fsync_path(path, os.O_RDONLY)


def _fsync_path(path, flags):
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path, data, sync_dir=True, tmp=None, sync_file=True):
    """Replace `path` with `data` so that a crash leaves the old or the new file, whole.

    The temporary file is `tmp` if given (it must be on the same file system), else a
    hidden `.NAME.RANDOM.tmp` beside `path`. With `sync_dir`, the directory is fsynced
    now or at the end of the current group commit; without it, the caller syncs it.
    Without `sync_file` the contents are not fsynced either: only for a copy of bytes durable
    elsewhere (queue files, whose journal is), which a reader checks (entries carry a checksum).
    """
    path = Path(path)
    tmp = Path(tmp) if tmp else _tmp_beside(path)
    if sync_file and getattr(_pending, "deferred", None) is not None:   # all with its tier, in order
        return _defer(tmp, lambda: rename(tmp, path, sync_dir), tmp, data, moves=True) and None
    try:
        write_synced(tmp, data, sync=sync_file)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync_dir:
        sync_dir_soon(path.parent)


def create_exclusive(path, data):
    """Create `path` holding `data`, whole, unless it exists; return True if created.

    The file is written and fsynced under a temporary name, then hard-linked into place:
    link() fails if `path` exists, so two starters cannot both create it, and nobody ever sees
    it empty or half written. The directory is fsynced before returning (in a commit's flush:
    fsynced and linked with the rest of its tier, which fails if a link does).
    """
    path = Path(path)
    tmp = _tmp_beside(path)
    if getattr(_pending, "deferred", None) is not None and not path.exists():
        _defer(tmp, lambda: (os.link(tmp, path), sync_dir_soon(path.parent)), tmp, data)
        return True                                        # tmp removed by the tier, whatever happens
    try:
        write_synced(tmp, data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return True


def append(path, data, sync=True):
    """Append bytes to a log file (created 0600 if missing), fsynced with a new file's directory;
    without `sync`, a crash may lose them: for a line worth less than an fsync (`Outbox.taken`)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
    try:
        new = sync and os.fstat(fd).st_size == 0
        _write_all(fd, data)
        if sync and not _defer(path):
            os.fsync(fd)
    finally:
        os.close(fd)
    if new:
        sync_dir_soon(Path(path).parent)


def move_files(sources, target_dir):
    """Rename each existing file of `sources` into `target_dir` (same file system), then sync both sides' directories."""
    target_dir, sources = Path(target_dir), [Path(source) for source in sources]
    for source in sources:
        if source.exists():
            os.replace(source, target_dir / source.name)
    sync_dir_soon(target_dir)
    for parent in dict.fromkeys(source.parent for source in sources):
        sync_dir_soon(parent)


def rename(source, target, sync_dir=True):
    """Rename one file within its directory (e.g. set a damaged file aside), then sync it."""
    os.replace(source, target)
    if sync_dir:
        sync_dir_soon(Path(target).parent)


def _tmp_beside(path):
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def _write_all(fd, data):
    """Write bytes, or a list of parts: bytes, or a Path whose file is copied in 1 MB chunks."""
    for part in data if isinstance(data, list) else [data]:
        if isinstance(part, Path):       # a spilled draft (F4): never all in memory
            with open(part, "rb") as source:
                while chunk := source.read(1 << 20):
                    _write_all(fd, chunk)
            continue
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]
