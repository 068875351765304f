"""Reloading (issue 10.4): SIGHUP and edited files put a new committee in force; an invalid
edit is refused with file:line:key, alerted once, and the last good configuration stays;
systemd hears READY, RELOADING, STATUS and STOPPING on its notify socket."""

import logging
import os
import re
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time

import pytest

from harness import MEMBERS, RunningDaemon, dump, load, report, write_config

EVE = {"name": "Eve Novak", "email": "eve@example.org"}
FAY = {"name": "Fay Ortiz", "email": "fay@example.org"}
ESCALATION = [{"name": "Steering Council", "email": "steering@example.org"}]


def write_members(folder, members):
    dump({"members": members, "escalation": ESCALATION}, folder / "members.yaml")


class NotifySocket:
    """A test-owned $NOTIFY_SOCKET: a unix datagram socket, as systemd listens on."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="mrn")        # sun_path is short: keep it so
        self.path = os.path.join(self.folder, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.messages = []

    def wait_for(self, field, timeout=20, after=0):
        """The first message from index `after` on with `field` in it; its index and text."""
        deadline = time.monotonic() + timeout
        while True:
            for index in range(after, len(self.messages)):
                if field in self.messages[index].split("\n"):
                    return index, self.messages[index]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {field!r} among {self.messages[after:]}")
            self.sock.settimeout(remaining)
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except socket.timeout:
                pass

    def close(self):
        self.sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def notify_socket():
    listening = NotifySocket()
    yield listening
    listening.close()


def start_serve(config_path, notify_path):
    log_path = config_path.parent / "serve.log"
    env = dict(os.environ, NOTIFY_SOCKET=notify_path)
    with open(log_path, "a") as log:
        process = subprocess.Popen([sys.executable, "-m", "mailrouter", "serve", "--config",
                                    str(config_path)], stderr=log, env=env)
    return process, log_path


def listening_port(log_path):
    return int(re.search(r"listening on 127\.0\.0\.1 port (\d+)", log_path.read_text()).group(1))


def send_report(port, word):
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("reporter@example.net", ["conduct@example.org"], report(body=f"{word} jar.\n"))


def wait_until(condition, timeout=20, what="condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def forwards(sink, member, word):
    return [m for m in sink.messages_to(member) if word in m.text()]


@pytest.mark.slow
def test_sighup_reloads_refuses_bad_edits_and_systemd_hears_it(tmp_path, sink, notify_socket):
    config_path = write_config(tmp_path, sink.port)
    process, log_path = start_serve(config_path, notify_socket.path)
    try:
        ready, text = notify_socket.wait_for("READY=1")
        assert re.search(r"^STATUS=spool \d+, outbox \d+, 4 members", text, re.M), text
        port = listening_port(log_path)

        # A member joins: members.yaml edited, then `systemctl reload` (SIGHUP).
        write_members(tmp_path, MEMBERS + [EVE])
        process.send_signal(signal.SIGHUP)
        reloading, text = notify_socket.wait_for("RELOADING=1", after=ready + 1)
        assert re.search(r"^MONOTONIC_USEC=\d+$", text, re.M), text
        ready, _ = notify_socket.wait_for("READY=1", after=reloading + 1)
        send_report(port, "Kiwi")
        wait_until(lambda: forwards(sink, EVE["email"], "Kiwi"), what="the forward to Eve")

        # An invalid edit (Fay in, Eve out, one bad address): refused, the old committee stays.
        write_members(tmp_path, MEMBERS[:3] + [FAY, {"name": "Gil", "email": "not-an-address"}])
        lines = (tmp_path / "members.yaml").read_text().splitlines()
        where = f"members.yaml:{1 + next(i for i, l in enumerate(lines) if 'not-an-address' in l)}"
        error = f"{where}: members[4].email: not an email address"
        for _ in range(2):                  # the same error twice: one alert
            process.send_signal(signal.SIGHUP)
            reloading, _ = notify_socket.wait_for("RELOADING=1", after=ready + 1)
            ready, _ = notify_socket.wait_for("READY=1", after=reloading + 1)
        notify_socket.wait_for(f"STATUS=spool 0, outbox 0, 5 members; last configuration edit "
                               f"refused: {error}", after=reloading)
        assert f"refused, the last good configuration stays in force: {error}" in log_path.read_text()
        def alerts():
            return [m for m in sink.messages_to("admin@example.org")
                    if "configuration edit was refused" in str(m["Subject"])]
        wait_until(alerts, what="the admin's alert")
        send_report(port, "Lime")
        wait_until(lambda: forwards(sink, EVE["email"], "Lime"), what="the forward to Eve")
        assert not sink.messages_to(FAY["email"])
        assert len(alerts()) == 1 and error in alerts()[0].text()
        assert process.poll() is None        # SIGHUP never ended the daemon

        process.send_signal(signal.SIGTERM)
        notify_socket.wait_for("STOPPING=1", after=ready + 1)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_a_file_edit_without_sighup_is_picked_up_by_the_watcher(tmp_path, sink, caplog):
    caplog.set_level(logging.INFO, logger="mailrouter.app.reload")
    config_path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(config_path))
    running.daemon.watch_seconds = 0.1
    running.start()
    try:
        write_members(tmp_path, MEMBERS + [EVE])
        wait_until(lambda: running.daemon.reloader.reloads == 1, what="the reload")
        running.send(report(body="Mango jar.\n"))
        running.run_until_idle()
        assert forwards(sink, EVE["email"], "Mango")
        assert running.daemon.ctx.committee.member(EVE["email"]) is not None
    finally:
        running.stop()
    reloaded = [r for r in caplog.records if r.getMessage().startswith("configuration reloaded")]
    # Put in force by the worker thread itself, between two messages.
    assert [r.threadName for r in reloaded] == ["mailrouter-worker"]


def test_settings_bound_to_sockets_wait_for_a_restart(tmp_path, sink, caplog):
    config_path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(config_path)).start()
    try:
        write_config(tmp_path, sink.port, committee_name="Renamed Committee",
                     listen={"host": "127.0.0.1", "port": 1})
        assert running._call(running.daemon.reloader.reload("test")) is True
        config = running.daemon.config
        assert config.committee_name == "Renamed Committee"
        assert running.daemon.composer.config.committee_name == "Renamed Committee"
        assert config.listen_port == 0
        assert "in force after a restart: listen_port" in caplog.text
    finally:
        running.stop()


def test_the_watchdog_is_fed_while_the_worker_lives(monkeypatch, notify_socket):
    import asyncio

    from mailrouter.app import notify

    monkeypatch.setenv("NOTIFY_SOCKET", notify_socket.path)
    monkeypatch.setenv("WATCHDOG_USEC", "100000")           # WatchdogSec=100ms: ping every 50ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    worker_alive = [True]

    async def run_for(seconds):
        stopping = asyncio.Event()
        asyncio.get_running_loop().call_later(seconds, stopping.set)
        await notify.keep_informed(stopping, lambda: "spool 0", lambda: worker_alive[0])

    asyncio.run(run_for(0.3))
    first, _ = notify_socket.wait_for("WATCHDOG=1", timeout=1)
    assert notify_socket.messages[0] == "STATUS=spool 0"
    notify_socket.sock.settimeout(0.2)
    while True:                                 # drain
        try:
            notify_socket.messages.append(notify_socket.sock.recv(4096).decode())
        except socket.timeout:
            break
    assert notify_socket.messages.count("WATCHDOG=1") >= 3
    seen = len(notify_socket.messages)
    worker_alive[0] = False                     # a dead worker: systemd must restart us
    asyncio.run(run_for(0.3))
    with pytest.raises(AssertionError):
        notify_socket.wait_for("WATCHDOG=1", timeout=0.5, after=seen)
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid() + 1))  # meant for another process
    assert notify.watchdog_interval() is None


def test_an_edited_template_is_used_after_a_reload_not_before(tmp_path, sink, monkeypatch):
    # The daemon's templates folder is a copy this test may edit (the bundled one is the
    # repository's); the daemon finds it where it finds the bundled one.
    from mailrouter.outbound import compose
    folder = tmp_path / "templates"
    shutil.copytree(compose.templates_dir(), folder)
    monkeypatch.setattr(compose, "templates_dir", lambda: folder)
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        running.send(report(body="Kiwi jar.\n"))          # the forward's template compiled
        running.run_until_idle()
        with open(folder / "forward.txt.j2", "a") as template:
            template.write("Edited by the admin: Pomelo.\n")
        running.send(report(body="Lime jar.\n"))
        running.run_until_idle()
        # Compiled once: the edit waits for the reload (no file is read again per message).
        assert forwards(sink, MEMBERS[0]["email"], "Lime") and not forwards(sink, MEMBERS[0]["email"], "Pomelo")
        assert running._call(running.daemon.reloader.reload("SIGHUP")) is True
        running.send(report(body="Mango jar.\n"))
        running.run_until_idle()
        assert [m for m in forwards(sink, MEMBERS[0]["email"], "Mango") if "Edited by the admin: Pomelo." in m.text()]
    finally:
        running.stop()
