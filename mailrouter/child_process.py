"""Starting the daemon's helper processes: the reading process and the relay process.

Both are started with forkserver: the daemon has threads (intake loop, courier, worker),
and forking a process with threads can copy a lock held by another thread; the fork server
has none. The first caller's preload list is the one the fork server starts with.
"""

import os
import threading
from multiprocessing import context as contexts
from multiprocessing import spawn

_PREPARING = threading.Lock()            # spawn's function is swapped while one child starts


class HelperProcess(contexts.ForkServerProcess):
    """A forkserver child that does not run the parent's main module again. multiprocessing
    does, so that a target defined there can be found; ours live in mailrouter's modules. Run
    as the console script `mailrouter`, or under a test runner or a script, it cost each new
    child a second or more: the first report after a reading child was replaced waited for it
    (T4: a 2.9 MB table's next report waited 3.5 s past the budget)."""

    @staticmethod
    def _Popen(process_obj):
        with _PREPARING:
            prepare = spawn.get_preparation_data
            spawn.get_preparation_data = lambda name: _without_main(prepare(name))
            try:
                return contexts.ForkServerProcess._Popen(process_obj)
            finally:
                spawn.get_preparation_data = prepare


class _HelperContext(contexts.ForkServerContext):
    Process = HelperProcess


def _without_main(data):
    data.pop("init_main_from_path", None)
    data.pop("init_main_from_name", None)
    return data


def context(preload=()):
    """The multiprocessing context for a helper process, with `preload` (module names)
    imported once in the fork server, if it has not started yet."""
    started = _HelperContext()
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
