"""How each member's mailbox is doing, as its bounces tell: one small file per address.

`state/mailboxes/<digest>.json`, written whole through durable.py: the address, whether
it is failing (since when, the last status), its last bounces, and the bounces already
counted (a re-run of the same bounce changes nothing). Soft bounces (4.x.x) are recorded
only; a hard one marks the mailbox failing.
"""

import hashlib
import json

from mailrouter.clock import iso
from mailrouter.durable import atomic_write, ensure_dir

KEEP = 20
PROBLEM_EVENTS = {"hard": "delivery problem", "soft": "delivery delayed"}


class MailboxHealth:
    def __init__(self, root):
        self.root = ensure_dir(root)

    def _path(self, address):
        return self.root / f"{hashlib.sha256(address.lower().encode('utf-8')).hexdigest()[:32]}.json"

    def get(self, address):
        try:
            return json.loads(self._path(address).read_bytes())
        except FileNotFoundError:
            return {"address": address.lower(), "failing": False, "bounces": [], "seen": []}

    def record(self, address, severity, status, when, bounce_key, entry=""):
        """Count one bounce for `address` (once per `bounce_key`); returns the record."""
        state = self.get(address)
        if bounce_key in state["seen"]:
            return state
        state["seen"] = (state["seen"] + [bounce_key])[-KEEP:]
        state["bounces"] = (state["bounces"] + [{"at": iso(when), "severity": severity, "status": status,
                                                 "entry": entry}])[-KEEP:]
        if severity == "hard":
            state.update(failing=True, last_status=status, last_hard=iso(when))
            state.setdefault("failing_since", iso(when))
        atomic_write(self._path(address), json.dumps(state, sort_keys=True).encode())
        return state

    def failing(self):
        """Every address marked failing, with its record."""
        found = [json.loads(p.read_bytes()) for p in sorted(self.root.glob("*.json"))]
        return {s["address"]: s for s in found if s.get("failing")}


def problem_lines(events):
    """`case show`'s lines for the bounces recorded on a case, oldest first."""
    lines = []
    for event in events:
        for severity, kind in PROBLEM_EVENTS.items():
            if event.get("kind") == kind:
                title = "Delivery problem" if severity == "hard" else "Delivery delayed"
                status = f" {event['status']}" if event.get("status") else ""
                lines.append(f"{title}: {event.get('member', '-')} ({severity} bounce{status}, "
                             f"{event['at'][:10]})")
    return lines
