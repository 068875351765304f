"""`mailrouter status`, `mailrouter case export` and `mailrouter stats`: the committee's
records, read from the state directory (the worker stays the store's only writer).

Each prints to standard output, or writes `--output` (mode 0600: a report document holds
the report's text).
"""

import sys
from datetime import date

from mailrouter.app.exits import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from mailrouter.cases.codenames import unslug
from mailrouter.cases.sheet import sheet_row
from mailrouter.cases.stats import case_facts, figures, in_period
from mailrouter.cases.store import CaseStore, UnknownCase
from mailrouter.clock import SystemClock
from mailrouter.durable import write_synced
from mailrouter.deadlines.when import is_open


def _store(config):
    root = config.state_dir / "cases"
    return CaseStore(root, SystemClock()) if root.exists() else None   # nothing created just to read


def _write(data, output):
    if not output:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_synced(output, data)      # private (0600): a report document is confidential


def status(config, args):
    from mailrouter.app.status_sheet import render_sheet
    from mailrouter.outbound.compose import Composer

    store = _store(config)
    cases = [store.get(code) for code in store.codes()] if store else []
    rows = [sheet_row(case) for case in cases if is_open(case) or not args.open]
    _write(render_sheet(rows, args.format, Composer(config, SystemClock())), args.output)
    return EXIT_OK


def export(config, args):
    """`mailrouter case export CODE --format md|html|pdf`."""
    from mailrouter.app.state import open_state
    from mailrouter.casework.document_formats import render_document
    from mailrouter.casework.report_document import build
    from mailrouter.outbound.compose import Composer
    from mailrouter.privacy.reporters import Reporters

    fmt = args.format or "md"
    if fmt not in ("md", "html", "pdf"):
        print("mailrouter: case export gives md, html or pdf", file=sys.stderr)
        return EXIT_USAGE
    state = open_state(config, SystemClock(), create_keys=False)
    code = unslug(args.code)
    try:
        doc = build(state.store, Reporters(state.identities), config.committee, code)
    except UnknownCase:
        print(f"mailrouter: no case named {code!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    _write(render_document(doc, fmt, Composer(config, SystemClock())), args.output)
    return EXIT_OK


def stats(config, args):
    try:
        start, end = date.fromisoformat(args.start), date.fromisoformat(args.end)
    except ValueError:
        print("mailrouter: --from and --to take dates such as 2026-01-01", file=sys.stderr)
        return EXIT_USAGE
    store = _store(config)
    facts = [case_facts(store.get(code), store.events(code)) for code in store.codes()] if store else []
    chosen = in_period(facts, start, end)
    print(f"Transparency report: cases opened from {start.isoformat()} to {end.isoformat()}")
    for label, value in figures(chosen, config.policy.acknowledge):
        print(f"  {label + ':':<40} {value}")
    print("Counts below 3 are shown as \"fewer than 3\"; no case is named or dated.")
    return EXIT_OK


def status_arguments(sub):
    sub.add_argument("--format", choices=("csv", "md", "html", "ods"), default="csv", help="default: csv")
    which = sub.add_mutually_exclusive_group()
    which.add_argument("--open", action="store_true", help="only cases not resolved or closed")
    which.add_argument("--all", action="store_true", help="every case (the default)")
    sub.add_argument("--output", metavar="FILE", help="write here (mode 0600) instead of standard output")


def stats_arguments(sub):
    sub.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, e.g. 2026-01-01")
    sub.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day, e.g. 2026-12-31")
