"""The CLI that admins use, and logs that never carry who wrote what (P5)."""

import logging
import re
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


# Each subcommand: the arguments its usage line must show, and words of its own description.
HELP = {
    "serve": ([], "run the daemon: SMTP intake, worker and outbound queue"),
    "check-config": ([], "validate the configuration and committee files exactly as serve would"),
    "cases": (["[--json]"], "list cases: code name, date, status (never report text)"),
    "sanctions": (["[--all]", "[--json]"], "list the sanctions in force with their review dates"),
    "queue": (["[--yes]", "[--json]", "[{list,retry,release,delete,export}]", "[id]", "[file]"],
              "retry, release, delete or export one entry"),
    "doctor": ([], "check the installation: configuration, keys and permissions"),
    "case": (["[--reason REASON]", "[--chair EMAIL]", "{show,export,reveal,release}", "code", "[attachment]",
              "[--format {md,html,pdf}]", "[--output FILE]"],
             "show one case and its event log, export its report document, reveal its reporter, or release "
             "an original attachment"),
    "status": (["[--format {csv,md,html,ods}]", "[--open | --all]", "[--output FILE]"],
               "the status spreadsheet: one row per case"),
    "stats": (["--from DATE", "--to DATE"], "transparency report: counts over a period"),
    "tick": (["[--at TIME]", "[--dry-run]"], "run the deadlines due at a time"),
    "route": (["--dry-run", "file"], "show who would receive a report, without sending or storing anything"),
    "purge": (["[--dry-run]", "[--at TIME]"], "the end of retention: purge what is due"),
    "audit": (["[--head HASH]", "{verify,head}"], "check the audit log's hash chain, or print its head"),
}
OPTIONS = ("--reason", "--chair", "--at", "--dry-run", "--json", "--yes")


def test_help_on_every_subcommand():
    top = run_cli("--help")
    assert top.returncode == 0
    listed = {line.split()[0] for line in top.stdout.splitlines() if re.match(r"    \S", line)}
    assert listed == set(HELP), top.stdout                  # every command is here, and tested
    for command, (arguments, description) in HELP.items():
        result = run_cli(command, "--help")
        assert result.returncode == 0, result.stderr
        usage = " ".join(result.stdout.split("\n\n")[0].split())   # argparse wraps to the terminal
        text = " ".join(result.stdout.split())
        assert usage.startswith(f"usage: mailrouter {command} [-h] [--config PATH]"), text
        for argument in arguments:
            assert argument in usage, (command, argument, usage)
        for option in OPTIONS:                               # no other command's options
            assert (option in usage) == any(option in a for a in arguments), (command, option, usage)
        assert description in text, (command, text)


def test_logs_at_info_carry_no_address_subject_or_body(tmp_path, sink, caplog):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    caplog.set_level(logging.INFO)
    logging.getLogger("mail.log").setLevel(logging.WARNING)     # as logs.configure does
    try:
        sink.answers["bo@example.org"] = ["550 5.1.1 <bo@example.org> unknown"]
        assert running.send(report(sender="Jane Reporter <reporter@example.net>",
                                   subject="Zebra-subject", body="Quokka body text\n"))[0] == 250
        assert running.send(report(subject="Out", extra_headers=["Auto-Submitted: auto-replied"]),
                            mail_from="vacation@example.net")[0] == 250
        running.run_until_idle()
        # every path whose logging is checked below was taken: a case, a held auto-reply,
        # and a forward the relay refused (with Bo's address in its answer)
        assert len(running.store.codes()) == 1 and len(running.state.held.ids()) == 1
        assert [f["recipient"] for f in running.state.outbox.failed()] == ["bo@example.org"]
    finally:
        running.stop()
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "case" in text                                      # it did log, at INFO
    for secret in ("reporter@example.net", "Jane", "Zebra", "Quokka", "vacation@example.net",
                   "bo@example.org"):
        assert secret not in text, secret
