"""L4: at most one acknowledgement per (sender, case) and a daily cap per sender.

Senders are kept as keyed digests (HMAC with the state directory's secret), so this file
cannot tell anyone which address wrote to the committee.
"""

import json

from mailrouter.durable import atomic_write, ensure_dir, flush_at_commit, in_group_commit, write_synced
from mailrouter.keyed import keyed_digest

DAYS_KEPT = 4           # days' counts kept in memory (today's, and a commit across midnight)


class AckLedger:
    def __init__(self, root, secret, daily_cap):
        self.root = ensure_dir(root)
        self.secret = secret
        self.daily_cap = daily_cap
        # Each day's counts, read once and kept: only the worker records, so memory and file
        # agree but for the days this group commit changed (`_dirty`), written at its end.
        self._days = {}
        self._dirty = set()

    def sender_key(self, address):
        return keyed_digest(self.secret, address.strip().lower()).hex()[:32]

    def allows(self, address, code, day):
        """May this sender get an acknowledgement for this case today?

        A case already recorded is allowed again: the record is written before the
        group commit that makes the acknowledgement itself durable (outbox journal), so
        after a crash between the two the retry must queue it again. One per case is kept
        by the outbox's idempotency key, not here.
        """
        entry = self._load(day).get(self.sender_key(address), {"n": 0, "cases": []})
        return code in entry["cases"] or entry["n"] < self.daily_cap

    def record(self, address, code, day):
        counts = self._load(day)
        entry = counts.setdefault(self.sender_key(address), {"n": 0, "cases": []})
        if code not in entry["cases"]:
            entry["n"] += 1
            entry["cases"].append(code)
            self._dirty.add(day)
            if in_group_commit():   # once per commit, however many acknowledgements it queued
                flush_at_commit(("acks", id(self)), self._write)
            else:
                self._write()

    def _write(self):
        # Not fsynced: a crash may lose today's counts (a torn record reads as none), and
        # then a sender gets at most the cap again today; one ack per case is kept by the
        # outbox's key, not here. Its fsync was 5 % of the worker's time in bench (b).
        # In place: no temporary file, no rename (durable.write_synced says what that costs).
        dirty, self._dirty = self._dirty, set()
        for day in sorted(dirty):
            write_synced(self.root / f"{day}.json", json.dumps(self._days[day]).encode(), sync=False, in_place=True)

    def _load(self, day):
        if day not in self._days:
            if len(self._days) >= DAYS_KEPT:
                self._days = {d: c for d, c in self._days.items() if d in self._dirty}
            try:
                self._days[day] = json.loads((self.root / f"{day}.json").read_bytes())
            except (FileNotFoundError, ValueError):
                self._days[day] = {}
        return self._days[day]

    def forget_case(self, code):
        """The end of a case's retention: no day's record says which sender it acknowledged
        (the counts stay: they are the daily cap's). Returns the number of days changed."""
        self._write()               # what memory holds is on disk, then read from there again
        self._days = {}
        changed = 0
        for path in sorted(self.root.glob("*.json")):
            try:
                counts = json.loads(path.read_bytes())
            except ValueError:          # torn (written without fsync): rewritten whole, naming no case
                atomic_write(path, b"{}")
                changed += 1
                continue
            if any(code in entry["cases"] for entry in counts.values()):
                for entry in counts.values():
                    entry["cases"] = [c for c in entry["cases"] if c != code]
                atomic_write(path, json.dumps(counts).encode())
                changed += 1
        return changed
