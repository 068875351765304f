"""Reports forwarded by an intermediary, and whose words a forward carries (P8).

A forward is recognised in two shapes:
- **attached**: a `message/rfc822` or `message/global` part, or an attachment named `.eml`;
- **inline**: below the sender's own words, a header block whose first line names the
  author (`From:`, `Von:`, `De :`, `Da:`, `Van:`, `Od:`, `Från:`, `差出人:`, `发件人:`,
  `寄件者:`, bold `*From:*` as Gmail writes it), after any separator line of the common
  clients, or an attribution line that carries an address (`On …, Noa <noa@…> wrote:`).

Everyone whose words are forwarded is a party: members conflicted with them are excluded
("when in doubt, exclude"). They are also protected as reporters, unless the forward is
plainly evidence the sender received (the reporter forwarding what the reported person
wrote to them). A forward is a report carried by an intermediary when the sender is a
committee member, or says so (`on behalf of`, `asked me to forward`, `told me`, …), or
the forwarded words are themselves a report, or a line `Original reporter: Name <email>`.
"""

import email
import re
from dataclasses import dataclass
from email import policy
from email.utils import getaddresses

from mailrouter.mail.message import body_part, part_text
from mailrouter.privacy.authorship import mailboxes
from mailrouter.mail.names import handles, local_part_words, name_words

_FROM_LABELS = (r"from|von|de|da|van|od|fr[åa]n|fra|afzender|absender|remetente|expéditeur|差出人|送信者|发件人|寄件者|"
                r"requester|requester e-?mail|requested by|submitted by|reported by|customer|name|e-?mail|email address|"
                r"kundenbenutzer|kunde|anfragesteller|antragsteller|melder|meldende person|gemeldet von|"
                r"demandeur|solicitante|requerente|richiedente|aanvrager|zgłaszający|beställare")
_TO_LABELS = r"to|an|à|a|para|aan|do|till|til|宛先|收件人|收件者|cc|kopie|cc ?:"
_LABELLED = re.compile(rf"^[ \t>]*\*?(?P<label>{_FROM_LABELS}|{_TO_LABELS})\*?[ \t]*(?:[:：]|\|)\*?[ \t]*(?P<value>\S.*)$",
                       re.IGNORECASE | re.MULTILINE)
_ATTRIBUTION = re.compile(r"^[ \t>]*(?P<line>[^\n]{0,200}?[<(\[]\s*(?:mailto:)?[^\s<>()\[\]@]+@[^\s<>()\[\]]+"
                          r"\s*[>)\]][^\n]{0,80}[:：])[ \t\r]*$", re.MULTILINE)
_NAME_WROTE = re.compile(r"^[ \t>]*(?P<name>[^\s:<>@,][^:<>@\n]{1,60}?)\s*(?:wrote|schrieb|a écrit|escribió|escreveu|"
                         r"ha scritto|schreef|napisał\(a\)|napisała|napisał|skrev|写道|寫道|が書きました|लिखा|"
                         r"ने लिखा)\s*[:：]\s*$", re.MULTILINE | re.IGNORECASE)
_ADDRESS_IN = re.compile(r"(?P<name>[^<>\n,;:(\[]{0,80}?)\s*[<(\[]\s*(?:mailto:)?(?P<address>[^\s<>()\[\]@]+@"
                         r"[^\s<>()\[\]]+?)\s*[>)\]]")
# The sender passes on someone else's report. Narrow on purpose: "he told me", "Sam
# approached me" describe what happened to a reporter, not that someone asked to be heard.
_PASS_ON = r"(?:forward|pass|send|share|report|submit|bring)"
_INTERMEDIARY = re.compile(
    rf"on (?:their|her|his|someone'?s) behalf|on behalf of|asked (?:me|us) to {_PASS_ON}|"
    rf"wanted (?:me|us) to {_PASS_ON}|reported (?:this |it )?to me (?:at|during|after)|"
    r"passing (?:this |it )?(?:on|along)|(?:only|just) (?:the|a) messenger|at (?:her|his|their) request|"
    rf"agreed (?:that |for )?(?:I|me|us|we) (?:could |can |to |may )?{_PASS_ON}|"
    rf"(?:ok|okay|fine|happy) (?:with me|for me|that I|for us|with us) (?:to )?{_PASS_ON}|"
    r"(?:gave|given) (?:me |us )?(?:her|his|their)? ?(?:permission|consent)|with (?:her|his|their) (?:permission|consent)|"
    r"forwarding (?:a|this|the|her|his|their) (?:report|complaint)|came to (?:the|our) (?:desk|booth|registration|info|help)|"
    r"mit (?:ihrer|seiner|deren) (?:zustimmung|erlaubnis|einwilligung)|in (?:ihrem|seinem) namen|im auftrag|"
    r"hat mich gebeten|instead of (?:to |writing to )?(?:the )?(?:alias|committee)|"
    r"(?:is|are) (?:ok|okay|fine|happy) with (?:the committee|you|us) (?:seeing|reading|knowing)|"
    r"avec son (?:accord|consentement|autorisation)|de la part de|m'a demandé de (?:transmettre|signaler|transférer)|"
    r"con su (?:permiso|consentimiento|autorización)|en nombre de|me pidió que|"
    r"com (?:o |a )?(?:seu |sua )?(?:permiss|consentimento|autoriza)|em nome de|me pediu (?:para|que) (?:encaminh|report|envi)|"
    r"con il suo (?:consenso|permesso)|per conto di|mi ha chiesto di (?:inoltr|segnal)|"
    r"met (?:haar|zijn|hun) toestemming|namens|(?:za|z) (?:jej|jego|ich) zgod|w imieniu|"
    r"med (?:hennes|hans|deras) (?:tillstånd|samtycke)|på uppdrag|代わりに|代为|委托|代為|"
    r"as requested by|(?:wants?|asked for|would like) (?:her|his|their) name (?:to be )?(?:kept out|withheld|not shared)|"
    # the sender says the person wants to stay unknown: they speak for someone else
    r"(?:she|he|they|the (?:attendee|person|customer|reporter)) (?:wants?|would like|prefers?|asked) to "
    r"(?:stay|remain|be kept) anonymous|(?:möchte|will) anonym bleiben|souhaite rester anonyme|"
    r"quiere (?:permanecer|quedar) anónim|quer (?:ficar|permanecer) anónim|vuole rimanere anonim|wil anoniem blijven",
    re.IGNORECASE)
# A forwarded message that is itself a report, in its writer's own first person. Narrow on
# purpose: what a reported person wrote ("your complaints", "stop harassing me") is evidence.
_REPORT_WORDS = re.compile(
    r"\bI(?:'d| would)? (?:want|wanted|like|need) to (?:report|make a report|file a complaint)|"
    r"\bI(?:'m| am) (?:reporting|writing to report)|code of conduct (?:report|violation|incident)|"
    r"(?:don'?t|do not|please not) (?:share|tell|reveal) (?:my name|who I am)|(?:keep|stay) anonymous|"
    r"ich möchte (?:melden|einen vorfall)|je (?:voudrais|souhaite) signaler|quiero denunciar|quero denunciar|"
    r"vorrei segnalare|ik wil (?:melden|een melding)|chcę zgłosić|jag vill anmäla|報告したい|我想举报|我想舉報",
    re.IGNORECASE)
_DECLARED = re.compile(r"^[ \t]*(?:original reporter|reported by|reporter|on behalf of)[ \t]*:[ \t]*(?P<who>\S.*?)\s*$",
                       re.IGNORECASE | re.MULTILINE)
_BEHALF_NAME = re.compile(
    r"(?:on behalf of|behalf of|im auftrag von|de la part de|en nombre de|em nome de|per conto di|"
    r"namens|w imieniu)\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2})"
    r"|(?P<name2>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}),?\s+(?:\([^)]{0,40}\)\s+)?"
    rf"(?:asked (?:me|us) to {_PASS_ON}|wanted (?:me|us) to {_PASS_ON}|came to (?:the|our) (?:desk|booth|registration)|"
    r"hat mich gebeten|m'a demandé de|me pidió que|me pediu para)")
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
                return email.message_from_bytes(data, policy=policy.default)
        if (part.get_filename() or "").lower().endswith(".eml") and not part.is_multipart():
            data = part.get_payload(decode=True) or b""
            return email.message_from_bytes(data, policy=policy.default)
    except (LookupError, ValueError, TypeError, IndexError):
        return None
    return None


def _from_message(inner):
    authors = mailboxes(inner, "From") + mailboxes(inner, "Sender") + mailboxes(inner, "Reply-To")
    recipients = tuple(mailboxes(inner, "To") + mailboxes(inner, "Cc"))
    body = body_part(inner)
    text = part_text(body) if body is not None else ""     # HTML as written, not as text
    return Forwarded(tuple(n for n, _ in authors if n), tuple(a for _, a in authors), recipients, text)


def _inline(text):
    """Header blocks (`From: … / To: …`) and attributions with an address, in order.

    Each one's text runs to the next block, so a forward inside a forward is judged on
    the words of the message that carries it.
    """
    lines = (text or "").split("\n")
    blocks, index = [], 0
    while index < len(lines):
        match = _LABELLED.match(lines[index])
        if match and re.fullmatch(_FROM_LABELS, match.group("label"), re.IGNORECASE):
            authors, recipients, end = _header_block(lines, index)
            blocks.append((index, end, authors, recipients, _phones(lines[index:end])))
            index = end
            continue
        attribution = _ATTRIBUTION.match(lines[index])
        people = _people_in(attribution.group("line")) if attribution else []
        named = _NAME_WROTE.match(lines[index]) if not people else None
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
            if re.fullmatch(_FROM_LABELS, match.group("label"), re.IGNORECASE):
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
    pairs = [(n, a) for n, a in getaddresses([value]) if a]
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


def carried_by_intermediary(own_words, forwarded):
    """Is this forward a report someone else wrote (protect its author) rather than evidence?

    Yes when the sender says they pass it on, or the forwarded words are themselves a
    report in their writer's first person. A committee member is no exception: a member
    forwarding what a harasser sent them is reporting it themselves.
    """
    if _INTERMEDIARY.search(own_words or ""):
        return True
    return bool(_REPORT_WORDS.search(forwarded.text[:4000]))


def declared_reporters(own_words):
    """People named on `Original reporter:` (or `Reported by:`) lines: (name, address) pairs."""
    people = []
    for match in _DECLARED.finditer(own_words or ""):
        pairs = [(n, a) for n, a in getaddresses([match.group("who")]) if a and "@" in a]
        people.extend(pairs or [(match.group("who").strip(" <>\"'"), "")])
    return people


def speaks_for_someone(own_words):
    """The sender says they pass on someone else's report ("on behalf of", "asked me to")."""
    return bool(_INTERMEDIARY.search(own_words or ""))


def addresses_of_name(text, name):
    """Addresses in `text` whose local part is made of the name's words (`priya.raman@`)."""
    words = set(name_words(name))
    found = []
    for address in re.findall(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+", text or ""):
        local = set(local_part_words(address))
        if local and (local & words) and local <= words | {w[:1] for w in words}:
            found.append(address)
        elif local_part_words(address) and "".join(local_part_words(address)) in handles(name):
            found.append(address)
    return found


def names_on_whose_behalf(own_words):
    """Names an intermediary gives for the person who told them ('on behalf of Priya')."""
    names = []
    for match in _BEHALF_NAME.finditer(own_words or ""):
        name = (match.group("name") or match.group("name2") or "").strip()
        if name and name.split()[0].lower() not in _NOT_NAMES:
            names.append(name)
    return names


_NOT_NAMES = {"i", "we", "she", "he", "they", "someone", "somebody", "this", "the", "a", "an", "it",
              "my", "our", "their", "her", "his", "you", "attendee", "an attendee", "one", "hi", "hello",
              "dear", "thanks", "sie", "er", "elle", "il", "ella", "él", "ela", "ele", "lei", "lui"}
