"""`mailrouter serve` logs as a journal wants them, one INFO line per delivery (issue 10, part 6).

The real daemon in a subprocess, real SMTP in and out; the test reads its stderr.
"""

import os
import re
import signal
import smtplib
import subprocess
import sys
import threading
import time

from harness import report, write_config

SECRETS = ("reporter@example.net", "Jane", "Zebra", "Quokka", "127.0.0.1:", "list@example.net",
           "ana@example.org", "bo@example.org", "chidi@example.org", "admin@example.org")


class Serve:
    """`mailrouter serve` in a subprocess; its stderr collected line by line."""

    def __init__(self, config, **env):
        environ = {k: v for k, v in os.environ.items() if k not in ("INVOCATION_ID", "JOURNAL_STREAM")}
        self.process = subprocess.Popen([sys.executable, "-m", "mailrouter", "serve", "--config", str(config)],
                                        stderr=subprocess.PIPE, text=True, env=dict(environ, **env))
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        match = self.wait_for(r"listening on \S+ port (\d+)")
        self.port = int(match.group(1))

    def _read(self):
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern, count=1, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in (re.search(pattern, line) for line in list(self.lines)) if m]
            if len(found) >= count:
                return found[-1]
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no {count} lines like {pattern!r} in:\n" + "\n".join(self.lines))

    def send(self, raw, mail_from="reporter@example.net"):
        with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as client:
            client.sendmail(mail_from, ["conduct@example.org"], raw)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(20)
        time.sleep(0.1)
        return self.lines


def torn_entry(config_dir):
    """A spool entry that does not match its header: an ERROR and an ALERT at start-up."""
    spool = config_dir / "state" / "spool"
    spool.mkdir(parents=True)
    (spool / "0000000000000001-aaaaaaaaaaaa.msg").write_bytes(b"MAILROUTER-ENTRY 1 {\"size\": 99}\nshort")


def run_daemon(tmp_path, sink, **env):
    torn_entry(tmp_path)
    serve = Serve(write_config(tmp_path, sink.port, listen={"host": "127.0.0.1", "port": 0}), **env)
    try:
        serve.send(report(subject="Zebra subject", body="Quokka body\n"))
        serve.send(report(subject="Zebra list post", body="Quokka\n", extra_headers=["Precedence: bulk"]),
                   mail_from="list@example.net")
        # 2 cases x 3 members, 1 acknowledgement, 1 alert for the torn entry
        serve.wait_for(r"delivered [0-9a-f]+ ", count=8)
    finally:
        lines = serve.stop()
    return lines


def test_under_systemd_lines_carry_syslog_priorities_and_no_timestamps(tmp_path, sink):
    lines = run_daemon(tmp_path, sink, JOURNAL_STREAM="8:1234")
    assert lines and all(re.match(r"<[2-7]>(DEBUG|INFO|WARNING|ERROR|CRITICAL) mailrouter", l) for l in lines), lines
    assert not any(re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", line) for line in lines)
    errors = [line for line in lines if line.startswith("<3>")]
    assert any("ALERT" in line and "torn" in line for line in errors)          # journalctl -p err
    assert all(line.startswith("<6>INFO") for line in lines if "delivered" in line)


def test_invocation_id_alone_also_means_systemd(tmp_path, sink):
    lines = run_daemon(tmp_path, sink, INVOCATION_ID="0123456789abcdef")
    assert all(line.startswith("<") for line in lines)


def test_outside_systemd_lines_keep_their_timestamps(tmp_path, sink):
    lines = run_daemon(tmp_path, sink)
    assert lines and all(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (INFO|WARNING|ERROR) ", l) for l in lines)


def test_one_info_line_per_delivery_and_suppressed_acks_without_addresses(tmp_path, sink):
    lines = run_daemon(tmp_path, sink, JOURNAL_STREAM="8:1234")
    delivered = [line for line in lines if " delivered " in line]
    assert len(delivered) == len(sink.all()) == 8
    codes = {m.group(1) for m in (re.search(r"case ([a-z]+ [a-z]+)\)", line) for line in delivered) if m}
    assert len(codes) == 2
    kinds = sorted(re.search(r"delivered [0-9a-f]{40} \((\w+), case ", line).group(1) for line in delivered)
    assert kinds == ["ack", "alert"] + ["forward"] * 6
    assert all(line.endswith(": 250") or re.search(r": 250 2\.\d+\.\d+$", line) for line in delivered)
    (suppressed,) = [line for line in lines if "not acknowledged" in line]
    assert suppressed.startswith("<6>INFO") and "Precedence: bulk" in suppressed
    assert re.search(r"case ([a-z]+ [a-z]+): not acknowledged", suppressed).group(1) in codes
    for line in lines:
        for secret in SECRETS:
            assert secret not in line, (secret, line)
