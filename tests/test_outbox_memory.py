"""Issue 11 (b): a message waits for its first attempt in memory, its journal record the
durable copy; it gets a queue file only when it must outlive that attempt. Over real SMTP:
no file for mail the relay takes, a file for mail it defers, and after a kill -9 or a
member's departure, mail that was only in memory is delivered once or not at all."""

import json
import signal
import smtplib
import socket
import threading
from datetime import timedelta

from ruamel.yaml import YAML

from mailrouter.clock import FixedClock
from mailrouter.outbound.outbox import read_sent
from harness import START, RunningDaemon, dump, load, report, write_config
from test_durability import start_serve, wait_until
from test_leaving_and_away import CHIDI, reload, without_chidi, write_members
from test_queue import listing

REPORTER = "reporter@example.net"
RECIPIENTS = [REPORTER, "ana@example.org", "bo@example.org", CHIDI]


class SilentRelay:
    """A relay that accepts connections and never greets: every attempt hangs, so what the
    worker queued stays where the commit put it."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self):
        self.sock.close()
        for conn in self.held:
            conn.close()


def queue_files(config):
    return sorted((config.state_dir / "outbox" / "queue").glob("*.msg"))


def journals(config):
    return sorted((config.state_dir / "outbox" / "journal").glob("*.msg"))


def point_at(path, port):
    """The same configuration, its relay at `port` (the state directory stays)."""
    config = YAML(typ="safe", pure=True).load(path.read_text())
    config["outbound"]["smtp"]["port"] = port
    dump(config, path)


def test_a_reports_mail_goes_out_without_a_queue_file(daemon, sink):
    files = daemon.state.outbox.queue.files
    written, put = [], files.put
    files.put = lambda *args, **kwargs: written.append(kwargs.get("entry_id")) or put(*args, **kwargs)
    daemon.send(report())
    daemon.run_until_idle()
    sink.wait_for(4)
    assert written == [] and queue_files(daemon.config) == []
    assert journals(daemon.config) == []          # all four settled: the record went
    for address in RECIPIENTS:
        assert len(sink.messages_to(address)) == 1, address


def test_a_deferred_first_attempt_gives_the_message_its_file_and_it_goes_out_later(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    sink.answers["ana@example.org"] = ["451 4.2.0 mailbox busy"]
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        running.run_until_idle()
        sink.wait_for(3)
        (entry,) = queue_files(running.config)
        state = json.loads(entry.with_suffix(".state").read_text())
        assert state["attempts"] == 1 and state["next_attempt"] == (START + timedelta(minutes=5)).isoformat()
        # `mailrouter queue`, another process, sees it (it cannot see the daemon's memory).
        (listed,) = listing(path)["outbox"]
        assert listed["id"] == entry.stem and listed["to"] == "ana@example.org" and listed["attempts"] == 1
        running.advance(minutes=5, seconds=1)
        running.run_until_idle()
        assert len(sink.messages_to("ana@example.org")) == 1
        assert queue_files(running.config) == [] and journals(running.config) == []
    finally:
        running.stop()


def killed_with_mail_in_memory(path, relay, until):
    """`serve` takes one report, its mail hanging on the silent relay; SIGKILL once `until()`."""
    process, port = start_serve(path)
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail(REPORTER, ["conduct@example.org"], report())
        wait_until(until)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        relay.close()


def restarted_until_settled(path, config, sink, count):
    """`serve` again, its relay now `sink`: until it took `count` mails and owes nothing."""
    point_at(path, sink.port)
    process, _ = start_serve(path)
    try:
        sink.wait_for(count, timeout=20)
        wait_until(lambda: not journals(config) and not queue_files(config))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(20)


def test_a_kill_after_the_commit_before_the_first_attempt_delivers_each_mail_once(tmp_path, sink):
    relay = SilentRelay()
    path = write_config(tmp_path, relay.port)
    config = load(path)
    # Committed (case filed, journal written); every attempt hangs on the silent relay.
    killed_with_mail_in_memory(path, relay, lambda: journals(config) and len(relay.held) >= 1)
    assert queue_files(config) == []                  # in memory only: the journal is the copy
    restarted_until_settled(path, config, sink, 4)
    for address in RECIPIENTS:
        assert len(sink.messages_to(address)) == 1, address
    assert len(sink.all()) == 4


def test_mail_in_memory_for_a_member_who_left_is_withdrawn_and_never_sent(tmp_path, sink):
    relay = SilentRelay()
    path = write_config(tmp_path, relay.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        outbox = running.state.outbox
        wait_until(lambda: len(outbox.queued()) == 4 and len(relay.held) >= 1)
        assert queue_files(running.config) == []      # all four in memory, attempts hanging
        (chidi,) = [i for i, meta in outbox.queued() if meta["recipient"] == CHIDI]
        write_members(tmp_path, without_chidi())
        reload(running)
        # Each attempt is in the relay's hands (it may yet take the mail): not called back,
        # nor recorded withdrawn; once the attempt has failed, the courier's last look withdraws it.
        assert read_sent(outbox.sent_log).get(chidi) is None
    finally:
        running.stop()
        relay.close()
    running = restarted_an_hour_later(path, sink, 3)
    assert sink.messages_to(CHIDI) == []
    assert read_sent(running.state.outbox.sent_log).get(chidi) == "withdrawn"
    for address in RECIPIENTS[:3]:
        assert len(sink.messages_to(address)) == 1, address
    assert journals(running.config) == [] and queue_files(running.config) == []


def _later():
    return FixedClock(START + timedelta(hours=1))


def restarted_an_hour_later(path, sink, count):
    """The daemon again, its relay now `sink`, an hour on: run until `sink` took `count`."""
    point_at(path, sink.port)
    running = RunningDaemon(load(path), clock=_later()).start()
    try:
        running.run_until_idle()
        sink.wait_for(count)
    finally:
        running.stop()
    return running
