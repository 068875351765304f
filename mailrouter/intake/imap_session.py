"""One IMAP session on the intake folder: connect, log in, and the few commands intake needs.

Every command runs under the socket timeout of the settings; any failure raises, and the
loop in imap.py reconnects. Removing a message takes care of providers that keep what is
deleted: where the account has a Trash folder (SPECIAL-USE \\Trash), the message is moved
there and then deleted from it (Gmail's default turns a plain expunge into "archive").
"""

import ssl
import time

import imapclient
from imapclient.exceptions import LoginError

from mailrouter.settings import defaults
from mailrouter.settings.defaults import LOOP_HEADER

DELETED = b"\\Deleted"
IDLE_SLICE = 1.0                     # seconds between looks at the stop flag while in IDLE
NEW_MAIL = (b"EXISTS", b"RECENT")
BODY = b"BODY[]"
MESSAGE_ID_FIELD = b"BODY[HEADER.FIELDS (MESSAGE-ID)]"


class Session:
    def __init__(self, settings, tokens=None, idle_reissue=defaults.IMAP_IDLE_REISSUE):
        self.settings = settings
        self.tokens = tokens
        self.idle_reissue = idle_reissue
        self.client = None
        self.uidvalidity = None
        self.trash = None
        self.sent = None

    # -- opening ------------------------------------------------------------------
    def open(self):
        """Connect, log in, find Trash, select the folder; return its UIDVALIDITY."""
        settings = self.settings
        context = ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
        self.client = imapclient.IMAPClient(settings.host, port=settings.port,
                                            ssl=settings.security == "tls", ssl_context=context,
                                            timeout=settings.timeout)
        if settings.security == "starttls":
            self.client.starttls(context)        # refuses (raises) where STARTTLS is not offered
        self._login()
        folders = self.client.list_folders()
        self.trash = _special(folders, b"\\trash", settings.folder)
        self.sent = _special(folders, b"\\sent", settings.folder) if settings.delete_sent else None
        return self.select()

    def _login(self):
        settings = self.settings
        if self.tokens is None:
            self.client.login(settings.username, settings.password)
            return
        token = self.tokens.get()
        try:
            self.client.oauth2_login(settings.username, token)
        except LoginError:
            self.tokens.invalidate(token)        # revoked or expired early: refresh next time
            raise

    def select(self):
        self.uidvalidity = self.client.select_folder(self.settings.folder)[b"UIDVALIDITY"]
        return self.uidvalidity

    @property
    def can_idle(self):
        return self.client.has_capability("IDLE")

    # -- reading --------------------------------------------------------------------
    def pending(self):
        """UIDs of every message in the folder, oldest first (\\Deleted ones included:
        a message flagged by a crash before its expunge must still be taken or removed)."""
        self._news()               # this search sees all that came before it
        return sorted(self.client.search("ALL"))

    def _news(self):
        """Pop the EXISTS and RECENT the server sent in passing with other answers.

        imaplib files untagged responses that come with a command's answer and imapclient
        never shows them; a message arriving while we search would be announced there and
        never again, and IDLE would wait for nothing."""
        untagged = self.client._imap.untagged_responses
        return [untagged.pop(key) for key in list(untagged)
                if (key.decode() if isinstance(key, bytes) else key).upper() in ("EXISTS", "RECENT")]

    def sizes(self, uids):
        found = self.client.fetch(uids, [b"RFC822.SIZE"])
        return {uid: data.get(b"RFC822.SIZE", 0) for uid, data in found.items()}

    def fetch(self, uid):
        """The message's bytes (without setting \\Seen), or None if it vanished meanwhile."""
        return self.client.fetch([uid], [b"BODY.PEEK[]"]).get(uid, {}).get(BODY)

    def message_id_header(self, uid):
        return self.client.fetch([uid], [b"BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).get(
            uid, {}).get(MESSAGE_ID_FIELD) or b""

    # -- removing -------------------------------------------------------------------
    def remove(self, uid, message_id):
        """Take one spooled message out of the folder: moved (after_intake: move), moved to
        Trash to be purged there (`purge_trash`), or deleted and expunged."""
        if self.settings.move_to:
            self._move([uid], self.settings.move_to)         # after_intake: move, Trash or not
        elif self.trash and message_id:
            self._move([uid], self.trash)
        else:
            self._delete([uid])

    def purge_trash(self, message_ids):
        """Delete for good every copy in Trash of the messages with these Message-IDs."""
        self.client.select_folder(self.trash)
        try:
            for message_id in message_ids:
                found = self.client.search(["HEADER", "Message-ID", message_id])
                if found:
                    self._delete(found)
        finally:
            self.select()

    def purge_sent(self):
        """sent_copies: delete. The provider's copies of mail mailrouter sent (Gmail and
        Microsoft 365 file every submitted message in Sent) go, through Trash where there is one."""
        ours = ["HEADER", LOOP_HEADER, ""]
        self.client.select_folder(self.sent)
        try:
            found = self.client.search(ours)
            if found and self.trash:
                self._move(found, self.trash)
                self.client.select_folder(self.trash)
                self._delete(self.client.search(ours))
            elif found:
                self._delete(found)
        finally:
            self.select()

    def _move(self, uids, folder):
        if self.client.has_capability("MOVE"):
            self.client.move(uids, folder)
        else:
            self.client.copy(uids, folder)
            self._delete(uids)

    def _delete(self, uids):
        if not uids:
            return
        self.client.add_flags(uids, [DELETED], silent=True)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge(uids)
        else:
            self.client.expunge()     # without UIDPLUS: every \Deleted message of the folder

    # -- waiting --------------------------------------------------------------------
    def wait_for_mail(self, stopping):
        """Return when new mail may have come: IDLE where offered, else after poll_interval."""
        if self.can_idle:
            self._idle(stopping)
        elif not stopping.wait(self.settings.poll_interval):
            self.client.noop()

    def _idle(self, stopping):
        """One IDLE, ended by new mail, the stop flag, a dropped connection or the re-issue
        time (RFC 2177: before the server's 29-minute timeout; also finds a silent link)."""
        self.client.idle()
        deadline = time.monotonic() + self.idle_reissue
        try:
            if self._news() or self._buffered():
                return            # announced since the last search: take it before waiting
            while not stopping.is_set() and time.monotonic() < deadline:
                began = time.monotonic()
                wait = min(IDLE_SLICE, max(0.0, deadline - began))
                responses = self.client.idle_check(timeout=wait)
                if any(len(r) > 1 and r[1] in NEW_MAIL for r in responses):
                    return
                if not responses and time.monotonic() - began < wait / 2:
                    return        # readable yet nothing to read: the server closed the link
                if self._buffered():
                    return        # a response already read off the socket, unseen by poll()
        finally:
            self.client.idle_done()        # raises on a dead link: the loop reconnects

    def _buffered(self):
        """True if a response waits in imaplib's read buffer (or TLS's), where the poll()
        of idle_check cannot see it: the "+ idling" line and an EXISTS that came in the same
        packet. Ending IDLE then reads it (imapclient issue #150: a missed IDLE push)."""
        sock = self.client.socket()
        if getattr(sock, "pending", lambda: 0)():
            return True
        sock.setblocking(False)
        try:
            return bool(self.client._imap.file.peek(1))
        except (BlockingIOError, ssl.SSLWantReadError):
            return False
        finally:
            sock.settimeout(self.settings.timeout)

    def close(self):
        if self.client is None:
            return
        try:
            self.client.logout()
        except Exception:              # the link may be gone already
            try:
                self.client.shutdown()
            except Exception:
                pass
        self.client = None


def _special(folders, flag, folder):
    """The folder carrying a SPECIAL-USE flag (RFC 6154), other than the intake folder."""
    for flags, _, name in folders:
        if any(f.lower() == flag for f in flags) and name != folder:
            return name
    return None
