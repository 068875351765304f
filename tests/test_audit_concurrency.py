"""The audit log under many writers (issue 11 (b), issue 13): the courier's threads, the
worker, and other processes (the `mailrouter` CLI) all append to one hash chain.

Records of mails sent at once share one append (audit.py keeps the chain's head in memory
between its own appends); another process appending between them, or killed halfway
through an append, must still leave one chain that `mailrouter audit verify` accepts.
"""

import json
import signal
import subprocess
import sys
import threading

from harness import RunningDaemon, load, report, write_config
from mailrouter.audit import AuditLog, verify
from mailrouter.clock import SystemClock

# The state a writer killed mid-append leaves: it holds the lock, half a record written.
KILLED_MID_APPEND = """
import fcntl, os, signal, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b'{"at":"2026-11-02T09:00:00+00:00","event":"cli","n":')
os.kill(os.getpid(), signal.SIGKILL)
"""
# Another process's writer: records until killed.
APPENDING = """
import sys, threading
from mailrouter.audit import AuditLog
from mailrouter.clock import SystemClock
log = AuditLog(sys.argv[1], SystemClock())
def go(who):
    while True:
        log.record("cli", command="case", action=who)
for who in range(4):
    threading.Thread(target=go, args=(str(who),)).start()
"""


def cli(*args, config):
    return subprocess.run([sys.executable, "-m", "mailrouter", *args, "--config", str(config)],
                          capture_output=True, text=True)


def records(path):
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def test_records_of_many_mails_sent_at_once_form_one_chain_each_mail_once(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        for number in range(6):
            running.send(report(subject=f"At the sprint, day {number}"), mail_from=f"r{number}@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    sent = [r for r in records(tmp_path / "state" / "audit" / "audit.log") if r["event"] == "mail-sent"]
    assert len(sent) == len(sink.all())                         # every mail the relay took, once
    result = cli("audit", "verify", config=path)
    assert result.returncode == 0, result.stderr


def test_threads_recording_at_once_share_appends_and_each_record_is_there_once(tmp_path):
    log = AuditLog(tmp_path / "audit", SystemClock())

    def session(thread):
        for number in range(25):
            log.record("mail-sent", kind="forward", case=f"{thread}-{number}", to="reporter")

    threads = [threading.Thread(target=session, args=(thread,)) for thread in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    problems, count, _ = verify(log.path)
    assert problems == [] and count == 16 * 25
    cases = [r["case"] for r in records(log.path)]
    assert sorted(cases) == sorted(f"{t}-{n}" for t in range(16) for n in range(25))


def test_a_cli_action_between_the_daemons_records_keeps_one_chain(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(subject="At the sprint"), mail_from="someone@example.net")
        running.run_until_idle()
        code = running.store.codes()[0]
        assert cli("case", "show", code, config=path).returncode == 0      # another process appends
        running.send(report(subject="At the meetup"), mail_from="other@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    events = [r["event"] for r in records(tmp_path / "state" / "audit" / "audit.log")]
    assert events.index("cli") < len(events) - 1 and events[-1] == "mail-sent"   # ours after the CLI's
    result = cli("audit", "verify", config=path)
    assert result.returncode == 0, result.stderr


def test_a_writer_killed_mid_append_is_cut_by_the_next_and_the_chain_verifies(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    log = tmp_path / "state" / "audit" / "audit.log"
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(subject="At the sprint"), mail_from="someone@example.net")
        running.run_until_idle()
        before = records(log)
        killed = subprocess.run([sys.executable, "-c", KILLED_MID_APPEND, str(log)])
        assert killed.returncode == -signal.SIGKILL
        running.send(report(subject="At the meetup"), mail_from="other@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    after = records(log)
    assert after[:len(before)] == before
    assert after[len(before)]["event"] == "audit-recovered" and after[len(before)]["torn_bytes"] > 0
    result = cli("audit", "verify", config=path)
    assert result.returncode == 0, result.stderr


def test_another_process_appending_at_once_and_killed_leaves_one_chain(tmp_path):
    root = tmp_path / "audit"
    ours = AuditLog(root, SystemClock())
    other = subprocess.Popen([sys.executable, "-c", APPENDING, str(root)])
    try:
        while not ours.path.exists() or ours.path.read_bytes().count(b'"event":"cli"') < 200:
            ours.record("mail-sent", kind="forward", case="ours", to="reporter")   # both writing
            assert other.poll() is None
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()
    ours.record("mail-sent", kind="forward", case="ours", to="reporter")
    problems, count, _ = verify(ours.path)
    assert problems == [], problems[:3]
    found = records(ours.path)
    assert {r["event"] for r in found} >= {"cli", "mail-sent"}
