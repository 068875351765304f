"""The lines of a message read in chunks, in bounded memory (F4).

The caps check (mail/limits.py) reads a spool entry from its file: a 20 MB report past a cap
must be set aside without ever being held whole. `lines(chunks)` splits as
`bytes.splitlines()` does (\\n, \\r\\n, \\r), a \\r\\n cut between two chunks included. A
line longer than LINE_HEAD (a 20 MB report can be one line) is not kept whole either: unless
it ends within the chunk in hand, it comes as its first LINE_HEAD bytes and its true length.
Every cap that reads a line's bytes needs far less: a header field is capped at 32 KB, and a
boundary line is `--`, the boundary (from a capped Content-Type), then blanks; a b"\\0" is
added to the head when anything but blanks follows it, so `rstrip()` still tells a padded
boundary line from text.
"""

CHUNK = 64 * 1024                # bytes read at a time
LINE_HEAD = 64 * 1024            # bytes kept of one line (above every cap that reads them)


def file_chunks(file, size=CHUNK):
    """The rest of a binary file, `size` bytes at a time."""
    while True:
        chunk = file.read(size)
        if not chunk:
            return
        yield chunk


def byte_chunks(data, size=CHUNK):
    """`data` in slices of `size` bytes: one path for bytes in memory and files."""
    for start in range(0, len(data), size):
        yield data[start:start + size]


def lines(chunks):
    """(line, length) for each line of the chunks joined, its terminator left out."""
    for line, length, _ in ended_lines(chunks):
        yield line, length


def ended_lines(chunks):
    """(line, length, terminator) as `lines` gives them: b"\\r\\n", b"\\n", b"\\r" or b"" (the
    end of the data); the top header section needs it (message.normalise_line_ends)."""
    carry, long = b"", None      # the unfinished line; a long one's [head, length, blank tail]
    for chunk in chunks:
        data = carry + chunk
        end = _complete_end(data)
        found = data[:end].splitlines(True) if end else []
        carry = data[end:]
        del data
        start = 0
        if found and long is not None:
            line, terminator = _cut(found[0])
            yield _closed(_extended(long, line)) + (terminator,)
            start, long = 1, None
        for index in range(start, len(found)):
            line, terminator = _cut(found[index])
            yield line, len(line), terminator
        if long is not None or len(carry) > LINE_HEAD + 1:
            keep = b"\r" if carry.endswith(b"\r") else b""     # maybe half of a \r\n
            long = _extended(long, carry[:len(carry) - len(keep)])
            carry = keep
    yield from _rest(carry, long)


def _rest(carry, long):
    for piece in carry.splitlines(True):    # what is left ends the last line (a lone \r included)
        line, terminator = _cut(piece)
        if long is not None:
            yield _closed(_extended(long, line)) + (terminator,)
            long = None
        else:
            yield line, len(line), terminator
    if long is not None:
        yield _closed(long) + (b"",)


def _cut(line):
    """(line, its terminator)."""
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith((b"\n", b"\r")):
        return line[:-1], line[-1:]
    return line, b""


def _complete_end(data):
    """Where the last complete line of `data` ends; a final \\r may be half of a \\r\\n."""
    return max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1


def _extended(long, piece):
    if long is None:
        return [piece[:LINE_HEAD], len(piece), not piece[LINE_HEAD:].strip()]
    long[1] += len(piece)
    long[2] = long[2] and not piece.strip()
    return long


def _closed(long):
    head, length, blank_tail = long
    return (head if blank_tail else head + b"\0"), length
