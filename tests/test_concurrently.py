"""concurrently.each: the group commit's fsyncs side by side (durable.py). Every item is
called, and an error is raised only once all are done, so a failed commit's clean-up
(removing its temporary files) never races a write still running."""

import threading
import time

import pytest

from mailrouter.concurrently import THREADS, each


def test_every_item_is_called_once_side_by_side():
    seen, threads, lock = [], set(), threading.Lock()

    def call(item):
        time.sleep(0.01)                   # long enough for the shares to overlap
        with lock:
            seen.append(item)
            threads.add(threading.get_ident())

    each(call, range(50))
    assert sorted(seen) == list(range(50))
    assert 1 < len(threads) <= THREADS


def test_an_error_is_raised_after_every_other_item_ran():
    done = []

    def call(item):
        if item == 3:
            raise OSError(28, "No space left on device")
        time.sleep(0.005)
        done.append(item)

    with pytest.raises(OSError, match="No space"):
        each(call, range(40))
    assert sorted(done) == [n for n in range(40) if n != 3]
