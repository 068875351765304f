"""R4: a sender that repeats itself to the alias is throttled (FreeScout: 10 in 180 minutes).

A bot that answers everything we send, or a script resending one message, would otherwise
open a case and mail every member each time. For each sender (a keyed digest of the
address, never the address) we keep, for the last `window`, when each message came, a
keyed digest of its normalised text and its dedup key. A message is throttled when the
sender already sent `limit` or more in the window and its text repeats one of them: new
content always passes, so a person writing again is never held.

The text is normalised so that near duplicates match: quoted earlier mail and a `-- `
signature dropped (a "Re: Re:" answer quotes a different mail of ours each time), case and
spacing folded. Digits are kept: "report number 3" after "report number 2" is new text.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from mailrouter.clock import iso
from mailrouter.durable import atomic_write, ensure_dir
from mailrouter.mail.message import body_text
from mailrouter.mail.quoting import trimmed


@dataclass(frozen=True)
class Verdict:
    throttled: bool
    first: bool = False      # the first throttled message of this run of repeats: tell the admin


def normalised_text(msg):
    """The writer's own words, folded so that near duplicates are equal."""
    return " ".join(trimmed(body_text(msg)).lower().split())


class SenderThrottle:
    def __init__(self, root, secret, limit, window):
        self.root = ensure_dir(root)
        self.key = hmac.new(secret, b"sender-throttle", hashlib.sha256).digest()
        self.limit = limit
        self.window = window

    def _digest(self, label, text):
        return hmac.new(self.key, label.encode() + b"\0" + text.encode("utf-8", "replace"),
                        hashlib.sha256).hexdigest()[:32]

    def text_digest(self, msg):
        """A keyed digest of the message's normalised text (equal for near duplicates)."""
        return self._digest("text", normalised_text(msg))

    def judge(self, address, msg, key, now):
        """Record this message of `address` and say whether it is throttled. The same `key`
        (a retry after a crash) is judged once: the first verdict stands."""
        path = self.root / f"{self._digest('sender', address.strip().lower())}.json"
        seen = [e for e in self._load(path) if now - datetime.fromisoformat(e["at"]) < self.window]
        key = self._digest("key", key)
        earlier = next((e for e in seen if e["key"] == key), None)
        if earlier is not None:
            return Verdict(earlier["throttled"])
        text = self.text_digest(msg)
        throttled = len(seen) >= self.limit and any(e["text"] == text for e in seen)
        first = throttled and not any(e["throttled"] for e in seen)
        seen.append({"at": iso(now), "text": text, "key": key, "throttled": throttled})
        # A flood must not make each write longer: the newest entries decide alone.
        atomic_write(path, json.dumps(seen[-max(4 * self.limit, 100):]).encode())
        return Verdict(throttled, first)

    @staticmethod
    def _load(path):
        try:
            return json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError):     # none yet, or torn: start the window again
            return []
