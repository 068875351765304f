"""`mailrouter doctor`: is this installation ready to take reports? OK or FAIL, and what to do.

It loads the configuration itself (a broken one is a FAIL like any other), then runs each
check of `doctor_checks.CHECKS`, then the IMAP mailbox (`doctor_imap.py`)
and a local Postfix (`doctor_postfix.py`). The exit code is 1 when anything failed.
"""

from mailrouter.app.doctor_checks import CHECKS, fail, ok
from mailrouter.app.doctor_imap import check_imap
from mailrouter.app.doctor_postfix import check_postfix
from mailrouter.app.exits import EXIT_ERROR, EXIT_OK
from mailrouter.errors import ConfigError
from mailrouter.settings.config import load_config

ALL_CHECKS = [*CHECKS, check_imap, check_postfix]


def run_doctor(_config, args):
    findings, config = [], None
    try:
        config = load_config(args.config)
        findings.append(ok(f"configuration {config.source} is valid"))
    except ConfigError as error:
        for problem in getattr(error, "errors", None) or [error]:
            findings.append(fail(f"configuration: {problem}", "fix it, then run `mailrouter check-config`"))
    if config is not None:
        for check in ALL_CHECKS:
            try:
                findings.extend(check(config))
            except Exception as error:          # a check that breaks is a finding, not a crash
                findings.append(fail(f"{check.__name__} could not finish ({error.__class__.__name__}: "
                                     f"{error})", "run it again as the daemon's user"))
    for finding in findings:
        print(f"{'OK  ' if finding.ok else 'FAIL'}  {finding.what}")
        if not finding.ok:
            print(f"      -> {finding.advice}")
    failed = sum(1 for f in findings if not f.ok)
    print(f"{failed} check(s) failed." if failed else "All checks passed.")
    return EXIT_ERROR if failed else EXIT_OK
