"""Who is away, by their own #away, kept in the state directory (`away.json`).

members.yaml's `away:` needs no record to be read, but while a member is away for either
reason the record keeps when the absence began: on return, the catch-up tells them what
happened since (casework/availability.py). Written only from the worker thread.
"""

import json
from datetime import date

from mailrouter.durable import atomic_write, flush_at_commit, in_group_commit

COMMAND = "command"
MEMBERS_FILE = "members.yaml"


class AwayBook:
    """member email (lower) -> {"since": iso time, "until": "YYYY-MM-DD" or None, "by": why}."""

    def __init__(self, path):
        self.path = path
        try:
            self.records = json.loads(path.read_bytes())
        except FileNotFoundError:
            self.records = {}

    def get(self, email):
        return self.records.get(email.lower())

    def until(self, email):
        """The day a #away member is back (a date), True for no date, None if not away by command."""
        record = self.get(email)
        if record is None or record["by"] != COMMAND:
            return None
        return date.fromisoformat(record["until"]) if record["until"] else True

    def put(self, email, since, until, by, **more):
        self.records[email.lower()] = dict(more, since=since, until=until, by=by)
        self._save()

    def drop(self, email):
        if self.records.pop(email.lower(), None) is not None:
            self._save()

    def _save(self):
        """With the worker's group commit when inside one: the catch-up mail a return queues
        is durable before the record forgets the absence, so a crash between them sends the
        catch-up again on the retry instead of never."""
        if in_group_commit():
            flush_at_commit(f"away:{self.path}", self._write)
        else:
            self._write()

    def _write(self):
        atomic_write(self.path, json.dumps(self.records, sort_keys=True).encode())


def live_participant(committee, departures, participant):
    """May mail to this participant's case address still come in? Not a removed or
    inactive member's (issue 12): their addresses are answered as unknown ones."""
    if not participant or not participant.startswith("member:"):
        return True
    return not departures.gone(committee, participant.split(":", 1)[1])


class Departures:
    """The addresses of members who left members.yaml (`departures.json`), so that mail
    still queued for them is withdrawn and their case addresses stay dead, across restarts."""

    def __init__(self, path):
        self.path = path
        try:
            record = json.loads(path.read_bytes())
        except FileNotFoundError:
            record = {"members": None, "removed": []}
        self.known, self.removed = record["members"], set(record["removed"])

    def record(self, committee):
        """Note the committee now in force; return the addresses that left it since the last."""
        current = {m.email.lower() for m in committee.members}
        left = set(self.known or ()) - current
        removed = (self.removed | left) - current
        if sorted(current) != self.known or removed != self.removed:
            self.known, self.removed = sorted(current), removed
            atomic_write(self.path, json.dumps({"members": self.known, "removed": sorted(removed)}).encode())
        return left

    def gone(self, committee, address):
        """Is this the address of a member set inactive, or removed from members.yaml?"""
        member = committee.member(address)
        return (not member.active) if member is not None else (address or "").lower() in self.removed
