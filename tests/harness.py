"""Real servers on loopback for the tests: an aiosmtpd sink and the daemon on port 0.

Nothing under test is faked: mail goes in over SMTP and comes out over SMTP into a sink
whose received bytes the tests read. Only the clock and randomness are injected.
"""

import asyncio
import email
import random
import smtplib
import threading
import time
from datetime import datetime, timezone
from email import policy
from pathlib import Path

from ruamel.yaml import YAML
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from mailrouter.clock import FixedClock
from mailrouter.settings.config import load_config
from mailrouter.app.daemon import Daemon

START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class Delivered:
    def __init__(self, mail_from, rcpt_tos, data, mail_options=()):
        self.mail_from, self.rcpt_tos, self.data = mail_from, rcpt_tos, data
        self.mail_options = [o.upper() for o in mail_options]      # e.g. SMTPUTF8
        self.msg = email.message_from_bytes(data, policy=policy.default)

    def __getitem__(self, name):
        return self.msg[name]

    def text(self):
        """Every decoded text part, joined (what a member could read)."""
        parts = []
        for part in self.msg.walk():
            if part.get_content_maintype() == "text":
                parts.append(part.get_content())
        return "\n".join(parts)


class Sink:
    """A real aiosmtpd server that records what it receives; can answer chosen codes."""

    def __init__(self, pipelining=True):
        self.received = []
        self.pipelining = pipelining   # offered, as Postfix and the hosted relays do
        self.answers = {}          # recipient -> list of SMTP replies to give, in order
        self.holding = {}          # recipient -> (arrived, release): its DATA unanswered until released
        self.lock = threading.Lock()
        handler = self
        # SMTPUTF8 offered, as a modern relay does (the Controller's default, said here
        # because the UTF-8 tests depend on it).
        self.controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), enable_SMTPUTF8=True)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.pipelining:      # aiosmtpd reads pipelined commands in order; it just does not say so
            responses.insert(1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        queue = self.answers.get(address.lower())
        if queue:
            return queue.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def hold_data(self, address, answer="250 OK"):
        """Hold mail to `address` at DATA, unanswered (neither taken nor refused yet: in flight)
        until `release` is set, then give `answer` (a 4xx or 5xx: not taken); `arrived` is set
        once its DATA came. Returns (arrived, release)."""
        self.holding[address.lower()] = (arrived, release, _) = (threading.Event(), threading.Event(), answer)
        return arrived, release

    async def handle_DATA(self, server, session, envelope):
        for arrived, release, answer in [self.holding[r.lower()] for r in envelope.rcpt_tos
                                         if r.lower() in self.holding]:
            arrived.set()
            await asyncio.to_thread(release.wait, 30)
            if not answer.startswith("250"):
                return answer
        with self.lock:
            self.received.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos),
                                           envelope.original_content, envelope.mail_options))
        return "250 OK"

    @property
    def port(self):
        return self.controller.port

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        if self.controller._thread is not None:
            self.controller.stop()

    def messages_to(self, address):
        with self.lock:
            return [m for m in self.received if address.lower() in (r.lower() for r in m.rcpt_tos)]

    def all(self):
        with self.lock:
            return list(self.received)

    def wait_for(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received) >= count:
                return self.all()
            time.sleep(0.01)
        raise AssertionError(f"sink got {len(self.received)} messages, expected {count}")


def _free_port():
    # aiosmtpd 1.4's Controller cannot bind port 0 (it connects back to the port it was
    # given). A random port from a wide range, checked free, keeps one test's sink from
    # inheriting a port a previous test's sink just gave up.
    import socket
    for _ in range(100):
        port = random.SystemRandom().randrange(20000, 60000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port found")


MEMBERS = [
    {"name": "Ana Lima", "email": "ana@example.org", "roles": ["chair"]},
    {"name": "Bo Chen", "email": "bo@example.org"},
    {"name": "Chidi Okafor", "email": "chidi@example.org", "aliases": ["chidio"]},
    {"name": "Dana Weiss", "email": "dana@example.org", "active": False},
]
CONFLICTS = {"bo@example.org": [{"name": "Sam Rivera", "emails": ["sam@example.net"],
                                 "aliases": ["samr"]}]}


def write_config(folder, sink_port=None, members=None, conflicts=None, **overrides):
    """Write a complete configuration into `folder` and return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    outbound = {"method": "maildir"}
    if sink_port:
        outbound = {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink_port},
                    "retry": {"first": "5m", "max": "70m", "give_up": "5d", "jitter": 0.0}}
    config = {"alias": "conduct@example.org", "committee_name": "Example CoC Committee",
              "admin": "admin@example.org", "listen": {"host": "127.0.0.1", "port": 0},
              "state_dir": str(folder / "state"), "outbound": outbound}
    config.update(overrides)
    dump(config, folder / "mailrouter.yaml")
    dump({"members": MEMBERS if members is None else members,
          "escalation": [{"name": "Steering Council", "email": "steering@example.org"}]},
         folder / "members.yaml")
    dump({"conflicts": CONFLICTS if conflicts is None else conflicts}, folder / "conflicts.yaml")
    return folder / "mailrouter.yaml"


def dump(data, path):
    YAML(typ="safe", pure=True).dump(data, Path(path))


class RunningDaemon:
    """The daemon on its own event loop thread, as `serve` runs it, minus signals."""

    def __init__(self, config, clock=None, seed=7):
        self.clock = clock or FixedClock(START)
        self.daemon = Daemon(config, clock=self.clock, rng=random.Random(seed))
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def start(self):
        self.thread.start()
        self.port = self._call(self.daemon.start())
        deadline = time.monotonic() + 10
        while self.daemon.worker.ticks_done == 0:          # the catch-up tick at start-up
            if time.monotonic() > deadline:
                raise AssertionError("the start-up tick did not run")
            time.sleep(0.005)
        return self

    def stop(self):
        self._call(self.daemon.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    @property
    def config(self):
        return self.daemon.config

    @property
    def store(self):
        return self.daemon.state.store

    @property
    def state(self):
        return self.daemon.state

    def send(self, raw, mail_from="reporter@example.net", rcpt_tos=("conduct@example.org",), mail_options=()):
        """Send over real SMTP; return the (code, reply) of the final DATA answer."""
        with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as client:
            client.ehlo()
            code, reply = client.mail(mail_from, list(mail_options))
            assert code == 250, (code, reply)
            for rcpt in rcpt_tos:
                code, reply = client.rcpt(rcpt)
                if code != 250:
                    return code, reply
            return client.data(raw)

    def run_until_idle(self, timeout=10):
        """Wait until the spool is drained and the outbox has nothing due."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spool_empty = not self.state.spool.ids()
            due = self.state.outbox.due()
            if spool_empty and not due and not self.daemon.courier.in_flight:
                return
            self.daemon.worker.wake()
            self.loop.call_soon_threadsafe(self.daemon.courier.poke)
            time.sleep(0.01)
        raise AssertionError("daemon did not become idle")

    def deliver_due(self):
        """One courier pass at the injected clock's time, on the daemon's loop: whatever the
        outbox holds as due is sent (or attempted) before this returns."""
        self._call(self.daemon.courier.drain_once())

    def tick(self, timeout=10):
        """Run the due deadlines now (as the minute schedule would) and let mail go out."""
        before = self.daemon.worker.ticks_done
        self.daemon.worker.request_tick()
        deadline = time.monotonic() + timeout
        while self.daemon.worker.ticks_done == before:
            if time.monotonic() > deadline:
                raise AssertionError("tick did not run")
            time.sleep(0.005)
        self.run_until_idle()

    def reveal_from_cli(self, config_path, code, chair, reason):
        """`mailrouter case reveal` in a subprocess, then wait until the daemon carried it out."""
        import subprocess
        import sys

        result = subprocess.run([sys.executable, "-m", "mailrouter", "case", "reveal", code, "--reason",
                                 reason, "--chair", chair, "--config", str(config_path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 10
        while self.state.spool.ids() and time.monotonic() < deadline:
            self.daemon.worker.wake()
            time.sleep(0.02)
        self.run_until_idle()

    def advance(self, **delta):
        """Move the injected clock and let due work run."""
        self.clock.advance(**delta)
        self.daemon.worker.wake()
        self.loop.call_soon_threadsafe(self.daemon.courier.poke)


def fail_once(monkeypatch, stage, why):
    """`stage.run` raises RuntimeError(why) at its first call, then runs as before: an attempt
    that fails after the stages before it did their work. Returns the items it failed."""
    failed, run = [], stage.run

    def fails_once(item, ctx):
        if not failed:
            failed.append(item)
            raise RuntimeError(why)
        return run(item, ctx)
    monkeypatch.setattr(stage, "run", fails_once)
    return failed


def held_worker(running):
    """Stop the worker between two messages until the returned event is set."""
    release, waiting = threading.Event(), threading.Event()

    def hold():
        waiting.set()
        release.wait(60)
    running.daemon.worker.between_messages(hold)
    assert waiting.wait(10), "the worker never came between two messages"
    return release


def report(subject="Harassment at the meetup", body="Someone kept interrupting me.\n",
           sender="Jane Reporter <reporter@example.net>", message_id=None, extra_headers=()):
    """A plain-text report as raw bytes with CRLF line ends."""
    lines = [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 08:55:00 +0000",
             f"Message-ID: {message_id or '<' + str(random.getrandbits(64)) + '@example.net>'}",
             *extra_headers, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).encode()


def message_of(size, line):
    """A report of exactly `size` bytes, its body made of `line`."""
    head = report(body="")
    body = line * ((size - len(head) - 2) // len(line))
    message = head + body + b"z" * (size - len(head) - len(body) - 2) + b"\r\n"
    assert len(message) == size
    return message


def load(path):
    return load_config(path)


def reply_address(sink, who):
    """The case reply address mailrouter gave `who` in the last case mail they received
    (a digest, which has no reply address, is passed over)."""
    received = [m for m in sink.messages_to(who) if m["Reply-To"]]
    assert received, f"{who} received nothing"
    return received[-1]["Reply-To"].addresses[0].addr_spec


def member_says(daemon, sink, sender, body, **kwargs):
    """`sender` ('Name <address>') replies with `body` to the case address they were given."""
    address = sender.split("<")[1].rstrip(">")
    code, _ = daemon.send(member_reply(sender, body, **kwargs), mail_from=address,
                          rcpt_tos=[reply_address(sink, address)])
    assert code == 250
    daemon.run_until_idle()


def member_reply(sender, body, subject="Re: case", in_reply_to=None, extra_headers=(), cc=()):
    """A reply as a member's mail client writes it (sender: 'Name <address>')."""
    lines = [f"From: {sender}", "To: conduct@example.org", f"Subject: {subject}",
             "Date: Mon, 02 Nov 2026 10:00:00 +0000",
             f"Message-ID: <{random.getrandbits(64)}@members.example>", *extra_headers]
    if cc:
        lines.append(f"Cc: {', '.join(cc)}")
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body]
    return "\r\n".join(lines).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


def state_after_one_report(tmp_path, sink, **overrides):
    """A configuration and the state a daemon leaves after one report (for CLI tests)."""
    path = write_config(tmp_path, sink.port, **overrides)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report())
        running.run_until_idle()
    finally:
        running.stop()
    return path


def dsns_at(sink):
    """Delivery status notifications that reached the sink (a front MTA's bounces)."""
    return [m for m in sink.all()
            if "mailer-daemon" in str(m["From"] or "").lower() or m.msg.get_content_type() == "multipart/report"]


def wait_for_smtp_greeting(port, name, log, alive=lambda: None, timeout=60):
    """Until an SMTP server on loopback answers NOOP; `alive()` raises if its process died."""
    deadline = time.monotonic() + timeout
    while True:
        alive()
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                if client.noop()[0] == 250:
                    return
        except (OSError, smtplib.SMTPException):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{name} did not answer on port {port}\n{log()}")
        time.sleep(0.2)
