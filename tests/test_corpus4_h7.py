"""Attachments and encodings that hid the reporter from the cleaners, through real SMTP.

tests/corpus4/h7-*.eml: a name written as JSON `\\u00e9` escapes or HTML references, as RTF
`\\'e9`/`\\u252?` escapes; an SVG with an embedded scene, `data:` image, foreign metadata,
a script and remote references; a file uuencoded (or yEnc-encoded) into a text body;
an Office file that remembers its author's user folder, template and printer, or carries
their letterhead phone in a header or footer; a calendar invite with the coordinates of
their home and their number. Each report goes through its own daemon; every byte a member
receives is read as a member's tools could read it (escapes decoded, base64 and zlib
opened, uuencoded blocks decoded, packages unzipped, image metadata read), and must carry
none of the planted needles, while the report still becomes a case with its forwards.
The files not taken from an adversarial tester's set are written by tools/make_corpus4_h7.py.
"""

import base64
import binascii
import html
import io
import re
import zipfile
import zlib
from pathlib import Path

import pytest

from corpus_checks import MEMBERS, run_corpus
from mailrouter.mail.names import fold
from readable import bytes_readable, readable_text

CORPUS = Path(__file__).parent / "corpus4"


def _facts(mail_from, needles, evidence=(), attachments=()):
    return {"mail_from": mail_from, "needles": needles, "evidence": evidence, "attachments": attachments,
            "conflicts": {}}


REPORTS = {
    "h7-slack-json-export-unicode-escaped-name.eml": _facts(
        "jose.munoz.e@correo.es",
        [("addr", "jose.munoz.e@correo.es"), ("name", "José Muñoz"), ("name", "Muñoz"), ("name", "Echeverría")],
        ["you should really smile more in standups", "Kevin Doyle"], ["standups-2026-11-01.json"]),
    "h7-discord-json-surrogates-and-html-entities.eml": _facts(
        "teodora.naegele@bluewin.ch",
        [("addr", "teodora.naegele@bluewin.ch"), ("name", "Téodora"), ("name", "Nägele")],
        ["you owe me a date", "wait for me outside", "Rex Holt"], ["messages.json", "forum.html"]),
    "h7-thunderbird-rtf-statement-escaped-umlauts.eml": _facts(
        "rene.mueller@posteo.de",
        [("addr", "rene.mueller@posteo.de"), ("name", "René Müller"), ("name", "Müller"),
         ("phone", "0151 98765432")],
        ["Kessler sagte zu mir"], ["Aussage.rtf"]),
    "h7-wordpad-rtf-cp1250-polish-contact-line.eml": _facts(
        "p.wrobel@wp.pl",
        [("addr", "p.wrobel@wp.pl"), ("name", "Paweł Wróbel"), ("name", "Wróbel"), ("phone", "+48 601 234 567")],
        ["złapał mnie za rękę"], ["zeznanie.rtf"]),
    "h7-excalidraw-svg-embedded-scene-and-data-png.eml": _facts(
        "ingrid.solberg@proton.me",
        [("addr", "ingrid.solberg@proton.me"), ("name", "Ingrid Solberg"), ("name", "Solberg"),
         ("phone", "+47 912 34 567"), ("literal", "excalidraw.com/Virgil")],
        ["Magnus H. - blocked the door"], ["booth.excalidraw.svg"]),
    "h7-inkscape-svg-sodipodi-docname-script-remote-image.eml": _facts(
        "aino.virtanen@elisanet.fi",
        [("addr", "aino.virtanen@elisanet.fi"), ("name", "Aino Virtanen"), ("name", "Virtanen"),
         ("phone", "+48 601 234 567"), ("literal", "track.example.net"), ("literal", "ainov")],
        ["Lauri Koskinen stood here"], ["plan.svg"]),
    "h7-pegasus-uuencoded-photo-in-text-body.eml": _facts(
        "walt.brennan@comcast.net",
        [("addr", "walt.brennan@comcast.net"), ("name", "Walter Brennan"), ("name", "Brennan")],
        ["the photo of the note Dale Porter left on my car"], ["IMG_0042.JPG"]),
    "h7-base64-uuencode-and-yenc-blocks-in-body.eml": _facts(
        "bquist@rcn.com",
        [("addr", "bquist@rcn.com"), ("name", "Bartholomew Quist"), ("name", "Quist"),
         ("phone", "+48 601 234 567")],
        ["Ruth Alvey shouted at me in the hallway"], ["screen.png"]),
    "h7-xlsx-workbook-abspath-windows-user-folder.eml": _facts(
        "rpetrovic@petrovic-consulting.rs",
        [("addr", "rpetrovic@petrovic-consulting.rs"), ("name", "Radoslav Petrović"), ("name", "Petrovic"),
         ("literal", "Petrovic Consulting")],
        ["blocked the exit and shouted at me"], ["timeline.xlsx"]),
    "h7-docx-footer-and-embedded-exif-photo.eml": _facts(
        "sofia.lindqvist@telia.se",
        [("addr", "sofia.lindqvist@telia.se"), ("name", "Sofia Lindqvist"), ("name", "Lindqvist"),
         ("phone", "+46 70 123 45 67")],
        ["Henrik Dahl pushed me against the wall"], ["statement.docx"]),
    "h7-docx-header-letterhead-template-path-printer.eml": _facts(
        "m.okonkwo@baptistelegal.co.uk",
        [("addr", "m.okonkwo@baptistelegal.co.uk"), ("name", "Marguerite Okonkwo-Baptiste"),
         ("name", "Okonkwo"), ("phone", "+44 7700 900 461"), ("literal", "Baptiste Legal"),
         ("literal", "mokonkwo"), ("literal", "Marguerite's HP")],
        ["Desmond Farrow followed me to the hotel"], ["statement.docx"]),
    "h7-xlsx-printed-footer-name-and-phone.eml": _facts(
        "bia.nunes@sapo.pt",
        [("addr", "bia.nunes@sapo.pt"), ("name", "Beatriz Carvalho Nunes"), ("name", "Nunes"),
         ("phone", "+351 912 345 678")],
        ["Calls from Tiago Faria, from +351 913 000 111, after midnight"], ["chamadas.xlsx"]),
    "h7-apple-calendar-invite-email-param-urn-uuid.eml": _facts(
        "chioma.eze@icloud.com",
        [("addr", "chioma.eze@icloud.com"), ("name", "Chioma Eze"), ("name", "Eze"),
         ("phone", "+49 1520 7654321"), ("literal", "Chiomas"), ("literal", "52.520008"),
         ("literal", "13.404954")],
        ["Lars Petersen"], ["invite.ics"]),
    "h7-google-ics-geo-and-folded-reach-me-phone.eml": _facts(
        "seun.ac@gmail.com",
        [("addr", "seun.ac@gmail.com"), ("name", "Oluwaseun Adeyemi-Clarke"), ("name", "Adeyemi"),
         ("phone", "+1 (415) 555-0199"), ("literal", "37.773972"), ("literal", "122.431297")],
        ["About what Garrett Lowe did"], ["invite.ics"]),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_corpus(CORPUS, REPORTS, tmp_path_factory)


def _escapes_decoded(text):
    """The text as a program reading JSON, RTF or HTML would show it."""
    forms = [text, html.unescape(text),
             re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)]
    rtf = re.sub(r"\\'([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]).decode("cp1252", "replace"), text)
    forms.append(re.sub(r"\\u(-?\d+)\??", lambda m: chr(int(m.group(1)) % 65536), rtf))
    rtf_1250 = re.sub(r"\\'([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]).decode("cp1250", "replace"),
                      text)
    forms.append(re.sub(r"\\u(-?\d+)\??", lambda m: chr(int(m.group(1)) % 65536), rtf_1250))
    return forms


def _uudecoded(text):
    found = []
    for block in re.findall(r"^begin [0-7]{3,4} [^\n]*\n(.*?)^end", text.replace("\r\n", "\n"), re.M | re.S):
        data = b""
        for line in block.split("\n"):
            try:
                data += binascii.a2b_uu(line)
            except binascii.Error:
                pass
        found.append(data)
    return found


def readable(data, depth=0):
    """Every text a member (or a tool of theirs) could get out of `data`."""
    if depth > 3 or not data:
        return []
    text = data if isinstance(data, str) else bytes_readable(data)
    out = _escapes_decoded(text)
    if isinstance(data, bytes) and data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                out += [name, *readable(package.read(name), depth + 1)]
                out.append(package.read(name).decode("utf-16-le", "replace"))
    for inner in _uudecoded(text):
        out += readable(inner, depth + 1)
    for token in re.findall(r"[A-Za-z0-9+/=]{40,}", text)[:50]:
        try:
            raw = base64.b64decode(token + "=" * (-len(token) % 4))
        except binascii.Error:
            continue
        out += readable(raw, depth + 1)
        for wbits in (15, -15, 31):
            try:
                out += readable(zlib.decompress(raw, wbits), depth + 1)
                break
            except zlib.error:
                pass
    return out


def member_bound_text(message):
    chunks = [readable_text(message.msg), message.data.decode("utf-8", "replace")]
    for part in message.msg.walk():
        if not part.is_multipart():
            chunks += readable(part.get_payload(decode=True) or b"")
    return "\n".join(chunks)


def leaked(needle, text):
    kind, value = needle
    if kind == "phone":
        return re.sub(r"\D", "", value) in re.sub(r"\D", "", text)
    if kind in ("addr", "literal"):
        return value.lower() in text.lower()
    folded = " ".join(fold(text).split())
    return re.search(rf"(?<!\w){re.escape(' '.join(fold(value).split()))}(?!\w)", folded) is not None


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_member_bound_byte_carries_a_planted_needle(results, name):
    _, mail = results[name]
    member_mail = [m for m in mail if m.rcpt_tos[0] in MEMBERS]
    assert member_mail
    for message in member_mail:
        text = member_bound_text(message)
        assert not [n for n in REPORTS[name]["needles"] if leaked(n, text)], message.rcpt_tos[0]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_becomes_a_case_with_its_forwards_and_evidence(results, name):
    code, mail = results[name]
    assert code == 250
    forwards = [m for m in mail if "New report" in str(m["Subject"])]
    assert {m.rcpt_tos[0] for m in forwards} == MEMBERS
    acks = [m for m in mail if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == [[REPORTS[name]["mail_from"]]]
    shown = " ".join("\n".join(readable(p.get_payload(decode=True) or b"")) for p in forwards[0].msg.walk()
                     if not p.is_multipart())
    seen = " ".join((readable_text(forwards[0].msg) + shown).split())
    for evidence in REPORTS[name]["evidence"]:
        assert evidence in seen, evidence
    names = {p.get_filename() for p in forwards[0].msg.walk() if p.get_filename()}
    assert set(REPORTS[name]["attachments"]) <= names
