"""Messages a report carries: forwarded or quoted mail, and who wrote it (P8).

A forward is recognised in two shapes:
- **attached**: a `message/rfc822` or `message/global` part, or an attachment named `.eml`;
- **inline**: below the sender's own words, a header block whose first line names the
  author (`From:`, `Von:`, `De :`, `Da:`, `Van:`, `Od:`, `Från:`, `差出人:`, `发件人:`,
  `寄件者:`, bold `*From:*` as Gmail writes it), after any separator line of the common
  clients, or an attribution line that carries an address (`On …, Noa <noa@…> wrote:`).

Everyone whose words are forwarded is a party: members conflicted with them are excluded
("when in doubt, exclude"). Whether they are also protected as reporters is for
`intermediaries` to judge.
"""

import re
from dataclasses import dataclass

from mailrouter.mail.addresses import address_pairs
from mailrouter.mail.message import body_part, part_filename, part_text, parse
from mailrouter.privacy.authorship import list_addresses, mailboxes, role_account

_FROM_LABELS = (r"from|von|de|da|van|od|fr[åa]n|fra|afzender|absender|remetente|expéditeur|差出人|送信者|发件人|寄件者|"
                r"requester|requester e-?mail|requested by|submitted by|reported by|customer|name|e-?mail|email address|"
                r"kundenbenutzer|kunde|anfragesteller|antragsteller|melder|meldende person|gemeldet von|"
                r"demandeur|solicitante|requerente|richiedente|aanvrager|zgłaszający|beställare")
_TO_LABELS = r"to|an|à|a|para|aan|do|till|til|宛先|收件人|收件者|cc|kopie|cc ?:"
# Where the author asked replies to go: their address too (Thunderbird's inline forward shows it).
_REPLY_LABELS = (r"reply-to|antwort an|antwort-an|répondre à|responder a|responder para|rispondi a|antwoord aan|"
                 r"antwoord naar|odpowiedź do|odpowiedz do|svara till|返信先|回复至|回覆至|回复到")
_LABELLED = re.compile(rf"^[ \t>]*\*?(?P<label>{_REPLY_LABELS}|{_FROM_LABELS}|{_TO_LABELS})\*?[ \t]*(?:[:：]|\|)\*?[ \t]*(?P<value>\S.*)$",
                       re.IGNORECASE | re.MULTILINE)
_ATTRIBUTION = re.compile(r"^[ \t>]*(?P<line>[^\n]{0,200}?[<(\[]\s*(?:mailto:)?[^\s<>()\[\]@]+@[^\s<>()\[\]]+"
                          r"\s*[>)\]][^\n]{0,80}[:：])[ \t\r]*$", re.MULTILINE)
_NAME_WROTE = re.compile(r"^[ \t>]*(?P<name>[^\s:<>@,][^:<>@\n]{1,60}?)\s*(?:wrote|schrieb|a écrit|escribió|escreveu|"
                         r"ha scritto|schreef|napisał\(a\)|napisała|napisał|skrev|写道|寫道|が書きました|लिखा|"
                         r"ने लिखा)\s*[:：]\s*$", re.MULTILINE | re.IGNORECASE)
# A name starts at a letter, or right after one: not in the middle of a run of blanks, where
# each start tried every split of the run between the name and the blanks before the "<"
# ("From:" and 3,000 blanks: seconds, T4). The name lost its leading blanks anyway.
_ADDRESS_IN = re.compile(r"(?:(?<=\S)|(?=\S)|^)(?P<name>[^<>\n,;:(\[]{0,80}?)\s*+[<(\[]\s*+(?:mailto:)?"
                         r"(?P<address>[^\s<>()\[\]@]+@[^\s<>()\[\]]+?)\s*+[>)\]]")
_ANSWER_HEADERS = ("Reply-To", "Disposition-Notification-To", "Return-Receipt-To", "X-Confirm-Reading-To")
MAX_FORWARDS = 20
MAX_PARTS = 500
MAX_INLINE_TEXT = 1_000_000


@dataclass(frozen=True)
class Forwarded:
    """A message carried inside a report: who wrote it, to whom, and its words."""

    names: tuple
    addresses: tuple
    recipients: tuple          # (name, address) of its To and Cc
    text: str
    details: tuple = ()        # phone numbers its header block gives for the author


def forwarded_messages(msg, rest_text):
    """Messages carried by `msg`: attached ones (walk() already descends into each, so every
    part is visited once, whatever the nesting) and inline ones in `rest_text`. Bounded (T4)."""
    found = []
    for visited, part in enumerate(msg.walk()):
        if visited >= MAX_PARTS or len(found) >= MAX_FORWARDS:
            break
        inner = _attached_message(part)
        if inner is not None:
            found.append(_from_message(inner))
    found.extend(_inline(rest_text[:MAX_INLINE_TEXT]))
    return found[:MAX_FORWARDS]


def _attached_message(part):
    content_type = part.get_content_type()
    try:
        if content_type in ("message/rfc822", "message/global"):
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                return payload[0]
            if isinstance(payload, (str, bytes)) and payload:
                data = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else payload
                return parse(data)
        if part_filename(part).lower().endswith(".eml") and not part.is_multipart():
            data = part.get_payload(decode=True) or b""
            return parse(data)
    except (LookupError, ValueError, TypeError, IndexError):
        return None
    return None


def _from_message(inner):
    authors = mailboxes(inner, "From") + mailboxes(inner, "Sender") + _own_answer_addresses(inner)
    recipients = tuple(mailboxes(inner, "To") + mailboxes(inner, "Cc"))
    body = body_part(inner)
    text = part_text(body) if body is not None else ""     # HTML as written, not as text
    return Forwarded(tuple(n for n, _ in authors if n), tuple(a for _, a in authors), recipients, text)


def _own_answer_addresses(inner):
    """Where its author asked answers to go: Reply-To, and the read receipts a client asks
    for (Disposition-Notification-To, Return-Receipt-To, X-Confirm-Reading-To): their
    addresses, unless a list's or a team's."""
    lists = list_addresses(inner)
    return [(n, a) for h in _ANSWER_HEADERS for n, a in mailboxes(inner, h)
            if a.lower() not in lists and not role_account(a)]


def _inline(text):
    """Header blocks (`From: … / To: …`) and attributions with an address, in order.

    Each one's text runs to the next block, so a forward inside a forward is judged on
    the words of the message that carries it.
    """
    lines = (text or "").split("\n")
    blocks, index = [], 0
    while index < len(lines):
        labelled, attributed, wrote = _could_match(lines[index])
        match = _LABELLED.match(lines[index]) if labelled else None
        if match and re.fullmatch(_FROM_LABELS, match.group("label"), re.IGNORECASE):
            authors, recipients, end = _header_block(lines, index)
            blocks.append((index, end, authors, recipients, _phones(lines[index:end])))
            index = end
            continue
        attribution = _ATTRIBUTION.match(lines[index]) if attributed else None
        people = _people_in(attribution.group("line")) if attribution else []
        named = _NAME_WROTE.match(lines[index]) if wrote and not people else None
        if named and not re.search(r"\d", named.group("name")):
            people = [(named.group("name").strip(" \"'"), "")]
        if people:
            blocks.append((index, index + 1, people, [], ()))
        index += 1
    found = []
    for number, (start, end, authors, recipients, phones) in enumerate(blocks):
        stop = blocks[number + 1][0] if number + 1 < len(blocks) else len(lines)
        found.append(Forwarded(tuple(n for n, _ in authors if n), tuple(a for _, a in authors if a),
                               tuple(recipients), "\n".join(lines[end:stop]), phones))
    return found


def _could_match(line):
    """Whether _LABELLED, _ATTRIBUTION and _NAME_WROTE could match `line` at all: each
    needs a character the line must hold (a separator; an address's @ and a final colon;
    a final colon), and most lines of a report hold none, so their patterns are not tried."""
    ends = line.rstrip().endswith((":", "："))
    return (":" in line or "：" in line or "|" in line), ends and "@" in line, ends


_PHONE_LINE = re.compile(r"^[ \t>]*\*?(?:phone|tel|telephone|mobile|cell|telefon|téléphone|teléfono|telefone|"
                         r"telefono|handy|portable|móvil|celular|電話|电话|फ़ोन|फोन)\*?[ \t]*[:：][ \t]*(?P<number>\+?[\d][\d ()./-]{5,}\d)",
                         re.IGNORECASE)


def _phones(lines):
    return tuple(m.group("number") for m in map(_PHONE_LINE.match, lines) if m)


def _header_block(lines, start):
    authors, recipients, index = [], [], start
    while index < len(lines) and lines[index].strip(" \t>\r"):
        match = _LABELLED.match(lines[index])
        if match:
            people = _parse_people(match.group("value"))
            if re.fullmatch(f"{_FROM_LABELS}|{_REPLY_LABELS}", match.group("label"), re.IGNORECASE):
                authors.extend(people)
            elif index > start:
                recipients.extend(people)
        index += 1
    return authors, recipients, index


def _parse_people(value):
    """`Noa Fischer <noa@…>`, `Noa Fischer [mailto:noa@…]`, `noa@…`, or a bare name."""
    value = value.strip().strip("*").strip()
    people = _people_in(value)
    if people:
        return people
    pairs = [(n, a) for n, a in address_pairs(value) if a]
    if pairs and all("@" in a for _, a in pairs):
        return pairs
    name = value.split(";")[0].split(",")[0].strip(" \"'")
    return [(name, "")] if 2 <= len(name) <= 80 else []


def _people_in(text):
    """(name, address) pairs written as `Name <address>` (or `[mailto:…]`), else bare addresses."""
    people = []
    for match in _ADDRESS_IN.finditer(text):
        name = re.sub(r"^.*(?:,|\bwrote|\bschrieb|\bat\b|\d{1,2}:\d{2})\s*", "", match.group("name")).strip(" \"'")
        people.append(("" if re.search(r"\d", name) else name, match.group("address").rstrip(".,;:")))
    if not people:
        people = [("", a) for a in re.findall(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+", text)]
    return people
