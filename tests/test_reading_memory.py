"""F4: a big report is never held whole by the caps check, nor copied to the reading process.

16 sessions each uploading 20 MB cost the daemon 155 MB at peak: the worker loaded each
report whole and sent it through a pipe to the reading process, whose text cap then
refused it. Now the reading process checks the caps from the entry's file in chunks; the
worker loads the bytes only for a message within the caps, and never sends them to the
reading process, which holds its own. bench/run.py part (d) measures the RSS; these tests
watch the allocations and the bytes that cross the pipe.
"""

import hashlib
import io
import random
import time
import tracemalloc
from multiprocessing.connection import Connection
from email import policy
from email.message import EmailMessage

import pytest

from harness import report
from mailrouter.entry_dir import EntryDir
from mailrouter.mail import lines
from mailrouter.mail.limits import MAX_TEXT, over_limits, over_limits_in

BIG = 20_000_000


def big_text(size=BIG, line=b"Somebody said something unkind to me at the meetup, again.\r\n"):
    head = report(body="", message_id="<big-text@example.net>")
    return head + line * ((size - len(head)) // len(line))


def peak_allocated(check, *args):
    """(result, most bytes allocated at once by `check(*args)`)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = check(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("shape", ["lines", "one line"])
def test_the_caps_check_reads_a_20_mb_file_in_bounded_memory(tmp_path, shape):
    path = tmp_path / "report.eml"
    path.write_bytes(big_text() if shape == "lines" else big_text(line=b"x" * (BIG - 1000)))
    with open(path, "rb") as file:
        reason, peak = peak_allocated(over_limits_in, file)
    assert reason == f"more than {MAX_TEXT // 1024} KB of text"
    assert peak < 1_000_000, f"{peak} bytes held at once"


def test_lines_in_chunks_split_as_splitlines_does():
    """A \\r\\n cut between two chunks, a lone \\r at the end, empty lines: as bytes.splitlines."""
    rng = random.Random(11)
    for _ in range(2000):
        data = b"".join(rng.choice([b"a", b"\r", b"\n", b"\r\n", b" ", b"--"]) for _ in range(rng.randint(0, 40)))
        for size in (1, 2, 3, 64):
            assert [line for line, _ in lines.lines(lines.byte_chunks(data, size))] == data.splitlines()


def test_a_long_line_keeps_its_head_its_length_and_whether_blanks_follow(monkeypatch):
    monkeypatch.setattr(lines, "LINE_HEAD", 8)
    data = b"--bound" + b" " * 30 + b"\r\n" + b"y" * 50 + b"\rend"
    for size in (1, 5):                  # a line that ends in the chunk in hand comes whole
        assert list(lines.lines(lines.byte_chunks(data, size))) == [
            (b"--bound ", 37), (b"y" * 8 + b"\0", 50), (b"end", 3)]


def test_reading_a_file_and_reading_bytes_name_the_same_cap():
    boundary = b"--b\r\n"
    shapes = [big_text(MAX_TEXT - 10_000), big_text(MAX_TEXT + 10_000),
              report(extra_headers=["X-Long: " + "a" * 40_000]),
              b"Content-Type: multipart/mixed; boundary=b\r\n\r\n" + boundary * 250 + b"--b--\r\n"]
    for raw in shapes:
        assert over_limits_in(io.BytesIO(raw)) == over_limits(raw)


def with_attachment(size):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = "Jane Reporter <reporter@example.net>", "conduct@example.org", "photos"
    msg["Message-ID"] = "<photos@example.net>"
    msg.set_content("The photos from the evening are attached.\n")
    msg.add_attachment(random.Random(3).randbytes(size), maintype="application", subtype="octet-stream",
                       filename="photos.zip")
    return msg.as_bytes()


@pytest.fixture
def watched(daemon, monkeypatch):
    """The entries the worker loaded, and the most bytes one request sent to the reading process."""
    seen = {"loaded": [], "sent": 0}
    payload, send = daemon.state.spool.payload, Connection._send_bytes

    def loading(entry_id):
        seen["loaded"].append(entry_id)
        return payload(entry_id)

    def sending(self, buf):
        seen["sent"] = max(seen["sent"], len(buf))
        return send(self, buf)
    monkeypatch.setattr(daemon.state.spool, "payload", loading)
    monkeypatch.setattr(Connection, "_send_bytes", sending)
    daemon.daemon.worker.reader.close()      # a child started before the watch began
    return seen


def wait_for_quarantine(running, sink):
    """The entry's reason, once the alert and the notice are out (the move comes first)."""
    deadline = time.monotonic() + 120
    while not (running.state.spool.quarantined_ids() and sink.messages_to("admin@example.org")
               and sink.messages_to("reporter@example.net")):
        assert time.monotonic() < deadline, "never quarantined"
        running.daemon.worker.wake()
        running.loop.call_soon_threadsafe(running.daemon.courier.poke)
        time.sleep(0.02)
    (entry,) = running.state.spool.quarantined_ids()
    return entry


def test_a_20_mb_report_past_the_text_cap_is_set_aside_without_being_loaded(daemon, sink, watched):
    raw = big_text()
    assert daemon.send(raw)[0] == 250
    entry = wait_for_quarantine(daemon, sink)
    assert (daemon.state.spool.quarantine_dir / f"{entry}.reason").read_text().endswith(f"more than {MAX_TEXT // 1024} KB of text")
    assert watched["loaded"] == [] and watched["sent"] < 100_000      # its path and the request
    kept = EntryDir(daemon.state.spool.quarantine_dir).payload(entry)
    assert hashlib.sha256(kept).digest() == hashlib.sha256(raw).digest()    # every byte kept
    assert [m["Subject"] for m in sink.messages_to("reporter@example.net")] == ["Your message was received"]
    assert len(sink.messages_to("admin@example.org")) == 1


def test_a_big_report_within_the_caps_is_loaded_once_and_never_sent_to_the_reading_process(
        daemon, sink, watched):
    assert daemon.send(with_attachment(3_000_000))[0] == 250
    daemon.run_until_idle(timeout=120)
    assert daemon.state.spool.quarantined_ids() == [] and len(daemon.store.codes()) == 1
    assert len(watched["loaded"]) == 1 and watched["sent"] < 100_000
    assert sink.messages_to("reporter@example.net")                 # acknowledged
