"""`mailrouter sanctions`: the sanctions in force, with their review dates ("The group will
maintain records of all such bans so that they may be reviewed in the future").

It reads the case store only, with the daemon running or stopped, as `mailrouter cases`
does; the reported persons are named as the case records them (cases/sanctions.py), and
nothing here opens the identity store: no reporter can appear.
"""

import json
from datetime import datetime, timedelta

from mailrouter.app.exits import EXIT_OK
from mailrouter.cases.sanctions import is_active
from mailrouter.cases.store import CaseStore
from mailrouter.clock import SystemClock

HELP = "list the sanctions in force with their review dates: code name, reported person, kind (never a reporter)"
COLUMNS = ("CODE NAME", "REPORTED PERSON", "KIND", "SINCE", "UNTIL", "REVIEW")


def sanctions_arguments(parser):
    parser.add_argument("--all", action="store_true", help="include sanctions that ended")
    parser.add_argument("--json", action="store_true", help="as JSON")


def list_sanctions(config, args):
    rows = sanction_rows(config, SystemClock().now(), args.all)
    if args.json:
        print(json.dumps([dict(zip(COLUMNS, row)) for row in rows], indent=2))
        return EXIT_OK
    if not rows:
        print("no sanctions" if args.all else "no active sanctions")
        return EXIT_OK
    widths = [max(len(str(row[i])) for row in rows + [COLUMNS]) for i in range(len(COLUMNS))]
    for row in [COLUMNS] + rows:
        print("  ".join(f"{str(cell):<{width}}" for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


def sanction_rows(config, now, include_ended):
    """One row per sanction (per reported person), oldest case first."""
    if not (config.state_dir / "cases").exists():        # nothing is created just to list
        return []
    store = CaseStore(config.state_dir / "cases", SystemClock())
    today = now.astimezone(config.policy.zone).date()
    rows = []
    # The store indexed the sanctioned cases as it opened: no other case is read again.
    cases = sorted((store.get(code) for code in store.sanctioned), key=lambda case: case["created"])
    for case in cases:
        code = case["code"]
        for sanction in case.get("sanctions", ()):
            active = is_active(sanction, today)
            if not active and not include_ended:
                continue
            until = sanction.get("until") or "-"
            review = _review(sanction, config.policy) if active else f"ended {_ended(sanction)}"
            for person in sanction.get("against") or ["-"]:
                rows.append((code, person, sanction["kind"], sanction["at"][:10], until, review))
    return rows


def _review(sanction, policy):
    """When the committee is next asked to review it: before its end, or periodically for a ban."""
    if sanction.get("until"):
        return sanction["until"]
    if sanction["kind"] == "ban" and policy.sanction_review_every_days:
        last = sanction.get("reminded", {}).get("every") or sanction["at"]
        return (_date(last) + timedelta(days=policy.sanction_review_every_days)).isoformat()
    return "-"


def _ended(sanction):
    return sanction["ended"][:10] if sanction.get("ended") else sanction.get("until") or "-"


def _date(text):
    return datetime.fromisoformat(text).date()
