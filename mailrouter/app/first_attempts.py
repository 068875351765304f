"""Mail waiting for its first attempt, as another process (`mailrouter queue`, `case show`) sees it.

A running daemon holds a message in memory until its first attempt (outbound/outbox_queue.py);
its only copy on disk is its journal record (outbound/outbox_journal.py). So a message is
waiting for its first attempt when a journal record holds it and it has no queue file, no
`sent.log` line (delivered, withdrawn or deleted) and no failed record. After a kill -9 the
same holds until the next start, whose replay gives it a queue file and sends it.
"""

from mailrouter.app.state import StateLocked, hold_state_lock
from mailrouter.outbound.outbox import read_sent


def awaiting_first_attempt(outbox):
    """{id: (meta, payload)} of the messages held only by a journal record."""
    # The journal first: a message delivered after this read has its sent.log line by the
    # time that is read, so nothing delivered is called waiting.
    held = outbox.journal.contents()
    if not held:
        return {}
    sent = sent_ids(outbox)
    return {i: found for i, found in held.items()
            if i not in sent and i not in outbox.failed_entries and i not in outbox.queue.files}


def sent_ids(outbox):
    """{id: why} of `sent.log` now (the Outbox read it when this process opened it)."""
    return read_sent(outbox.sent_log)


def never_send(state, config, entry_id):
    """Take a message waiting for its first attempt out of the mail owed: "done"; "busy" if
    the daemon runs (it holds the message in memory, where no other process reaches it);
    "gone" if it no longer waits (a daemon started and stopped meanwhile)."""
    try:
        lock = hold_state_lock(config.state_dir)
    except StateLocked:
        return "busy"
    try:
        # Under the lock no daemon starts and replays the journal: the line written here
        # is what makes that replay skip it, as it skips a delivered one.
        if entry_id not in awaiting_first_attempt(state.outbox):
            return "gone"
        state.outbox.dropped(entry_id)
        return "done"
    finally:
        lock.close()
