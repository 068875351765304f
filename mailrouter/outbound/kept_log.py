"""A log kept open for unsynced appends (`outbox/sent.log`): per line a stat and a write,
not an open, a write and a close (eight a report, on the courier's loop).

Opened again whenever its path names another file or none (rotated or removed meanwhile),
so a line never goes to a file nobody reads, as with a fresh open per line; a full disk
raises to the caller as it did. Unsynced like `durable.append(..., sync=False)`: a process
kill keeps what was written, a power cut may lose it.
"""

import os
import threading

from mailrouter.durable import open_log


class KeptLog:
    def __init__(self, path):
        self.path = path
        self.handle = None
        self.inode = None               # (device, inode) of the open file
        self.lock = threading.Lock()    # the courier's loop and its threads both append

    def append(self, data):
        with self.lock:
            handle = self._open()
            view = memoryview(data)
            while view:
                view = view[handle.write(view):]

    def close(self):
        with self.lock:
            if self.handle is not None:
                self.handle.close()
            self.handle = self.inode = None

    def _open(self):
        try:
            status = os.stat(self.path)
            found = (status.st_dev, status.st_ino)
        except FileNotFoundError:
            found = None
        if self.handle is None or found != self.inode:
            if self.handle is not None:
                self.handle.close()
                self.handle = None
            self.handle = open_log(self.path)
            status = os.fstat(self.handle.fileno())
            self.inode = (status.st_dev, status.st_ino)
        return self.handle
