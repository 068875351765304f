"""F4: a big message streams to the spool's disk; intake never holds it in memory.

16 sessions each uploading 20 MB once cost the daemon ~650 MB: DATA was kept as a list of
pieces, joined, then written. Now DATA goes into a draft that spills to a hidden file in
the spool directory past 1 MB, and the spool copies that file into the entry in chunks.
These tests watch the draft itself (its bytes in memory), not the process's RSS, which the
worker's own work on a big report would blur; bench/run.py part (d) measures the RSS.
"""

import hashlib
import smtplib
import socket
import threading
import time

import pytest

from harness import RunningDaemon, load, report, write_config
from mailrouter.draft import Draft
from mailrouter.intake.handler import DRAFT_MEMORY

BIG = 20_000_000


@pytest.fixture
def watched(monkeypatch):
    """The most bytes any draft held in memory, and the spill files made."""
    seen = {"peak": 0, "spilled": []}
    write, spill = Draft.write, Draft._spill

    def watching_write(self, piece):
        write(self, piece)
        if self.file is None and self.error is None:
            seen["peak"] = max(seen["peak"], self.size)

    def watching_spill(self):
        spill(self)
        seen["spilled"].append(self.path)
    monkeypatch.setattr(Draft, "write", watching_write)
    monkeypatch.setattr(Draft, "_spill", watching_spill)
    return seen


def big_message(size, tag):
    head = report(body="", message_id=f"<big-{tag}@example.net>")
    line = f"{tag} a big attachment, line after line of it.\r\n".encode()
    body = line * ((size - len(head)) // len(line))
    return head + body


def leftovers(running):
    return sorted(running.state.spool.root.glob(".*.tmp"))


def wait_until(condition, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_big_messages_are_spooled_byte_identical_without_being_held(tmp_path, sink, watched, monkeypatch):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    spooled = {}
    put_draft = running.state.spool.put_draft

    def recording_put_draft(draft, meta):
        entry_id = put_draft(draft, meta)
        # Read at once, before the worker (woken only after the 250) takes the entry.
        spooled[entry_id] = hashlib.sha256(running.state.spool.payload(entry_id)).hexdigest()
        return entry_id
    monkeypatch.setattr(running.state.spool, "put_draft", recording_put_draft)
    messages = [big_message(BIG, n) for n in range(3)]
    answers = [None] * len(messages)

    def upload(n):
        with smtplib.SMTP("127.0.0.1", running.port, timeout=120) as client:
            client.ehlo()
            client.mail("reporter@example.net")
            client.rcpt("conduct@example.org")
            answers[n] = client.data(messages[n])[0]
    try:
        clients = [threading.Thread(target=upload, args=(n,)) for n in range(len(messages))]
        for client in clients:
            client.start()
        for client in clients:
            client.join(180)
        assert answers == [250] * len(messages)
        assert sorted(spooled.values()) == sorted(hashlib.sha256(m).hexdigest() for m in messages)
        assert len(watched["spilled"]) == len(messages)
        # Never more than the threshold in memory: the rest went to the spill file.
        assert DRAFT_MEMORY - 1024 < watched["peak"] <= DRAFT_MEMORY
        assert leftovers(running) == []
    finally:
        running.stop()


def test_a_small_message_stays_in_memory(daemon, watched):
    assert daemon.send(report())[0] == 250
    assert watched["spilled"] == [] and leftovers(daemon) == []


def test_an_upload_cut_mid_data_leaves_no_spill_file(daemon, watched):
    client = socket.create_connection(("127.0.0.1", daemon.port), timeout=30)
    with client, client.makefile("rb") as reader:
        reader.readline()
        for command in (b"EHLO x", b"MAIL FROM:<reporter@example.net>", b"RCPT TO:<conduct@example.org>"):
            client.sendall(command + b"\r\n")
            while reader.readline()[3:4] == b"-":
                pass
        client.sendall(b"DATA\r\n")
        assert reader.readline().startswith(b"354")
        client.sendall(big_message(3 * DRAFT_MEMORY, "cut"))
        wait_until(lambda: watched["spilled"] and watched["spilled"][0].exists(), "the draft to spill")
    wait_until(lambda: not watched["spilled"][0].exists(), "the spill file to go")
    assert leftovers(daemon) == [] and daemon.state.spool.ids() == []


@pytest.mark.parametrize("size", [3 * 1024 * 1024 + 100_000, 6 * 1024 * 1024])
def test_an_oversize_upload_gets_552_and_leaves_no_spill_file(tmp_path, sink, watched, size):
    # Just over the limit the handler refuses it; far over, the reader stops keeping it.
    running = RunningDaemon(load(write_config(tmp_path, sink.port, limits={"message_size": "3MB"}))).start()
    try:
        code, _ = running.send(big_message(size, "over"))
        assert code == 552
        assert watched["spilled"] and leftovers(running) == []
        assert running.state.spool.ids() == []
    finally:
        running.stop()


def test_a_spill_file_a_crash_left_is_removed_at_start_up(tmp_path):
    from mailrouter.entry_dir import EntryDir
    spool = EntryDir(tmp_path / "spool")
    draft = Draft(spool.root, 16, 4)
    draft.write(b"x" * 100)                  # spilled, then the process "dies"
    draft.file.flush()
    assert draft.path.exists()
    assert spool.recover() == [] and not draft.path.exists()
