"""Reading the DATA section: lines may end in CRLF or in a bare LF; only CRLF.CRLF ends it.

aiosmtpd counts a line only up to CRLF, so a message whose lines end in bare LF (what
`smtplib.sendmail(..., msg.as_bytes())` and many scripts send) is one "line" to it and is
refused as too long. Here a line ends at LF with or without the CR, as Postfix reads it:
a line has no length cap of its own (the message size caps everything, and the reader
never holds more than its limit of an unfinished line), and a leading dot is removed from
every line (RFC 5321 4.5.2 dot-stuffing, which smtplib applies after a bare LF too).

The end of DATA stays strictly `<CRLF>.<CRLF>` (S1, SMTP smuggling, CVE-2024-27305):
`<LF>.<CRLF>`, `<LF>.<LF>` or `<CR>.<CR>` are content. The bytes are kept as sent: which
line ends count as line ends in the header is decided later, per message (mail/message.py).
"""

import asyncio


class DataReader:
    """One DATA section from `reader` into `draft` (F4: a big one spills to disk as it comes).

    `read()` returns the finished draft, or None if over `size_limit`; the draft is
    discarded whenever it does not return one (over the limit, cut off, cancelled).
    """

    def __init__(self, reader, size_limit, draft):
        self.reader = reader
        self.size_limit = size_limit
        self.draft = draft
        self.size = 0
        self.over = False

    async def read(self):
        draft = None
        try:
            draft = await self._read()
            if draft is not None:
                draft.finish()
            return draft
        finally:
            if draft is None:                    # no spill file outlives a refused DATA
                self.draft.discard()

    async def _read(self):
        line_start, after_crlf, last = True, True, b""
        while True:
            piece = await self._piece()
            if line_start and after_crlf and piece == b".\r\n":
                return None if self.over else self.draft
            if line_start and piece.startswith(b"."):
                piece = piece[1:]
            self.size += len(piece)
            if self.size_limit and self.size > self.size_limit and not self.over:
                self.over = True
                self.draft.discard()
            if not self.over:
                self.draft.write(piece)
            ends_line = piece.endswith(b"\n")
            if ends_line:
                after_crlf = piece.endswith(b"\r\n") or (piece == b"\n" and last.endswith(b"\r"))
            line_start, last = ends_line, piece or last

    async def _piece(self):
        """The rest of a line up to its LF, or as much of a long line as the reader holds."""
        try:
            return await self.reader.readuntil(b"\n")
        except asyncio.LimitOverrunError as error:
            return await self.reader.read(error.consumed)
