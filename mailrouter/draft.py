"""A payload arriving in pieces, for a spool entry (F4): big ones wait on disk, not in RAM.

On the entry_dir layer, writing through `durable`: `EntryDir.put_draft` commits a
finished draft. The intake's DATA reader writes into one.
"""

import contextlib
import hashlib
import secrets

from mailrouter.durable import open_scratch


class Draft:
    """A payload arriving in pieces (F4): kept in memory up to `memory_limit` bytes, then
    spilled to a hidden `.draft-RANDOM.tmp` (removed by `discard()`, or by `recover()`
    after a crash), hashed and counted as it grows. `head` is its first `head_bytes`.
    A failed spill write (a full disk) is kept in `error` and raised by `put_draft`, so
    the sender still gets the 452 and the rest of DATA is read and dropped meanwhile.
    """

    def __init__(self, root, memory_limit, head_bytes):
        self.root, self.head_bytes = root, head_bytes
        self.memory_limit = max(memory_limit, head_bytes)   # the head is cut from memory
        self.buffer, self.size, self.data, self.head = bytearray(), 0, None, b""
        self.path = self.file = self.sha = self.error = None

    def write(self, piece):
        self.size += len(piece)
        try:
            if self.file is not None:
                self.file.write(piece)
                self.sha.update(piece)
            elif self.error is None:
                self.buffer += piece             # one growing buffer: no object per line
                if self.size > self.memory_limit:
                    self._spill()
        except OSError as error:
            self.discard()
            self.error = error

    def _spill(self):
        data, self.buffer = self.buffer, bytearray()
        self.head, self.sha = bytes(data[:self.head_bytes]), hashlib.sha256(data)
        self.path = self.root / f".draft-{secrets.token_hex(8)}.tmp"
        self.file = open_scratch(self.path)
        self.file.write(data)

    def finish(self):
        """All pieces are in: `data` holds the bytes (None if spilled), `head` their start."""
        if self.file is None:
            self.data, self.buffer = bytes(self.buffer), bytearray()
            self.head = self.data[:self.head_bytes]
        else:
            try:
                self.file.close()
            except OSError as error:
                self.discard()
                self.error = error

    def discard(self):
        """Forget the bytes; remove the spill file. Safe to call more than once."""
        self.buffer, self.data, file, self.file = bytearray(), None, self.file, None
        with contextlib.suppress(OSError):       # a full disk can fail the final flush
            if file is not None:
                file.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)
