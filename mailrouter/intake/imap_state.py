"""What the IMAP intake must remember across restarts, one small file per folder.

- the folder's UIDVALIDITY: the UIDs below mean something only while it stays the same;
- the UIDs already spooled but perhaps not yet removed from the server (a crash or a
  refused removal between the two): they are removed, never fetched again;
- the Message-IDs whose copies in Trash are still to be purged (a crash between the move
  to Trash and the purge). They are kept only for that moment.

A damaged file is set aside and forgotten: the folder is then re-scanned, and whatever
was spooled before is fetched again and dropped by the pipeline as a duplicate (D5).
"""

import hashlib
import json
import logging

from mailrouter.durable import atomic_write, ensure_dir, rename

log = logging.getLogger("mailrouter.intake.imap")


class FolderState:
    def __init__(self, state_dir, settings):
        key = f"{settings.host}\0{settings.port}\0{settings.username}\0{settings.folder}"
        self.path = ensure_dir(state_dir / "imap") / (hashlib.sha256(key.encode()).hexdigest()[:24] + ".json")
        data = self._load()
        self.uidvalidity = data.get("uidvalidity")
        self.spooled = set(data.get("spooled", []))
        self.trash_pending = list(data.get("trash_pending", []))

    def _load(self):
        try:
            data = json.loads(self.path.read_bytes())
            if isinstance(data, dict) and all(isinstance(uid, int) for uid in data.get("spooled", [])):
                return data
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            pass
        log.warning("IMAP state file unreadable; set aside, the folder will be re-scanned")
        rename(self.path, self.path.with_suffix(".damaged"))
        return {}

    def observe(self, uidvalidity):
        """Note the folder's UIDVALIDITY; True if it changed (the spooled UIDs are void)."""
        if uidvalidity == self.uidvalidity:
            return False
        changed = self.uidvalidity is not None
        self.uidvalidity, self.spooled = uidvalidity, set()
        self.save()
        return changed

    def keep_only(self, present):
        """Forget spooled UIDs that are no longer in the folder (they were removed)."""
        gone = self.spooled - set(present)
        if gone:
            self.spooled -= gone
            self.save()

    def record(self, uids, message_ids):
        """Before removing: these UIDs are spooled; these Message-IDs may go to Trash."""
        self.spooled |= set(uids)
        self.trash_pending = sorted(set(self.trash_pending) | set(message_ids))
        self.save()

    def removed(self, uids):
        self.spooled -= set(uids)
        self.trash_pending = []
        self.save()

    def save(self):
        atomic_write(self.path, json.dumps({"uidvalidity": self.uidvalidity,
                                            "spooled": sorted(self.spooled),
                                            "trash_pending": self.trash_pending}).encode())
