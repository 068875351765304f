"""The relay process's side of outbound/relay_process.py: SMTP to the relay, off the daemon's GIL.

It holds the connections to the relay (`transports.SMTPTransport`, as the daemon did itself)
and answers each request `(id, sender, recipient, message bytes, note)` once the relay has,
with `(id, "ok", what the log may say, None, noted)` or `(id, "temporary" | "permanent",
text, code, False)`. After the relay's 250 it writes the note itself (`noted`): the mail's
audit record and its `sent.log` line (outbound/taken_notes.py, as the courier would), at
once, with no wait for the daemon's loop, so a kill of the daemon in between cannot send
that mail again; nor can the daemon's giving up on us, which looks in `sent.log` for what
we noted before it calls a mail failed (outbound/relay_process.py).
Requests are sent as they come, each on the transport's next free connection. When the
daemon closes its end, what is still being sent is abandoned mid-transaction (as a stopping
daemon's own sends were) and the idle connections say QUIT.
"""

import asyncio
import os
import pickle
import signal
import socket
import struct

from mailrouter.errors import DeliveryError
from mailrouter.outbound.taken_notes import TakenNotes
from mailrouter.outbound.transports import SMTPTransport, TakenNote

FRAME = struct.Struct("!Q")              # the length of the pickled value that follows
QUIT_SECONDS = 2.0                       # for the idle connections' QUIT at the end


def frame(value):
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return FRAME.pack(len(data)) + data


def write_request(writer, request_id, sender, recipient, message_bytes, note):
    """A request is its envelope, framed, then the message's bytes as they are: a 20 MB
    report's forward is not pickled or joined into another copy (F4)."""
    writer.write(frame((request_id, sender, recipient, note, len(message_bytes))))
    writer.write(message_bytes)


async def read_request(reader):
    request_id, sender, recipient, note, size = await read_frame(reader)
    return request_id, sender, recipient, await reader.readexactly(size), note


async def read_frame(reader):
    (size,) = FRAME.unpack(await reader.readexactly(FRAME.size))
    return pickle.loads(await reader.readexactly(size))


def serve(conn, relay, concurrency, sent_log, audit_root):
    """The child's body: `conn` is its end of a socket pair with the daemon."""
    # Ctrl-C at a terminal reaches the whole process group: the daemon stops us itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock = socket.socket(fileno=os.dup(conn.fileno()))
    conn.close()
    notes = TakenNotes.in_relay_process(sent_log, audit_root)
    try:
        asyncio.run(_serve(sock, SMTPTransport(relay, concurrency), notes))
    finally:
        if notes is not None:
            notes.close()


async def _serve(sock, transport, notes):
    reader, writer = await asyncio.open_unix_connection(sock=sock)
    sending = set()
    try:
        while True:
            try:
                request = await read_request(reader)
            except (asyncio.IncompleteReadError, OSError):
                return                   # the daemon closed its end, or is gone
            others = lambda: len(sending) > 1    # other deliveries under way: their fsync later
            task = asyncio.create_task(_answer(transport, writer, notes, others, *request))
            sending.add(task)
            task.add_done_callback(sending.discard)
    finally:
        for task in sending:
            task.cancel()
        await asyncio.gather(*sending, return_exceptions=True)
        try:
            await asyncio.wait_for(transport.close(), QUIT_SECONDS)
        except asyncio.TimeoutError:
            pass


async def _answer(transport, writer, notes, others, request_id, sender, recipient, message_bytes, note):
    try:
        text = await transport.send(sender, recipient, message_bytes)
        noted = notes is not None and note is not None and await notes.write(TakenNote(*note))
        answer = ("ok", text, None, noted)
    except DeliveryError as error:
        answer = ("permanent" if error.permanent else "temporary", str(error), error.code, False)
    except Exception as error:           # never the end of the process: this mail waits
        answer = ("temporary", f"relay process fault ({error.__class__.__name__})", None, False)
    del message_bytes                    # not held while the answer waits to be written
    if not writer.is_closing():
        writer.write(frame((request_id, *answer)))
    if notes is not None:
        await notes.sync(others_under_way=others())
