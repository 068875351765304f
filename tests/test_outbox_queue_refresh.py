"""The outbox queue's index is read again from its directory every REFRESH_SECONDS, so that
a `mailrouter queue retry` from another process reaches the running daemon. A caller that
finds a refresh already running (the courier's thread, while a test or the scheduler asks
what is due) must wait for it and read its result, never the index it is replacing: the
retried message would look not due, and the courier would sleep past it."""

import threading
from datetime import timedelta

from cryptography.fernet import Fernet

from harness import START
from mailrouter.clock import FixedClock, iso
from mailrouter.outbound.outbox_queue import REFRESH_SECONDS, OutboxQueue
from mailrouter.privacy.sealing import SealedEntryDir, Sealer


def test_a_caller_meeting_a_running_refresh_reads_its_result(tmp_path):
    clock = FixedClock(START)
    files = SealedEntryDir(tmp_path / "queue", Sealer(Fernet.generate_key()))
    later = iso(START + timedelta(minutes=5))
    entry = files.put(b"Subject: x\r\n\r\nbody\r\n", {"next_attempt": later, "recipient": "ana@example.org"})
    queue = OutboxQueue(files, clock)
    assert queue.due(iso(START)) == []                          # waiting five minutes
    files.update_meta(entry, next_attempt=iso(START))           # `mailrouter queue retry`, elsewhere
    clock.advance(seconds=REFRESH_SECONDS + 1)

    reading, go_on, listed = threading.Event(), threading.Event(), files.ids

    def slow_ids():                                             # the courier's refresh, mid-scan
        reading.set()
        go_on.wait(10)
        return listed()
    files.ids = slow_ids
    courier = threading.Thread(target=queue.refresh)
    courier.start()
    assert reading.wait(10)
    found = []
    asking = threading.Thread(target=lambda: found.append(queue.due(iso(clock.now()))))
    asking.start()
    asking.join(0.5)                                            # it must wait for the refresh
    go_on.set()
    courier.join(10)
    asking.join(10)
    assert found == [[entry]]
