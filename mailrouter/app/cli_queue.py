"""`mailrouter queue`: what waits, failed, is held or quarantined; retry, release, delete, export.

The listing shows ids, kinds, code names, ages and attempts. Of recipients it shows
committee addresses only: mail for the reporter says "reporter" (sealed entries are opened
with the identity key, as the daemon does, and nothing of the reporter is printed).
Mail waiting for its first attempt (held in the daemon's memory, its copy a journal record)
is listed in the outbox as such (app/first_attempts.py).
What the changes do, and why they are safe while the daemon runs: app/queue_store.py.
"""

import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from mailrouter.app.exits import EXIT_BUSY, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from mailrouter.app.queue_store import SECTIONS, Places, QueueBusy, QueueError
from mailrouter.clock import SystemClock

HELP = ("list what waits in the outbox, what failed, what is held or quarantined; "
        "retry, release, delete or export one entry")
TITLES = {"outbox": "Outbox: waiting for the relay", "failed": "Failed: will not be retried by itself",
          "held": "Held: automatic mail, never answered", "quarantine": "Quarantined: could not be processed",
          "spool": "Spool: received, waiting for the worker"}
DONE = {"retry": "will be sent at the daemon's next round (within a minute)",
        "release": "is back in the spool; the daemon processes it next",
        "delete": "deleted", "export": "written"}
# The same actions on mail waiting for its first attempt (no entry file, a journal record).
FIRST = "outbox (waiting for its first attempt)"
DONE_FIRST = {"retry": "needs nothing: the daemon attempts it at once (if it is stopped: when it starts)",
              "delete": "deleted: it will not be sent (the daemon's start skips it)", "export": "written"}


def queue_arguments(sub):
    sub.add_argument("action", nargs="?", default="list", choices=["list", "retry", "release", "delete", "export"],
                     help="list (the default); retry: a queued or failed outgoing message, now; release: a "
                          "held or quarantined message, back into the spool; delete (with --yes); "
                          "export: the raw message to FILE (0600)")
    sub.add_argument("id", nargs="?", help="the entry's id, or its first characters (at least 6)")
    sub.add_argument("file", nargs="?", help="export: the file to write (must not exist)")
    sub.add_argument("--yes", action="store_true", help="delete: yes, delete it")
    sub.add_argument("--json", action="store_true", help="list as JSON (full ids, times in UTC)")


def queue_command(config, args):
    from mailrouter.app.state import open_state

    if args.action != "list" and not args.id:
        return _usage(f"queue {args.action} needs an entry id (see `mailrouter queue`)")
    if args.action == "export" and not args.file:
        return _usage("queue export needs the file to write: mailrouter queue export ID FILE")
    if not config.state_dir.exists():
        print(json.dumps({s: [] for s in SECTIONS}) if args.json else "nothing: the state directory "
              f"{config.state_dir} does not exist yet")
        return EXIT_OK
    clock = SystemClock()
    places = Places(open_state(config, clock, create_keys=False), config, clock)
    if args.action == "list":
        return _list(places, args.json, clock.now())
    if args.action == "delete" and not args.yes:
        section, entry_id = places.find(args.id)
        return _usage(f"this would delete {entry_id} from {FIRST if section == 'journal' else section}; "
                      "add --yes to do it")
    try:
        section, entry_id = (places.export(args.id, Path(args.file)) if args.action == "export"
                             else getattr(places, args.action)(args.id))
    except QueueError as error:
        print(f"mailrouter: {error}", file=sys.stderr)
        return EXIT_BUSY if isinstance(error, QueueBusy) else EXIT_NOT_FOUND
    done = DONE_FIRST if section == "journal" else DONE
    print(f"{args.action}: {FIRST if section == 'journal' else section} entry {entry_id} {done[args.action]}"
          + (f" to {args.file}" if args.action == "export" else ""))
    return EXIT_OK


def _usage(text):
    print(f"mailrouter: {text}", file=sys.stderr)
    return EXIT_USAGE


def _list(places, as_json, now):
    found = places.entries()
    if as_json:
        print(json.dumps({section: [asdict(e) for e in entries] for section, entries in found.items()}, indent=2))
        return EXIT_OK
    if not any(found.values()):
        print("nothing waits, failed, is held or quarantined")
        return EXIT_OK
    for section in SECTIONS:
        if found[section]:
            print(f"{TITLES[section]} ({len(found[section])})")
            for entry in found[section]:
                print("  " + _line(entry, now))
    return EXIT_OK


def _line(entry, now):
    parts = [f"{entry.id[:16]:<16}", f"{entry.kind:<14}", f"case {entry.case or '-':<24}",
             f"age {_age(entry.since, now):>4}", f"attempts {entry.attempts}"]
    if entry.to:
        parts.insert(3, f"to {entry.to}")
    if entry.first_attempt:
        parts.append("waiting for its first attempt")
    elif entry.next_attempt and entry.section == "outbox":
        wait = _age(now.isoformat(), datetime.fromisoformat(entry.next_attempt))
        parts.append("due now" if wait == "-" else f"next in {wait}")
    if entry.reason:
        parts.append(f"({entry.reason[:100]})")
    return "  ".join(parts)


def _age(since, now):
    """A short duration: 45s, 12m, 3h, 2d; '-' when unknown or in the past."""
    if not since:
        return "-"
    seconds = (now - datetime.fromisoformat(since)).total_seconds()
    if seconds < 0:
        return "-"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"
