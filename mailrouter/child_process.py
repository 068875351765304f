"""Starting the daemon's helper processes: the reading process and the relay process.

Both are started with forkserver: the daemon has threads (intake loop, courier, worker),
and forking a process with threads can copy a lock held by another thread; the fork server
has none. The first caller's preload list is the one the fork server starts with.
"""

import multiprocessing
import os

START_METHOD = "forkserver"


def context(preload=()):
    """The multiprocessing context for a helper process, with `preload` (module names)
    imported once in the fork server, if it has not started yet."""
    started = multiprocessing.get_context(START_METHOD)
    if preload:
        started.set_forkserver_preload(list(preload))
    return started


def reachable_cwd():
    """Make sure a child can enter our working directory: it does so by name at start."""
    try:
        reachable = os.path.isdir(os.getcwd())
    except OSError:                      # removed since we started
        reachable = False
    if not reachable:
        # Hidden by a sandbox's mount namespace or deleted: nothing relative works from it
        # anyway (the configuration is read with absolute paths), so "/" loses nothing.
        os.chdir("/")
