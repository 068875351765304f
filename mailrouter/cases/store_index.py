"""The case store's indexes, rebuilt in memory from the case folders at start-up (cases/store.py).

What intake and the worker look up (reply-token digests, message keys, Message-IDs, parties,
open cases) is kept here rather than read from every case file; `CaseStore` keeps it current.
"""

import shutil

from mailrouter.cases.codenames import unslug
from mailrouter.cases.eligibility import party_from_record, person_keys
from mailrouter.durable import append, ensure_dir, sync_dir_soon


class CaseIndex:
    """The indexes of `CaseStore` (its base class): loaded from disk, updated by `_index`."""

    def __init__(self, root, clock):
        self.root = ensure_dir(root)
        self.clock = clock
        self.names_log = self.root / "names.log"
        self.names = set()            # every code name ever issued
        self._names_due = []          # issued in this group commit, not yet in names.log
        self.by_token = {}            # token digest -> (code, participant)
        self.by_message = {}          # message dedup key -> code
        self.by_message_id = {}       # Message-ID of mail we sent a member -> code
        self.open_codes = set()       # cases not resolved or closed (the scheduler's work)
        self.by_party = {}            # a party's address or folded name -> codes (cases/history.py)
        self.sanctioned = set()       # cases with sanctions, open or not (deadlines/sanction_reviews.py)
        # code -> what decides who may receive the case's mail (`screening_inputs`), replaced
        # only when that changes: the courier's send-time screen (casework/send_screen.py) reads it
        self.screening = {}
        self._buffer = {}             # code -> changes not yet written (inside a group commit)
        self._unwritten = {}          # code -> (document, opened event, report) created, not yet written
        self._fresh = {}              # code -> its opened event: all its file holds, first written this commit
        self.load_index()

    # -- index ------------------------------------------------------------------
    def load_index(self):
        if self.names_log.exists():
            self.names = {line.strip() for line in self.names_log.read_text().splitlines() if line.strip()}
        logged = set(self.names)
        for case_dir in self.root.iterdir():
            if case_dir.is_dir() and (case_dir / "case.json").exists():
                self._index(self.get(unslug(case_dir.name)))
        if self.names - logged:          # a crash came before its commit fsynced names.log
            append(self.names_log, "".join(f"{code}\n" for code in sorted(self.names - logged)).encode())

    def tidy(self):
        """Remove what a crash inside `create` left: a case folder with no `case.json`.

        Nothing refers to it (the spool entry is processed again, under a new name; this
        one stays reserved in names.log). Only the daemon calls this, holding the state lock,
        so no `create` is under way. Returns the code names removed.
        """
        removed = []
        for case_dir in self.root.iterdir():
            if case_dir.is_dir() and not (case_dir / "case.json").exists():
                shutil.rmtree(case_dir)
                removed.append(unslug(case_dir.name))
        if removed:
            sync_dir_soon(self.root)
        return removed

    def _index(self, case):
        self.names.add(case["code"])
        inputs = screening_inputs(case)
        if self.screening.get(case["code"]) != inputs:
            self.screening[case["code"]] = inputs
        if case.get("status", "new") in ("resolved", "closed"):
            self.open_codes.discard(case["code"])
        else:
            self.open_codes.add(case["code"])
        if case.get("sanctions"):
            self.sanctioned.add(case["code"])
        for token_digest, participant in case.get("tokens", {}).items():
            self.by_token[token_digest] = (case["code"], participant)
        for record in case.get("parties", ()):
            for key in person_keys(party_from_record(record)):
                self.by_party.setdefault(key, set()).add(case["code"])
        for key in case.get("message_keys", []):
            self.by_message[key] = case["code"]
        for participant, message_ids in case.get("threads", {}).items():
            for message_id in message_ids:
                self.by_message_id[message_id] = case["code"]

    def forget_unwritten(self):
        """After a failed group commit: drop the new cases it did not write and index the disk
        again (built apart, then swapped in: intake's thread reads the indexes meanwhile), so
        the retry files each report anew. Returns the code names dropped: those `_fresh` too,
        whose write the commit had taken on (the files, written at its end, may not be)."""
        dropped = set(self._unwritten) | set(self._fresh)
        self.__dict__.update(type(self)(self.root, self.clock).__dict__)
        return dropped


def screening_inputs(case):
    """The case's part in who may receive its mail: its recorded parties, the access of each
    reader (recused, excluded, onboarding), its interim readers and whom each space's
    recommendation went to. Not its threads or receipts, which every mail sent changes."""
    moderation = {space: sorted(record.get("moderators", {})) for space, record in case.get("moderation", {}).items()}
    return repr((case.get("parties", ()), case.get("access", {}), case.get("interim", ()), moderation))
