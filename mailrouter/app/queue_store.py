"""What waits under the state directory, for `mailrouter queue`: read, and changed safely.

Five places: `spool/` (mail the worker has not processed yet), `spool/quarantine/`, `held/`,
`outbox/queue/` and `outbox/failed/`. Each entry is one `ID.msg` beside its `ID.state`, and
every change here is a rename or an unlink of whole files (entry_dir.py, durable.py), the
same steps the daemon takes; so the CLI may change them while the daemon runs:
- retry: a queued entry gets `next_attempt` now (the courier picks it up within its idle
  poll); a failed one moves back to the queue with a fresh start of its retry schedule.
- release: a quarantined spool entry moves back into the spool; a held message becomes a new
  spool entry marked `released`, so the worker does not hold it again as automatic mail.
- delete, export: remove an entry, or write its message (unsealed) to a file for the admin.
Mail waiting for its first attempt has no entry file, only its journal record
(app/first_attempts.py): it is listed in the outbox as such; `export` reads the journal,
`retry` has nothing to change, and `delete` works only while no daemon runs (it holds the
message in memory and sends it), by writing the `sent.log` line its start-up replay skips.
The case store is not touched: the worker remains its only writer.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from mailrouter.app.first_attempts import awaiting_first_attempt, never_send
from mailrouter.clock import iso
from mailrouter.durable import create_exclusive, move_files
from mailrouter.entry_dir import EntryDir
from mailrouter.errors import MailrouterError, SpoolError
from mailrouter.outbound.alerts import mask_addresses

SECTIONS = ("outbox", "failed", "held", "quarantine", "spool")


class QueueError(MailrouterError):
    """An entry that is not there, or an action that does not apply to it."""


class QueueBusy(QueueError):
    """The running daemon holds the entry in memory: no other process can change it."""


@dataclass
class Entry:
    section: str
    id: str
    kind: str
    case: str | None
    to: str | None                # a committee address, "admin", "reporter", or None
    since: str | None             # ISO time the entry was created or received
    attempts: int
    next_attempt: str | None = None
    reason: str = ""              # why it failed, was held or quarantined (addresses masked)
    first_attempt: bool = False   # outbox only: no attempt yet; no file, its copy is a journal record


class Places:
    """The five places, opened from the daemon's State (app/daemon.py open_state)."""

    def __init__(self, state, config, clock):
        self.state, self.config, self.clock = state, config, clock
        self.dirs = {"outbox": state.outbox.queue, "failed": state.outbox.failed_entries,
                     "held": state.held, "quarantine": EntryDir(state.spool.quarantine_dir),
                     "spool": state.spool}
        self._first = None

    # -- reading --------------------------------------------------------------------
    def entries(self):
        found = {section: [] for section in SECTIONS}
        for section in SECTIONS:
            for entry_id in self.dirs[section].ids():
                try:
                    found[section].append(self._entry(section, entry_id))
                except SpoolError:
                    found[section].append(Entry(section, entry_id, "unreadable", None, None,
                                                _time_of(entry_id), 0, reason="damaged entry"))
        listed = {e.id for e in found["outbox"]}
        for entry_id, (meta, _) in sorted(self.first_attempts().items(), key=lambda f: f[1][0]["created"]):
            if entry_id not in listed:        # spilled to a file while we looked: listed already
                found["outbox"].append(Entry("outbox", entry_id, meta.get("kind", "?"), meta.get("case"),
                                             self.recipient_role(meta.get("recipient")), meta.get("created"),
                                             0, meta.get("next_attempt"), first_attempt=True))
        return found

    def first_attempts(self):
        """{id: (meta, payload)} of the mail waiting for its first attempt (read once per command)."""
        if self._first is None:
            self._first = awaiting_first_attempt(self.state.outbox)
        return self._first

    def _entry(self, section, entry_id):
        meta = self.dirs[section].meta(entry_id)
        since = meta.get("created") or meta.get("received") or _time_of(entry_id)
        if section in ("outbox", "failed"):
            return Entry(section, entry_id, meta.get("kind", "?"), meta.get("case"),
                         self.recipient_role(meta.get("recipient")), since, meta.get("attempts", 0),
                         meta.get("next_attempt") if section == "outbox" else None,
                         mask_addresses(meta.get("last_error") or ""))
        kind = meta.get("command") or ("released" if meta.get("released") else "mail")
        reason = meta.get("reason", "") if section == "held" else self._quarantine_reason(section, entry_id)
        return Entry(section, entry_id, "held" if section == "held" else kind, meta.get("case") or meta.get("code"),
                     None, since, meta.get("attempts", 0), meta.get("retry_after"), mask_addresses(reason))

    def _quarantine_reason(self, section, entry_id):
        if section != "quarantine":
            return ""
        path = self.dirs[section].root / f"{entry_id}.reason"
        return path.read_text("utf-8", "replace") if path.exists() else ""

    def recipient_role(self, address):
        """Whom mail goes to, as the admin may see it: committee addresses, else "reporter"."""
        if not address:
            return None
        if self.config.admin and address.lower() == self.config.admin.lower():
            return "admin"
        committee = self.config.committee
        known = [m.email for m in committee.members] + [c.email for c in committee.interim_pool]
        return address if address.lower() in {k.lower() for k in known} else "reporter"

    def find(self, wanted, sections=SECTIONS):
        """(section, full id) of the one entry whose id starts with `wanted`."""
        matches = [(section, entry_id) for section in sections for entry_id in self.dirs[section].ids()
                   if entry_id.startswith(wanted)]
        if "outbox" in sections:
            listed = {entry_id for _, entry_id in matches}
            matches += [("journal", entry_id) for entry_id in self.first_attempts()
                        if entry_id.startswith(wanted) and entry_id not in listed]
        if len(wanted) < 6 or not matches:
            where = ", ".join(sections)
            raise QueueError(f"no entry {wanted!r} in {where} (give at least 6 characters of an id "
                             "from `mailrouter queue`)")
        if len(matches) > 1:
            raise QueueError(f"{wanted!r} matches {len(matches)} entries; give more of the id")
        return matches[0]

    # -- changing -------------------------------------------------------------------
    def retry(self, wanted):
        section, entry_id = self.find(wanted, ("outbox", "failed"))
        now = iso(self.clock.now())
        if section == "journal":
            return section, entry_id        # due already: its first attempt is the next thing it gets
        if section == "outbox":
            self.dirs["outbox"].update_meta(entry_id, next_attempt=now)
            return section, entry_id
        failed = self.dirs["failed"]
        # A fresh start: without it the retry schedule would give up at the first 4xx.
        failed.update_meta(entry_id, created=now, next_attempt=now, attempts=0, failed=None)
        failed.move_to(self.dirs["outbox"], entry_id)
        (failed.root / f"{entry_id}.reason").unlink(missing_ok=True)
        return section, entry_id

    def release(self, wanted):
        section, entry_id = self.find(wanted, ("quarantine", "held"))
        source = self.dirs[section]
        if section == "quarantine":
            source.payload(entry_id)              # a torn entry would only come back here
            (source.root / f"{entry_id}.state").unlink(missing_ok=True)
            move_files([source.root / f"{entry_id}.msg"], self.dirs["spool"].root)
            (source.root / f"{entry_id}.reason").unlink(missing_ok=True)
            return section, entry_id
        meta = source.meta(entry_id)
        envelope = json.loads(meta.get("envelope") or "{}")
        new_id = self.dirs["spool"].put(source.payload(entry_id), {
            "mail_from": envelope.get("mail_from", ""),
            "rcpt_tos": envelope.get("rcpt_tos") or [self.config.alias], "released": "held"})
        source.remove(entry_id)                   # after the spool entry is on disk: nothing lost
        return section, new_id

    def delete(self, wanted):
        section, entry_id = self.find(wanted, ("outbox", "failed", "held", "quarantine"))
        if section == "journal":
            return self._never_send(entry_id)
        if section == "outbox":
            self.state.outbox.dropped(entry_id)     # else its journal would queue it again
        self.dirs[section].remove(entry_id)
        (self.dirs[section].root / f"{entry_id}.reason").unlink(missing_ok=True)
        return section, entry_id

    def _never_send(self, entry_id):
        outcome = never_send(self.state, self.config, entry_id)
        if outcome == "gone":
            raise QueueError(f"{entry_id} no longer waits for its first attempt; see `mailrouter queue`")
        if outcome == "busy":
            raise QueueBusy(f"{entry_id} waits in the running daemon's memory for its first attempt: "
                            "`queue delete` cannot reach it there, and the daemon sends it. If that "
                            "attempt fails it gets a queue file, and can be deleted then")
        return "journal", entry_id

    def export(self, wanted, target):
        section, entry_id = self.find(wanted)
        payload = (self.first_attempts()[entry_id][1] if section == "journal"
                   else self.dirs[section].payload(entry_id))
        if not create_exclusive(target, payload):
            raise QueueError(f"{target} exists; name a new file")
        return section, entry_id


def _time_of(entry_id):
    """Spool and held ids begin with the time in nanoseconds (entry_dir.new_entry_id)."""
    try:
        return iso(datetime.fromtimestamp(int(entry_id[:16], 16) / 1e9, timezone.utc))
    except (ValueError, OverflowError, OSError):
        return None
