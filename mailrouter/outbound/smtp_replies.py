"""The bytes of a pipelined SMTP transaction: the relay's replies read, the message stuffed.

With PIPELINING (outbound/relay_connection.py) several replies can arrive in one read and
one reply across several; each is returned whole, in order. A multi-line reply ("250-..."
lines, then "250 ...") is one reply, its lines joined by newlines as aiosmtplib joins them.
"""

MAX_LINE = 8192                          # aiosmtplib's limits: a reply past them is not SMTP
MAX_REPLY = MAX_LINE * 4
SLOWEST_BYTES_PER_SECOND = 100_000       # the slowest link a relay is still waited on over


def answer_allowance(timeout, message):
    """Seconds to wait for the relay's reply to `message` once it is written: the timeout,
    and the message at 100 KB/s (written means buffered, not yet sent, and a relay may scan
    a large message before it answers: RFC 5321 allows it ten minutes)."""
    return timeout + len(message) / SLOWEST_BYTES_PER_SECOND


class NotSMTP(Exception):
    """What the relay sent is not an SMTP reply (or one far too long)."""


class ReplyReader:
    def __init__(self):
        self._buffer = bytearray()
        self._lines = []                 # the lines of a multi-line reply read so far

    def feed(self, data):
        """The replies completed by `data`: a list of (code, text)."""
        self._buffer += data
        replies, start = [], 0
        while (end := self._buffer.find(b"\n", start)) >= 0:
            line = bytes(self._buffer[start:end]).rstrip(b"\r")
            start = end + 1
            if len(line) > MAX_LINE or len(line) < 3 or not line[:3].isdigit() \
                    or line[3:4] not in (b"", b" ", b"-"):
                raise NotSMTP("the relay's reply is not SMTP")
            self._lines.append(line[4:].decode("utf-8", "surrogateescape"))
            if line[3:4] == b"-":
                if sum(map(len, self._lines)) > MAX_REPLY:
                    raise NotSMTP("the relay's reply is too long")
                continue
            replies.append((int(line[:3]), "\n".join(self._lines)))
            self._lines = []
        del self._buffer[:start]
        if len(self._buffer) > MAX_LINE:
            raise NotSMTP("the relay's reply line is too long")
        return replies


def dot_stuffed(message):
    """`message` as DATA sends it: CRLF line ends, a leading dot doubled, then ".\\r\\n".
    Composed mail has CRLF already: three counts (C speed) spare it the regular expression
    aiosmtplib ran over every message (5 % of the relay process)."""
    line_ends = message.count(b"\r\n")
    if message.count(b"\n") != line_ends or message.count(b"\r") != line_ends:
        message = message.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
    if not message.endswith(b"\r\n"):
        message += b"\r\n"
    if message.startswith(b"."):
        message = b"." + message
    return message.replace(b"\r\n.", b"\r\n..") + b".\r\n"
