"""`mailrouter audit verify|head`: check the audit log's chain; print its head.

`verify` reads every record and exits 1 at the first that was edited, removed, moved or
cut (its line number on stderr); with `--head HASH` (the hash in the chair's last weekly
digest) it also fails when the log no longer holds that record: whole records cut from
the end, or the log rewritten from the start.
"""

import sys

from mailrouter.app.exits import EXIT_ERROR, EXIT_OK
from mailrouter.audit import GENESIS, verify


def audit_arguments(sub):
    sub.add_argument("action", choices=["verify", "head"],
                     help="verify: check every record's hash and the chain; head: print the number of "
                          "records and the hash of the last (what the chair's weekly digest carries)")
    sub.add_argument("--head", metavar="HASH",
                     help="verify: the head hash from a digest; the log must still hold that record")


def audit_command(config, args):
    path = config.state_dir / "audit" / "audit.log"
    if not path.exists():
        if args.action == "head":
            print(f"0 {GENESIS}")
            return EXIT_OK
        print(f"mailrouter: no audit log at {path}", file=sys.stderr)
        return EXIT_ERROR if args.head else EXIT_OK
    problems, count, head = verify(path, args.head)
    if args.action == "head":
        print(f"{count} {head}")
        return EXIT_OK
    if problems:
        line, what = problems[0]
        print(f"mailrouter: audit log {path}: line {line}: {what}", file=sys.stderr)
        if len(problems) > 1:
            print(f"mailrouter: {len(problems) - 1} more problem(s) after it", file=sys.stderr)
        return EXIT_ERROR
    print(f"audit log OK: {count} records, head {head}")
    return EXIT_OK
