"""L4: at most one acknowledgement per (sender, case) and a daily cap per sender.

Senders are kept as keyed digests (HMAC with the state directory's secret), so this file
cannot tell anyone which address wrote to the committee.
"""

import hashlib
import hmac
import json

from mailrouter.durable import atomic_write, ensure_dir, write_synced


class AckLedger:
    def __init__(self, root, secret, daily_cap):
        self.root = ensure_dir(root)
        self.secret = secret
        self.daily_cap = daily_cap

    def sender_key(self, address):
        return hmac.new(self.secret, address.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]

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
            # Not fsynced: a crash may lose today's counts (a torn record reads as none), and
            # then a sender gets at most the cap again today; one ack per case is kept by the
            # outbox's key, not here. Its fsync was 5 % of the worker's time in bench (b).
            # In place: no temporary file, no rename (durable.write_synced says what that costs).
            write_synced(self.root / f"{day}.json", json.dumps(counts).encode(), sync=False, in_place=True)

    def _load(self, day):
        try:
            return json.loads((self.root / f"{day}.json").read_bytes())
        except (FileNotFoundError, ValueError):
            return {}

    def forget_case(self, code):
        """The end of a case's retention: no day's record says which sender it acknowledged
        (the counts stay: they are the daily cap's). Returns the number of days changed."""
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
