"""Directory fsyncs shared between threads (the intake's sessions): a group commit across threads."""

import threading

from mailrouter.durable import fsync_dir


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
