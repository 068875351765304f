"""Who joined the committee and where their onboarding stands (PyDistrict: a new member is
shown the names of the people reported in open cases and declares conflicts first).

One JSON file, `onboarding.json` in the state directory, written whole through durable.py:
- `known`: every member address the committee has had, so a start-up after an edit of
  members.yaml finds who joined while the daemon was down. A missing file means a first
  start: everyone listed then founded the committee and is not onboarded.
- `newcomers`: per address, when they joined, the open cases of that moment (`cases`),
  the conflicts they declared (party records), `cleared` once they answered, `reminded`
  once the policy's reminder went out, and the digest of their onboarding reply address.

Only the worker thread writes it (at start-up before the first message, then between
messages), like the case store.
"""

import json

from mailrouter.durable import atomic_write, flush_at_commit, in_group_commit

PENDING = "pending"
CLEARED = "cleared"


class OnboardingStore:
    def __init__(self, state_dir):
        self.path = state_dir / "onboarding.json"
        try:
            self.data = json.loads(self.path.read_bytes())
            self.founded = True
        except FileNotFoundError:
            self.data, self.founded = {"known": [], "newcomers": {}}, False

    def save(self):
        """Written with the worker's group commit (the case store's changes, the mail queued),
        so a crash re-runs the message against the record as it was."""
        self.founded = True
        if in_group_commit():
            flush_at_commit(f"onboarding:{self.path}", self._write)
        else:
            self._write()

    def _write(self):
        atomic_write(self.path, json.dumps(self.data, sort_keys=True, indent=1).encode())

    @property
    def known(self):
        return set(self.data["known"])

    def remember(self, emails):
        self.data["known"] = sorted(self.known | {e.lower() for e in emails})

    def newcomer(self, email):
        return self.data["newcomers"].get((email or "").lower())

    def newcomers(self):
        return dict(self.data["newcomers"])

    def add(self, email, joined, cases, token_digest):
        self.data["newcomers"][email.lower()] = {
            "joined": joined, "cases": sorted(cases), "conflicts": [], "status": PENDING,
            "reminded": None, "token": token_digest}

    def change(self, email, **fields):
        self.data["newcomers"][email.lower()].update(fields)
        self.save()

    def pending(self, email):
        record = self.newcomer(email)
        return record is not None and record["status"] == PENDING

    def by_token(self, token_digest):
        """The address whose onboarding reply address has this digest, or None."""
        return next((email for email, record in self.data["newcomers"].items()
                     if record.get("token") == token_digest), None)

    def declared(self):
        """Member address -> the conflicts they declared when joining (party records)."""
        return {email: record["conflicts"] for email, record in self.data["newcomers"].items()
                if record["conflicts"]}
