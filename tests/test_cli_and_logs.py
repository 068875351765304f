"""The CLI that admins use, and logs that never carry who wrote what (P5)."""

import logging
import subprocess
import sys

from harness import RunningDaemon, load, report, write_config


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "mailrouter", *args], capture_output=True, text=True)


def test_cases_and_case_show_list_without_report_text(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report(subject="Secret subject words", body="Secret body words\n"))
        running.run_until_idle()
        code = running.store.codes()[0]
    finally:
        running.stop()
    listing = run_cli("cases", "--config", str(path))
    assert listing.returncode == 0 and code in listing.stdout and "new" in listing.stdout
    shown = run_cli("case", "show", code.replace(" ", "-"), "--config", str(path))
    assert shown.returncode == 0
    assert f"Case:     {code}" in shown.stdout
    assert "opened" in shown.stdout and "acknowledged" in shown.stdout and "forwarded" in shown.stdout
    for output in (listing.stdout, shown.stdout):
        assert "Secret" not in output and "reporter@example.net" not in output
    missing = run_cli("case", "show", "no-such", "--config", str(path))
    assert missing.returncode == 4 and "no case named" in missing.stderr


def test_help_on_every_subcommand():
    for command in ("serve", "check-config", "cases", "case", "queue", "doctor", "tick", "route"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "--config" in result.stdout


def test_logs_at_info_carry_no_address_subject_or_body(tmp_path, sink, caplog):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    caplog.set_level(logging.INFO)
    logging.getLogger("mail.log").setLevel(logging.WARNING)     # as logs.configure does
    try:
        sink.answers["bo@example.org"] = ["550 5.1.1 <bo@example.org> unknown"]
        running.send(report(sender="Jane Reporter <reporter@example.net>",
                            subject="Zebra-subject", body="Quokka body text\n"))
        running.send(report(subject="Out", extra_headers=["Auto-Submitted: auto-replied"]),
                     mail_from="vacation@example.net")
        running.run_until_idle()
    finally:
        running.stop()
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "case" in text                                      # it did log, at INFO
    for secret in ("reporter@example.net", "Jane", "Zebra", "Quokka", "vacation@example.net",
                   "bo@example.org"):
        assert secret not in text, secret
