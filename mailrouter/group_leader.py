"""One thread does the batch for all waiting (group commit across threads).

Callers hand in work; whoever finds no batch under way takes everything waiting and
performs it for all, while the others wait. A caller returns once a batch *that started
after its own work was handed in* finished, so an fsync or an append that was already
running never counts for work that arrived during it. If the batch raises, its leader
re-raises and the work goes back to the queue: a waiting caller leads the next try.
Used by `dir_syncer.DirSyncer` (directory fsyncs) and `audit.AuditLog` (appends).
"""

import threading


class GroupLeader:
    def __init__(self, perform):
        self.perform = perform          # perform(items): the batch, for everything handed in
        self.condition = threading.Condition()
        self.waiting = []
        self.queued = 0                 # items handed in
        self.done = 0                   # items covered by a finished batch
        self.busy = False

    def submit(self, item=None):
        """Hand in `item`; return once a batch holding it was performed."""
        with self.condition:
            self.waiting.append(item)
            self.queued += 1
            mine = self.queued
            while self.done < mine:
                if self.busy:
                    self.condition.wait()
                    continue
                self._lead()

    def _lead(self):
        """Perform everything waiting, outside the lock (the condition is held on entry)."""
        batch, covering, self.waiting, self.busy = self.waiting, self.queued, [], True
        self.condition.release()
        performed = False
        try:
            self.perform(batch)
            performed = True
        finally:
            self.condition.acquire()
            self.busy = False
            if performed:
                self.done = max(self.done, covering)
            else:
                self.waiting[:0] = batch        # not performed: the next leader tries again
            self.condition.notify_all()
