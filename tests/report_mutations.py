"""Mutations of real reports, for tests/test_fuzz_reports.py.

Each mutation takes raw message bytes and a `random.Random` and returns new bytes. The
first group makes exactly the fault classes issue 11 found behind "250, then quarantine";
the second is the general damage mail takes on the way (truncation, duplicated headers,
broken MIME, odd charsets, NULs, 8-bit headers, huge parameters, flipped bytes).
"""

import re
from pathlib import Path

CORPORA = [Path(__file__).parent / name for name in ("corpus", "corpus2", "corpus3")]
_HEADER = re.compile(rb"^(?P<name>[!-9;-~]+):", re.MULTILINE)


def seeds():
    """Every real report of the corpora, as bytes, in a fixed order."""
    return [p.read_bytes() for corpus in CORPORA for p in sorted(corpus.glob("*.eml"))]


def _split(raw):
    for end in (b"\r\n\r\n", b"\n\n"):
        at = raw.find(end)
        if at >= 0:
            return raw[:at], raw[at:]
    return raw, b""


def _set_header(raw, name, value):
    """Replace every `name:` field (with its continuation lines) by one `name: value`."""
    head, body = _split(raw)
    eol = b"\r\n" if b"\r\n" in head else b"\n"
    lines, out, skipping = head.split(eol), [], False
    for line in lines:
        if skipping and line[:1] in (b" ", b"\t"):
            continue
        skipping = line.lower().startswith(name.lower() + b":")
        if not skipping:
            out.append(line)
    out.insert(1 if out else 0, name + b": " + value)
    return eol.join(out) + body


def _address_value(rng):
    return rng.choice([
        b'"Jane <jane@example.net>', b'"Jane\\" <jane@example.net>', b"Jane <jane@example.net",
        b"=?utf-8?q?Ja=00ne?= <jane@example.net>", b"=?utf-8?b?SmEAbmU=?= <jane@example.net>",
        b"Jane <ja\x01ne@example.net>", b"Jane <ja\x7fne@example.net>", b"Jane <ja\xffne@example.net>",
        b"Jane <jane@exa\xe9mple.net>", "Jäne <jäne@exämple.net>".encode(), "日本 <日本@example.jp>".encode(),
        b"Friends: jane@example.net, bob@example.net;", b"undisclosed-recipients:;", b"<>", b"@", b"",
        b"Jane " + b"(" * rng.randrange(40, 4000) + b" <jane@example.net>",
        b"(" * rng.randrange(40, 3000) + b")" * rng.randrange(0, 3000) + b"jane@example.net",
        b"Jane <jane@example.net>, Bob <bob@example.net>", b"jane@@example.net", b"\"\" <@example.net>",
    ])


def broken_address(raw, rng):
    return _set_header(raw, rng.choice([b"From", b"From", b"Reply-To", b"Sender", b"Cc", b"To"]),
                       _address_value(rng))


def deep_nesting(raw, rng):
    depth = rng.randrange(40, 5000)
    name = rng.choice([b"From", b"Cc", b"Reply-To", b"Content-Type", b"Message-ID", b"In-Reply-To",
                       b"Date", b"Subject", b"Content-Disposition", b"MIME-Version"])
    return _set_header(raw, name, b"text/plain " + b"(" * depth + b"x" + b")" * rng.randrange(depth + 1))


_NAMES = [b"evil%0D%0ABcc%3A%20x%40example.net.txt", b"a%00b.pdf", b"..%2F..%2Fetc%2Fpasswd",
          b"invoice%E2%80%AEtxt.exe", b"%0Aname", b"%FF%FE.png", b"a" * 3000 + b".txt", b"%E2%80%8F.doc",
          b"con.txt", b"%09tab.txt", b"x%5C..%5Cy.bat", b"%20", b""]


def hostile_filename(raw, rng):
    name = rng.choice(_NAMES)
    params = rng.choice([b"filename*=utf-8''" + name, b'filename="' + name.replace(b"%", b"=") + b'"',
                         b'filename="=?utf-8?q?' + name.replace(b"%", b"=") + b'?="',
                         b'filename*0*=utf-8\'\'' + name + b'; filename*1="' + name[:10] + b'"'])
    part = (b"--fz\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; " + params +
            b"\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n--fz--\r\n")
    head, _ = _split(raw)         # the body is replaced: its MIME shape went with the old Content-Type
    text = b"--fz\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attachment.\r\n"
    mixed = _set_header(head + b"\r\n\r\n", b"Content-Type", b'multipart/mixed; boundary="fz"')
    return _set_header(mixed, b"MIME-Version", b"1.0") + text + part


def truncate(raw, rng):
    return raw[:rng.randrange(1, max(2, len(raw)))]


def duplicate_headers(raw, rng):
    head, body = _split(raw)
    fields = [m.group("name") for m in _HEADER.finditer(head)] or [b"From"]
    eol = b"\r\n" if b"\r\n" in head else b"\n"
    extra = [rng.choice(fields) + b": " + _address_value(rng) for _ in range(rng.randrange(1, 4))]
    return head + eol + eol.join(extra) + body


def broken_boundary(raw, rng):
    found = re.search(rb'boundary="?([^";\r\n]+)"?', raw, re.IGNORECASE)
    if not found:
        return raw.replace(b"\r\n\r\n", b"\r\n\r\n--x\r\nContent-Type: text/plain\r\n", 1)
    old = found.group(1)
    return rng.choice([raw.replace(b"--" + old + b"--", b""), raw.replace(old, old[:-1], 1),
                       raw.replace(b"--" + old, b"--" + old + b"--"), raw.replace(old, b"", 1)])


def odd_charset(raw, rng):
    value = rng.choice([b"x-unknown", b"utf-8\x00", b"unicode-1-1-utf-7", b"utf-16", b"iso-2022-jp-2004",
                        b'"', b"a" * 500, b"cp65001", b"utf-32-le", b"=?utf-8?q?x?="])
    if re.search(rb"charset=", raw, re.IGNORECASE):
        return re.sub(rb'charset="?[^";\s]*"?', lambda _: b"charset=" + value, raw, count=rng.randrange(1, 4),
                      flags=re.IGNORECASE)
    return _set_header(raw, b"Content-Type", b"text/plain; charset=" + value)


def nul_bytes(raw, rng):
    data = bytearray(raw)
    for _ in range(rng.randrange(1, 6)):
        data.insert(rng.randrange(len(data) + 1), 0)
    return bytes(data)


def eight_bit_header(raw, rng):
    head, body = _split(raw)
    noise = bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 20)))
    name = rng.choice([b"Subject", b"From", b"X-Note", b"Content-Type", b"Message-ID", b"To"])
    return _set_header(head + body, name, b"caf" + noise + b" <" + noise + b"@example.net>")


def huge_parameter(raw, rng):
    size = rng.randrange(1000, 60000)
    value = rng.choice([b"a" * size, b"=?utf-8?q?" + b"=C3=A9" * (size // 6) + b"?=", b'"' + b"\\" * size + b'"'])
    param = rng.choice([b"name", b"filename", b"charset", b"boundary", b"x"])
    return _set_header(raw, rng.choice([b"Content-Type", b"Content-Disposition"]),
                       b"text/plain; " + param + b"=" + value)


def flip_bytes(raw, rng):
    data = bytearray(raw)
    for _ in range(rng.randrange(1, 30)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def bad_transfer_encoding(raw, rng):
    return _set_header(raw, b"Content-Transfer-Encoding",
                       rng.choice([b"base64", b"quoted-printable", b"x-uuencode", b"8bit\x00", b"binary", b"7bit"]))


NAMED = [broken_address, deep_nesting, hostile_filename]
RANDOM = [truncate, duplicate_headers, broken_boundary, odd_charset, nul_bytes, eight_bit_header,
          huge_parameter, flip_bytes, bad_transfer_encoding]


def mutate(raw, rng):
    """(mutated bytes, names of the mutations): one named fault class half of the time, plus
    one to three random kinds of damage."""
    applied = []
    if rng.random() < 0.5:
        applied.append(rng.choice(NAMED))
    applied += [rng.choice(NAMED + RANDOM) for _ in range(rng.randrange(1, 4))]
    for mutation in applied:
        raw = mutation(raw, rng)
    return raw, [m.__name__ for m in applied]
