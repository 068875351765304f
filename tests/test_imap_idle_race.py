"""A push that arrives with another answer must not be missed.

imaplib reads the socket through a buffer; when the server sends "+ idling" and
"* 1 EXISTS" together, the EXISTS waits in that buffer where idle_check's poll() cannot see
it (imapclient issue #150), and the intake would wait until the next IDLE re-issue. Dovecot
does this only when the timing falls that way, so a tiny scripted IMAP server on loopback
makes it happen every time: it answers what the intake asks, and on the first IDLE sends
the continuation and the announcement of the report in one write.
"""

import socket
import threading

import pytest

from dovecot import wait_until
from harness import RunningDaemon, load, report, write_config

MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
CAPS = "IMAP4rev1 IDLE UIDPLUS"


class ScriptedImap:
    def __init__(self, message, push_with="idle"):
        self.message, self.delivered, self.removed, self.idles = message, False, False, 0
        self.push_with, self.searches = push_with, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        reader = conn.makefile("rb")
        conn.sendall(b"* OK scripted\r\n")
        for line in reader:
            tag, _, command = line.decode().strip().partition(" ")
            if command.upper() == "IDLE":
                conn.sendall(self._idle())                 # continuation (and push) in one write
                reader.readline()                          # DONE
                conn.sendall(f"{tag} OK idle done\r\n".encode())
                continue
            answer = self._answer(tag, command.upper())
            if answer is None:
                break
            conn.sendall(answer.encode() if isinstance(answer, str) else answer)
        conn.close()

    def _answer(self, tag, command):
        here = self.delivered and not self.removed
        if command.startswith("CAPABILITY"):
            return f"* CAPABILITY {CAPS}\r\n{tag} OK done\r\n"
        if command.startswith("LOGIN"):
            return f"{tag} OK [CAPABILITY {CAPS}] Logged in\r\n"
        if command.startswith("LIST"):
            return f'* LIST (\\HasNoChildren) "." INBOX\r\n{tag} OK done\r\n'
        if command.startswith("SELECT"):
            return f"* {int(here)} EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n{tag} OK [READ-WRITE] done\r\n"
        if command.startswith("UID SEARCH"):
            self.searches += 1
            if self.push_with == "search" and self.searches == 1:     # arrives as the search ends
                self.delivered = True
                return f"* SEARCH\r\n* 1 EXISTS\r\n{tag} OK done\r\n"
            return f"* SEARCH{' 1' if here else ''}\r\n{tag} OK done\r\n"
        if command.startswith("UID FETCH") and "BODY.PEEK[]" in command:
            return (f"* 1 FETCH (UID 1 BODY[] {{{len(self.message)}}}\r\n".encode() + self.message
                    + f")\r\n{tag} OK done\r\n".encode())
        if command.startswith("UID FETCH"):
            return f"* 1 FETCH (UID 1 RFC822.SIZE {len(self.message)})\r\n{tag} OK done\r\n"
        if command.startswith("UID EXPUNGE"):
            self.removed = True
            return f"* 1 EXPUNGE\r\n{tag} OK done\r\n"
        if command.startswith("LOGOUT"):
            return None
        return f"{tag} OK done\r\n"                   # NOOP, UID STORE

    def _idle(self):
        self.idles += 1
        if self.idles > 1 or self.push_with != "idle":
            return b"+ idling\r\n"
        self.delivered = True                          # the report arrives as IDLE begins
        return b"+ idling\r\n* 1 EXISTS\r\n"

    def close(self):
        self.sock.close()


@pytest.mark.parametrize("push_with", ["idle", "search"])
def test_a_push_that_comes_with_another_answer_is_taken_at_once(tmp_path, sink, push_with):
    """`idle`: "* 1 EXISTS" in the same packet as "+ idling". `search`: the EXISTS comes with
    the SEARCH answer (imaplib files it away; IDLE would never announce it again)."""
    server = ScriptedImap(report(message_id="<race@example.net>"), push_with)
    (tmp_path / "pw").write_text("x\n")
    intake = {"method": "imap", "host": "127.0.0.1", "port": server.port, "security": "none",
              "username": "conduct@example.org", "password_file": str(tmp_path / "pw"),
              "poll_interval": "1h"}
    running = RunningDaemon(load(write_config(tmp_path, sink.port, intake=intake))).start()
    try:
        # Without looking into the read buffer, this waits for the 10-minute re-issue.
        wait_until(lambda: all(sink.messages_to(m) for m in MEMBERS), what=f"the report pushed with the {push_with} answer")
        assert server.removed and server.idles >= 1
        assert running.daemon.imap.counts["errors"] == 0 and running.daemon.imap.counts["poll"] == 0
    finally:
        running.stop()
        server.close()
