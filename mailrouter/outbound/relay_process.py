"""The SMTP relay transport, run in a child process (issue 11 (b)).

Speaking SMTP is most of the courier's work, and in the daemon's process it ran under the
same GIL as the worker and the intake: with 8 mails per report, the relay's protocol took
about as much of the daemon's time as filing the report. Here the daemon only hands each
message over a socket pair to a child (outbound/relay_child.py) that holds the relay
connections, and awaits its answer; the courier, the outbox and their records stay here.

The child is started at the first message and again after it ended. A message whose answer
never came (the child died, or gave no answer in time) may still have been taken: the child
writes its note (audit record, then `sent.log` line) at the relay's 250, before it answers.
So once that child is gone, the daemon looks in `sent.log` (what a restart goes by) for the
message's line: found, it was taken, as if the answer had come; not found, it is a temporary
failure, which the courier keeps and tries again with backoff (Q2), as after a dropped
relay connection. Relays that log in with OAuth (XOAUTH2) keep the in-process transport:
the token refresher lives here.
"""

import asyncio
import logging
import os
import socket

from mailrouter import child_process
from mailrouter.errors import PermanentDeliveryError, TemporaryDeliveryError
from mailrouter.outbound.relay_child import read_frame, serve, write_request
from mailrouter.outbound.smtp_replies import SLOWEST_BYTES_PER_SECOND
from mailrouter.outbound.transports import MaildirTransport, SMTPTransport, check_envelope_address

log = logging.getLogger("mailrouter.outbound.transports")
# Past this, the child is taken as stuck (its own relay timeouts should have answered):
# the relay timeout for each SMTP step, and 100 KB/s for the message itself. A new
# connection with STARTTLS and AUTH LOGIN has 12 steps each timed on its own (connect and
# greeting, EHLO, STARTTLS, the TLS handshake, EHLO, AUTH LOGIN's 3 exchanges, MAIL, RCPT,
# DATA, the message's end), a reused one an RSET first: fewer, and a slow but working relay
# was declared stuck (8 here once), its mail sent again if it had said 250 meanwhile.
STEPS = 13
STOP_SECONDS = 3.0


class RelayProcess:
    def __init__(self, relay, concurrency, sent_log=None, audit_root=None):
        self.relay = relay
        self.concurrency = concurrency
        self.notes_in = (sent_log, audit_root)   # where the child writes what the courier would
        self._context = child_process.context()
        self._child = None               # _Child while one runs
        self._starting = None            # asyncio.Lock, made on the loop
        self._next_id = 0

    async def send(self, sender, recipient, message_bytes, note=None):
        check_envelope_address(sender, allow_empty=True)
        check_envelope_address(recipient)
        child = await self._running_child()
        self._next_id += 1
        written_there = (note.entry_id, note.record) if note is not None and self.notes_in[0] else None
        request = (self._next_id, sender, recipient, message_bytes, written_there)
        mark = _mark(self.notes_in[0]) if written_there else None
        deadline = self.relay.timeout * STEPS + len(message_bytes) / SLOWEST_BYTES_PER_SECOND
        try:
            kind, text, code, noted = await asyncio.wait_for(child.ask(request), deadline)
        except asyncio.TimeoutError:
            if self._child is child:     # said once, by the first of its mails to wait too long
                log.warning("relay process: no answer in %.0fs; it is started again", deadline)
            await self._end(child)
            late = TemporaryDeliveryError("the relay process gave no answer in time")
            return await self._noted_or(note, mark, late)
        except TemporaryDeliveryError as error:    # it ended, or could not be reached
            await self._end(child)
            return await self._noted_or(note, mark, error)
        if kind == "ok":
            if note is not None:
                note.done = noted
            return text
        raise (PermanentDeliveryError if kind == "permanent" else TemporaryDeliveryError)(text, code)

    async def _noted_or(self, note, mark, error):
        """The child is gone (reaped: it writes nothing more) with our answer owed. If it had
        the relay's 250 and wrote the note, the mail was taken; else `error` is raised."""
        if mark is None or not await asyncio.to_thread(_noted_since, self.notes_in[0], mark, note.entry_id):
            raise error
        note.done = True
        return "taken (noted by the relay process before it ended)"

    async def close(self):
        if self._child is not None:
            await self._end(self._child)

    async def _running_child(self):
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._child is None or not self._child.alive():
                if self._child is not None:
                    await self._end(self._child)
                self._child = await self._start()
            return self._child

    async def _start(self):
        child_process.reachable_cwd()
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=serve,
                                        args=(theirs, self.relay, self.concurrency, *self.notes_in),
                                        name="mailrouter-relay", daemon=True)
        try:
            await asyncio.to_thread(process.start)   # the fork server's round trip: off the loop
        except OSError as error:
            ours.close()
            raise TemporaryDeliveryError(f"cannot start the relay process ({error.__class__.__name__})")
        finally:
            theirs.close()
        sock = socket.socket(fileno=os.dup(ours.fileno()))
        ours.close()
        reader, writer = await asyncio.open_unix_connection(sock=sock)
        return _Child(process, reader, writer)

    async def _end(self, child):
        if self._child is child:
            self._child = None
        await child.stop()


class _Child:
    """One relay process: its socket, and the answers awaited from it by request id."""

    def __init__(self, process, reader, writer):
        self.process = process
        self.writer = writer
        self.waiting = {}                # request id -> future of (kind, text, code)
        self.stopping = None             # the task that stops it, once one asked
        self.listening = asyncio.create_task(self._listen(reader))

    def alive(self):
        return not self.listening.done() and not self.writer.is_closing()

    async def ask(self, request):
        request_id, answer = request[0], asyncio.get_running_loop().create_future()
        self.waiting[request_id] = answer
        try:
            write_request(self.writer, *request)
            await self.writer.drain()
            return await answer
        except OSError as error:
            raise TemporaryDeliveryError(f"the relay process is unreachable ({error.__class__.__name__})")
        finally:
            self.waiting.pop(request_id, None)

    async def _listen(self, reader):
        try:
            while True:
                request_id, *answer = await read_frame(reader)
                waiting = self.waiting.get(request_id)
                if waiting is not None and not waiting.done():
                    waiting.set_result(tuple(answer))
        except (asyncio.IncompleteReadError, OSError):
            pass                         # the child ended: whatever it still had, failed below
        finally:
            ended = TemporaryDeliveryError("the relay process ended before the relay answered")
            for waiting in self.waiting.values():
                if not waiting.done():
                    waiting.set_exception(ended)

    async def stop(self):
        """Close our end (the child abandons what it is sending, QUITs, and exits); return
        once it has. Each of the mails it owed an answer waits for this, once."""
        if self.stopping is None:
            self.stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self.stopping)

    async def _stop(self):
        self.writer.close()
        self.listening.cancel()
        await asyncio.gather(self.listening, return_exceptions=True)
        await asyncio.to_thread(_reap, self.process)


def _reap(process):
    process.join(STOP_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()


def _mark(path):
    """Where `sent.log` ends now: (device, inode, size); (None, None, 0) if there is none."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None, None, 0
    return status.st_dev, status.st_ino, status.st_size


def _noted_since(path, mark, entry_id):
    """True if `sent.log` has `entry_id`'s line past `mark` (all of it, if replaced since)."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if (status.st_dev, status.st_ino) == mark[:2] and status.st_size >= mark[2]:
                handle.seek(max(0, mark[2] - 100))   # a line being written at the mark: whole
            return entry_id.encode() in handle.read().split()
    except FileNotFoundError:
        return False


def make_transport(outbound, tokens=None, sent_log=None, audit_root=None):
    """The daemon's transport: a Maildir, the relay through a child process, or (XOAUTH2)
    the relay from the daemon's own process."""
    if outbound.method != "smtp":
        return MaildirTransport(outbound.maildir)
    if outbound.smtp.oauth is None:
        return RelayProcess(outbound.smtp, outbound.concurrency, sent_log, audit_root)
    return SMTPTransport(outbound.smtp, outbound.concurrency, tokens)
