"""The group leader (group_leader.py): one thread performs the batch for all waiting.

What DirSyncer and the audit log rely on: work handed in while a batch runs is not
covered by it (a directory fsync that started before a rename does not make it durable),
and work whose batch failed is performed by the next leader.
"""

import threading

import pytest

from mailrouter.group_leader import GroupLeader


def _when(condition, leader):
    with leader.condition:
        while not condition():
            leader.condition.wait(0.01)


def test_work_handed_in_during_a_batch_waits_for_a_batch_that_starts_after_it():
    batches, running, release = [], threading.Event(), threading.Event()

    def perform(items):
        batches.append(list(items))
        if items == ["first"]:
            running.set()
            release.wait(10)

    leader = GroupLeader(perform)
    first = threading.Thread(target=leader.submit, args=("first",))
    first.start()
    running.wait(10)
    returned = []
    second = threading.Thread(target=lambda: returned.append(leader.submit("second")))
    second.start()
    _when(lambda: leader.queued == 2, leader)             # handed in while "first" runs
    assert returned == []
    release.set()
    first.join(10)
    second.join(10)
    assert batches == [["first"], ["second"]] and returned == [None]


def test_a_failed_batch_is_performed_again_by_the_next_leader():
    batches = []

    def perform(items):
        batches.append(list(items))
        if len(batches) == 1:
            raise OSError("disk full")

    leader = GroupLeader(perform)
    with pytest.raises(OSError):
        leader.submit("lost?")
    leader.submit("next")
    assert batches == [["lost?"], ["lost?", "next"]]
