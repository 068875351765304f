"""D5: the key that tells the same message received twice."""

import hashlib

from mailrouter.mail.message import HEADER_END, TRACE_HEADERS, header, normalise_line_ends


def dedup_key(msg, raw):
    """D5: the same message received twice gets the same key.

    The Message-ID when there is one; otherwise the bytes without trace headers,
    which relays add differently on each delivery.
    """
    message_id = header(msg, "Message-ID").strip()
    if message_id:
        return "mid:" + hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()
    lines, in_trace = [], False
    head, _, body = normalise_line_ends(raw).partition(HEADER_END)
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            if not in_trace:
                lines.append(line)
            continue
        in_trace = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace") in TRACE_HEADERS
        if not in_trace:
            lines.append(line)
    return "raw:" + hashlib.sha256(b"\r\n".join(lines) + HEADER_END + body).hexdigest()
