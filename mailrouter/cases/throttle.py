"""R4: a sender that repeats itself to the alias is throttled (FreeScout: 10 in 180 minutes).

A bot that answers everything we send, or a script resending one message, would otherwise
open a case and mail every member each time. For each sender (a keyed digest of the
address, never the address) we keep, for the last `window`, how many messages came in each
minute, keyed digests of their normalised texts, and the keys of the last messages judged.
A message is throttled when the sender already sent `limit` or more in the window (counted
to the minute) and its text repeats one of them: new content always passes, so a person
writing again is never held. The admin is told at the first throttled message of a run.

The text is normalised so that near duplicates match: quoted earlier mail and a `-- `
signature dropped (a "Re: Re:" answer quotes a different mail of ours each time), case and
spacing folded. Digits are kept: "report number 3" after "report number 2" is new text, and
so is the same text with another attached file (a person sending screenshot after screenshot).

A report's text is also remembered for its case (`file_report`, in memory only: no file links
a sender to a case), so that the same sender's same text within the window joins that case
instead of opening another (`filed_case`): a plain-mail bot at the reporter's address that
answers each acknowledgement with its own subject and no threading settles within two
messages. Digits are kept there too: "report 3" after "report 2" is a report of its own (a bot
that changes a number each time stops at the daily acknowledgement cap, cases/acks.py).
"""

import hashlib
import json
import weakref
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from mailrouter.clock import iso
from mailrouter.durable import ensure_dir, flush_at_commit, in_group_commit, write_synced
from mailrouter.keyed import keyed_digest, purpose_key
from mailrouter.mail.message import body_text, sole_mailbox
from mailrouter.mail.quoting import trimmed

KEYS_KEPT = 32          # a retry comes soon after its first attempt
TEXTS_KEPT = 500        # distinct texts remembered per sender (new text is never throttled)
CACHED_SENDERS = 1024   # records kept in memory, whatever the number of senders
FILED_KEPT = 4096       # senders whose recent reports are remembered (in memory)


@dataclass(frozen=True)
class Verdict:
    throttled: bool
    first: bool = False      # the first throttled message of this run of repeats: tell the admin


def normalised_text(msg):
    """The writer's own words, folded so that near duplicates are equal, and a digest of each
    attached file: a new screenshot under the same (or no) words is new content."""
    return " ".join(trimmed(body_text(msg)).lower().split()) + "".join(
        f"\0{hashlib.sha256(payload.encode('utf-8', 'replace')).hexdigest()}" for payload in _attached(msg))


def _attached(msg):
    """The encoded payloads of the message's files (not its text body, nor its parts' containers)."""
    for part in msg.walk():
        if not part.is_multipart() and (part.get_content_disposition() == "attachment" or
                                        part.get_content_maintype() not in ("text", "message")):
            payload = part.get_payload()
            if isinstance(payload, str):
                yield payload


def sender_address(msg, mail_from):
    """Whom a message to the alias is counted against: its From, else its envelope sender."""
    mailbox = sole_mailbox(msg)
    return (mailbox.addr_spec if mailbox else mail_from or "").strip().lower()


class SenderThrottle:
    def __init__(self, root, secret, limit, window):
        self.root = ensure_dir(root)
        self.key = purpose_key(secret, "sender-throttle")
        self.limit = limit
        self.window = window
        # Each sender's record, read once and kept: only the worker judges, so memory and
        # file agree but for what this group commit changed (`_dirty`), written at its end.
        self._records = {}
        self._dirty = set()
        self._filed = {}        # sender digest -> {report text digest: (code, when)}, in memory only
        self._last_text = (lambda: None, None)      # (the message, weakly; its text digest)

    def _digest(self, label, text):
        return keyed_digest(self.key, label, text.encode("utf-8", "replace")).hex()[:32]

    def text_digest(self, msg):
        """A keyed digest of the message's normalised text (equal for near duplicates). The
        last message's is kept: classify, the throttle and open_case ask of the same one."""
        if self._last_text[0]() is not msg:      # a weak reference: no message kept alive here
            self._last_text = (weakref.ref(msg), self._digest("text", normalised_text(msg)))
        return self._last_text[1]

    def judge(self, address, msg, key, now):
        """Record this message of `address` and say whether it is throttled. The same `key`
        (a retry after a crash) is judged once: the first verdict stands."""
        path = self.root / f"{self._digest('sender', address.strip().lower())}.json"
        record = _window(self._record(path), now - self.window)
        key = self._digest("key", key)
        if key in record["keys"]:
            return Verdict(record["keys"][key])
        text = self.text_digest(msg)
        throttled = sum(record["minutes"].values()) >= self.limit and text in record["texts"]
        first = throttled and record["throttled_at"] is None
        minute = iso(now.replace(second=0, microsecond=0))
        record["minutes"][minute] = record["minutes"].get(minute, 0) + 1
        record["texts"][text] = iso(now)
        record["keys"] = dict([*record["keys"].items()][-KEYS_KEPT + 1:] + [(key, throttled)])
        if throttled:
            record["throttled_at"] = iso(now)
        self._records[path] = record
        self._dirty.add(path)
        if in_group_commit():       # once per commit, however many of its messages judged
            flush_at_commit(("throttle", id(self)), self._write)
        else:
            self._write()
        return Verdict(throttled, first)

    def file_report(self, address, msg, code, now):
        """Remember that `address` reported `msg`'s text as case `code`."""
        if not address:
            return
        sender = self._digest("sender", address)
        if sender not in self._filed and len(self._filed) >= FILED_KEPT:
            del self._filed[next(iter(self._filed))]       # the sender remembered longest
        filed = self._filed.setdefault(sender, {})
        filed[self.text_digest(msg)] = (code, now)
        if len(filed) > TEXTS_KEPT:
            del filed[next(iter(filed))]

    def filed_case(self, address, msg, now):
        """The case `address` reported this text as within the window, or None. Only a sender
        with a recent report has its text read, so other mail costs one keyed digest."""
        filed = self._filed.get(self._digest("sender", address)) if address else None
        if not filed:
            return None
        for text in [t for t, (_, when) in filed.items() if when <= now - self.window]:
            del filed[text]
        code, _ = filed.get(self.text_digest(msg), (None, None))
        return code

    def allow(self, limits, now, window):
        """`limits`: {name: how many attempts within `window`}. Record one attempt under each
        name, unless one of them had reached its limit; return the names at their limit (none:
        allowed, and counted). Names are stored as keyed digests, like senders."""
        paths = {name: self.root / f"{self._digest('attempts', name)}.json" for name in limits}
        recent = {name: [t for t in self._record(path).get("attempts", []) if _moment(t) > now - window]
                  for name, path in paths.items()}
        full = [name for name, limit in limits.items() if len(recent[name]) >= limit]
        if not full:
            for name, path in paths.items():
                self._records[path] = {"attempts": recent[name][-(limits[name] + 1):] + [iso(now)]}
                self._dirty.add(path)
            self._write()        # rare (a member's command): written at once, not at the commit
        return full

    def _record(self, path):
        if path not in self._records:
            if len(self._records) >= CACHED_SENDERS:
                self._records = {p: r for p, r in self._records.items() if p in self._dirty}
            self._records[path] = self._load(path)
        return self._records[path]

    def _write(self):
        # Not fsynced (file or directory): a crash that loses this record only forgets
        # some counts, so at worst a repeat passes once more, and a torn record reads as
        # none (`_load`). An fsync here cost 7-17 ms per message to the alias.
        # In place: no temporary file, no rename (durable.write_synced says what that costs).
        dirty, self._dirty = self._dirty, set()
        for path in dirty:
            write_synced(path, json.dumps(self._records[path]).encode(), sync=False, in_place=True)

    @staticmethod
    def _load(path):
        try:
            return json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError):     # none yet, or torn: start the window again
            return {}


def _window(record, since):
    """What of a sender's record lies within the window. Its size stays bounded whatever the
    flood: counts per minute, the texts seen (with when last), the last keys."""
    def within(moment):
        return moment is not None and _moment(moment) > since
    texts = sorted((at, text) for text, at in record.get("texts", {}).items() if within(at))[-TEXTS_KEPT:]
    return {"minutes": {m: n for m, n in record.get("minutes", {}).items() if within(m)},
            "texts": {text: at for at, text in texts},
            "keys": record.get("keys", {}),
            "throttled_at": record.get("throttled_at") if within(record.get("throttled_at")) else None}


@lru_cache(maxsize=4096)
def _moment(text):
    # A sender's record is windowed at each of its messages: its (up to 500) times, parsed once.
    return datetime.fromisoformat(text)
