"""The case store: one TinyDB file per case, one owner object, atomic writes.

Layout under `state/cases/`:
  names.log           every code name ever issued, one per line (append-only; D8-safe)
  <slug>/case.json    TinyDB: table `case` (one document) and table `events` (the log)
  <slug>/report-N.eml the scrubbed report and the scrubbed additions, written once

Why per-case files: TinyDB rewrites its whole file on every write, so a single database
would make each report cost O(number of cases) (F5). The indexes that intake and the
worker need (reply-token digests, message keys) are rebuilt in memory at start-up.
"""

from contextlib import contextmanager

from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from mailrouter.clock import iso
from mailrouter.cases.codenames import slug, unslug
from mailrouter.durable import append, atomic_write, ensure_dir, flush_at_commit, in_group_commit, sync_dir_soon
from mailrouter.errors import MailrouterError
from mailrouter.cases.atomic_storage import AtomicJSONStorage
from mailrouter.cases.store_index import CaseIndex


class UnknownCase(MailrouterError):
    pass


class CaseStore(CaseIndex):
    """Owns every case file. Not thread-safe by design: only the worker writes."""

    # -- code names ---------------------------------------------------------------
    def reserve_name(self, code):
        """Record a code name as issued, durably, before any case uses it."""
        if code in self.names:
            raise MailrouterError(f"code name {code!r} was issued before")
        # In a group commit: the commit's names are appended and fsynced at its first flush, in
        # one write, before the mail that names a case (a case on disk is known anyway:
        # load_index reads its folder); else before returning.
        if in_group_commit():
            self._names_due.append(code)
            flush_at_commit(("names", id(self)), self._log_names, earliest=True)
        else:
            append(self.names_log, f"{code}\n".encode())
        self.names.add(code)

    def _log_names(self):
        due, self._names_due = self._names_due, []
        append(self.names_log, "".join(f"{code}\n" for code in due).encode())

    # -- cases --------------------------------------------------------------------
    def create(self, code, document, report_bytes):
        """Write a new case with its scrubbed report; the name must be reserved.

        In a group commit, written at its earliest flush, with the identities (one round of
        fsyncs), before the mail: a retry after a crash finds the case. Read from memory until.
        """
        ensure_dir(self.case_dir(code))
        document = dict(document, code=code, created=iso(self.clock.now()), reports=1)
        opened = {"at": document["created"], "kind": "opened", "by": "mailrouter"}
        if in_group_commit():
            self._unwritten[code] = (document, opened, report_bytes)
            self._buffer[code] = {"case": dict(document), "events": []}
            self._buffered(code)
        else:
            self._write_new(code, (document, opened, report_bytes))
        sync_dir_soon(self.root)
        self._index(document)
        return document

    def _write_new(self, code, new=None):
        document, opened, report_bytes = new or self._unwritten[code]
        atomic_write(self.case_dir(code) / "report-1.eml", report_bytes)
        self._write_whole(code, document, [opened])
        if in_group_commit():               # its second write, at this commit's end, needs no read
            self._fresh[code] = opened
        self._unwritten.pop(code, None)      # only once written: a failed commit's next one writes it

    def _write_whole(self, code, document, events):
        """The case's file as TinyDB writes it (one table each, documents numbered from 1)."""
        AtomicJSONStorage(self.case_dir(code) / "case.json").write(
            {"case": {"1": document}, "events": {str(n): event for n, event in enumerate(events, 1)}})

    def exists(self, code):
        return code in self._unwritten or (self.case_dir(code) / "case.json").exists()

    def get(self, code):
        if code in self._buffer:
            return dict(self._buffer[code]["case"])
        if not self.exists(code):
            raise UnknownCase(f"no case {code!r}")
        with self._db(code) as db:
            return db.table("case").all()[0]

    def events(self, code):
        if not self.exists(code):
            raise UnknownCase(f"no case {code!r}")
        if code in self._unwritten:
            return [self._unwritten[code][1]] + list(self._buffer[code]["events"])
        with self._db(code) as db:
            stored = db.table("events").all()
        return stored + list(self._buffer.get(code, {}).get("events", []))

    def update(self, code, changes, event=None):
        """Apply `changes` to the case document and optionally log an event, in one write.

        Inside a group commit (the worker's processing of one message) the write is
        deferred: however many stages change the case, its file is written once.
        """
        if in_group_commit():
            entry = self._buffered(code)
            entry["case"] = dict(entry["case"], **changes)
            if event:
                entry["events"].append(dict(event, at=iso(self.clock.now())))
            self._index(entry["case"])
            return dict(entry["case"])
        with self._db(code) as db:
            cases = db.table("case")
            cases.update(changes, doc_ids=[cases.all()[0].doc_id])
            if event:
                db.table("events").insert(dict(event, at=iso(self.clock.now())))
            case = cases.all()[0]
        self._index(case)
        return case

    def log(self, code, kind, by="mailrouter", **data):
        event = dict(data, kind=kind, by=by)
        if in_group_commit():
            self._buffered(code)["events"].append(dict(event, at=iso(self.clock.now())))
            return
        with self._db(code) as db:
            db.table("events").insert(dict(event, at=iso(self.clock.now())))

    def _buffered(self, code):
        if code not in self._buffer:
            self._buffer[code] = {"case": self.get(code), "events": []}
        # Registered at every change, not only the first: after a group commit that failed,
        # the next one writes what it held (a new case's first write included), never nothing.
        if code in self._unwritten:
            flush_at_commit(("new", code), lambda: self._write_new(code), earliest=True)
        flush_at_commit(("case", code), lambda: self._flush(code))
        return self._buffer[code]

    def _flush(self, code):
        entry = self._buffer.pop(code, None)
        if entry is None:
            return                          # rewritten whole meanwhile (`rewrite`)
        if code in self._fresh:             # filed in this commit: its file is known, not read back
            self._write_whole(code, entry["case"], [self._fresh.pop(code), *entry["events"]])
            return
        with self._db(code) as db:
            cases = db.table("case")
            cases.update(entry["case"], doc_ids=[cases.all()[0].doc_id])
            for event in entry["events"]:
                db.table("events").insert(event)

    def rewrite(self, code, document, events):
        """Replace a case's record whole and delete its reports (the end of its retention).

        What this commit buffered for the case is superseded: `document` was built from it.
        """
        old = self.get(code)
        self._buffer.pop(code, None)
        with self._db(code) as db:
            db.drop_tables()
            db.table("case").insert(document)
            for event in events:
                db.table("events").insert(event)
        for path in self.case_dir(code).glob("report-*.eml"):
            path.unlink()
        sync_dir_soon(self.case_dir(code))
        for token_digest in set(old.get("tokens", {})) - set(document.get("tokens", {})):
            self.by_token.pop(token_digest, None)
        for key in set(old.get("message_keys", [])) - set(document.get("message_keys", [])):
            self.by_message.pop(key, None)
        for message_ids in old.get("threads", {}).values():
            for message_id in message_ids:
                self.by_message_id.pop(message_id, None)
        self._index(document)

    def drop_participant(self, code, participant):
        """Take back a participant's reply address (an anonymous reporter's): it stops working now."""
        tokens = self.get(code).get("tokens", {})
        kept = {token_digest: who for token_digest, who in tokens.items() if who != participant}
        for token_digest in set(tokens) - set(kept):
            self.by_token.pop(token_digest, None)
        self.update(code, {"tokens": kept})

    def add_report_part(self, code, report_bytes):
        """Store an addition to the report (a later message from the reporter)."""
        case = self.get(code)
        number = case.get("reports", 1) + 1
        atomic_write(self.case_dir(code) / f"report-{number}.eml", report_bytes)
        self.update(code, {"reports": number})
        return number

    def report(self, code, number=1):
        if code in self._unwritten and number == 1:
            return self._unwritten[code][2]
        return (self.case_dir(code) / f"report-{number}.eml").read_bytes()

    def codes(self):
        """Every stored case, oldest first."""
        cases = [self.get(unslug(d.name)) for d in self.root.iterdir()
                 if d.is_dir() and (d / "case.json").exists()]
        return [c["code"] for c in sorted(cases, key=lambda c: c["created"])]

    def case_dir(self, code):
        return self.root / slug(code)

    def __len__(self):
        return sum(1 for d in self.root.iterdir() if (d / "case.json").exists())

    @contextmanager
    def _db(self, code):
        """One TinyDB per case; all writes of a block become one atomic file write."""
        self._fresh.pop(code, None)         # written otherwise than by `_write_whole`: read it
        db = TinyDB(self.case_dir(code) / "case.json", storage=CachingMiddleware(AtomicJSONStorage))
        try:
            yield db
        except BaseException:
            db.storage.storage.close()      # drop the cached writes: nothing half-applied
            raise
        db.close()                          # flushes the cache in one atomic write
