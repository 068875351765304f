#!/usr/bin/env python3
"""Generate tests/corpus2: adversarial Code of Conduct reports for the scrubber.

Every message is written as the raw bytes a real client or list server would send
(CRLF line ends, real MIME structure and transfer encodings), together with its entry
in tests/corpus2/manifest.json. Binary attachments (JPEG/PNG/GIF/WebP/TIFF/HEIC images,
PDFs, Office/OpenDocument packages, archives, UTF-16 text) are made here with Pillow,
pikepdf and zipfile so they are real and reproducible: every random choice comes from a
generator seeded with the file name, and every date is fixed.

    python tools/make_corpus2.py          # (re)writes tests/corpus2/*.eml and manifest.json

manifest.json is written by this script too (edit the entries here, not the JSON). Every entry
has the same keys: class, mail_from, reporters, ack_to, conflicts, must_not_receive,
must_receive, evidence, office_evidence, withheld, cleaned, remote_urls, notes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import random
import string
import struct
import sys
import uuid
import zipfile
from email import quoprimime
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus2"
CONDUCT = "conduct@example.org"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]   # active members
UTC = dt.timezone.utc

MESSAGES: dict[str, bytes] = {}
MANIFEST: dict[str, dict] = {}


# --------------------------------------------------------------------------- encodings
def qp(text: str, charset: str = "utf-8") -> str:
    """Quoted-printable body as mail clients write it (76 columns, soft breaks)."""
    data = text.replace("\r\n", "\n").encode(charset)
    return quoprimime.body_encode(data.decode("latin-1"), maxlinelen=76, eol="\n")


def b64(data: bytes, width: int = 76) -> str:
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + width] for i in range(0, len(s), width)) or ""


def ew(text: str, charset: str = "utf-8", q: bool = False) -> str:
    """RFC 2047 encoded word(s), folded; plain text if ASCII."""
    if text.isascii():
        return text
    cs = Charset(charset)
    cs.header_encoding = QP if q else BASE64
    return Header(text, cs, maxlinelen=76, header_name="Subject").encode(linesep="\n")


def addr(name: str | None, email: str, charset: str = "utf-8", q: bool = False) -> str:
    if not name:
        return f"<{email}>"
    if name.isascii():
        special = any(c in name for c in '(),.:;<>@[]"\\\'')
        if special:
            return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + f'" <{email}>'
        return f"{name} <{email}>"
    return f"{ew(name, charset, q)} <{email}>"


def rfc2231(name: str, value: str, charset: str = "utf-8", split: int = 0) -> str:
    enc = quote(value.encode(charset), safe="")
    if not split:
        return f"{name}*={charset}''{enc}"
    chunks = [enc[i:i + split] for i in range(0, len(enc), split)]
    out = []
    for i, c in enumerate(chunks):
        out.append(f"{name}*{i}*={charset.upper()}''{c}" if i == 0 else f"{name}*{i}*={c}")
    return ";\n ".join(out)


def date(y, mo, d, h, mi, s=0, tz=0) -> str:
    return format_datetime(dt.datetime(y, mo, d, h, mi, s, tzinfo=dt.timezone(dt.timedelta(hours=tz))))


def rtok(rng, n, alphabet=string.ascii_letters + string.digits):
    return "".join(rng.choice(alphabet) for _ in range(n))


def rhex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def ruuid(rng, upper=True):
    u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return u.upper() if upper else u


def rb64(rng, nbytes):
    return base64.b64encode(bytes(rng.getrandbits(8) for _ in range(nbytes))).decode()


# --------------------------------------------------------------------------- transport
def dkim(rng, d, s, h, t=1793600000):
    b = rb64(rng, 256)
    lines = [f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={d};",
             f"\ts={s}; t={t};", f"\th={h};", f"\tbh={rb64(rng, 32)};"]
    lines.append("\tb=" + b[:66])
    lines += ["\t" + b[i:i + 70] for i in range(66, len(b), 70)]
    return "\n".join(lines)


def arc(rng, i, d, auth):
    return "\n".join([
        f"ARC-Seal: i={i}; a=rsa-sha256; t=1793600{i}12; cv={'none' if i == 1 else 'pass'};",
        f"\td={d}; s=arc-20240605;",
        f"\tb={rb64(rng, 96)}",
        f"ARC-Message-Signature: i={i}; a=rsa-sha256; c=relaxed/relaxed; d={d};",
        f"\ts=arc-20240605; h=to:subject:message-id:date:from:mime-version:dkim-signature;",
        f"\tbh={rb64(rng, 32)};",
        f"\tb={rb64(rng, 96)}",
        f"ARC-Authentication-Results: i={i}; {auth}",
    ])


def received(rng, helo, ip, by, when, rcpt=CONDUCT, software="Postfix", proto="ESMTPS"):
    return (f"Received: from {helo} ({helo} [{ip}])\n\tby {by} ({software}) with {proto} id "
            f"{rtok(rng, 12, string.ascii_uppercase + string.digits)}\n\tfor <{rcpt}>; {when}")


def transport(rng, mail_from, from_domain, when, *, relay="smtp-out.example.net", ip="192.0.2.45",
              dkim_d=None, selector="s1", arc_d=None, extra="", internal=None):
    """Headers added on the way to mx1.example.org, most recent first."""
    dkim_d = dkim_d or from_domain
    auth = (f"mx1.example.org;\n\tdkim=pass header.d={dkim_d} header.s={selector};\n"
            f"\tspf=pass (domain of {mail_from} designates {ip} as permitted sender) "
            f"smtp.mailfrom={mail_from};\n\tdmarc=pass (p=NONE) header.from={from_domain}")
    out = [f"Return-Path: <{mail_from}>", f"Delivered-To: {CONDUCT}",
           received(rng, relay, ip, "mx1.example.org", when)]
    if internal:
        out.append(internal)
    out.append(f"Authentication-Results: {auth}")
    if arc_d:
        out.append(arc(rng, 1, arc_d, auth.replace("mx1.example.org;\n\t", "mx1.example.org; ")))
    if extra:
        out.append(extra)
    out.append(dkim(rng, dkim_d, selector, "from:to:subject:date:message-id:mime-version:content-type"))
    return "\n".join(out)


# --------------------------------------------------------------------------- MIME parts
def tpart(text, subtype="plain", charset="utf-8", cte="quoted-printable", params="", extra=""):
    cs = f'"{charset}"' if charset.lower() in ("utf-8", "us-ascii") and not params.startswith("!") else charset
    params = params.lstrip("!")
    if cte == "quoted-printable":
        body = qp(text, charset)
    elif cte == "base64":
        body = b64(text.replace("\r\n", "\n").replace("\n", "\r\n").encode(charset))
    elif cte == "7bit":
        body = text.encode(charset).decode("ascii")
    else:                       # 8bit: written as is (utf-8 only)
        body = text
    head = f"Content-Type: text/{subtype}; charset={cs}{params}\nContent-Transfer-Encoding: {cte}\n"
    return head + extra + "\n" + body.rstrip("\n") + "\n"


def apart(data: bytes, ctype: str, filename: str | None, *, style="plain", disp="attachment",
          cte="base64", extra="", name_param=True, charset=None):
    """An attachment part. style: plain | 2231 | 2231split | 2047 (Outlook) | 2047-iso2022jp."""
    ct = ctype + (f"; charset={charset}" if charset else "")
    if filename is None:
        fn_ct = fn_cd = ""
    elif style == "plain":
        q = '"' + filename.replace('"', '\\"') + '"'
        fn_ct, fn_cd = f';\n name={q}', f';\n filename={q}'
    elif style == "2231":
        fn_ct, fn_cd = f';\n {rfc2231("name", filename)}', f';\n {rfc2231("filename", filename)}'
    elif style == "2231split":
        fn_ct = f';\n name="{ew(filename)}"'
        fn_cd = ";\n " + rfc2231("filename", filename, split=24)
    elif style.startswith("2047"):
        cs = "iso-2022-jp" if style.endswith("iso2022jp") else "utf-8"
        e = '"' + ew(filename, cs) + '"'
        fn_ct, fn_cd = f";\n name={e}", f";\n filename={e}"
    else:
        raise ValueError(style)
    head = f"Content-Type: {ct}{fn_ct if name_param else ''}\n"
    if disp:
        head += f"Content-Disposition: {disp}{fn_cd}\n"
    head += extra
    if cte == "base64":
        body = b64(data)
    elif cte == "quoted-printable":
        body = quoprimime.body_encode(data.decode("latin-1"), maxlinelen=76, eol="\n")
    else:
        body = data.decode("utf-8")
    head += f"Content-Transfer-Encoding: {cte}\n"
    return head + "\n" + body.rstrip("\n") + "\n"


def rfc822part(inner: str, filename=None, ctype="message/rfc822", disp="attachment", cte=None):
    head = f"Content-Type: {ctype}" + (f';\n name="{filename}"' if filename else "") + "\n"
    if disp:
        head += f"Content-Disposition: {disp}" + (f';\n filename="{filename}"' if filename else "") + "\n"
    if cte == "base64":
        return head + "Content-Transfer-Encoding: base64\n\n" + b64(crlf(inner).encode("utf-8")) + "\n"
    if cte:
        head += f"Content-Transfer-Encoding: {cte}\n"
    return head + "\n" + inner.rstrip("\n") + "\n"


def multipart(subtype, boundary, parts, preamble="", params=""):
    s = f'Content-Type: multipart/{subtype};{params}\n boundary="{boundary}"\n\n'
    if preamble:
        s += preamble + "\n"
    for p in parts:
        s += f"--{boundary}\n{p}\n"
    return s + f"--{boundary}--\n"


def crlf(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\n", "\r\n")


def save(name, head, body, entry, allow_utf8=False):
    text = crlf(head.rstrip("\n") + "\n" + body)
    raw = text.encode("utf-8")
    if not allow_utf8 and not text.isascii():
        bad = sorted({c for c in text if ord(c) > 127})
        if not entry.get("_8bit"):
            raise ValueError(f"{name}: non-ASCII {bad[:5]}")
    entry.pop("_8bit", None)
    assert name.endswith(".eml") and name not in MESSAGES, name
    MESSAGES[name] = raw
    MANIFEST[name] = entry


def R(name, addresses, name_parts, other=()):
    return {"name": name, "addresses": list(addresses), "name_parts": list(name_parts),
            "other_identifiers": list(other)}


def M(cls, mail_from, reporters, ack_to, evidence, notes, *, must_not=(), conflicts=None,
      withheld=(), cleaned=(), office_evidence=(), remote_urls=(), eightbit=False):
    e = {"class": cls, "mail_from": mail_from, "reporters": reporters, "ack_to": ack_to,
         "conflicts": conflicts or {}, "must_not_receive": list(must_not),
         "must_receive": [m for m in MEMBERS if m not in must_not], "evidence": list(evidence),
         "office_evidence": list(office_evidence), "withheld": list(withheld),
         "cleaned": list(cleaned), "remote_urls": list(remote_urls), "notes": notes}
    if eightbit:
        e["_8bit"] = True
    return e


def conflict(member, person):
    return {member: [{"name": person["name"], "emails": person["addresses"][:1]}]}


# --------------------------------------------------------------------------- client styles
def ids(client, rng, domain):
    """(Message-ID, boundary factory, client headers) in the style of each client."""
    if client == "gmail":
        mid = f"<CA{rtok(rng, 1, 'ABCDEFGHJKLMNPQRSTUVWXYZ+')}{rtok(rng, 40, string.ascii_letters + string.digits + '_-+=')}@mail.gmail.example.com>"
        return mid, (lambda: "000000000000" + rhex(rng, 16)), ""
    if client in ("outlook", "owa", "outlook-mobile"):
        host = f"{rtok(rng, 2, 'ABDMPSV')}{rng.randint(1, 9)}PR{rng.randint(10, 19):02d}MB{rng.randint(1000, 9999)}"
        mid = f"<{host}{rtok(rng, 12, string.ascii_uppercase + string.digits)}@{host}.eurprd{rng.randint(1, 9):02d}.prod.outlook.example.com>"
        core = host + rtok(rng, 12, string.ascii_uppercase + string.digits) + host + "namprd"
        n = iter(range(10))
        hdr = (f"Thread-Topic: {{topic}}\nThread-Index: {rb64(rng, 22)}\nAccept-Language: en-US\n"
               f"X-MS-Has-Attach: {{hasattach}}\nX-MS-TNEF-Correlator:\n"
               f"X-MS-Exchange-Organization-SCL: -1\nX-MS-Exchange-Organization-AuthAs: Internal\n"
               f"X-MS-Office365-Filtering-Correlation-Id: {ruuid(rng, False)}\n"
               f"X-Originating-IP: [203.0.113.{rng.randint(2, 250)}]\n")
        return mid, (lambda: f"_{next(n):03d}_{core}_"), hdr
    if client in ("apple", "ios"):
        mid = f"<{ruuid(rng)}@{domain}>"
        if client == "apple":
            hdr = "X-Mailer: Apple Mail (2.3776.700.51)\n"
            return mid, (lambda: f"Apple-Mail={'_'}{ruuid(rng)}"), hdr
        return mid, (lambda: f"Apple-Mail-{ruuid(rng)}"), "X-Mailer: iPhone Mail (22B83)\n"
    if client == "thunderbird":
        mid = f"<{ruuid(rng, False)}@{domain}>"
        return mid, (lambda: "------------" + rtok(rng, 24)), \
            "User-Agent: Mozilla Thunderbird\n"
    if client == "k9":
        mid = f"<{ruuid(rng, False)}@{domain}>"
        return mid, (lambda: "----" + rtok(rng, 32, string.ascii_uppercase + string.digits)), \
            "User-Agent: K-9 Mail for Android\n"
    if client == "fairemail":
        mid = f"<{ruuid(rng, False)}@{domain}>"
        return mid, (lambda: f"----=_Part_{rng.randint(10, 99)}_{rng.randint(10**8, 10**9)}.{rng.randint(10**12, 10**13)}"), ""
    if client == "proton":
        mid = f"<{rtok(rng, 44, string.ascii_letters + string.digits + '_-')}=@proton.example.net>"
        return mid, (lambda: "b1_" + rtok(rng, 43)), \
            (f"X-Pm-Message-ID: {rtok(rng, 40)}\nX-Pm-Origin: internal\n"
             "X-Pm-Content-Encryption: end-to-end\nX-Pm-Spamscore: 0\n")
    if client == "fastmail":
        mid = f"<{ruuid(rng, False)}@app.fastmail.example.com>"
        return mid, (lambda: rhex(rng, 32)), \
            "User-Agent: Cyrus-JMAP/3.11.0-alpha0-1108-g3a29173c6-fm-20241108.001-g3a29173c\n"
    if client == "mailer":
        mid = f"<{rhex(rng, 24)}@{domain}>"
        return mid, (lambda: "===============" + str(rng.randint(10**18, 10**19)) + "=="), ""
    raise ValueError(client)


def compose(name, entry, *, client, from_hdr, subject, when, text=None, html=None,
            attachments=(), to=f"{CONDUCT}", cc=None, env=None, extra="", charset="utf-8",
            text_cte="quoted-printable", html_cte="quoted-printable", domain="example.net",
            topic=None, lang="en-US", text_params="", allow_utf8=False, top_override=None):
    """Assemble a message in the client's structure and register it."""
    rng = random.Random(name)
    mid, boundary, chdr = ids(client, rng, domain)
    chdr = chdr.replace("{topic}", topic or subject).replace(
        "{hasattach}", "yes" if attachments else "")
    parts_alt = []
    if text is not None:
        if client == "thunderbird" and not text_params:
            text_params = "!; format=flowed"
        parts_alt.append(tpart(text, "plain", charset, text_cte, text_params))
    if html is not None:
        parts_alt.append(tpart(html, "html", charset, html_cte))
    if len(parts_alt) == 2:
        body = multipart("alternative", boundary(), parts_alt)
    else:
        body = parts_alt[0]
    if top_override:
        body = top_override
    if attachments:
        if client == "apple" and text is not None and html is None:
            body = multipart("mixed", boundary(), [body, *attachments,
                                                   tpart("\n", "plain", charset, "7bit")])
        else:
            body = multipart("mixed", boundary(), [body, *attachments])
    mime = "MIME-Version: 1.0\n"
    if client == "apple":
        mime = "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3776.700.51\\))\n"
    elif client == "ios":
        mime = "Mime-Version: 1.0 (1.0)\n"
    head = (env + "\n" if env else "")
    if client in ("outlook", "owa", "outlook-mobile"):
        head += (f"From: {from_hdr}\nTo: {to}\n" + (f"CC: {cc}\n" if cc else "") +
                 f"Subject: {ew(subject)}\n" + chdr.replace(f"Thread-Topic: {topic or subject}",
                                                           f"Thread-Topic: {ew(topic or subject)}") +
                 f"Date: {when}\nMessage-ID: {mid}\nContent-Language: {lang}\n" + extra + mime)
    else:
        head += (mime + (extra) + f"From: {from_hdr}\nDate: {when}\nMessage-ID: {mid}\n"
                 f"Subject: {ew(subject)}\nTo: {to}\n" + (f"Cc: {cc}\n" if cc else "") + chdr)
        if client == "thunderbird":
            head += f"Content-Language: {lang}\n"
    save(name, head, body, entry, allow_utf8)
    return mid


SIG_IOS = "\n\nSent from my iPhone"
SIG_OUTLOOK_IOS = "\n\nGet Outlook for iOS<https://aka.example.com/o0ukef>"


# --------------------------------------------------------------------------- binaries
FIXED = (2026, 11, 2, 21, 14, 0)


def picture(seed, size=(64, 48), label=""):
    from PIL import Image, ImageDraw
    rng = random.Random(seed)
    im = Image.new("RGB", size, (rng.randint(200, 255), rng.randint(200, 255), rng.randint(200, 255)))
    d = ImageDraw.Draw(im)
    for _ in range(6):
        x, y = rng.randint(0, size[0] - 10), rng.randint(0, size[1] - 6)
        d.rectangle([x, y, x + rng.randint(8, 30), y + rng.randint(3, 6)],
                    fill=(rng.randint(0, 120), rng.randint(0, 120), rng.randint(0, 160)))
    if label:
        d.text((2, size[1] - 12), label, fill=(0, 0, 0))
    return im


def xmp_packet(creator, extra=""):
    return ("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"XMP Core 6.0.0\">\n"
            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
            "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">\n"
            f"   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>\n"
            f"   <xmp:CreatorTool>Pixel 8 camera</xmp:CreatorTool>\n{extra}"
            "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")


def exif_for(artist, owner=None, copyright=None, gps=True, xp_author=None, desc=None):
    from PIL import Image
    ex = Image.Exif()
    ex[0x010F] = "Google"
    ex[0x0110] = "Pixel 8"
    ex[0x0132] = "2026:11:02 21:14:07"
    if artist:
        ex[0x013B] = artist
    if copyright:
        ex[0x8298] = copyright
    if desc:
        ex[0x010E] = desc
    if xp_author:
        ex[0x9C9D] = xp_author.encode("utf-16-le") + b"\0\0"
    exif_ifd = ex.get_ifd(0x8769)
    exif_ifd[0x9003] = "2026:11:02 21:14:07"
    if owner:
        exif_ifd[0xA430] = owner
    exif_ifd[0xA431] = "38E4A0012345"
    if gps:
        g = ex.get_ifd(0x8825)
        g[0] = b"\x02\x02\x00\x00"
        g[1] = "N"
        g[2] = (52.0, 31.0, 12.48)
        g[3] = "E"
        g[4] = (13.0, 24.0, 36.9)
    return ex


def jpeg(seed, exif=None, xmp=None, comment=None):
    im = picture(seed)
    buf = io.BytesIO()
    kw = {}
    if exif is not None:
        kw["exif"] = exif.tobytes()
    if xmp:
        kw["xmp"] = xmp.encode("utf-8")
    if comment:
        kw["comment"] = comment
    im.save(buf, "JPEG", quality=70, **kw)
    return buf.getvalue()


def png(seed, texts=(), itxt=(), label=""):
    from PIL import PngImagePlugin
    im = picture(seed, label=label)
    info = PngImagePlugin.PngInfo()
    for k, v in texts:
        info.add_text(k, v)
    for k, v in itxt:
        info.add_itxt(k, v)
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=info, optimize=False)
    return buf.getvalue()


def gif(seed, comment):
    im = picture(seed).convert("P", palette=1, colors=16)
    buf = io.BytesIO()
    im.save(buf, "GIF", comment=comment.encode("utf-8"))
    return buf.getvalue()


def webp(seed, exif, xmp):
    im = picture(seed)
    buf = io.BytesIO()
    im.save(buf, "WEBP", quality=60, exif=exif.tobytes(), xmp=xmp.encode("utf-8"))
    return buf.getvalue()


def tiff(seed, artist, desc):
    from PIL import TiffImagePlugin
    im = picture(seed)
    info = TiffImagePlugin.ImageFileDirectory_v2()
    info[315] = artist
    info[270] = desc
    info[305] = "Adobe Photoshop 25.0 (Windows)"
    info[306] = "2026:11:02 21:14:07"
    buf = io.BytesIO()
    im.save(buf, "TIFF", tiffinfo=info, compression="tiff_lzw")
    return buf.getvalue()


def heic(seed, exif, xmp):
    import pillow_heif
    im = picture(seed)
    buf = io.BytesIO()
    pillow_heif.from_pillow(im).save(buf, quality=40, exif=exif.tobytes(), xmp=xmp.encode("utf-8"))
    return buf.getvalue()


# ---- PDF, written by hand so that revisions and dates are exact and reproducible
def pdf_string(s):
    if s.isascii():
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def pdf_build(objects, root=1, info=None, updates=()):
    """objects: {num: body-bytes}. updates: list of {num: body} appended as incremental revisions."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(f"{num} 0 obj\n".encode() + objects[num] + b"\nendobj\n")
    size = max(objects) + 1
    xref = out.tell()
    out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode())
    for num in range(1, size):
        out.write((f"{offsets[num]:010d} 00000 n \n" if num in offsets else "0000000000 00001 f \n").encode())
    trailer = f"/Size {size} /Root {root} 0 R" + (f" /Info {info} 0 R" if info else "")
    fid = hashlib.md5(repr(sorted(objects.items())).encode()).hexdigest().upper()
    out.write(f"trailer\n<< {trailer} /ID [<{fid}> <{fid}>] >>\nstartxref\n{xref}\n%%EOF\n".encode())
    prev = xref
    for upd in updates:
        offs = {}
        for num in sorted(upd):
            offs[num] = out.tell()
            out.write(f"{num} 0 obj\n".encode() + upd[num] + b"\nendobj\n")
        size = max(size, max(upd) + 1)
        x = out.tell()
        out.write(b"xref\n")
        for num in sorted(upd):
            out.write(f"{num} 1\n{offs[num]:010d} 00000 n \n".encode())
        out.write(f"trailer\n<< /Size {size} /Root {root} 0 R".encode() +
                  (f" /Info {info} 0 R".encode() if info else b"") +
                  f" /Prev {prev} /ID [<{fid}> <{fid}>] >>\nstartxref\n{x}\n%%EOF\n".encode())
        prev = x
    return out.getvalue()


def pdf_doc(lines, info=None, xmp=None, annots=(), fields=(), updates=()):
    content = "BT /F1 11 Tf 50 780 Td 14 TL\n" + "".join(
        f"{pdf_string(l.encode('latin-1', 'replace').decode('latin-1'))} Tj T*\n" for l in lines) + "ET"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R" + (b" /Metadata 7 0 R" if xmp else b"") +
           (b" /AcroForm << /Fields [" + b" ".join(f"{20 + i} 0 R".encode() for i in range(len(fields))) +
            b"] /NeedAppearances true /DA (/Helv 0 Tf 0 g) >>" if fields else b"") + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >>" +
            ((b" /Annots [" + b" ".join(f"{10 + i} 0 R".encode() for i in range(len(annots))) +
              b" " + b" ".join(f"{20 + i} 0 R".encode() for i in range(len(fields))) + b"]")
             if annots or fields else b"") + b" >>"),
        4: f"<< /Length {len(content)} >>\nstream\n{content}\nendstream".encode("latin-1"),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    if info:
        objs[6] = ("<< " + " ".join(f"/{k} {pdf_string(v)}" for k, v in info.items()) + " >>").encode()
    if xmp:
        data = xmp.encode("utf-8")
        objs[7] = f"<< /Type /Metadata /Subtype /XML /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"
    for i, a in enumerate(annots):
        objs[10 + i] = a.encode("latin-1")
    for i, f in enumerate(fields):
        objs[20 + i] = f.encode("latin-1")
    return pdf_build(objs, info=6 if info else None, updates=updates)


# ---- Office Open XML and OpenDocument packages
def zipped(files, mimetype_first=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if mimetype_first:
            zi = zipfile.ZipInfo("mimetype", FIXED)
            z.writestr(zi, mimetype_first, compress_type=zipfile.ZIP_STORED)
        for path, data in files.items():
            zi = zipfile.ZipInfo(path, FIXED)
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data.encode("utf-8") if isinstance(data, str) else data,
                       compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def core_xml(creator, modified_by, title="", description=""):
    return (XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dc:description>{description}</dc:description>'
            f'<cp:lastModifiedBy>{modified_by}</cp:lastModifiedBy><cp:revision>3</cp:revision>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-02T20:41:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-02T21:09:00Z</dcterms:modified>'
            '</cp:coreProperties>')


def app_xml(app, company="", manager=""):
    return (XML + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'<Template>Normal.dotm</Template><TotalTime>28</TotalTime><Application>{app}</Application>'
            f'<Manager>{manager}</Manager><Company>{company}</Company><AppVersion>16.0000</AppVersion></Properties>')


def custom_xml(props):
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
        for i, (k, v) in enumerate(props.items()))
    return (XML + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>')


def docx(paragraphs, core, app, custom=None, comments=(), insertions=(), deletions=()):
    """paragraphs: list of str; comments: list of (author, initials, text, anchor-paragraph index)."""
    body = []
    for i, p in enumerate(paragraphs):
        runs = f'<w:r><w:t xml:space="preserve">{p}</w:t></w:r>'
        for cid, (author, initials, text, at) in enumerate(comments):
            if at == i:
                runs = (f'<w:commentRangeStart w:id="{cid}"/>{runs}<w:commentRangeEnd w:id="{cid}"/>'
                        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{cid}"/></w:r>')
        for j, (author, text, at) in enumerate(insertions):
            if at == i:
                runs += (f'<w:ins w:id="{100 + j}" w:author="{author}" w:date="2026-11-02T21:05:00Z">'
                         f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:ins>')
        for j, (author, text, at) in enumerate(deletions):
            if at == i:
                runs += (f'<w:del w:id="{200 + j}" w:author="{author}" w:date="2026-11-02T21:06:00Z">'
                         f'<w:r><w:delText xml:space="preserve"> {text}</w:delText></w:r></w:del>')
        body.append(f"<w:p>{runs}</w:p>")
    files = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        + ('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>' if comments else "")
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        + ('<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' if custom else "")
        + '</Types>',
        "_rels/.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        + ('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>' if custom else "")
        + '</Relationships>',
        "word/document.xml": XML + f'<w:document {W}><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>',
        "word/_rels/document.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>' if comments else "")
        + '</Relationships>',
        "docProps/core.xml": core,
        "docProps/app.xml": app,
    }
    if custom:
        files["docProps/custom.xml"] = custom
    if comments:
        files["word/comments.xml"] = XML + f"<w:comments {W}>" + "".join(
            f'<w:comment w:id="{i}" w:author="{a}" w:date="2026-11-02T21:00:00Z" w:initials="{ini}">'
            f'<w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:comment>' for i, (a, ini, t, _) in enumerate(comments)) + "</w:comments>"
    return zipped(files)


def utf16(text, bom=True):
    data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-16-le")
    return (b"\xff\xfe" + data) if bom else data


# --------------------------------------------------------------------------- HTML helpers
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def gmail_html(text, quote_html=""):
    paras = text.strip("\n").split("\n")
    inner = "".join(f"<div>{esc(l) if l else '<br>'}</div>" for l in paras)
    return f'<div dir="ltr">{inner}</div>{quote_html}\n'


def simple_html(text, tag="div"):
    return "".join(f"<{tag}>{esc(l) if l else '<br>'}</{tag}>\n" for l in text.strip("\n").split("\n"))


def groups_footer(group, title, mid, html=False):
    msgid = quote(mid.strip("<>"), safe="")
    if not html:
        return (f"\n\n-- \nYou received this message because you are subscribed to the Google Groups "
                f"\"{title}\" group.\nTo unsubscribe from this group and stop receiving emails from it, send "
                f"an email to {group}+unsubscribe@googlegroups.example.com.\nTo view this discussion visit "
                f"https://groups.google.example.com/d/msgid/{group}/{msgid}.\n")
    return (f"\n<p></p>\n\n-- <br />\nYou received this message because you are subscribed to the Google Groups "
            f"&quot;{title}&quot; group.<br />\nTo unsubscribe from this group and stop receiving emails from it, "
            f"send an email to <a href=\"mailto:{group}+unsubscribe@googlegroups.example.com\">"
            f"{group}+unsubscribe@googlegroups.example.com</a>.<br />\nTo view this discussion visit "
            f"<a href=\"https://groups.google.example.com/d/msgid/{group}/{msgid}?utm_medium=email&amp;utm_source=footer\">"
            f"https://groups.google.example.com/d/msgid/{group}/{msgid}</a>.<br />\n")


def groups_env(rng, group, author_addr, author_from, when, group_id):
    bounce = f"{group}+bnc{rtok(rng, 40, string.ascii_uppercase + string.digits)}@googlegroups.example.com"
    d = author_addr.split("@")[1]
    auth = (f"gmr-mx.google.example.com;\n       dkim=pass header.i=@{d} header.s=s1;\n"
            f"       spf=pass (google.example.com: domain of {author_addr} designates 192.0.2.77 as permitted sender) "
            f"smtp.mailfrom={author_addr};\n       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={d}")
    env = "\n".join([
        f"Return-Path: <{bounce}>",
        f"Delivered-To: {CONDUCT}",
        received(rng, "mail-yb1-f190.google.example.com", "198.51.100.190", "mx1.example.org", when),
        f"Authentication-Results: mx1.example.org;\n\tdkim=pass header.d=googlegroups.example.com header.s=20230601;\n"
        f"\tspf=pass smtp.mailfrom={bounce};\n\tdmarc=pass (p=NONE) header.from=googlegroups.example.com",
        arc(rng, 2, "google.example.com", "mx.google.example.com; dkim=pass header.i=@googlegroups.example.com"),
        dkim(rng, "googlegroups.example.com", "20230601",
             "sender:list-unsubscribe:list-subscribe:list-archive:list-help:list-post:list-id:mailing-list:precedence:x-original-from:reply-to:x-original-authentication-results:x-original-sender:mime-version:subject:message-id:to:from:date"),
        f"X-Original-To: {CONDUCT}",
        f"Sender: {group}@googlegroups.example.com",
        f"X-Original-Sender: {author_addr}",
        f"X-Original-Authentication-Results: {auth}",
        f"X-Original-From: {author_from}",
        f"Reply-To: {author_from}",
        "Precedence: list",
        f"Mailing-list: list {group}@googlegroups.example.com; contact {group}+owners@googlegroups.example.com",
        f"List-ID: <{group}.googlegroups.example.com>",
        f"X-Spam-Checked-In-Group: {group}@googlegroups.example.com",
        f"X-Google-Group-Id: {group_id}",
        f"List-Post: <https://groups.google.example.com/group/{group}/post>, <mailto:{group}@googlegroups.example.com>",
        f"List-Help: <https://support.google.example.com/a/example.org/bin/topic.py?topic=25838>,\n <mailto:{group}+help@googlegroups.example.com>",
        f"List-Archive: <https://groups.google.example.com/group/{group}/>",
        f"List-Unsubscribe: <mailto:googlegroups-manage+{group_id}+unsubscribe@googlegroups.example.com>,\n"
        f" <https://groups.google.example.com/group/{group}/subscribe>",
        f"X-Received: by 2002:a05:6902:1b89:b0:e2e:{rhex(rng, 4)}:{rhex(rng, 4)} with SMTP id {rtok(rng, 30)};\n        {when}",
    ])
    return bounce, env


# =========================================================================== 1 list-rewrite
def list_rewrite():
    # ---- Google Groups, English, Gmail, conflict (Chidi) with the real author
    name = "google-groups-via-rewrite.eml"
    rng = random.Random(name + "env")
    noa = R("Noa Fischer", ["noa.fischer@example.net"], ["Noa", "Fischer"],
            ["@noafischer", "noafischer", "+49 170 5550123", "Fischer Consulting GmbH"])
    when = date(2026, 11, 1, 21, 3, 44, 1)
    bounce, env = groups_env(rng, "sprint-organizers", "noa.fischer@example.net",
                             "Noa Fischer <noa.fischer@example.net>", when, "814926053271")
    text = ("Hi all,\n\nI'm reporting something that happened at the Saturday sprint. Gregor Lindqvist "
            "(gregor.lindqvist@example.com) said to me in front of the whole table: \"If you can't take a joke, "
            "don't come to the sprint.\" Later in the sprint chat he wrote \"we only keep you around for the "
            "photos\" and two people reacted with a laughing emoji.\n\n"
            "I'm on the sprint chat as @noafischer if you want to check the history, or call me on "
            "+49 170 5550123.\n\nThanks,\nNoa Fischer\nFischer Consulting GmbH")
    mid_holder = random.Random(name)
    mid = ids("gmail", mid_holder, "")[0]
    foot_t = groups_footer("sprint-organizers", "Sprint Organizers", mid)
    foot_h = groups_footer("sprint-organizers", "Sprint Organizers", mid, html=True)
    compose(name, M("list-rewrite", bounce, [noa], "noa.fischer@example.net",
                    ["gregor.lindqvist@example.com", "If you can't take a joke, don't come to the sprint.",
                     "we only keep you around for the photos"],
                    "Google Groups DMARC rewrite: From is \"'Noa Fischer' via Sprint Organizers\"; the author is in "
                    "X-Original-From/X-Original-Sender/Reply-To and the footer's msgid URL. Chidi has a declared conflict "
                    "with the author, so only the rewrite resolution can keep him out. The ack must go to the author, never the group.",
                    must_not=["chidi@example.org"], conflicts=conflict("chidi@example.org", noa)),
            client="gmail", from_hdr="\"'Noa Fischer' via Sprint Organizers\" <sprint-organizers@googlegroups.example.com>",
            subject="Incident at Saturday's sprint", when=when, text=text + foot_t,
            html=gmail_html(text) + foot_h, to="Sprint Organizers <sprint-organizers@googlegroups.example.com>",
            cc=CONDUCT, env=env)

    # ---- Google Groups, Polish, quote marks in the display name
    name = "google-groups-quoted-display-name-polish.eml"
    rng = random.Random(name + "env")
    kasia = R('Katarzyna "Kasia" Wróblewska', ["kasia.wroblewska@example.net"],
              ["Katarzyna", "Kasia", "Wróblewska"], ["kwroblewska", "Katarzyny", "Wróblewskiej"])
    when = date(2026, 11, 3, 8, 12, 5, 1)
    author_from = '=?UTF-8?Q?Katarzyna_=22Kasia=22_Wr=C3=B3blewska?= <kasia.wroblewska@example.net>'
    bounce, env = groups_env(rng, "pywaw-orga", "kasia.wroblewska@example.net", author_from, when, "552019384710")
    text = ("Cześć,\n\npiszę w sprawie zachowania Marka Zielińskiego (marek.z@example.com) na ostatnim meetupie.\n"
            "Po mojej prezentacji podszedł i powiedział: „Kobiety nie powinny prowadzić warsztatów z C++, "
            "to nie wasz poziom.”\nPotem napisał do mnie na Signalu: „Jak chcesz, mogę cię nauczyć prywatnie, "
            "u mnie w domu.”\n\nZrzuty ekranu mogę przesłać osobno. Proszę nie podawać mojego nazwiska "
            "(kwroblewska na Discordzie; w programie jest „warsztat Katarzyny Wróblewskiej”).\n\nPozdrawiam\nKasia Wróblewska")
    mid = ids("gmail", random.Random(name), "")[0]
    compose(name, M("list-rewrite", bounce, [kasia], "kasia.wroblewska@example.net",
                    ["marek.z@example.com", "Kobiety nie powinny prowadzić warsztatów z C++, to nie wasz poziom.",
                     "mogę cię nauczyć prywatnie, u mnie w domu."],
                    "Google Groups rewrite where the author's display name itself contains quote marks (Google escapes "
                    "them inside its own quotes); X-Original-From is Q-encoded; Polish inflected surname "
                    "(Wróblewskiej) listed as an identifier."),
            client="gmail",
            from_hdr=ew("'Katarzyna \"Kasia\" Wróblewska' via PyWaw Organizacja", q=True) + " <pywaw-orga@googlegroups.example.com>",
            subject="Zgłoszenie: zachowanie na meetupie #47", when=when,
            text=text + groups_footer("pywaw-orga", "PyWaw Organizacja", mid),
            html=gmail_html(text) + groups_footer("pywaw-orga", "PyWaw Organizacja", mid, True),
            to="PyWaw Organizacja <pywaw-orga@googlegroups.example.com>", env=env)

    # ---- Mailman 3 DMARC mitigation, French, Thunderbird 8bit, conflict (Ana) with the author
    name = "mailman3-dmarc-mitigation-french.eml"
    rng = random.Random(name + "env")
    elo = R("Élodie Marchand", ["elodie.marchand@example.net"], ["Élodie", "Marchand"],
            ["+33 6 55 50 12 34"])
    when = date(2026, 11, 4, 19, 40, 2, 1)
    h = rtok(rng, 32, string.ascii_uppercase + string.digits)
    env = "\n".join([
        "Return-Path: <orga-bounces+conduct=example.org@lists.example.org>",
        f"Delivered-To: {CONDUCT}",
        received(rng, "mail.lists.example.org", "203.0.113.20", "mx1.example.org", when),
        f"Received: from mail.lists.example.org (localhost [127.0.0.1])\n\tby mail.lists.example.org (Postfix) with ESMTP id 4RB1x12Qm9z9sRt;\n\t{when}",
        received(rng, "smtp.example.net", "192.0.2.88", "mail.lists.example.org", when, rcpt="orga@lists.example.org"),
        "Authentication-Results: mx1.example.org; dkim=pass header.d=lists.example.org;\n\tspf=pass smtp.mailfrom=orga-bounces+conduct=example.org@lists.example.org;\n\tdmarc=pass header.from=lists.example.org",
        dkim(rng, "lists.example.org", "mm3", "from:reply-to:subject:date:to:cc:mime-version:content-type:list-id"),
        f"Reply-To: {ew('Élodie Marchand', q=True)} <elodie.marchand@example.net>",
        f"Message-ID-Hash: {h}",
        f"X-Message-ID-Hash: {h}",
        "X-MailFrom: elodie.marchand@example.net",
        "X-Mailman-Rule-Misses: dmarc-mitigation; no-senders; approved; emergency; loop; banned-address;\n member-moderation; nonmember-moderation; administrivia; implicit-dest; max-recipients;\n max-size; news-moderation; no-subject; digests; suspicious-header",
        "X-Mailman-Version: 3.3.9",
        "Precedence: list",
        'List-Id: "Orga PyCon FR" <orga.lists.example.org>',
        f"Archived-At: <https://lists.example.org/archives/list/orga@lists.example.org/message/{h}/>",
        "List-Archive: <https://lists.example.org/archives/list/orga@lists.example.org/>",
        "List-Help: <mailto:orga-request@lists.example.org?subject=help>",
        "List-Owner: <mailto:orga-owner@lists.example.org>",
        "List-Post: <mailto:orga@lists.example.org>",
        "List-Subscribe: <mailto:orga-join@lists.example.org>",
        "List-Unsubscribe: <mailto:orga-leave@lists.example.org>",
    ])
    text = ("Bonjour à toutes et à tous,\n\nJe vous écris au sujet de Bastien Roux (bastien.roux@example.com). "
            "Pendant le dîner des bénévoles, il m'a dit devant plusieurs personnes : « Tu as été prise "
            "comme bénévole pour faire joli à l'accueil, pas pour réfléchir. »\nLe lendemain il m'a envoyé "
            "un message privé : « Si tu racontes ça à quelqu'un, tu ne seras plus jamais invitée. »\n\n"
            "Je préfère que mon nom ne soit pas communiqué. Vous pouvez me joindre au +33 6 55 50 12 34.\n\n"
            "Merci,\nÉlodie Marchand\n"
            "_______________________________________________\nOrga mailing list -- orga@lists.example.org\n"
            "To unsubscribe send an email to orga-leave@lists.example.org\n")
    compose(name, M("list-rewrite", "orga-bounces+conduct=example.org@lists.example.org", [elo],
                    "elodie.marchand@example.net",
                    ["bastien.roux@example.com", "pour faire joli à l'accueil, pas pour réfléchir.",
                     "tu ne seras plus jamais invitée."],
                    "Mailman 3 DMARC mitigation (munge From): \"Élodie Marchand via Orga\" <orga@lists...>, the author "
                    "only in Reply-To (Q-encoded) and X-MailFrom; Thunderbird 8bit format=flowed body. Ana (chair) "
                    "declared a conflict with the author.",
                    must_not=["ana@example.org"], conflicts=conflict("ana@example.org", elo), eightbit=True),
            client="thunderbird", from_hdr=f"{ew('Élodie Marchand via Orga PyCon FR', q=True)} <orga@lists.example.org>",
            subject="Comportement d'un bénévole au dîner de samedi", when=when, text=text, text_cte="8bit",
            text_params="!; format=flowed", to="orga@lists.example.org", env=env, lang="fr", allow_utf8=True)

    # ---- Mailman 2.1 "on behalf of", Spanish, Gmail
    name = "mailman2-on-behalf-of-spanish.eml"
    rng = random.Random(name + "env")
    itz = R("Itziar Etxeberria", ["itziar.etxeberria@example.edu"], ["Itziar", "Etxeberria"], ["@itziaretx", "itziaretx"])
    when = date(2026, 11, 5, 10, 2, 51, 1)
    env = "\n".join([
        "Return-Path: <orga-bounces@lists.example.edu>",
        f"Delivered-To: {CONDUCT}",
        received(rng, "lists.example.edu", "198.51.100.7", "mx1.example.org", when),
        f"Received: from lists.example.edu (localhost [IPv6:::1])\n\tby lists.example.edu (Postfix) with ESMTP id 8F1A23C0A9;\n\t{when}",
        received(rng, "mail-wr1-f52.google.example.com", "198.51.100.52", "lists.example.edu", when, rcpt="orga@lists.example.edu"),
        "Authentication-Results: mx1.example.org; dkim=fail (body hash did not verify) header.d=example.edu;\n\tspf=pass smtp.mailfrom=orga-bounces@lists.example.edu; dmarc=pass header.from=lists.example.edu",
        dkim(rng, "example.edu", "google", "mime-version:from:date:message-id:subject:to"),
        "X-BeenThere: orga@lists.example.edu",
        "X-Mailman-Version: 2.1.39",
        "Precedence: list",
        "List-Id: Organizacion PyConES <orga.lists.example.edu>",
        "List-Unsubscribe: <https://lists.example.edu/mailman/options/orga>,\n <mailto:orga-request@lists.example.edu?subject=unsubscribe>",
        "List-Archive: <https://lists.example.edu/pipermail/orga/>",
        "List-Post: <mailto:orga@lists.example.edu>",
        "List-Help: <mailto:orga-request@lists.example.edu?subject=help>",
        "Cc: Itziar Etxeberria <itziar.etxeberria@example.edu>",
        "Errors-To: orga-bounces@lists.example.edu",
        'Sender: "orga" <orga-bounces@lists.example.edu>',
    ])
    text = ("Hola equipo:\n\nQuiero denunciar lo que pasó en la cena de ponentes. Rodrigo Salas "
            "(rodrigo.salas@example.com) me dijo delante de todos: \"Las charlas de las chicas siempre son "
            "de relleno, no te lo tomes a mal.\"\nDespués me escribió por Telegram: \"Si quieres que te acepten "
            "la próxima charla, ya sabes lo que tienes que hacer.\"\n\nEn Telegram soy @itziaretx por si "
            "necesitáis comprobar los mensajes.\n\nUn saludo,\nItziar Etxeberria\n"
            "_______________________________________________\norga mailing list\norga@lists.example.edu\n"
            "https://lists.example.edu/mailman/listinfo/orga\n")
    compose(name, M("list-rewrite", "orga-bounces@lists.example.edu", [itz], "itziar.etxeberria@example.edu",
                    ["rodrigo.salas@example.com", "Las charlas de las chicas siempre son de relleno",
                     "ya sabes lo que tienes que hacer."],
                    "Mailman 2.1 rewrite as Outlook users see it: From display \"orga@lists... on behalf of Itziar "
                    "Etxeberria\" with the list address, Sender orga-bounces, original author only in Cc; Gmail body."),
            client="gmail", from_hdr='"orga@lists.example.edu on behalf of Itziar Etxeberria" <orga@lists.example.edu>',
            subject="Denuncia: comentarios en la cena de ponentes", when=when, text=text,
            html=gmail_html(text), to="orga@lists.example.edu", env=env, domain="example.edu")

    # ---- Microsoft 365 group, Japanese (ISO-2022-JP), Outlook desktop
    name = "microsoft365-group-japanese.eml"
    rng = random.Random(name + "env")
    har = R("Haruka Tanaka", ["haruka.tanaka@example.com"], ["Haruka", "Tanaka"], ["田中 遥", "htanaka"])
    when = date(2026, 11, 6, 9, 15, 3, 9)
    disp = ew("田中 遥", "iso-2022-jp")
    env = "\n".join([
        "Return-Path: <community-team@example.com>",
        f"Delivered-To: {CONDUCT}",
        received(rng, "JP1PR01CU001.outbound.protection.outlook.example.com", "203.0.113.118", "mx1.example.org", when),
        f"Received: from TYCPR01MB8123.jpnprd01.prod.outlook.example.com (2603:1096:400:1b4::9) by\n TYCPR01MB9034.jpnprd01.prod.outlook.example.com with HTTPS; {when}",
        "Authentication-Results: mx1.example.org; dkim=pass header.d=example.com; arc=pass;\n\tspf=pass smtp.mailfrom=community-team@example.com; dmarc=pass header.from=example.com",
        arc(rng, 1, "microsoft.example.com", "mx.microsoft.example.com 1; spf=pass smtp.mailfrom=example.com; dmarc=pass action=none header.from=example.com"),
        dkim(rng, "example.com", "selector1", "From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck"),
        f"Sender: {disp} <haruka.tanaka@example.com>",
        f"Reply-To: {disp} <haruka.tanaka@example.com>",
        "X-MS-Exchange-Organization-Network-Message-Id: 7c1f29a4-5b02-4a7e-9a31-08dcfe5f0b11",
        "X-MS-Exchange-CrossTenant-OriginalArrivalTime: 06 Nov 2026 00:15:03.2201 (UTC)",
        "X-MS-Exchange-CrossTenant-FromEntityHeader: Hosted",
        "X-MS-Exchange-CrossTenant-mailboxtype: HOSTED",
        "X-MS-Exchange-CrossTenant-userprincipalname: haruka.tanaka@example.com",
        "X-MS-Exchange-Transport-CrossTenantHeadersStamped: TYCPR01MB9034",
        "X-MS-Exchange-Organization-ExpirationStartTime: 06 Nov 2026 00:15:05.0000 (UTC)",
        "X-MS-Exchange-Inbox-Rules-Loop: community-team@example.com",
        "X-MS-Exchange-Organization-GroupForwardedMessage: true",
    ])
    text = ("コミュニティ運営チームの皆さま\n\n先週のもくもく会での佐藤 健一さん（k.sato@example.com）の言動について報告します。\n"
            "懇親会で「女の子は受付だけやってればいいんだよ」と言われ、その後 Slack の DM で\n"
            "「二人で飲みに行かないなら次のイベントには呼ばない」と送られてきました。\n\n"
            "私の名前は他の方に伝えないでください。Slack では htanaka です。\n\n田中 遥 (Haruka Tanaka)\n")
    html = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
            'content="text/html; charset=iso-2022-jp"></head><body lang="JA"><div class="WordSection1">' +
            "".join(f'<p class="MsoNormal">{esc(l) if l else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>' for l in text.split("\n")) +
            "</div></body></html>")
    compose(name, M("list-rewrite", "community-team@example.com", [har], "haruka.tanaka@example.com",
                    ["k.sato@example.com", "女の子は受付だけやってればいいんだよ", "二人で飲みに行かないなら次のイベントには呼ばない"],
                    "Microsoft 365 group redistribution: From is the author's (ISO-2022-JP encoded) name with the group "
                    "address, the real address only in Sender/Reply-To and X-MS-Exchange-CrossTenant-userprincipalname; "
                    "body in ISO-2022-JP 7bit, HTML part QP in ISO-2022-JP."),
            client="outlook", from_hdr=f"{disp} <community-team@example.com>", subject="もくもく会での出来事についての報告",
            when=when, text=text, html=html, charset="iso-2022-jp", text_cte="7bit",
            to="Community Team <community-team@example.com>", cc=CONDUCT, env=env, lang="ja-JP", domain="example.com")

    # ---- Sympa "(via orga list)", Portuguese, FairEmail
    name = "sympa-via-list-portuguese.eml"
    rng = random.Random(name + "env")
    bea = R("Beatriz Gonçalves", ["bia.goncalves@example.net"], ["Beatriz", "Gonçalves", "Bia"], ["biagoncalves"])
    when = date(2026, 11, 7, 22, 8, 30, -3)
    env = "\n".join([
        "Return-Path: <orga-owner@lists.example.edu>",
        f"Delivered-To: {CONDUCT}",
        received(rng, "sympa.lists.example.edu", "198.51.100.99", "mx1.example.org", when),
        "Authentication-Results: mx1.example.org; dkim=pass header.d=lists.example.edu;\n\tspf=pass smtp.mailfrom=orga-owner@lists.example.edu; dmarc=pass header.from=lists.example.edu",
        dkim(rng, "lists.example.edu", "sympa", "from:reply-to:subject:date:message-id:to:mime-version:content-type:list-id"),
        f"Reply-To: {ew('Beatriz Gonçalves', q=True)} <bia.goncalves@example.net>",
        f"X-Original-From: {ew('Beatriz Gonçalves', q=True)} <bia.goncalves@example.net>",
        "X-Loop: orga@lists.example.edu",
        "X-Sequence: 1187",
        "Errors-To: orga-owner@lists.example.edu",
        "Precedence: list",
        "Precedence: bulk",
        "Sender: orga-request@lists.example.edu",
        "X-no-archive: yes",
        "List-Id: <orga.lists.example.edu>",
        "List-Help: <mailto:sympa@lists.example.edu?subject=help>",
        "List-Subscribe: <mailto:sympa@lists.example.edu?subject=subscribe%20orga>",
        "List-Unsubscribe: <mailto:sympa@lists.example.edu?subject=unsubscribe%20orga>",
        "List-Post: <mailto:orga@lists.example.edu>",
        "List-Owner: <mailto:orga-request@lists.example.edu>",
        "List-Archive: <https://lists.example.edu/sympa/arc/orga>",
        "X-Sympa-To: orga@lists.example.edu",
        "X-Sympa-Family: eventos",
    ])
    text = ("Olá, comissão,\n\nNa Python Brasil, o Fernando Queiroz (fernando.queiroz@example.com) me "
            "interrompeu três vezes durante a minha palestra e depois disse no corredor: \"Você só foi aprovada "
            "porque precisavam de mulher na grade.\"\nNo grupo do WhatsApp ele escreveu: \"essa aí não sabe nem "
            "o que é um decorator\".\n\nPodem me chamar de Bia (no Instagram sou @biagoncalves). Prefiro que meu nome não seja repassado.\n\n"
            "Abraços,\nBeatriz Gonçalves")
    compose(name, M("list-rewrite", "orga-owner@lists.example.edu", [bea], "bia.goncalves@example.net",
                    ["fernando.queiroz@example.com", "porque precisavam de mulher na grade.",
                     "essa aí não sabe nem o que é um decorator"],
                    "Sympa DMARC protection with phrase name_via_list: From \"Beatriz Gonçalves (via orga list)\" "
                    "<orga@lists...> encoded; author in Reply-To and X-Original-From; nickname Bia in body."),
            client="fairemail", from_hdr=ew("Beatriz Gonçalves (via orga list)", q=True) + " <orga@lists.example.edu>",
            subject="Denúncia - comportamento na Python Brasil", when=when, text=text, text_cte="quoted-printable",
            html=simple_html(text, "p"), to="orga@lists.example.edu", env=env)


def env_for(name, mail_from, when, **kw):
    return transport(random.Random(name + "env"), mail_from, mail_from.split("@")[1], when, **kw)


# =========================================================================== 2 shared-mailbox
def shared_mailbox():
    name = "helpdesk-sender-header.eml"
    tam = R("Tamsin Hargreaves", ["tamsin.hargreaves@makerspace.example.com"], ["Tamsin", "Hargreaves"],
            ["+44 7700 900412"])
    when = date(2026, 11, 2, 16, 20, 11, 0)
    env = env_for(name, "helpdesk@makerspace.example.com", when, relay="mail.makerspace.example.com", ip="203.0.113.61",
                  extra="Sender: Makerspace Helpdesk <helpdesk@makerspace.example.com>")
    text = ("Hello,\n\nI'd like to report Victor Blaine (victor.blaine@example.net) for what he said at the "
            "Thursday soldering night. When I asked him to let someone else use the station he said: "
            "\"Go back to the sewing corner, the real tools are for people who know what they're doing.\" "
            "He then followed me to the car park and said \"I know where you park now.\"\n\n"
            "I'm sending from our helpdesk because I share it with two volunteers, but please reply to me "
            "personally.\n\nTamsin Hargreaves\nVolunteer coordinator\n+44 7700 900412")
    compose(name, M("shared-mailbox", "helpdesk@makerspace.example.com", [tam], "tamsin.hargreaves@makerspace.example.com",
                    ["victor.blaine@example.net", "Go back to the sewing corner, the real tools are for people who know what they're doing.",
                     "I know where you park now."],
                    "Sent through a shared helpdesk: envelope sender and Sender are helpdesk@, From is the person; "
                    "the ack must go to From, and the From name must be scrubbed though the helpdesk name is neutral."),
            client="outlook", from_hdr="Tamsin Hargreaves <tamsin.hargreaves@makerspace.example.com>",
            subject="Report about Thursday soldering night", when=when, text=text, charset="us-ascii",
            html=simple_html(text, "p"), env=env, domain="makerspace.example.com", lang="en-GB")

    name = "outlook-sent-on-behalf-of-german.eml"
    ann = R("Annegret Vollmer", ["annegret.vollmer@uni.example.edu"], ["Annegret", "Vollmer"], ["+49 30 5550 4411"])
    jan = R("Jannik Brandt", ["jannik.brandt@uni.example.edu"], ["Jannik", "Brandt"], [])
    when = date(2026, 11, 3, 11, 5, 0, 1)
    env = env_for(name, "jannik.brandt@uni.example.edu", when, relay="mx-out.uni.example.edu", ip="198.51.100.140")
    text = ("Sehr geehrte Damen und Herren,\n\nich möchte einen Vorfall beim Sprint der Fachgruppe melden. "
            "Holger Steinmetz (h.steinmetz@example.com) sagte zu einer Studentin: \"Frauen gehören nicht in "
            "den Maschinenraum, das ist nichts Persönliches.\" Auf meinen Hinweis antwortete er: \"Dann "
            "beschweren Sie sich doch, mir glaubt sowieso jeder mehr.\"\n\nMein Mitarbeiter Jannik Brandt "
            "versendet diese Nachricht in meinem Auftrag.\n\nMit freundlichen Grüßen\nProf. Dr. Annegret Vollmer\n"
            "Lehrstuhl für Verteilte Systeme\nTel. +49 30 5550 4411")
    compose(name, M("shared-mailbox", "jannik.brandt@uni.example.edu", [ann, jan], "annegret.vollmer@uni.example.edu",
                    ["h.steinmetz@example.com", "Frauen gehören nicht in den Maschinenraum, das ist nichts Persönliches.",
                     "mir glaubt sowieso jeder mehr."],
                    "Outlook \"Jannik Brandt on behalf of Annegret Vollmer\": Sender is the assistant, From the author; "
                    "both identities are protected; German windows-1252 QP."),
            client="outlook", from_hdr="Vollmer, Annegret <annegret.vollmer@uni.example.edu>".replace("Vollmer, Annegret", '"Vollmer, Annegret"'),
            extra="Sender: \"Brandt, Jannik\" <jannik.brandt@uni.example.edu>\n",
            subject="Meldung eines Vorfalls beim Sprint", when=when, text=text, charset="windows-1252",
            html=simple_html(text, "p"), env=env, domain="uni.example.edu", lang="de-DE")

    name = "shared-mailbox-reply-to-personal-portuguese.eml"
    ines = R("Inês Carvalho", ["ines.carvalho@example.net"], ["Inês", "Carvalho"], ["+351 912 555 018"])
    when = date(2026, 11, 4, 14, 33, 9, 0)
    env = env_for(name, "geral@pylisboa.example.org", when, relay="mail-ed1-f41.google.example.com", ip="198.51.100.41")
    text = ("Boa tarde,\n\nEscrevo a partir do email geral da associação, mas sou eu que estou a reportar. "
            "No meetup de outubro o Rui Tavares (rui.tavares@example.com) disse-me à frente de todos: "
            "\"Se não aguentas críticas, volta para o frontend.\" Mais tarde mandou-me uma mensagem: "
            "\"Vê lá se para a próxima vens com uma saia mais curta.\"\n\nPor favor respondam para o meu "
            "email pessoal (está no Responder-para) ou liguem para +351 912 555 018.\n\nObrigada,\nInês Carvalho")
    compose(name, M("shared-mailbox", "geral@pylisboa.example.org", [ines], "ines.carvalho@example.net",
                    ["rui.tavares@example.com", "Se não aguentas críticas, volta para o frontend.",
                     "vens com uma saia mais curta."],
                    "From and envelope are an association's shared mailbox; the person is in Reply-To and the sign-off. "
                    "Ack goes to the personal Reply-To address."),
            client="gmail", from_hdr='"PyLisboa - Geral" <geral@pylisboa.example.org>',
            extra="Reply-To: =?UTF-8?Q?In=C3=AAs_Carvalho?= <ines.carvalho@example.net>\n",
            subject="Queixa sobre o meetup de outubro", when=when, text=text, html=gmail_html(text), env=env,
            domain="pylisboa.example.org")

    name = "zendesk-style-ticket-forward-hindi.eml"
    aar = R("Aarav Mehta", ["aarav.mehta@example.com"], ["Aarav", "Mehta"], ["आरव मेहता", "+91 98765 55012"])
    kav = R("Kavya Raghunathan", ["kavya.r@support.example.com"], ["Kavya", "Raghunathan"], [])
    when = date(2026, 11, 5, 9, 45, 0, 5.5)
    env = env_for(name, "bounces+1187@support.example.com", when, relay="out.support.example.com", ip="203.0.113.200",
                  dkim_d="support.example.com")
    text = ("Hi Conduct team,\n\nForwarding ticket #48213 from our attendee support queue as agreed. "
            "The requester asked us to pass it on.\n\n"
            "----------------------------------------------\n"
            "Requester: Aarav Mehta (aarav.mehta@example.com)\nPhone: +91 98765 55012\n"
            "Submitted via: web form, 4 Nov 2026 18:02 IST\n"
            "----------------------------------------------\n\n"
            "आरव मेहता wrote:\n\n"
            "Rohit Malhotra (rohit.malhotra@example.net) ne mujhe workshop ke baad bola: "
            "\"तुम जैसे लोगों को यहाँ आने ही नहीं देना चाहिए।\"\n"
            "He also said in English: \"Go back to your village and code there.\"\n\n"
            "----------------------------------------------\n\n"
            "Kind regards,\nKavya Raghunathan\nAttendee Support, PyConf India\n")
    compose(name, M("shared-mailbox", "bounces+1187@support.example.com", [aar, kav], "kavya.r@support.example.com",
                    ["rohit.malhotra@example.net", "तुम जैसे लोगों को यहाँ आने ही नहीं देना चाहिए।",
                     "Go back to your village and code there."],
                    "Helpdesk (Zendesk-style) agent forward: requester's name, address and phone in a ticket block in "
                    "the body, Devanagari name in the 'wrote:' line, agent signature; both people are protected."),
            client="mailer", from_hdr='"Kavya Raghunathan (PyConf Support)" <kavya.r@support.example.com>',
            extra="X-Mailer: Zendesk Mailer\nX-Zendesk-From-Account-Id: 7f3c21\nReply-To: PyConf Support <support+id48213@support.example.com>\n",
            subject="[PyConf Support] Fwd: Ticket #48213 - harassment after workshop", when=when, text=text,
            html=simple_html(text, "p"), env=env, domain="support.example.com")


# =========================================================================== 3 forward-inline
def forward_inline():
    name = "volunteer-desk-forward-on-behalf-ios.eml"
    dec = R("Declan Murphy", ["declan.murphy@example.net"], ["Declan", "Murphy"], ["+353 87 555 0142"])
    pri = R("Priya Raman", ["priya.raman@example.com"], ["Priya", "Raman"], ["@priyaraman"])
    when = date(2026, 11, 7, 15, 2, 40, 0)
    text = ("Hi,\n\nForwarded on behalf of Priya Raman, who came to the registration desk at 14:30 and asked me "
            "to send this in for her (she's @priyaraman on the conference Discord, email priya.raman@example.com). "
            "I wrote down what she told me as close to her words as I could:\n\n"
            "\"The man in the green hoodie, badge name Trent Vossberg, kept standing behind me at the sponsor "
            "booth. He said 'Smile, sweetheart, you'd look prettier if you weren't so serious about Rust.' When "
            "I moved away he followed and said 'I'll find you at the party tonight.'\"\n\n"
            "His badge email was trent.vossberg@example.com.\n\nDeclan (desk volunteer)\n+353 87 555 0142" + SIG_IOS)
    compose(name, M("forward-inline", "declan.murphy@example.net", [dec, pri], "declan.murphy@example.net",
                    ["trent.vossberg@example.com", "you'd look prettier if you weren't so serious about Rust.",
                     "I'll find you at the party tonight."],
                    "A desk volunteer types up what an attendee said and sends it from his phone: the attendee's full "
                    "name, handle and address are in the body; both are protected, the ack goes to the volunteer."),
            client="ios", from_hdr="Declan Murphy <declan.murphy@example.net>", subject="Report from the reg desk",
            when=when, text=text, env=env_for(name, "declan.murphy@example.net", when))

    name = "gmail-mensaje-reenviado-spanish.eml"
    cam = R("Camila Restrepo", ["camila.restrepo@example.com"], ["Camila", "Restrepo"], [])
    val = R("Valentina Ortiz", ["valentina.ortiz@example.net"], ["Valentina", "Ortiz"], ["vortiz"])
    when = date(2026, 11, 8, 12, 10, 0, -5)
    fwd = ("---------- Forwarded message ---------\n"
           "De: Valentina Ortiz <valentina.ortiz@example.net>\nDate: sáb, 7 nov 2026 a las 23:41\n"
           "Subject: lo que pasó con Andrés\nTo: Camila Restrepo <camila.restrepo@example.com>\n\n\n"
           "Cami, te cuento porque no sé a quién más decirle. Andrés Quintero (andres.quintero@example.org) "
           "me escribió anoche: \"Si no sales conmigo, me encargo de que nadie en la comunidad te dé trabajo.\"\n"
           "Y hoy en el canal #general puso: \"algunas solo vienen a buscar novio\".\n\nVale (vortiz en GitHub)\n")
    text = ("Hola,\n\nLes reenvío lo que me escribió una amiga; ella me pidió que lo hiciera porque tiene miedo. "
            "Por favor no la contacten sin avisarme antes.\n\nCamila\n\n" + fwd)
    compose(name, M("forward-inline", "camila.restrepo@example.com", [cam, val], "camila.restrepo@example.com",
                    ["andres.quintero@example.org", "me encargo de que nadie en la comunidad te dé trabajo.",
                     "algunas solo vienen a buscar novio"],
                    "Gmail (Spanish UI) forward block: the original reporter in 'De:' and the forwarder in 'To:' of "
                    "the forwarded header block, plus a nickname sign-off; text and HTML (gmail_quote)."),
            client="gmail", from_hdr="Camila Restrepo <camila.restrepo@example.com>", subject="Fwd: lo que pasó con Andrés",
            when=when, text=text, html=gmail_html(text.split("---------- Forwarded")[0],
                                                  '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' +
                                                  simple_html(fwd) + "</div></div>"),
            env=env_for(name, "camila.restrepo@example.com", when), domain="example.com")

    name = "outlook-original-message-block.eml"
    gar = R("Gareth Pembroke", ["gareth.pembroke@example.com"], ["Gareth", "Pembroke"], ["+44 20 7946 0321"])
    olu = R("Olumide Adeyemi", ["olumide.adeyemi@example.net"], ["Olumide", "Adeyemi"], ["oadeyemi"])
    when = date(2026, 11, 9, 9, 12, 0, 0)
    text = ("Hello Conduct Committee,\n\nOlumide asked me to pass the message below on to you; I'm his manager "
            "at work and he trusts me with it. He is happy to talk to you directly.\n\nRegards,\nGareth Pembroke\n"
            "Engineering Manager | +44 20 7946 0321\n\n"
            "-----Original Message-----\nFrom: Olumide Adeyemi <olumide.adeyemi@example.net>\n"
            "Sent: Sunday, November 8, 2026 10:47 PM\nTo: Gareth Pembroke <gareth.pembroke@example.com>\n"
            "Subject: The PyData meetup thing\n\nGareth,\n\nAt the meetup Brent Kowalczyk "
            "(brent.kowalczyk@example.org) called my accent \"impossible to follow, maybe stick to writing "
            "docs\" in front of the whole room, and afterwards in the group chat he posted \"some people "
            "should not be allowed to give talks\".\n\nCould you send this to the conduct people? I don't want "
            "to do it myself.\n\nOlu (oadeyemi)\n")
    compose(name, M("forward-inline", "gareth.pembroke@example.com", [gar, olu], "gareth.pembroke@example.com",
                    ["brent.kowalczyk@example.org", "impossible to follow, maybe stick to writing docs",
                     "some people should not be allowed to give talks"],
                    "Outlook desktop forward with the -----Original Message----- From:/Sent:/To:/Subject: block; "
                    "the original author appears with address, a short name (Olu) and a handle."),
            client="outlook", from_hdr="Gareth Pembroke <gareth.pembroke@example.com>",
            subject="FW: The PyData meetup thing", when=when, text=text, charset="us-ascii", html=simple_html(text, "p"),
            env=env_for(name, "gareth.pembroke@example.com", when), domain="example.com")

    name = "apple-begin-forwarded-message.eml"
    mir = R("Mirela Popescu", ["mirela.popescu@example.net"], ["Mirela", "Popescu"], [])
    sio = R("Siobhan Gallagher", ["siobhan.gallagher@example.edu"], ["Siobhan", "Gallagher"], ["Shiv"])
    when = date(2026, 11, 10, 18, 1, 0, 1)
    text = ("Dear committee,\n\nSiobhan sent me this after the workshop and agreed that I forward it.\n\n"
            "Mirela\n\nBegin forwarded message:\n\nFrom: Siobhan Gallagher <siobhan.gallagher@example.edu>\n"
            "Subject: after the workshop\nDate: 9 November 2026 at 21:58:12 CET\nTo: Mirela Popescu "
            "<mirela.popescu@example.net>\n\nHi Mirela,\n\nClive Ashdown (clive.ashdown@example.com) grabbed my "
            "laptop while I was presenting and said \"let a grown-up drive\". At the break he told me "
            "\"nobody will hire a girl who cries over a merge conflict\".\n\nShiv\n")
    compose(name, M("forward-inline", "mirela.popescu@example.net", [mir, sio], "mirela.popescu@example.net",
                    ["clive.ashdown@example.com", "let a grown-up drive", "nobody will hire a girl who cries over a merge conflict"],
                    "Apple Mail 'Begin forwarded message:' block with From/Subject/Date/To lines; the original "
                    "author signs with a nickname (Shiv)."),
            client="apple", from_hdr="Mirela Popescu <mirela.popescu@example.net>", subject="Fwd: after the workshop",
            when=when, text=text, html='<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word;">' + simple_html(text) + "</body></html>",
            env=env_for(name, "mirela.popescu@example.net", when))

    name = "thunderbird-weitergeleitete-nachricht-german.eml"
    fri = R("Friederike Haas", ["friederike.haas@example.net"], ["Friederike", "Haas"], [])
    meh = R("Mehmet Yılmaz", ["mehmet.yilmaz@example.com"], ["Mehmet", "Yılmaz"], ["Yilmaz", "myilmaz"])
    when = date(2026, 11, 11, 8, 30, 0, 1)
    text = ("Hallo,\n\nMehmet hat mich gebeten, euch das weiterzuleiten.\n\nViele Grüße\nFriederike\n\n"
            "-------- Weitergeleitete Nachricht --------\nBetreff: \tVorfall beim Hackathon\n"
            "Datum: \tTue, 10 Nov 2026 22:14:09 +0100\nVon: \tMehmet Yılmaz <mehmet.yilmaz@example.com>\n"
            "An: \tFriederike Haas <friederike.haas@example.net>\n\n\n\nHi Friederike,\n\nTorsten Ebeling "
            "(torsten.ebeling@example.org) hat beim Hackathon vor meinem Team gesagt: \"Mit solchen Namen "
            "bekommt man hier keinen Merge.\" Später im Chat: \"geh doch zurück, wo du herkommst\".\n\n"
            "Gruß\nMehmet (myilmaz)\n")
    compose(name, M("forward-inline", "friederike.haas@example.net", [fri, meh], "friederike.haas@example.net",
                    ["torsten.ebeling@example.org", "Mit solchen Namen bekommt man hier keinen Merge.",
                     "geh doch zurück, wo du herkommst"],
                    "Thunderbird (German) inline forward: '-------- Weitergeleitete Nachricht --------' with "
                    "tab-separated Betreff/Datum/Von/An; dotless ı in the surname (folds to Yilmaz, listed too)."),
            client="thunderbird", from_hdr="Friederike Haas <friederike.haas@example.net>",
            subject="Fwd: Vorfall beim Hackathon", when=when, text=text, text_cte="8bit", lang="de-DE",
            env=env_for(name, "friederike.haas@example.net", when), allow_utf8=True)

    name = "member-forwards-direct-report.eml"
    lena = R("Lena Vogt", ["lena.vogt@example.net"], ["Lena", "Vogt"], [])
    when = date(2026, 11, 12, 7, 50, 0, 0)
    fwd = ("---------- Forwarded message ---------\nFrom: Lena Vogt <lena.vogt@example.net>\n"
           "Date: Wed, 11 Nov 2026 at 23:12\nSubject: need to tell someone\nTo: Ana Lima <ana@example.org>\n\n\n"
           "Ana, I didn't know whether to use the form. Piers Hollingworth (piers.h@example.com) DMed me "
           "after the release call: \"you only got commit rights because you're cute\". When I ignored it "
           "he wrote \"fine, I'll just revert everything you merge\".\n\nLena\n")
    text = ("Hi all,\n\nLena sent me this directly instead of to the alias, so I'm putting it into the "
            "process. She is fine with the committee seeing it.\n\nAna\n\n" + fwd)
    compose(name, M("forward-inline", "ana@example.org", [lena], "ana@example.org",
                    ["piers.h@example.com", "you only got commit rights because you're cute",
                     "fine, I'll just revert everything you merge"],
                    "A committee member (Ana) forwards a report sent to her personally. The forwarder is a member and "
                    "not a protected reporter (deliberate deviation); Lena's name/address in the forwarded From: and "
                    "the sign-off must go. Ana still receives her copy of the case."),
            client="gmail", from_hdr="Ana Lima <ana@example.org>", subject="Fwd: need to tell someone", when=when,
            text=text, html=gmail_html(text.split("---------- Forwarded")[0],
                                       '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">' + simple_html(fwd) + "</div></div>"),
            env=env_for(name, "ana@example.org", when), domain="example.org")

    name = "gmail-message-transfere-french.eml"
    ano = R("Anouk Lefebvre", ["anouk.lefebvre@example.com"], ["Anouk", "Lefebvre"], [])
    yas = R("Yasmine Benali", ["yasmine.benali@example.net"], ["Yasmine", "Benali"], ["ياسمين بن علي"])
    when = date(2026, 11, 13, 20, 5, 0, 1)
    fwd = ("---------- Message transféré ---------\nDe : Yasmine Benali <yasmine.benali@example.net>\n"
           "Date: ven. 13 nov. 2026 à 19:02\nSubject: Grégoire\nTo: Anouk Lefebvre <anouk.lefebvre@example.com>\n\n\n"
           "Anouk,\n\nGrégoire Vasseur (gregoire.vasseur@example.org) m'a dit au meetup : « Avec un nom pareil, "
           "tu devrais vérifier que ton visa est à jour avant de parler de sécurité. »\n"
           "Il a ajouté en arabe pour se moquer : « يا حبيبتي ارجعي إلى المطبخ ».\n\nياسمين بن علي\n")
    text = "Bonsoir,\n\nJe transfère le message de Yasmine, avec son accord.\n\nAnouk\n\n" + fwd
    compose(name, M("forward-inline", "anouk.lefebvre@example.com", [ano, yas], "anouk.lefebvre@example.com",
                    ["gregoire.vasseur@example.org", "tu devrais vérifier que ton visa est à jour avant de parler de sécurité.",
                     "يا حبيبتي ارجعي إلى المطبخ"],
                    "Gmail (French UI) 'Message transféré' block ('De :' with a space before the colon); the original "
                    "author signs in Arabic script (listed as identifier)."),
            client="gmail", from_hdr="Anouk Lefebvre <anouk.lefebvre@example.com>", subject="Fwd: Grégoire", when=when,
            text=text, html=gmail_html(text.split("---------- Message")[0],
                                       '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">' + simple_html(fwd) + "</div></div>"),
            env=env_for(name, "anouk.lefebvre@example.com", when), domain="example.com")



# =========================================================================== 4 forward-attached
def inner_message(name, from_hdr, to_hdr, subject, when, text, mail_from, client="gmail", html=True, cte="quoted-printable"):
    rng = random.Random(name + "inner")
    mid, boundary, chdr = ids(client, rng, mail_from.split("@")[1])
    env = transport(rng, mail_from, mail_from.split("@")[1], when).replace(f"for <{CONDUCT}>", f"for <{to_hdr.split('<')[-1].rstrip('>')}>").replace(f"Delivered-To: {CONDUCT}\n", "")
    body = tpart(text, "plain", "utf-8", cte)
    if html:
        body = multipart("alternative", boundary(), [body, tpart(gmail_html(text), "html", "utf-8", cte)])
    return (env + f"\nMIME-Version: 1.0\nFrom: {from_hdr}\nDate: {when}\nMessage-ID: {mid}\n"
            f"Subject: {ew(subject)}\nTo: {to_hdr}\n" + chdr + body)


def forward_attached():
    name = "forward-as-attachment-rfc822-thunderbird.eml"
    osk = R("Oskar Lindgren", ["oskar.lindgren@example.net"], ["Oskar", "Lindgren"], [])
    sao = R("Saoirse Kennedy", ["saoirse.kennedy@example.com"], ["Saoirse", "Kennedy"], ["skennedy"])
    when = date(2026, 11, 14, 10, 0, 0, 1)
    inner = inner_message(name, "Saoirse Kennedy <saoirse.kennedy@example.com>", "Oskar Lindgren <oskar.lindgren@example.net>",
                          "Dmitri at the sprint", date(2026, 11, 13, 23, 4, 0, 0),
                          "Oskar,\n\nDmitri Volkov (dmitri.volkov@example.org) told me at the sprint: \"Your PR "
                          "is garbage, just like your English.\" Then he closed all three of my PRs with the "
                          "comment \"not wanted here\".\n\nPlease send this on to the conduct people.\n\n"
                          "Saoirse (skennedy on GitHub)\n", "saoirse.kennedy@example.com")
    text = "Hi,\n\nSaoirse's mail is attached as she sent it. I'm only the messenger.\n\nOskar\n"
    compose(name, M("forward-attached", "oskar.lindgren@example.net", [osk, sao], "oskar.lindgren@example.net",
                    ["dmitri.volkov@example.org", "Your PR is garbage, just like your English.", "not wanted here"],
                    "Thunderbird 'Forward as Attachment': message/rfc822 with the original's full header set "
                    "(Return-Path, Received, DKIM, Message-ID) and a multipart/alternative body."),
            client="thunderbird", from_hdr="Oskar Lindgren <oskar.lindgren@example.net>",
            subject="Fwd: Dmitri at the sprint", when=when, text=text,
            attachments=[rfc822part(inner, "Dmitri at the sprint.eml", disp="attachment")],
            env=env_for(name, "oskar.lindgren@example.net", when))

    name = "saved-eml-as-octet-stream-owa.eml"
    ten = R("Tendai Moyo", ["tendai.moyo@example.com"], ["Tendai", "Moyo"], [])
    ing = R("Ingrid Solberg", ["ingrid.solberg@example.net"], ["Ingrid", "Solberg"], ["isolberg"])
    when = date(2026, 11, 15, 13, 22, 0, 2)
    inner = inner_message(name, "Ingrid Solberg <ingrid.solberg@example.net>", "Tendai Moyo <tendai.moyo@example.com>",
                          "Re: Travel grant", date(2026, 11, 14, 19, 40, 0, 1),
                          "Tendai,\n\nMagnus Brekke (magnus.brekke@example.org) from the grants team said\n"
                          "on the call: \"Grants are for people who will actually finish their talk.\"\n"
                          "Afterwards he wrote to me: \"Send me a photo and I will see what I can do.\"\n\n"
                          "Ingrid (isolberg)\n", "ingrid.solberg@example.net", client="outlook", html=False, cte="7bit")
    text = ("Hello,\n\nI saved Ingrid's email and attach it here; she asked me to report it for her.\n\n"
            "Tendai Moyo\nTravel grants volunteer")
    compose(name, M("forward-attached", "tendai.moyo@example.com", [ten, ing], "tendai.moyo@example.com",
                    ["magnus.brekke@example.org", "Grants are for people who will actually finish their talk.",
                     "Send me a photo and I will see what I can do."],
                    "Outlook on the web: a saved .eml attached as application/octet-stream (base64), so it is not "
                    "recognisable as a message by its Content-Type; the filename ends in .eml."),
            client="owa", from_hdr="Tendai Moyo <tendai.moyo@example.com>", subject="Report on behalf of a grant applicant",
            when=when, text=text, charset="us-ascii", html=simple_html(text, "p"),
            attachments=[apart(crlf(inner).encode(), "application/octet-stream", "Re_ Travel grant.eml")],
            env=env_for(name, "tendai.moyo@example.com", when), domain="example.com")

    name = "message-global-utf8-address.eml"
    wik = R("Wiktor Sadowski", ["wiktor.sadowski@example.net"], ["Wiktor", "Sadowski"], [])
    luc = R("Łucja Żmijewska", ["łucja.żmijewska@example.net"], ["Łucja", "Żmijewska"], [])
    when = date(2026, 11, 16, 9, 0, 0, 1)
    iw = date(2026, 11, 15, 22, 17, 0, 1)
    inner = ("Return-Path: <łucja.żmijewska@example.net>\nReceived: from smtp.example.net (smtp.example.net [192.0.2.33])\n"
             "\tby mx.example.net (Postfix) with UTF8SMTPS id 4RC0x1;\n\t" + iw + "\n"
             "MIME-Version: 1.0\nFrom: Łucja Żmijewska <łucja.żmijewska@example.net>\n"
             "To: Wiktor Sadowski <wiktor.sadowski@example.net>\nSubject: To, co powiedział Bartosz\n"
             f"Date: {iw}\nMessage-ID: <a81f0c2e-93d4-4c1b-b0de-6f2a9c7e0d55@example.net>\n"
             "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
             "Wiktor,\n\nBartosz Kędzierski (bartosz.k@example.com) napisał na kanale projektu: „Dziewczyny "
             "niech zajmą się dokumentacją, kod zostawcie nam.”\nA na priv: „Jak się poskarżysz, to "
             "wszyscy się dowiedzą, kim jesteś.”\n\nŁucja\n")
    text = "Cześć,\n\nPrzesyłam w załączniku wiadomość od Łucji, za jej zgodą.\n\nWiktor\n"
    compose(name, M("forward-attached", "wiktor.sadowski@example.net", [wik, luc], "wiktor.sadowski@example.net",
                    ["bartosz.k@example.com", "Dziewczyny niech zajmą się dokumentacją, kod zostawcie nam.",
                     "to wszyscy się dowiedzą, kim jesteś."],
                    "Fastmail forward with a message/global part (RFC 6532): raw UTF-8 headers and a UTF-8 local part "
                    "(łucja.żmijewska@).", eightbit=True),
            client="fastmail", from_hdr="Wiktor Sadowski <wiktor.sadowski@example.net>",
            subject="Fwd: To, co powiedział Bartosz", when=when, text=text,
            attachments=[rfc822part(inner, None, ctype="message/global", disp="attachment", cte="8bit")],
            env=env_for(name, "wiktor.sadowski@example.net", when), allow_utf8=True)


# =========================================================================== 5 images
def img_att(data, ctype, filename, **kw):
    return apart(data, ctype, filename, **kw)


def images():
    name = "jpeg-exif-gps-xmp-android-gmail.eml"
    raf = R("Rafael Domínguez", ["rafael.dominguez@example.com"], ["Rafael", "Domínguez"], ["rdominguez"])
    when = date(2026, 11, 2, 22, 1, 0, 1)
    data = jpeg(name, exif_for("Rafael Domínguez", owner="Rafael Domínguez", copyright="© Rafael Domínguez rafael.dominguez@example.com"),
                xmp_packet("Rafael Domínguez", "   <photoshop:AuthorsPosition>rdominguez</photoshop:AuthorsPosition>\n"))
    text = ("Hola,\n\nAdjunto una foto de la pizarra del sprint. Kyle Brennan (kyle.brennan@example.org) escribió "
            "en ella \"NO GIRLS ON THE CORE TEAM\" y se rió cuando se lo dije.\n\nRafael")
    compose(name, M("images", "rafael.dominguez@example.com", [raf], "rafael.dominguez@example.com",
                    ["kyle.brennan@example.org", "NO GIRLS ON THE CORE TEAM"],
                    "Gmail (Android) JPEG from a phone: EXIF Artist, Copyright (with address), CameraOwnerName, "
                    "GPS position and an XMP packet with dc:creator.", cleaned=["IMG_20261102_214512.jpg"]),
            client="gmail", from_hdr="=?UTF-8?Q?Rafael_Dom=C3=ADnguez?= <rafael.dominguez@example.com>",
            subject="Foto de la pizarra", when=when, text=text, html=gmail_html(text),
            attachments=[img_att(data, "image/jpeg", "IMG_20261102_214512.jpg",
                                 extra=f"Content-ID: <f_m{rhex(random.Random(name), 10)}0>\nX-Attachment-Id: f_m1\n")],
            env=env_for(name, "rafael.dominguez@example.com", when), domain="example.com")

    name = "png-text-itxt-xmp-apple-mail.eml"
    sun = R("Sunniva Haugland", ["sunniva.haugland@example.net"], ["Sunniva", "Haugland"], [])
    when = date(2026, 11, 3, 21, 20, 0, 1)
    data = png(name, texts=[("Author", "Sunniva Haugland"), ("Comment", "screenshot by sunniva.haugland@example.net"),
                            ("Software", "macOS 15.1 Screenshot")],
               itxt=[("XML:com.adobe.xmp", xmp_packet("Sunniva Haugland"))], label="DM")
    text = ("Hi,\n\nScreenshot attached of the DM from Nils Oberg (nils.oberg@example.com): \"delete your talk "
            "or I will post your home address\".\n\nThanks\nSunniva")
    compose(name, M("images", "sunniva.haugland@example.net", [sun], "sunniva.haugland@example.net",
                    ["nils.oberg@example.com", "delete your talk or I will post your home address"],
                    "Apple Mail PNG screenshot with tEXt Author/Comment (address) and an iTXt XMP packet; Apple's "
                    "mixed layout with a trailing text part.", cleaned=["Screenshot 2026-11-03 at 21.14.09.png"]),
            client="apple", from_hdr="Sunniva Haugland <sunniva.haugland@example.net>", subject="DM screenshot",
            when=when, text=text, attachments=[img_att(data, "image/png", "Screenshot 2026-11-03 at 21.14.09.png",
                                                       disp="inline", extra="Content-Id: <5E2C1A2B-8F4D-4C33-9E1A-1F0B2D3C4E5F>\n")],
            env=env_for(name, "sunniva.haugland@example.net", when))

    name = "gif-comment-extension-thunderbird.eml"
    mat = R("Matías Ferreyra", ["matias.ferreyra@example.net"], ["Matías", "Ferreyra"], [])
    when = date(2026, 11, 4, 20, 0, 0, -3)
    data = gif(name, "made by Matías Ferreyra <matias.ferreyra@example.net>")
    text = ("Hola,\n\nLes mando el GIF que Julián Pardo (julian.pardo@example.com) publicó en el canal "
            "#random burlándose de mi charla, con el texto \"cuando la diversidad da la charla\".\n\nMatías")
    compose(name, M("images", "matias.ferreyra@example.net", [mat], "matias.ferreyra@example.net",
                    ["julian.pardo@example.com", "cuando la diversidad da la charla"],
                    "Thunderbird, 8bit Spanish text; GIF whose comment extension holds the reporter's name and address.",
                    cleaned=["reaccion.gif"], eightbit=True),
            client="thunderbird", from_hdr="=?UTF-8?Q?Mat=C3=ADas_Ferreyra?= <matias.ferreyra@example.net>",
            subject="GIF publicado en #random", when=when, text=text, text_cte="8bit", lang="es-AR",
            attachments=[img_att(data, "image/gif", "reaccion.gif")],
            env=env_for(name, "matias.ferreyra@example.net", when), allow_utf8=True)

    name = "webp-exif-xmp-proton.eml"
    wan = R("Wanjiru Kamau", ["wanjiru.kamau@proton.example.net"], ["Wanjiru", "Kamau"], [])
    when = date(2026, 11, 5, 19, 30, 0, 3)
    data = webp(name, exif_for("Wanjiru Kamau", owner="Wanjiru Kamau"), xmp_packet("Wanjiru Kamau"))
    text = ("Hello,\n\nAttached is a photo of the note Simon Achterberg (simon.achterberg@example.com) left on my "
            "laptop at the hackathon: \"go home, diversity hire\".\n\nWanjiru")
    compose(name, M("images", "wanjiru.kamau@proton.example.net", [wan], "wanjiru.kamau@proton.example.net",
                    ["simon.achterberg@example.com", "go home, diversity hire"],
                    "Proton Mail; WebP image with EXIF (Artist, CameraOwnerName, GPS) and XMP chunks.",
                    cleaned=["note.webp"]),
            client="proton", from_hdr="Wanjiru Kamau <wanjiru.kamau@proton.example.net>", subject="note on my laptop",
            when=when, text=text, html='<div style="font-family: Arial, sans-serif; font-size: 14px;">' + simple_html(text) + "</div>",
            attachments=[img_att(data, "image/webp", "note.webp")],
            env=env_for(name, "wanjiru.kamau@proton.example.net", when, dkim_d="proton.example.net"), domain="proton.example.net")

    name = "tiff-artist-outlook.eml"
    hen = R("Henrik Aaltonen", ["henrik.aaltonen@example.com"], ["Henrik", "Aaltonen"], [])
    when = date(2026, 11, 6, 8, 10, 0, 2)
    data = tiff(name, "Henrik Aaltonen", "Scan by henrik.aaltonen@example.com")
    text = ("Hello,\n\nI scanned the printed flyer that Otto Lehtinen (otto.lehtinen@example.org) left on the "
            "chairs before my talk. It says \"This speaker is a fraud\".\n\nBest regards\nHenrik")
    compose(name, M("images", "henrik.aaltonen@example.com", [hen], "henrik.aaltonen@example.com",
                    ["otto.lehtinen@example.org", "This speaker is a fraud"],
                    "Outlook desktop with a TIFF scan whose Artist and ImageDescription tags name the reporter.",
                    cleaned=["scan0001.tif"]),
            client="outlook", from_hdr="Henrik Aaltonen <henrik.aaltonen@example.com>", subject="Flyer left on the chairs",
            when=when, text=text, charset="us-ascii", html=simple_html(text, "p"),
            attachments=[img_att(data, "image/tiff", "scan0001.tif")],
            env=env_for(name, "henrik.aaltonen@example.com", when), domain="example.com")

    name = "heic-exif-ios-mail.eml"
    mee = R("Meera Iyer", ["meera.iyer@example.net"], ["Meera", "Iyer"], [])
    when = date(2026, 11, 7, 23, 0, 0, 5.5)
    data = heic(name, exif_for("Meera Iyer", owner="Meera Iyer", copyright="Meera Iyer"), xmp_packet("Meera Iyer"))
    text = ("This is the photo of the whiteboard after the session. Arjun Bhatt (arjun.bhatt@example.com) "
            "wrote \"girls = bugs\" under my name.\n\nMeera" + SIG_IOS)
    compose(name, M("images", "meera.iyer@example.net", [mee], "meera.iyer@example.net",
                    ["arjun.bhatt@example.com", "girls = bugs"],
                    "iOS Mail HEIC photo (image/heic) with EXIF Artist/Copyright/CameraOwnerName/GPS and XMP.",
                    cleaned=["IMG_4031.HEIC"]),
            client="ios", from_hdr="Meera Iyer <meera.iyer@example.net>", subject="Whiteboard", when=when, text=text,
            attachments=[img_att(data, "image/heic", "IMG_4031.HEIC", disp="inline")],
            env=env_for(name, "meera.iyer@example.net", when))

    name = "jpeg-as-octet-stream-k9-chinese.eml"
    lia = R("Liang Wenjing", ["liang.wenjing@example.com"], ["Liang", "Wenjing"], ["梁文静"])
    when = date(2026, 11, 8, 21, 30, 0, 8)
    data = jpeg(name, exif_for(None, owner="Liang Wenjing", xp_author="梁文静", desc="梁文静的照片"), comment=b"Liang Wenjing")
    text = ("你好，\n\n附件是周六聚会上的照片。王志强（zhiqiang.wang@example.org）当着大家的面说："
            "“女生写代码就是浪费时间。”\n后来他在群里又说：“别让她再上台了。”\n\n梁文静")
    compose(name, M("images", "liang.wenjing@example.com", [lia], "liang.wenjing@example.com",
                    ["zhiqiang.wang@example.org", "女生写代码就是浪费时间。", "别让她再上台了。"],
                    "K-9 Mail, GB2312 base64 text; a JPEG sent as application/octet-stream (no image type) with the "
                    "name in Windows XPAuthor (UTF-16), CameraOwnerName, ImageDescription and a JPEG COM segment.",
                    cleaned=["photo.jpg"]),
            client="k9", from_hdr=ew("梁文静", "gb2312") + " <liang.wenjing@example.com>", subject="周六聚会的照片",
            when=when, text=text, charset="gb2312", text_cte="base64",
            attachments=[img_att(data, "application/octet-stream", "photo.jpg")],
            env=env_for(name, "liang.wenjing@example.com", when), domain="example.com")



def quick(name, cls, reps, client, from_hdr, addr_, subject, when, text, evidence, notes, *, html=None,
          attachments=(), charset="utf-8", text_cte="quoted-printable", lang="en-US", extra="", html_cte="quoted-printable",
          ack=None, **kw):
    """A report sent by its author (or forwarder) directly to the alias."""
    eightbit = text_cte == "8bit"
    if text is not None and html is None and client in ("gmail", "outlook", "owa", "proton", "fastmail"):
        html = gmail_html(text) if client == "gmail" else simple_html(text, "p" if client.startswith("o") else "div")
    if text is None and html is not None:
        html_only = True
    compose(name, M(cls, addr_, reps, ack if ack is not None else addr_, evidence, notes, eightbit=eightbit, **kw),
            client=client, from_hdr=from_hdr, subject=subject, when=when, text=text, html=html,
            attachments=attachments, charset=charset, text_cte=text_cte, html_cte=html_cte, lang=lang, extra=extra,
            env=env_for(name, addr_, when), domain=addr_.split("@")[1], allow_utf8=eightbit)


# =========================================================================== 6 pdf
def pdfs():
    name = "pdf-info-xmp-author-fastmail.eml"
    ott = R("Ottoline Baptiste", ["ottoline.baptiste@example.net"], ["Ottoline", "Baptiste"], ["obaptiste"])
    data = pdf_doc(["Incident timeline", "21:05 - comment about my hair at the bar", "21:40 - followed me to the hotel lift"],
                   info={"Title": "Timeline - Ottoline Baptiste", "Author": "Ottoline Baptiste", "Creator": "Writer (obaptiste)",
                         "Producer": "LibreOffice 24.8", "CreationDate": "D:20261102211400+01'00'"},
                   xmp=xmp_packet("Ottoline Baptiste"))
    quick(name, "pdf", [ott], "fastmail", "Ottoline Baptiste <ottoline.baptiste@example.net>", "ottoline.baptiste@example.net",
          "Timeline of Saturday night", date(2026, 11, 3, 9, 0, 0, 0),
          "Hello,\n\nI wrote up a timeline (attached). In short, Grant Hollis (grant.hollis@example.com) said "
          "\"your hair is very exotic, can I touch it?\" and later followed me to the hotel lift.\n\nOttoline",
          ["grant.hollis@example.com", "your hair is very exotic, can I touch it?"],
          "PDF with Info Title/Author/Creator naming the reporter and an XMP stream with dc:creator.",
          attachments=[apart(data, "application/pdf", "timeline.pdf")], cleaned=["timeline.pdf"])

    name = "pdf-annotation-and-form-field-owa.eml"
    bab = R("Babajide Adewale", ["babajide.adewale@example.com"], ["Babajide", "Adewale"], [])
    data = pdf_doc(["Incident report form", "Reported person: Colm Fitzgerald", "What happened: see annotation"],
                   info={"Producer": "Acrobat Reader 2025"},
                   annots=["<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /T (Babajide Adewale) "
                           "/Contents (He repeated it twice, Babajide) /M (D:20261103200000Z) /Name /Comment >>"],
                   fields=["<< /FT /Tx /T (reporter_name) /V (Babajide Adewale) /Rect [50 600 300 620] /Type /Annot "
                           "/Subtype /Widget /F 4 /DA (/Helv 10 Tf 0 g) >>",
                           "<< /FT /Tx /T (reporter_email) /V (babajide.adewale@example.com) /Rect [50 570 300 590] "
                           "/Type /Annot /Subtype /Widget /F 4 /DA (/Helv 10 Tf 0 g) >>"])
    quick(name, "pdf", [bab], "owa", "Babajide Adewale <babajide.adewale@example.com>", "babajide.adewale@example.com",
          "Incident report form", date(2026, 11, 3, 20, 30, 0, 1),
          "Hello,\n\nI filled in your PDF form (attached). Colm Fitzgerald (colm.fitzgerald@example.org) told me "
          "\"people like you should be grateful we let you speak at all\".\n\nRegards",
          ["colm.fitzgerald@example.org", "people like you should be grateful we let you speak at all"],
          "Filled-in AcroForm PDF: text field values with the reporter's name and address, and a sticky-note "
          "annotation whose author (/T) and contents name him.", charset="us-ascii",
          attachments=[apart(data, "application/pdf", "incident-report-form.pdf")], cleaned=["incident-report-form.pdf"])

    name = "pdf-incremental-update-old-info.eml"
    giu = R("Giulia Santoro", ["giulia.santoro@example.net"], ["Giulia", "Santoro"], [])
    data = pdf_doc(["Statement", "At the after-party Marco Ferri said I only got the job because of my looks."],
                   info={"Author": "Giulia Santoro", "Title": "Statement of Giulia Santoro",
                         "Creator": "Microsoft Word", "CreationDate": "D:20261104101500+01'00'"},
                   updates=[{6: b"<< /Author () /Title (Statement) /Creator (Microsoft Word) /ModDate (D:20261104103000+01'00') >>"}])
    quick(name, "pdf", [giu], "gmail", "Giulia Santoro <giulia.santoro@example.net>", "giulia.santoro@example.net",
          "Dichiarazione / statement", date(2026, 11, 4, 10, 40, 0, 1),
          "Ciao,\n\nallego la mia dichiarazione. Marco Ferri (marco.ferri@example.com) mi ha detto alla festa: "
          "\"Ti hanno assunta solo per il tuo aspetto.\"\n\nGrazie",
          ["marco.ferri@example.com", "Ti hanno assunta solo per il tuo aspetto."],
          "Incrementally updated PDF: the current Info dictionary has an empty Author, but the first revision's "
          "Info object (still in the file) names the reporter. Cleaning must rewrite the file, not append.",
          attachments=[apart(data, "application/pdf", "dichiarazione.pdf")], cleaned=["dichiarazione.pdf"])


# =========================================================================== 7 office
def office():
    name = "docx-with-core-properties.eml"
    fen = R("Fenna Dijkstra", ["fenna.dijkstra@example.com"], ["Fenna", "Dijkstra"], ["Dijkstra Design", "fdijkstra"])
    body = ["Statement about the meetup on 30 October.",
            "Ruben Smit said: Nobody wants a woman reviewing their pull requests.",
            "He later messaged: Keep your opinions to the issue tracker."]
    data = docx(body, core_xml("Fenna Dijkstra", "fdijkstra", "Statement"), app_xml("Microsoft Office Word", "Dijkstra Design", "Fenna Dijkstra"),
                custom_xml({"ReportedBy": "Fenna Dijkstra", "ContactEmail": "fenna.dijkstra@example.com"}))
    quick(name, "office", [fen], "outlook", "Fenna Dijkstra <fenna.dijkstra@example.com>", "fenna.dijkstra@example.com",
          "Statement about the meetup", date(2026, 11, 2, 12, 0, 0, 1),
          "Dear committee,\n\nMy statement is attached. It concerns Ruben Smit (ruben.smit@example.org).\n\nKind regards",
          ["ruben.smit@example.org"],
          "docx whose core.xml creator/lastModifiedBy, app.xml Company/Manager and custom.xml properties name the "
          "reporter; the statement text in document.xml must survive.", charset="us-ascii",
          attachments=[apart(data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "statement.docx")],
          cleaned=["statement.docx"], office_evidence=["Nobody wants a woman reviewing their pull requests."])

    name = "docx-comments-tracked-changes-german.eml"
    olu = R("Oluwaseun Bakare", ["oluwaseun.bakare@example.net"], ["Oluwaseun", "Bakare"], ["seun.b"])
    body = ["Gedächtnisprotokoll vom Workshop am 31. Oktober.",
            "Jens Reimann sagte: Du bist hier nur wegen der Quote.",
            "Danach schrieb er im Chat: Such dir eine andere Community."]
    data = docx(body, core_xml("seun.b", "Oluwaseun Bakare"), app_xml("Microsoft Office Word"),
                comments=[("Oluwaseun Bakare", "OB", "Das war vor mindestens fünf Leuten.", 1)],
                insertions=[("Oluwaseun Bakare", "(laut und vor allen)", 1)],
                deletions=[("Oluwaseun Bakare", "glaube ich", 2)])
    quick(name, "office", [olu], "gmail", "Oluwaseun Bakare <oluwaseun.bakare@example.net>", "oluwaseun.bakare@example.net",
          "Gedächtnisprotokoll Workshop", date(2026, 11, 3, 18, 0, 0, 1),
          "Hallo,\n\nanbei mein Gedächtnisprotokoll zu Jens Reimann (jens.reimann@example.com).\n\nDanke",
          ["jens.reimann@example.com"],
          "docx with a comment (w:author, w:initials) and tracked insertion/deletion authored by the reporter; "
          "core.xml names the reporter by handle.",
          attachments=[apart(data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "Gedächtnisprotokoll.docx", style="2231")],
          cleaned=["Gedächtnisprotokoll.docx"], office_evidence=["Du bist hier nur wegen der Quote."])

    name = "xlsx-comment-authors-outlook-mobile.eml"
    rad = R("Radhika Venkatesan", ["radhika.venkatesan@example.com"], ["Radhika", "Venkatesan"], ["rvenkatesan"])
    files = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>'
        '<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        "xl/workbook.xml": XML + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId5" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": XML + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Message</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>2026-10-28</t></is></c><c r="B2" t="inlineStr"><is><t>Deepak Arora: you code like my grandmother</t></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>2026-10-29</t></is></c><c r="B3" t="inlineStr"><is><t>Deepak Arora: I will make sure your PR never lands</t></is></c></row>'
        '</sheetData><legacyDrawing r:id="rId2"/></worksheet>',
        "xl/worksheets/_rels/sheet1.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>',
        "xl/comments1.xml": XML + '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<authors><author>Radhika Venkatesan</author></authors><commentList><comment ref="B2" authorId="0"><text>'
        '<r><rPr><b/></rPr><t>Radhika Venkatesan:</t></r><r><t xml:space="preserve">\nsaid in the #dev channel</t></r></text></comment></commentList></comments>',
        "xl/drawings/vmlDrawing1.vml": '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">'
        '<v:shape type="#_x0000_t202"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>',
        "xl/persons/person.xml": XML + '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<person displayName="Radhika Venkatesan" id="{6A1C7F52-0B3E-4B8A-9C8E-2F1D3A4B5C6D}" userId="radhika.venkatesan@example.com" providerId="AD"/></personList>',
        "docProps/core.xml": core_xml("Radhika Venkatesan", "rvenkatesan"),
    }
    data = zipped(files)
    quick(name, "office", [rad], "outlook-mobile", "Radhika Venkatesan <radhika.venkatesan@example.com>", "radhika.venkatesan@example.com",
          "Chat log spreadsheet", date(2026, 11, 4, 7, 45, 0, 5.5),
          "Namaste,\n\nI put the messages from Deepak Arora (deepak.arora@example.org) into a sheet, attached."
          "\n\nधन्यवाद" + SIG_OUTLOOK_IOS,
          ["deepak.arora@example.org"],
          "Outlook for iOS; xlsx with a legacy comment (authors list and bold author run), a threaded-comments "
          "person list with displayName/userId, and core.xml creator.",
          attachments=[apart(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "chat-log.xlsx")],
          cleaned=["chat-log.xlsx"], office_evidence=["you code like my grandmother", "I will make sure your PR never lands"])

    name = "pptx-comment-authors-apple-mail.eml"
    sor = R("Søren Kjærgaard", ["soren.kjaergaard@example.net"], ["Søren", "Kjærgaard"], ["Soren", "Kjaergaard"])
    P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    files = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
        '<Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>'
        '<Override PartName="/ppt/commentAuthors.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/>'
        '<Override PartName="/ppt/comments/comment1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.comments+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
        "ppt/presentation.xml": XML + f'<p:presentation {P}><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>'
        '<p:sldSz cx="12192000" cy="6858000"/></p:presentation>',
        "ppt/_rels/presentation.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/>'
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/commentAuthors" Target="commentAuthors.xml"/></Relationships>',
        "ppt/slides/slide1.xml": XML + f'<p:sld {P}><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>'
        '<a:p><a:r><a:t>Slide shown by Erik Holm at the lightning talks: Real engineers do not need a code of conduct</a:t></a:r></a:p>'
        '</p:txBody></p:sp></p:spTree></p:cSld></p:sld>',
        "ppt/slides/_rels/slide1.xml.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments/comment1.xml"/></Relationships>',
        "ppt/commentAuthors.xml": XML + f'<p:cmAuthorLst {P}><p:cmAuthor id="1" name="Søren Kjærgaard" initials="SK" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>',
        "ppt/comments/comment1.xml": XML + f'<p:cmLst {P}><p:cm authorId="1" dt="2026-11-05T10:00:00.000" idx="1">'
        '<p:pos x="10" y="10"/><p:text>Søren: this is the slide he showed while looking at me</p:text></p:cm></p:cmLst>',
        "docProps/core.xml": core_xml("Søren Kjærgaard", "Søren Kjærgaard"),
    }
    data = zipped(files)
    quick(name, "office", [sor], "apple", "=?utf-8?Q?S=C3=B8ren_Kj=C3=A6rgaard?= <soren.kjaergaard@example.net>",
          "soren.kjaergaard@example.net", "Lightning talk slide", date(2026, 11, 5, 10, 30, 0, 1),
          "Hej,\n\nAttached is the slide Erik Holm (erik.holm@example.com) showed during the lightning talks. He "
          "pointed at me and said \"that one is the reason we need one\".\n\nSøren",
          ["erik.holm@example.com", "that one is the reason we need one"],
          "pptx with commentAuthors.xml (name, initials), a slide comment that names the reporter and core.xml "
          "creator; Apple Mail layout; ASCII folds of the Danish name listed.",
          attachments=[apart(data, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "lightning.pptx")],
          cleaned=["lightning.pptx"], office_evidence=["Real engineers do not need a code of conduct"])

    name = "odt-meta-annotation-thunderbird-french.eml"
    aur = R("Aurélien Mercier", ["aurelien.mercier@example.net"], ["Aurélien", "Mercier"], [])
    meta = (XML.replace(' standalone="yes"', "") + '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
            '<office:meta><meta:initial-creator>Aurélien Mercier</meta:initial-creator><dc:creator>Aurélien Mercier</dc:creator>'
            '<meta:creation-date>2026-11-05T20:00:00</meta:creation-date><dc:date>2026-11-05T20:31:00</dc:date>'
            '<meta:user-defined meta:name="Contact">aurelien.mercier@example.net</meta:user-defined>'
            '<meta:generator>LibreOffice/24.8.2.1$Linux_X86_64</meta:generator></office:meta></office:document-meta>')
    content = (XML.replace(' standalone="yes"', "") + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
               '<office:body><office:text><text:p>Témoignage sur la soirée du 4 novembre.</text:p>'
               '<text:p>Julien Garnier a dit : Les femmes ne comprennent rien à Kubernetes.'
               '<office:annotation><dc:creator>Aurélien Mercier</dc:creator><dc:date>2026-11-05T20:30:00</dc:date>'
               '<text:p>entendu par moi et deux autres personnes</text:p></office:annotation></text:p>'
               '</office:text></office:body></office:document-content>')
    manifest = (XML.replace(' standalone="yes"', "") + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    data = zipped({"content.xml": content, "meta.xml": meta, "META-INF/manifest.xml": manifest},
                  mimetype_first=b"application/vnd.oasis.opendocument.text")
    quick(name, "office", [aur], "thunderbird", "=?UTF-8?Q?Aur=C3=A9lien_Mercier?= <aurelien.mercier@example.net>",
          "aurelien.mercier@example.net", "Témoignage (soirée du 4 novembre)", date(2026, 11, 5, 20, 40, 0, 1),
          "Bonsoir,\n\nVoici mon témoignage concernant Julien Garnier (julien.garnier@example.org), en pièce jointe.\n\n"
          "Aurélien", ["julien.garnier@example.org"],
          "ODT (LibreOffice) with meta:initial-creator, dc:creator and a user-defined Contact in meta.xml, and an "
          "office:annotation whose dc:creator is the reporter.", text_cte="8bit", lang="fr",
          attachments=[apart(data, "application/vnd.oasis.opendocument.text", "temoignage.odt")],
          cleaned=["temoignage.odt"], office_evidence=["Les femmes ne comprennent rien à Kubernetes."])



# =========================================================================== 8 text-attachments
def fold_ics(line):
    b = line.encode("utf-8")
    out, first = [], True
    while b:
        n = 75 if first else 74
        out.append(b[:n].decode("utf-8"))
        b, first = b[n:], False
    return "\r\n ".join(out)


def text_attachments():
    name = "chat-export-txt-as-octet-stream.eml"
    jon = R("Jonas Eriksen", ["jonas.eriksen@example.net"], ["Jonas", "Eriksen"], ["jonas_eriksen", "@jonas_eriksen"])
    chat = ("[02/11/2026, 21:14:03] Wade Tillman: nobody invited you to this channel\n"
            "[02/11/2026, 21:14:40] jonas_eriksen: I'm one of the maintainers\n"
            "[02/11/2026, 21:15:02] Wade Tillman: not for long, I know people on the board\n"
            "[02/11/2026, 21:15:30] Wade Tillman: @jonas_eriksen enjoy your last release\n")
    quick(name, "text-attachments", [jon], "gmail", "Jonas Eriksen <jonas.eriksen@example.net>", "jonas.eriksen@example.net",
          "Chat export", date(2026, 11, 3, 8, 0, 0, 1),
          "Hi,\n\nChat export attached. The other person is Wade Tillman (wade.tillman@example.com).\n\nJonas",
          ["wade.tillman@example.com", "not for long, I know people on the board", "enjoy your last release"],
          "WhatsApp-style chat export .txt sent as application/octet-stream; the reporter appears by handle "
          "on his own lines and in a mention.",
          attachments=[apart(crlf(chat).encode(), "application/octet-stream", "chat-export.txt")])

    name = "csv-incident-log.eml"
    con = R("Constance Whitfield", ["constance.whitfield@example.com"], ["Constance", "Whitfield"], ["cwhitfield"])
    csv = ('date,reported_by,reporter_email,person,quote\n'
           '2026-10-30,Constance Whitfield,constance.whitfield@example.com,Rory Calloway,"sit down, sweetheart, the adults are talking"\n'
           '2026-10-31,cwhitfield,constance.whitfield@example.com,Rory Calloway,"I will remember this at review time"\n')
    quick(name, "text-attachments", [con], "outlook", "Constance Whitfield <constance.whitfield@example.com>",
          "constance.whitfield@example.com", "Incident log (CSV)", date(2026, 11, 3, 9, 0, 0, 0),
          "Hello,\n\nMy log of incidents with Rory Calloway (rory.calloway@example.org) is attached as CSV.\n\nConstance",
          ["rory.calloway@example.org", "sit down, sweetheart, the adults are talking", "I will remember this at review time"],
          "CSV attachment (text/csv) with reporter name, handle and address in columns.", charset="us-ascii",
          attachments=[apart(crlf(csv).encode(), "text/csv", "incident-log.csv")])

    name = "slack-export-json.eml"
    kof = R("Kofi Mensah", ["kofi.mensah@example.net"], ["Kofi", "Mensah"], ["kofim", "U04KOFIM3N"])
    export = json.dumps([
        {"type": "message", "user": "U02BRADK88", "text": "<@U04KOFIM3N> your accent makes the standup unbearable",
         "ts": "1793641200.000100", "user_profile": {"real_name": "Brad Kessler", "display_name": "brad.kessler", "name": "brad.kessler"}},
        {"type": "message", "user": "U04KOFIM3N", "text": "please stop",
         "ts": "1793641260.000200", "user_profile": {"real_name": "Kofi Mensah", "display_name": "kofim", "name": "kofi.mensah"}},
        {"type": "message", "user": "U02BRADK88", "text": "or what? go cry to HR",
         "ts": "1793641300.000300", "user_profile": {"real_name": "Brad Kessler", "display_name": "brad.kessler", "name": "brad.kessler"}},
    ], indent=4)
    quick(name, "text-attachments", [kof], "fastmail", "Kofi Mensah <kofi.mensah@example.net>", "kofi.mensah@example.net",
          "Slack export", date(2026, 11, 4, 11, 0, 0, 0),
          "Hello,\n\nAttached is the Slack export of #dev for 2 Nov. Brad Kessler is brad.kessler@example.com.\n\nKofi",
          ["brad.kessler@example.com", "your accent makes the standup unbearable", "or what? go cry to HR"],
          "Slack export JSON (application/json) with the reporter's real_name, display_name, name and user id.",
          attachments=[apart(export.encode(), "application/json", "dev-2026-11-02.json")])

    name = "markdown-notes-fairemail.eml"
    ils = R("Ilse Vandermeer", ["ilse.vandermeer@example.net"], ["Ilse", "Vandermeer"], ["@ilsev"])
    md = ("# Notes\n\n**Reporter:** Ilse Vandermeer (@ilsev)\n\n## What happened\n\n"
          "- Pieter Claes said: \"maybe let a man present the roadmap next time\"\n"
          "- In the retro doc he wrote: \"stop taking everything personally\"\n")
    quick(name, "text-attachments", [ils], "fairemail", "Ilse Vandermeer <ilse.vandermeer@example.net>", "ilse.vandermeer@example.net",
          "Notes about the roadmap meeting", date(2026, 11, 4, 18, 0, 0, 1),
          "Hoi,\n\nMy notes are attached (markdown). This is about Pieter Claes (pieter.claes@example.com).\n\nIlse",
          ["pieter.claes@example.com", "maybe let a man present the roadmap next time", "stop taking everything personally"],
          "FairEmail; Markdown notes (text/markdown) with a **Reporter:** line naming the reporter and handle.",
          attachments=[apart(md.encode(), "text/markdown", "notes.md", charset="UTF-8", cte="quoted-printable")])

    name = "utf16le-bom-notepad-arabic.eml"
    lay = R("Layla Haddad", ["layla.haddad@example.com"], ["Layla", "Haddad"], ["ليلى حداد"])
    note = ("شهادة ليلى حداد\nLayla Haddad - layla.haddad@example.com\n\nقال لي كريم نصار أمام الجميع: "
            "\"مكانك ليس هنا\".\nKarim Nassar said: you do not belong here.\n")
    quick(name, "text-attachments", [lay], "outlook", "=?utf-8?B?2YTZitmE2Ykg2K3Yr9in2K8=?= <layla.haddad@example.com>",
          "layla.haddad@example.com", "بلاغ عن سلوك في اللقاء", date(2026, 11, 5, 12, 0, 0, 3),
          "مرحباً،\n\nأرفقت ملفاً نصياً كتبته في المفكرة. الشخص المعني هو كريم نصار (karim.nassar@example.org) "
          "وقد قال لي: \"مكانك ليس هنا\".\n\nشكراً\nليلى حداد",
          ["karim.nassar@example.org", "مكانك ليس هنا"],
          "Arabic Outlook report with a Windows Notepad .txt in UTF-16 LE with BOM (declared text/plain, no "
          "charset); the file names the reporter in Arabic and Latin script.", text_cte="base64", lang="ar-SA",
          attachments=[apart(utf16(note), "text/plain", "شهادة.txt", style="2047")])

    name = "utf16le-no-bom-declared-charset.eml"
    tha = R("Thandiwe Nkosi", ["thandiwe.nkosi@example.net"], ["Thandiwe", "Nkosi"], ["tnkosi"])
    note = "Statement by Thandiwe Nkosi (tnkosi)\nThe sponsor rep said I should be serving drinks, not demoing.\n"
    quick(name, "text-attachments", [tha], "thunderbird", "Thandiwe Nkosi <thandiwe.nkosi@example.net>", "thandiwe.nkosi@example.net",
          "Sponsor booth incident", date(2026, 11, 5, 16, 0, 0, 2),
          "Hi,\n\nStatement attached. The sponsor rep was Liam Dekker (liam.dekker@example.com); he told me "
          "\"you should be serving drinks, not demoing\".\n\nThandiwe",
          ["liam.dekker@example.com", "you should be serving drinks, not demoing"],
          "Attachment in UTF-16 LE without BOM, declared only by charset=utf-16le; an ASCII-minded scrubber "
          "sees NUL-interleaved bytes.",
          attachments=[apart(utf16(note, bom=False), "text/plain", "statement.txt", charset="utf-16le")])

    name = "latin1-txt-attachment-french.eml"
    gen = R("Geneviève Lacroix", ["genevieve.lacroix@example.net"], ["Geneviève", "Lacroix"], [])
    note = "Témoignage de Geneviève Lacroix\nAu stand, Loïc Bernier m'a dit : tu es là pour la déco.\n"
    quick(name, "text-attachments", [gen], "outlook", "=?iso-8859-1?Q?Genevi=E8ve_Lacroix?= <genevieve.lacroix@example.net>",
          "genevieve.lacroix@example.net", "Témoignage", date(2026, 11, 6, 9, 30, 0, 1),
          "Bonjour,\n\nCi-joint mon témoignage. Loïc Bernier (loic.bernier@example.com) m'a dit au stand : "
          "« tu es là pour la déco ».\n\nCordialement",
          ["loic.bernier@example.com", "tu es là pour la déco"],
          "Outlook, windows-1252 QP body; .txt attachment in ISO-8859-1 (base64) naming the reporter with accents.",
          charset="windows-1252", lang="fr-FR",
          attachments=[apart(crlf(note).encode("latin-1"), "text/plain", "temoignage.txt", charset="iso-8859-1")])

    name = "saved-eml-base64-rfc822-k9.eml"
    ish = R("Ishaan Kapoor", ["ishaan.kapoor@example.com"], ["Ishaan", "Kapoor"], [])
    inner = inner_message(name, "Ishaan Kapoor <ishaan.kapoor@example.com>", "Neha Joshi <neha.joshi@example.org>",
                          "hotel", date(2026, 11, 6, 22, 0, 0, 5.5),
                          "Neha,\n\nSuresh Pillai (suresh.pillai@example.org) kept knocking on my hotel door at 1am\n"
                          "saying \"just one drink, nobody has to know\".\n\nIshaan\n", "ishaan.kapoor@example.com",
                          html=False, cte="7bit")
    quick(name, "text-attachments", [ish], "k9", "Ishaan Kapoor <ishaan.kapoor@example.com>", "ishaan.kapoor@example.com",
          "Fwd: hotel", date(2026, 11, 7, 8, 0, 0, 5.5),
          "Hi, attaching the mail I sent to Neha that night. It is about Suresh Pillai (suresh.pillai@example.org).",
          ["suresh.pillai@example.org"],
          "K-9 Mail attaches a saved message as message/rfc822 but with Content-Transfer-Encoding: base64 "
          "(forbidden by RFC 2046, seen in the wild): a parser that does not decode it sees no headers.",
          attachments=[rfc822part(inner, "hotel.eml", cte="base64")])

    name = "ics-invite-folded-organizer.eml"
    mx = R("Maximilian Oberhauser", ["maximilian.oberhauser@example.net"], ["Maximilian", "Oberhauser"], [])
    ics_lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "METHOD:REQUEST",
                 "BEGIN:VEVENT", "DTSTART:20261028T170000Z", "DTEND:20261028T173000Z", "DTSTAMP:20261027T090000Z",
                 "ORGANIZER;CN=Maximilian Oberhauser:mailto:maximilian.oberhauser@example.net",
                 "UID:4v1r3c0n5a2b6c7d8e9f0g1h2i@google.example.com",
                 "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Maximilian Oberhauser;X-NUM-GUESTS=0:mailto:maximilian.oberhauser@example.net",
                 "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Florian Weber;X-NUM-GUESTS=0:mailto:florian.weber@example.com",
                 "DESCRIPTION:1:1 mentoring - Maximilian / Florian", "SUMMARY:Mentoring 1:1", "END:VEVENT", "END:VCALENDAR"]
    ics = "\r\n".join(fold_ics(l) for l in ics_lines) + "\r\n"
    quick(name, "text-attachments", [mx], "gmail", "Maximilian Oberhauser <maximilian.oberhauser@example.net>",
          "maximilian.oberhauser@example.net", "Mentoring session", date(2026, 11, 7, 10, 0, 0, 1),
          "Hallo,\n\nin der Mentoring-Sitzung (Einladung anbei) hat Florian Weber (florian.weber@example.com) gesagt: "
          "\"Wenn du Karriere machen willst, musst du netter zu mir sein.\"\n\nMax",
          ["florian.weber@example.com", "Wenn du Karriere machen willst, musst du netter zu mir sein."],
          "Calendar invite (text/calendar; method=REQUEST) whose ORGANIZER/ATTENDEE lines are folded per RFC 5545 at "
          "75 octets, splitting the reporter's address and CN across lines.",
          attachments=[apart(ics.encode(), "text/calendar", "invite.ics", extra="", charset="UTF-8")])

    name = "vcard-of-reporter-withheld.eml"
    yus = R("Yusuf Demir", ["yusuf.demir@example.net", "ydemir@example.com"], ["Yusuf", "Demir"], ["+90 532 555 0177"])
    vcf = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Demir;Yusuf;;;\r\nFN:Yusuf Demir\r\nEMAIL;type=INTERNET;type=HOME;type=pref:yusuf.demir@example.net\r\n"
           "EMAIL;type=INTERNET;type=WORK:ydemir@example.com\r\nTEL;type=CELL:+90 532 555 0177\r\nEND:VCARD\r\n")
    quick(name, "text-attachments", [yus], "apple", "Yusuf Demir <yusuf.demir@example.net>", "yusuf.demir@example.net",
          "Report about the Istanbul meetup", date(2026, 11, 8, 19, 0, 0, 3),
          "Hello,\n\nAt the meetup Cem Aksoy (cem.aksoy@example.org) mocked my stutter on stage: "
          "\"take your time, we have all night, haha\".\n\nMy contact card is attached.",
          ["cem.aksoy@example.org", "take your time, we have all night, haha"],
          "Apple Mail attaches the reporter's own vCard (named after him, with a second work address and phone): "
          "it must not reach members at all.", withheld=["Yusuf Demir.vcf"],
          attachments=[apart(vcf.encode(), "text/vcard", "Yusuf Demir.vcf", cte="quoted-printable", charset="utf-8")])

    name = "vcard-of-reported-person-survives.eml"
    ama = R("Amara Osei", ["amara.osei@example.com"], ["Amara", "Osei"], [])
    vcf = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ellery;Conrad;;;\r\nFN:Conrad Ellery\r\nORG:Ellery Labs\r\n"
           "EMAIL;type=INTERNET:conrad.ellery@example.com\r\nNOTE:the organiser who sent the messages\r\nEND:VCARD\r\n")
    quick(name, "text-attachments", [ama], "outlook", "Amara Osei <amara.osei@example.com>", "amara.osei@example.com",
          "Contact of the person I am reporting", date(2026, 11, 8, 20, 0, 0, 0),
          "Hello,\n\nI attach the contact card of Conrad Ellery, who messaged me \"I can make your visa letter "
          "disappear\".\n\nAmara", ["conrad.ellery@example.com", "I can make your visa letter disappear", "Conrad Ellery"],
          "vCard of the reported person (text/x-vcard): it is evidence and must survive with his address.", charset="us-ascii",
          attachments=[apart(vcf.encode(), "text/x-vcard", "Conrad Ellery.vcf", cte="7bit")])


# =========================================================================== 9 filenames
def filenames():
    name = "filename-reporter-name-pdfs.eml"
    noa = R("Noa Fischer", ["noa.fischer@example.net"], ["Noa", "Fischer"], ["NoaFischer", "Noa_Fischer"])
    a = pdf_doc(["Statement", "Felix Brandauer told me to get off the stage."])
    quick(name, "filenames", [noa], "gmail", "Noa Fischer <noa.fischer@example.net>", "noa.fischer@example.net",
          "My statement", date(2026, 11, 9, 10, 0, 0, 1),
          "Hi,\n\nStatement and a copy attached. It is about Felix Brandauer (felix.brandauer@example.com).",
          ["felix.brandauer@example.com"],
          "Attachment filenames built from the reporter's name: Noa_Fischer_statement.pdf and the camel-case NoaFischer.pdf.",
          attachments=[apart(a, "application/pdf", "Noa_Fischer_statement.pdf"), apart(a, "application/pdf", "NoaFischer.pdf")])

    name = "filename-handle-docx.eml"
    nil = R("Nils Fischbach", ["nils.fischbach@example.com"], ["Nils", "Fischbach"], ["nfischbach"])
    d = docx(["Statement", "Arne Voss said: go back to the kids table."], core_xml("", ""), app_xml("Microsoft Office Word"))
    quick(name, "filenames", [nil], "outlook", "Nils Fischbach <nils.fischbach@example.com>", "nils.fischbach@example.com",
          "Statement", date(2026, 11, 9, 11, 0, 0, 1),
          "Hello,\n\nAttached my statement about Arne Voss (arne.voss@example.org).\n\nNils", ["arne.voss@example.org"],
          "Filename derived from the address's handle: statement-nfischbach.docx (no name, only the handle).",
          charset="us-ascii",
          attachments=[apart(d, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "statement-nfischbach.docx")])

    name = "filename-rfc2231-zeugenaussage.eml"
    jue = R("Jürgen Weiß", ["juergen.weiss@example.net"], ["Jürgen", "Weiß"], ["Juergen"])
    note = "Zeugenaussage\nUwe Krämer hat gesagt: Du bist zu alt für dieses Projekt.\n"
    quick(name, "filenames", [jue], "thunderbird", "=?UTF-8?Q?J=C3=BCrgen_Wei=C3=9F?= <juergen.weiss@example.net>",
          "juergen.weiss@example.net", "Zeugenaussage", date(2026, 11, 9, 12, 0, 0, 1),
          "Hallo,\n\nmeine Zeugenaussage zu Uwe Krämer (uwe.kraemer@example.com) ist angehängt.\n\nJ.",
          ["uwe.kraemer@example.com"],
          "RFC 2231 encoded and continued filename Zeugenaussage_Jürgen_Weiß.txt (name*0*/name*1*) plus an RFC 2047 "
          "name= parameter. Note: 'Weiß' folds to 'weiss' like the inactive member Dana Weiss.",
          text_cte="8bit", lang="de-DE",
          attachments=[apart(note.encode(), "text/plain", "Zeugenaussage_Jürgen_Weiß.txt", style="2231split", charset="UTF-8", cte="base64")])

    name = "filename-iso2022jp-encoded-word.eml"
    mis = R("Misaki Yamamoto", ["misaki.yamamoto@example.com"], ["Misaki", "Yamamoto"], ["山本美咲", "山本 美咲"])
    note = "メモ\n中村さんに「女は黙ってろ」と言われた。\n"
    quick(name, "filenames", [mis], "outlook", ew("山本 美咲", "iso-2022-jp") + " <misaki.yamamoto@example.com>",
          "misaki.yamamoto@example.com", "メモを添付します", date(2026, 11, 9, 13, 0, 0, 9),
          "お疲れさまです。\n中村 翔太さん（shota.nakamura@example.org）についてのメモを添付します。\n\n山本 (Misaki Yamamoto)",
          ["shota.nakamura@example.org"],
          "Outlook (Japanese) with the attachment name as an ISO-2022-JP RFC 2047 encoded word inside the quoted "
          "filename parameter: 山本美咲_メモ.txt; text in ISO-2022-JP 7bit.", charset="iso-2022-jp", text_cte="7bit",
          lang="ja-JP", attachments=[apart(note.encode("utf-8"), "text/plain", "山本美咲_メモ.txt", style="2047-iso2022jp", charset="utf-8")])


# =========================================================================== 10 withheld
def withheld():
    name = "withheld-zip-of-screenshots.eml"
    cao = R("Caoimhe Donnelly", ["caoimhe.donnelly@example.net"], ["Caoimhe", "Donnelly"], ["cdonnelly"])
    z = zipped({"cdonnelly_dm_1.png": png(name + "1"), "cdonnelly_dm_2.png": png(name + "2"),
                "README.txt": "screenshots by Caoimhe Donnelly\n"})
    quick(name, "withheld", [cao], "gmail", "Caoimhe Donnelly <caoimhe.donnelly@example.net>", "caoimhe.donnelly@example.net",
          "Screenshots", date(2026, 11, 10, 9, 0, 0, 0),
          "Hi,\n\nZip of screenshots attached. They are DMs from Shane Mulgrew (shane.mulgrew@example.com), e.g. "
          "\"you'll regret reporting me\".", ["shane.mulgrew@example.com", "you'll regret reporting me"],
          "A .zip of screenshots whose member names and README carry the reporter's handle and name; archives are "
          "never unpacked, so it is withheld.", withheld=["screenshots.zip"],
          attachments=[apart(z, "application/zip", "screenshots.zip")])

    name = "withheld-7z-chat-logs.eml"
    emi = R("Emilia Kaczmarek", ["emilia.kaczmarek@example.net"], ["Emilia", "Kaczmarek"], [])
    rng = random.Random(name)
    blob = b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(rng.getrandbits(8) for _ in range(600))
    quick(name, "withheld", [emi], "proton", "Emilia Kaczmarek <emilia.kaczmarek@proton.example.net>".replace("@proton.example.net", "@example.net"),
          "emilia.kaczmarek@example.net", "chat logs", date(2026, 11, 10, 10, 0, 0, 1),
          "Hello,\n\nThe full chat logs are in the 7z (no password). Person: Dawid Lis (dawid.lis@example.com).",
          ["dawid.lis@example.com"], "A 7z archive (application/x-7z-compressed): withheld.",
          withheld=["chat-logs.7z"], attachments=[apart(blob, "application/x-7z-compressed", "chat-logs.7z")])

    name = "withheld-exe-and-mp4.eml"
    tob = R("Tobias Lindholm", ["tobias.lindholm@example.com"], ["Tobias", "Lindholm"], [])
    rng = random.Random(name)
    exe = (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x80\x00\x00\x00" +
           b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$" +
           b"\x00" * 7 + b"PE\x00\x00\x4c\x01" + bytes(rng.getrandbits(8) for _ in range(400)))
    mp4 = (struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00isomiso2" + struct.pack(">I", 8 + 800) + b"mdat" +
           bytes(rng.getrandbits(8) for _ in range(800)))
    quick(name, "withheld", [tob], "owa", "Tobias Lindholm <tobias.lindholm@example.com>", "tobias.lindholm@example.com",
          "Recording", date(2026, 11, 10, 11, 0, 0, 1),
          "Hello,\n\nA video of Viktor Sandberg (viktor.sandberg@example.org) shouting at me is attached, plus "
          "the recorder app he insisted I install.", ["viktor.sandberg@example.org"],
          "An executable (MZ/PE) and an MP4 video: neither can be cleaned, both withheld.", charset="us-ascii",
          withheld=["recorder-setup.exe", "VID_20261109_221304.mp4"],
          attachments=[apart(exe, "application/x-msdownload", "recorder-setup.exe"),
                       apart(mp4, "video/mp4", "VID_20261109_221304.mp4")])

    name = "withheld-legacy-doc-ole2.eml"
    ren = R("Renate Kühne", ["renate.kuehne@example.net"], ["Renate", "Kühne"], ["Kuehne"])
    rng = random.Random(name)
    hdr = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00\x06\x00" +
           b"\x00" * 10 + b"\x01\x00\x00\x00" + b"\x00" * 8 + b"\x00\x10\x00\x00" + b"\xfe\xff\xff\xff" * 2)
    hdr = hdr.ljust(512, b"\xff")
    body = ("\x05SummaryInformation".encode("utf-16-le").ljust(128, b"\0") + "Renate Kühne".encode("utf-16-le") +
            b"\0" * 32 + "Beschwerde".encode("cp1252") + bytes(rng.getrandbits(8) for _ in range(512)))
    quick(name, "withheld", [ren], "outlook", "=?iso-8859-1?Q?Renate_K=FChne?= <renate.kuehne@example.net>",
          "renate.kuehne@example.net", "Beschwerde", date(2026, 11, 10, 12, 0, 0, 1),
          "Guten Tag,\n\nanbei meine Beschwerde über Dieter Maas (dieter.maas@example.com) als Word-Dokument.",
          ["dieter.maas@example.com"],
          "A legacy Word .doc (OLE2 compound file, D0 CF 11 E0) with the author in a SummaryInformation-like "
          "stream: cannot be cleaned reliably, withheld.", charset="iso-8859-1", lang="de-DE",
          withheld=["Beschwerde.doc"], attachments=[apart(hdr + body, "application/msword", "Beschwerde.doc")])



# =========================================================================== 11 handles-and-encodings
def handles():
    name = "handles-in-text-and-urls.eml"
    tal = R("Talia Brookstone", ["talia.brookstone@example.net"], ["Talia", "Brookstone"],
            ["@taliabrookstone", "taliabrookstone", "talia_brookstone", "tbrookstone", "talia-brookstone", "t.brookstone"])
    quick(name, "handles-and-encodings", [tal], "gmail", "Talia B <talia.brookstone@example.net>", "talia.brookstone@example.net",
          "Harassment across platforms", date(2026, 11, 11, 9, 0, 0, 0),
          "Hi,\n\nHugo Marchetti (hugo.marchetti@example.com) has been following me everywhere:\n"
          "- on GitHub he commented \"delete your account, nobody needs you\" on https://github.example.com/taliabrookstone/pyfoo/issues/12\n"
          "- on the social site he tagged me: https://social.example.com/@talia_brookstone\n"
          "- on Discord he wrote to tbrookstone: \"I know where you work\"\n"
          "- on the forum (talia-brookstone) and in the wiki history (t.brookstone) he reverted my edits.\n\n"
          "Talia Brookstone (@taliabrookstone)",
          ["hugo.marchetti@example.com", "delete your account, nobody needs you", "I know where you work"],
          "Handles derived from the name in several spellings, inside URLs (path and @-path), lists and a sign-off; "
          "the display name is only 'Talia B'.")

    name = "handles-in-html-attributes.eml"
    eze = R("Ezequiel Barrantes", ["ezequiel.barrantes@example.com"], ["Ezequiel", "Barrantes"], ["ebarrantes", "@ebarrantes"])
    text = ("Hola,\n\nEl usuario kurt_vandamme (kurt.vandamme@example.org) me escribió: \"vuelve a tu país\".\n\nEzequiel")
    html = ('<div dir="ltr"><div>Hola,</div><div><br></div><div>El usuario <a href="https://github.example.com/kurt_vandamme" '
            'title="reported by ebarrantes">kurt_vandamme</a> (kurt.vandamme@example.org) me escribió: '
            '&quot;vuelve a tu país&quot;.</div><div><br></div>'
            '<div><img src="cid:avatar01" alt="Ezequiel Barrantes" data-user="ebarrantes" width="32" height="32"></div>'
            '<div data-author-email="ezequiel.barrantes@example.com"><a href="https://social.example.com/@ebarrantes" '
            'aria-label="perfil de Ezequiel Barrantes">mi perfil</a></div></div>\n')
    quick(name, "handles-and-encodings", [eze], "gmail", "Ezequiel Barrantes <ezequiel.barrantes@example.com>",
          "ezequiel.barrantes@example.com", "Mensajes de kurt_vandamme", date(2026, 11, 11, 10, 0, 0, -3), text,
          ["kurt.vandamme@example.org", "vuelve a tu país"],
          "The HTML carries the reporter only in attributes: title, alt, data-user, data-author-email, aria-label, "
          "and the href of a profile link.", html=html)

    name = "first-name-display-full-signoff-proton.eml"
    mar = R("Marisol Echeverría", ["ms.1991@proton.example.net"], ["Marisol", "Echeverría"], ["ms.1991"])
    quick(name, "handles-and-encodings", [mar], "proton", "Marisol <ms.1991@proton.example.net>", "ms.1991@proton.example.net",
          "Reporte", date(2026, 11, 11, 11, 0, 0, -6),
          "Hola,\n\nQuiero reportar a Gustavo Peralta (gustavo.peralta@example.com). En la sesión de mentoría me dijo: "
          "\"las mujeres no aguantan la presión de producción\".\n\nSaludos,\nMarisol Echeverría",
          ["gustavo.peralta@example.com", "las mujeres no aguantan la presión de producción"],
          "Display name is the first name only, the address a non-name handle (ms.1991@); the full name only "
          "in the sign-off.")

    name = "percent-encoded-address-in-url.eml"
    han = R("Hannelore Brückner", ["hannelore.brueckner@example.net"], ["Hannelore", "Brückner"],
            ["hannelore%2Ebrueckner%40example%2Enet", "hannelore.brueckner%40example.net", "Brueckner"])
    quick(name, "handles-and-encodings", [han], "thunderbird", "=?UTF-8?Q?Hannelore_Br=C3=BCckner?= <hannelore.brueckner@example.net>",
          "hannelore.brueckner@example.net", "Meldung", date(2026, 11, 11, 12, 0, 0, 1),
          "Hallo,\n\nich habe das Formular schon ausgefüllt, der Rückruflink war\n"
          "https://forms.example.com/followup?email=hannelore.brueckner%40example.net&case=new\n"
          "und die Abmeldeseite https://lists.example.com/unsub/hannelore%2Ebrueckner%40example%2Enet\n\n"
          "Es geht um Ralf Gerber (ralf.gerber@example.com), der im Chat schrieb: \"Frauen sollten Protokoll führen, nicht programmieren.\"\n\nH.",
          ["ralf.gerber@example.com", "Frauen sollten Protokoll führen, nicht programmieren."],
          "The reporter's address only percent-encoded inside URLs (%40, and %2E for the dots).", text_cte="8bit", lang="de-DE")

    name = "outlook-safelinks-base64-address.eml"
    des = R("Desmond Achterberg", ["desmond.achterberg@example.com"], ["Desmond", "Achterberg"],
            [base64.b64encode(b"desmond.achterberg@example.com").decode(), "desmond.achterberg%40example.com"])
    b = base64.b64encode(b"desmond.achterberg@example.com").decode()
    quick(name, "handles-and-encodings", [des], "outlook", "Desmond Achterberg <desmond.achterberg@example.com>",
          "desmond.achterberg@example.com", "Report", date(2026, 11, 11, 13, 0, 0, 1),
          "Hello,\n\nThe thread with Pieter Roos (pieter.roos@example.org) is here:\n"
          f"https://eur01.safelinks.protection.example.com/?url=https%3A%2F%2Fforum.example.com%2Ft%2F8812&data=05%7C02%7Cdesmond.achterberg%40example.com%7C3f1a%7C0&sdata=Zk9v&reserved=0\n"
          f"and my tracking link from the newsletter: https://news.example.com/click?u={b}&l=42\n\n"
          "He wrote: \"Keep whining and see what happens to your membership.\"\n\nD.",
          ["pieter.roos@example.org", "Keep whining and see what happens to your membership."],
          "Outlook SafeLinks URL whose data parameter holds the percent-encoded address, and a newsletter link "
          "with the address base64-encoded in the query (?u=...).", charset="us-ascii")

    name = "spelled-out-address-dot-at.eml"
    val = R("Valentin Moreau", ["valentin.moreau@example.net"], ["Valentin", "Moreau"],
            ["valentin dot moreau at example dot net", "valentin [dot] moreau [at] example [dot] net", "vmoreau"])
    quick(name, "handles-and-encodings", [val], "fastmail", "V. M. <valentin.moreau@example.net>", "valentin.moreau@example.net",
          "report", date(2026, 11, 11, 14, 0, 0, 1),
          "Hi,\n\nIf you need to reach me outside this thread: valentin dot moreau at example dot net, or "
          "valentin [dot] moreau [at] example [dot] net (spam filters...). I'm vmoreau on IRC.\n\n"
          "Aldo Ricci (aldo.ricci@example.com) said on IRC: \"go write CSS, leave the compiler to men\".",
          ["aldo.ricci@example.com", "go write CSS, leave the compiler to men"],
          "Spelled-out obfuscations of the address ('dot'/'at', bracketed) and an IRC nick; the display name is initials.")

    name = "html-data-uri-text.eml"
    ays = R("Ayşe Korkmaz", ["ayse.korkmaz@example.net"], ["Ayşe", "Korkmaz"], ["Ayse"])
    card = base64.b64encode("Ayşe Korkmaz <ayse.korkmaz@example.net>".encode()).decode()
    html = ('<html><body><p>Merhaba,</p><p>Selim Kaya (selim.kaya@example.com) toplantıda bana &quot;senin yerin '
            'burası değil&quot; dedi.</p>'
            f'<p><a href="data:text/plain;base64,{card}">iletişim bilgilerim</a></p>'
            f'<object data="data:text/html;charset=utf-8,%3Cb%3EAy%C5%9Fe%20Korkmaz%3C%2Fb%3E"></object>'
            '</body></html>\n')
    quick(name, "handles-and-encodings", [ays], "apple", "=?utf-8?B?QXnFn2UgSw==?= <ayse.korkmaz@example.net>",
          "ayse.korkmaz@example.net", "Toplantıdaki olay", date(2026, 11, 11, 15, 0, 0, 3), None,
          ["selim.kaya@example.com", "senin yerin burası değil"],
          "HTML-only: the reporter's name and address hidden in a base64 data: URI link and a percent-encoded "
          "data:text/html object; From shows 'Ayşe K'.", html=html)

    name = "signature-dash-dash-phone-employer.eml"
    bar = R("Bartholomew Ngata", ["bart.ngata@example.com"], ["Bartholomew", "Ngata"],
            ["Bart", "+64 21 555 0199", "Ngata & Ruiz Ltd", "bngata.example.com"])
    quick(name, "handles-and-encodings", [bar], "thunderbird", "Bart <bart.ngata@example.com>", "bart.ngata@example.com",
          "Conduct issue at Kiwi PyCon sprint", date(2026, 11, 11, 16, 0, 0, 13),
          "Kia ora,\n\nAt the sprint Wesley Crane (wesley.crane@example.org) told a newcomer \"RTFM or get out\" and "
          "then mocked their pronouns in the chat.\n\nCheers,\nBart\n\n-- \nBartholomew Ngata\nSenior Engineer, "
          "Ngata & Ruiz Ltd\n+64 21 555 0199\nhttps://bngata.example.com\n",
          ["wesley.crane@example.org", "RTFM or get out"],
          "Thunderbird signature after '-- ' with full name, employer containing the surname, phone and personal site.")

    name = "closing-best-title-phone-linkedin.eml"
    cor = R("Cordelia Ashworth", ["cordelia.ashworth@example.com"], ["Cordelia", "Ashworth"],
            ["+1 (415) 555-0143", "linkedin.example.com/in/cordelia-ashworth", "cordelia-ashworth", "Lumen Analytics"])
    quick(name, "handles-and-encodings", [cor], "outlook-mobile", "Ashworth, Cordelia <cordelia.ashworth@example.com>".replace("Ashworth, Cordelia", '"Ashworth, Cordelia"'),
          "cordelia.ashworth@example.com", "Report - PyData happy hour", date(2026, 11, 11, 17, 0, 0, -8),
          "Hi,\n\nAt the happy hour Troy Madsen (troy.madsen@example.com) put his arm around me and said \"you "
          "data girls are all the same\".\n\nBest,\nCordelia Ashworth\nStaff Data Scientist | Lumen Analytics\n"
          "M: +1 (415) 555-0143\nlinkedin.example.com/in/cordelia-ashworth" + SIG_OUTLOOK_IOS,
          ["troy.madsen@example.com", "you data girls are all the same"],
          "Outlook for iOS: 'Last, First' display name; closing 'Best,' followed by name, title, employer, phone and a "
          "LinkedIn slug; no '-- ' delimiter.", charset="us-ascii")

    name = "second-address-and-forwarded-to.eml"
    leo = R("Leontine Hartmann", ["leontine.hartmann@example.net", "leontine.work@example.com", "leontine.private@example.com"],
            ["Leontine", "Hartmann"], [])
    fwd = ("---------- Forwarded message ---------\nFrom: Frank Olbrich <frank.olbrich@example.org>\n"
           "Date: Tue, 10 Nov 2026 at 23:50\nSubject: Re: your talk\nTo: Leontine Hartmann <leontine.private@example.com>\n\n\n"
           "Nobody wants to hear about inclusive language from someone like you. Withdraw the talk.\n\nFrank\n")
    quick(name, "handles-and-encodings", [leo], "gmail", "Leontine Hartmann <leontine.hartmann@example.net>",
          "leontine.hartmann@example.net", "Fwd: Re: your talk", date(2026, 11, 11, 18, 0, 0, 1),
          "Hello,\n\nForwarding what Frank sent to my private address. You can also reach me at "
          "leontine.work@example.com during the day.\n\nLeontine\n\n" + fwd,
          ["frank.olbrich@example.org", "Nobody wants to hear about inclusive language from someone like you. Withdraw the talk."],
          "The reporter has three addresses: From, a second one offered in the body and a third as To: of the "
          "forwarded evidence. All are listed.")


# =========================================================================== 12 html
def html_reports():
    name = "html-only-nbsp-and-bold-name.eml"
    sor = R("Soraya Benjelloun", ["soraya.benjelloun@example.com"], ["Soraya", "Benjelloun"], [])
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
            '<div style="font-family:Calibri,Arial,Helvetica,sans-serif; font-size:12pt">Bonjour,<br><br>'
            'Je signale Hadrien Caron (hadrien.caron@example.org), qui m\'a dit : &laquo;&nbsp;reste dans ta cuisine&nbsp;&raquo;.'
            '<br><br>Soraya&nbsp;Benjelloun<br><span style="color:gray">Soraya <b>Benjelloun</b> &middot; '
            'Sor<span>aya</span> Benjel<i>loun</i></span></div></body></html>\n')
    quick(name, "html", [sor], "owa", "Soraya Benjelloun <soraya.benjelloun@example.com>", "soraya.benjelloun@example.com",
          "Signalement", date(2026, 11, 12, 9, 0, 0, 1), None, ["hadrien.caron@example.org", "reste dans ta cuisine"],
          "HTML-only Outlook on the web: the name split by &nbsp;, by <b>, and inside a word by <span>/<i>.", html=html)

    name = "html-tracking-pixel-remote-resources.eml"
    gwe = R("Gwendolyn Achebe", ["gwendolyn.achebe@example.net"], ["Gwendolyn", "Achebe"], ["gachebe"])
    html = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="https://cdn.styles.example.com/mail.css?u=gachebe">'
            '<style>@font-face{font-family:Brand;src:url(https://fonts.example.com/brand.woff2?who=gachebe) format("woff2")}'
            'body{background:url("https://bg.example.com/paper.png?r=gwendolyn.achebe%40example.net")}</style></head>'
            '<body style="font-family:Brand"><p>Hello,</p><p>I want to report Marcus Velde (marcus.velde@example.com). '
            'He said to me: &quot;I can get you fired with one phone call.&quot;</p>'
            '<table background="https://bg.example.com/table.png"><tr><td>Gwendolyn</td></tr></table>'
            '<img src="https://tracker.example.com/open.gif?id=7f3a9c&amp;r=gachebe" width="1" height="1" alt="">'
            '</body></html>\n')
    quick(name, "html", [gwe], "mailer", "Gwendolyn Achebe <gwendolyn.achebe@example.net>", "gwendolyn.achebe@example.net",
          "Report", date(2026, 11, 12, 10, 0, 0, 0), None, ["marcus.velde@example.com", "I can get you fired with one phone call."],
          "HTML-only from a mail-tracking extension: 1x1 tracking pixel, remote stylesheet, web font, CSS background "
          "url and a table background attribute; several carry the reporter's handle/address.", html=html,
          extra="X-Mailer: Mailsuite Tracker 4.2\n",
          remote_urls=["tracker.example.com/open.gif", "cdn.styles.example.com/mail.css", "fonts.example.com/brand.woff2",
                       "bg.example.com/paper.png", "bg.example.com/table.png"])

    name = "html-form-and-iframe.eml"
    rav = R("Ravindra Sethi", ["ravindra.sethi@example.com"], ["Ravindra", "Sethi"], [])
    html = ('<html><body><p>Hello,</p><p>Nikhil Rao (nikhil.rao@example.org) wrote in the meetup group: '
            '&quot;Women should only be allowed to attend if accompanied.&quot;</p>'
            '<form action="https://collect.example.com/submit" method="post"><input type="hidden" name="reporter" '
            'value="ravindra.sethi@example.com"><input type="text" name="who" value="Ravindra Sethi">'
            '<button type="submit">Confirm receipt</button></form>'
            '<iframe src="https://embed.example.com/frame?ref=ravindra.sethi%40example.com" width="300" height="100"></iframe>'
            '<script>fetch("https://collect.example.com/beacon")</script>'
            '<p>Regards</p></body></html>\n')
    quick(name, "html", [rav], "mailer", "Ravindra Sethi <ravindra.sethi@example.com>", "ravindra.sethi@example.com",
          "Report about the meetup group", date(2026, 11, 12, 11, 0, 0, 5.5), None,
          ["nikhil.rao@example.org", "Women should only be allowed to attend if accompanied."],
          "HTML-only with a <form> (hidden inputs carrying the reporter), an <iframe> whose URL has the address and "
          "a <script> beacon.", html=html, remote_urls=["collect.example.com/submit", "embed.example.com/frame", "collect.example.com/beacon"])

    name = "outlook-html-conditional-comments.eml"
    eva = R("Evangeline Thornbury", ["evangeline.thornbury@example.com"], ["Evangeline", "Thornbury"], ["E. Thornbury"])
    text = ("Hello,\n\nI am reporting Rupert Fane (rupert.fane@example.org) for saying at the board dinner: "
            "\"She only got the seat because we needed a woman.\"\n\nEvangeline")
    html = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
            'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii">'
            '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
            '<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Evangeline Thornbury</o:Author>'
            '<o:LastAuthor>E. Thornbury</o:LastAuthor></o:DocumentProperties></xml><![endif]-->'
            '<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->'
            '<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>'
            '<body lang="EN-GB" link="#0563C1" vlink="#954F72"><div class="WordSection1">' +
            "".join(f'<p class="MsoNormal">{esc(l) if l else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>' for l in text.split("\n")) +
            '<!--[if !mso]><p class="MsoNormal">Evangeline Thornbury | evangeline.thornbury@example.com</p><![endif]-->'
            '</div></body></html>')
    quick(name, "html", [eva], "outlook", "Evangeline Thornbury <evangeline.thornbury@example.com>", "evangeline.thornbury@example.com",
          "Board dinner", date(2026, 11, 12, 12, 0, 0, 0), text,
          ["rupert.fane@example.org", "She only got the seat because we needed a woman."],
          "Outlook desktop HTML with <o:p>, an mso conditional comment holding o:DocumentProperties Author/LastAuthor "
          "and a [if !mso] signature with name and address (invisible in Outlook, visible elsewhere).",
          html=html, charset="us-ascii")

    name = "gmail-quote-divs-hindi.eml"
    ana_ = R("Ananya Deshmukh", ["ananya.deshmukh@example.com"], ["Ananya", "Deshmukh"], ["अनन्या देशमुख"])
    text = ("नमस्ते,\n\nविक्रम खन्ना (vikram.khanna@example.org) ने मेरे ईमेल का यह जवाब दिया। कृपया देखें।\n\n"
            "On Mon, 9 Nov 2026 at 21:10, Vikram Khanna <vikram.khanna@example.org> wrote:\n"
            "> लड़कियों को कोर टीम में नहीं होना चाहिए।\n>\n"
            "> On Mon, 9 Nov 2026 at 20:02, Ananya Deshmukh <ananya.deshmukh@example.com> wrote:\n"
            ">> क्या मैं रिलीज़ टीम में शामिल हो सकती हूँ?\n")
    html = ('<div dir="ltr"><div>नमस्ते,</div><div><br></div><div>विक्रम खन्ना (<a href="mailto:vikram.khanna@example.org">'
            'vikram.khanna@example.org</a>) ने मेरे ईमेल का यह जवाब दिया। कृपया देखें।</div></div><br>'
            '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 9 Nov 2026 at 21:10, Vikram Khanna &lt;'
            '<a href="mailto:vikram.khanna@example.org">vikram.khanna@example.org</a>&gt; wrote:<br></div>'
            '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
            '<div dir="ltr">लड़कियों को कोर टीम में नहीं होना चाहिए।</div><br><div class="gmail_quote">'
            '<div dir="ltr" class="gmail_attr">On Mon, 9 Nov 2026 at 20:02, Ananya Deshmukh &lt;<a href="mailto:ananya.deshmukh@example.com">'
            'ananya.deshmukh@example.com</a>&gt; wrote:<br></div><blockquote class="gmail_quote">'
            '<div dir="ltr">क्या मैं रिलीज़ टीम में शामिल हो सकती हूँ?<br>-- <br><div class="gmail_signature">अनन्या देशमुख</div></div>'
            '</blockquote></div></blockquote></div>\n')
    quick(name, "html", [ana_], "gmail", ew("अनन्या देशमुख") + " <ananya.deshmukh@example.com>", "ananya.deshmukh@example.com",
          "Fwd: रिलीज़ टीम", date(2026, 11, 12, 13, 0, 0, 5.5), text,
          ["vikram.khanna@example.org", "लड़कियों को कोर टीम में नहीं होना चाहिए।"],
          "Gmail Hindi report with nested gmail_quote/gmail_attr divs: the reporter's own earlier message and "
          "attribution (name + mailto) at the second level, and a gmail_signature in Devanagari.", html=html)

    name = "apple-blockquote-type-cite-polish.eml"
    agn = R("Agnieszka Pawlak", ["agnieszka.pawlak@example.net"], ["Agnieszka", "Pawlak"], ["Aga"])
    text = ("Dzień dobry,\n\nzgłaszam odpowiedź Pawła Nowaka (pawel.nowak@example.com) na moją wiadomość.\n\n"
            "Aga\n\n> On 10 Nov 2026, at 22:10, Paweł Nowak <pawel.nowak@example.com> wrote:\n>\n"
            "> Baby nie nadają się do DevOps, wracaj do testowania.\n>\n"
            ">> On 10 Nov 2026, at 21:00, Agnieszka Pawlak <agnieszka.pawlak@example.net> wrote:\n>>\n"
            ">> Cześć, czy mogę dołączyć do dyżurów on-call?\n")
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
            'Dzień dobry,<div><br></div><div>zgłaszam odpowiedź Pawła Nowaka (pawel.nowak@example.com) na moją wiadomość.</div>'
            '<div><br></div><div>Aga</div><div><br><blockquote type="cite"><div>On 10 Nov 2026, at 22:10, Paweł Nowak '
            '&lt;pawel.nowak@example.com&gt; wrote:</div><br class="Apple-interchange-newline"><div><div>Baby nie nadają się '
            'do DevOps, wracaj do testowania.</div><div><br><blockquote type="cite"><div>On 10 Nov 2026, at 21:00, '
            'Agnieszka Pawlak &lt;agnieszka.pawlak@example.net&gt; wrote:</div><br><div>Cześć, czy mogę dołączyć do '
            'dyżurów on-call?</div></blockquote></div></div></blockquote></div></body></html>\n')
    quick(name, "html", [agn], "apple", "Agnieszka Pawlak <agnieszka.pawlak@example.net>", "agnieszka.pawlak@example.net",
          "Fwd: dyżury on-call", date(2026, 11, 12, 14, 0, 0, 1), text,
          ["pawel.nowak@example.com", "Baby nie nadają się do DevOps, wracaj do testowania."],
          "Apple Mail with nested blockquote type=cite; the reporter's own quoted message and attribution sit two "
          "levels deep; nickname Aga.", html=html)



# =========================================================================== 13 conflict-routing
def conflict_routing():
    bo = ["bo@example.org"]
    name = "conflict-handle-at-srivera-arabic.eml"
    mal = R("Malak Nasser", ["malak.nasser@example.net"], ["Malak", "Nasser"], ["ملاك ناصر"])
    quick(name, "conflict-routing", [mal], "gmail", ew("ملاك ناصر") + " <malak.nasser@example.net>", "malak.nasser@example.net",
          "بلاغ بخصوص @srivera", date(2026, 11, 13, 9, 0, 0, 2),
          "مرحباً،\n\nالمستخدم @srivera كتب في قناة المشروع: \"your Arabic comments make the code unreadable, "
          "write in a real language\".\nوعندما اعترضت قال: \"cry more\".\n\nملاك ناصر (Malak Nasser)",
          ["@srivera", "write in a real language", "cry more"],
          "The reported person appears only as the handle @srivera (not Sam's known alias 'samr' nor his name); "
          "when in doubt, Bo (declared conflict with Sam Rivera) must be excluded.", must_not=bo)

    name = "conflict-plus-tag-address-github-notification.eml"
    ign = R("Ignatius Fairweather", ["ignatius.fairweather@example.com"], ["Ignatius", "Fairweather"], ["ifairweather"])
    quick(name, "conflict-routing", [ign], "fastmail", "Ignatius Fairweather <ignatius.fairweather@example.com>",
          "ignatius.fairweather@example.com", "Abusive review comments", date(2026, 11, 13, 10, 0, 0, 0),
          "Hello,\n\nThe review comments below come from the account whose notification address is "
          "sam.rivera+github@example.net:\n\n> \"This is the worst PR I have seen this year. Did a child write it?\"\n"
          "> \"Close it and never open another one.\"\n\nIgnatius (ifairweather on GitHub)",
          ["sam.rivera+github@example.net", "Did a child write it?", "Close it and never open another one."],
          "Sam Rivera named only by a plus-tagged variant of an address not in the conflict list "
          "(sam.rivera+github@example.net, while Sam's known one is sam@example.net): expect Bo's exclusion.", must_not=bo)

    name = "conflict-middle-initial-spanish.eml"
    xio = R("Xiomara Delgado", ["xiomara.delgado@example.net"], ["Xiomara", "Delgado"], [])
    quick(name, "conflict-routing", [xio], "outlook", "Xiomara Delgado <xiomara.delgado@example.net>", "xiomara.delgado@example.net",
          "Denuncia contra Sam J. Rivera", date(2026, 11, 13, 11, 0, 0, -5),
          "Hola,\n\nDenuncio a Sam J. Rivera. En el taller me dijo: \"las latinas solo sirven para traducir la "
          "documentación\".\n\nXiomara", ["Sam J. Rivera", "las latinas solo sirven para traducir la documentación"],
          "Reported person written with a middle initial (Sam J. Rivera), which does not literally match 'Sam Rivera': "
          "expect Bo's exclusion.", must_not=bo, lang="es-CO")

    name = "conflict-html-nbsp-only.eml"
    lei = R("Leilani Kahale", ["leilani.kahale@example.com"], ["Leilani", "Kahale"], [])
    html = ('<html><body><div>Aloha,</div><div><br></div><div>I am reporting Sam&nbsp;Rivera. At the luau social he said '
            '&quot;you islanders are always late, typical&quot;.</div><div><br></div><div>Leilani</div></body></html>\n')
    quick(name, "conflict-routing", [lei], "mailer", "Leilani Kahale <leilani.kahale@example.com>", "leilani.kahale@example.com",
          "Report", date(2026, 11, 13, 12, 0, 0, -10), None, ["Rivera", "you islanders are always late, typical"],
          "HTML-only; the name appears only as Sam&nbsp;Rivera (a no-break space after decoding).", html=html, must_not=bo,
          extra="X-Mailer: Zoho Mail\n")

    name = "conflict-html-bold-surname.eml"
    tom = R("Tomasz Grabowski", ["tomasz.grabowski@example.net"], ["Tomasz", "Grabowski"], [])
    html = ('<div dir="ltr">Cześć,<br><br>Zgłaszam <span>Sam</span> <b>Rivera</b> za komentarz na spotkaniu: '
            '&quot;Polish devs are cheap, that is why we hire them&quot;.<br><br>Tomasz</div>\n')
    quick(name, "conflict-routing", [tom], "mailer", "Tomasz Grabowski <tomasz.grabowski@example.net>", "tomasz.grabowski@example.net",
          "Zgłoszenie", date(2026, 11, 13, 13, 0, 0, 1), None, ["Rivera", "Polish devs are cheap, that is why we hire them"],
          "HTML-only; the name is split by markup (<span>Sam</span> <b>Rivera</b>).", html=html, must_not=bo,
          extra="User-Agent: Roundcube Webmail/1.6.9\n")

    name = "conflict-only-in-attached-message-headers.eml"
    jiw = R("Jiwoo Hwang", ["jiwoo.hwang@example.com"], ["Jiwoo", "Hwang"], [])
    inner = inner_message(name, "Sam Rivera <sam@example.net>", "Jiwoo Hwang <jiwoo.hwang@example.com>", "re: your proposal",
                          date(2026, 11, 12, 23, 0, 0, -8),
                          "Withdraw your proposal or I will make sure every reviewer knows what you are.\n\n-S\n",
                          "sam@example.net", html=False, cte="7bit")
    quick(name, "conflict-routing", [jiw], "gmail", "Jiwoo Hwang <jiwoo.hwang@example.com>", "jiwoo.hwang@example.com",
          "threatening reply", date(2026, 11, 13, 14, 0, 0, 9),
          "Hello,\n\nThe message I got is attached. I'd rather not say more in this mail.",
          ["Withdraw your proposal or I will make sure every reviewer knows what you are."],
          "The reported person is identified only by the From: header of an attached message/rfc822 "
          "(Sam Rivera <sam@example.net>); body and outer mail do not name him.", must_not=bo,
          attachments=[rfc822part(inner, "re your proposal.eml")])

    name = "conflict-only-in-text-attachment.eml"
    bea = R("Beatrix Szabó", ["beatrix.szabo@example.net"], ["Beatrix", "Szabó"], ["Szabo", "beatrix_sz"])
    log = ("#infra IRC log 2026-11-12\n[21:02] <samr> whoever broke the build is an idiot\n"
           "[21:03] <samr> oh it's her again, figures\n[21:04] <beatrix_sz> it was a flaky test\n")
    quick(name, "conflict-routing", [bea], "k9", "=?UTF-8?Q?Beatrix_Szab=C3=B3?= <beatrix.szabo@example.net>",
          "beatrix.szabo@example.net", "IRC log", date(2026, 11, 13, 15, 0, 0, 1),
          "Hi, the IRC log is attached. It's about the person who keeps insulting me in #infra.",
          ["oh it's her again, figures", "whoever broke the build is an idiot"],
          "The reported person appears only inside a text attachment, by Sam's known alias 'samr'; the reporter's "
          "nick beatrix_sz is there too (listed).", must_not=bo,
          attachments=[apart(crlf(log).encode(), "text/plain", "infra-log.txt", charset="utf-8", cte="base64")])


# =========================================================================== main
SECTIONS = [list_rewrite, shared_mailbox, forward_inline, forward_attached, images, pdfs, office, text_attachments, filenames, withheld, handles, html_reports, conflict_routing]


def write():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        if old.name not in MESSAGES:
            old.unlink()
    for name, raw in MESSAGES.items():
        (OUT / name).write_bytes(raw)
    (OUT / "manifest.json").write_text(
        json.dumps(dict(sorted(MANIFEST.items())), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(MESSAGES)} messages to {OUT.relative_to(ROOT)}")


def main():
    for section in SECTIONS:
        section()
    write()


if __name__ == "__main__":
    main()
