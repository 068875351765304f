"""Directory fsyncs shared between threads (the intake's sessions): a group commit across threads."""

from mailrouter.durable import fsync_dir
from mailrouter.group_leader import GroupLeader


class DirSyncer:
    """Shares directory fsyncs between threads that renamed files into the same directory.

    A caller returns only after a directory fsync that *started after* its own rename
    finished, so every rename it made is durable (D1). Concurrent sessions thus share one
    fsync instead of queueing one each (group commit, as in Postfix's queue manager).
    """

    def __init__(self, path):
        self.path = path
        self.leader = GroupLeader(lambda renames: fsync_dir(self.path))

    def sync(self):
        self.leader.submit()
