"""`mailrouter purge [--dry-run] [--at TIME]`: the end of retention, previewed or done now.

`--dry-run` lists every closed case with its outcome, what its retention counts from and
when it is purged (or that it is kept for ever), and changes nothing. Without it, the cases
due are purged now; the daemon does the same by itself every day, so this refuses while
it runs (the worker is the case store's only writer).
"""

from mailrouter.app.exits import EXIT_BUSY, EXIT_OK, EXIT_USAGE
from mailrouter.clock import SystemClock


def purge_arguments(sub):
    sub.add_argument("--dry-run", action="store_true", help="list what would go and when; change nothing")
    sub.add_argument("--at", metavar="TIME", help="e.g. 2027-06-01T09:00 (local time unless an offset is "
                                                 "given); default: now")


def purge_command(config, args):
    from mailrouter.app.cli_tick import at_argument

    at = at_argument(args.at)
    if at is None:
        return EXIT_USAGE
    return preview(config, at) if args.dry_run else purge_now(config, at)


def preview(config, at):
    from mailrouter.cases.store import CaseStore
    from mailrouter.deadlines.retention import expiries

    if not (config.state_dir / "cases").exists():
        print("no cases")
        return EXIT_OK
    found = expiries(CaseStore(config.state_dir / "cases", SystemClock()), config.policy)
    print(f"At {at.isoformat()} (dry run: nothing was changed); policy {config.policy.name}, "
          f"keeps: {config.policy.retention_keeps}")
    for expiry in found:
        since = "a later report naming the same person" if expiry.renewed else "closing"
        when = "kept for ever" if expiry.at is None else \
            f"{'purged now' if expiry.at <= at else 'purged at'} {expiry.at.isoformat()}"
        print(f"  {expiry.code}: outcome {expiry.outcome}, counted from {since} "
              f"({expiry.counted_from.isoformat()}): {when}")
    due = sum(1 for e in found if e.at is not None and e.at <= at)
    print(f"{due} case(s) would be purged, {len(found)} closed case(s) on file")
    return EXIT_OK


def purge_now(config, at):
    from mailrouter.app.cli_tick import run_and_list
    from mailrouter.deadlines.retention import purge_due
    from mailrouter.durable import group_commit

    def work(daemon):
        with group_commit():
            return purge_due(daemon.ctx, at)

    return run_and_list(config, at, "purges what is due every day by itself", work, "case(s) purged")
