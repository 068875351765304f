"""The name the reporter speaks under in a chat export they attach (pure).

The scrubber replaces the reporter's names wherever they stand; an export often shows them
under another spelling than the From ("Ольга Петренко" for "Olga Petrenko"). The export's
own structure says which speaker is the one who exported it:

- **WhatsApp** (`WhatsApp Chat with <other person>.txt`, in several languages): in a chat of
  two speakers, the one who is not the chat's other person.
- **Telegram** (`result.json`): the owner's `personal_information`, and the speakers of a
  `personal_chat` other than the chat's name (who is the other person) or its id.
- **Slack, Discord, any JSON record**: a record (or its profile) holding one of the
  reporter's addresses, or as its handle their address's local part: its names are theirs.
- **Any export**: a speaker whose name spells one of the reporter's in another script
  (`cross_script`).

The other speakers are evidence and stay. Only attachments that can hold such an export are
read (JSON and text parts, 2 MB each, the first 20), and a JSON part only when it can
match: it names an address of theirs, is Telegram's, or holds letters of another script.
"""

import json
import re
from itertools import islice

from mailrouter.mail.message import part_filename
from mailrouter.mail.names import fold
from mailrouter.mail.text_files import decode_text, type_for_suffix
from mailrouter.privacy.cross_script import script_of, spelt_alike_any

MAX_PARTS, MAX_BYTES, MAX_LINES = 20, 2_000_000, 5000
_EXPORT_TYPES = {"text/plain", "application/json"}
_EXPORT_SUFFIX_TYPES = {("text", "plain"), ("application", "json")}
NAME_KEYS = {"from", "author", "realname", "displayname", "name", "sender", "actor", "fullname", "nickname",
             "username"}
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_WHATSAPP_FILE = re.compile(
    r"(?:whatsapp[- ]chat (?:with|mit|met|com|con|avec|z|ze|s|с|з|ile|med|kanssa)|chat de whatsapp con|"
    r"conversa do whatsapp com|discussion whatsapp avec|czat whatsapp z|чат whatsapp (?:с|з)|"
    r"whatsapp[- ]chat met|whatsapp[- ]chat(?=\s*-))\s*(?:-\s*)?(?P<other>.+?)(?:\s*\(\d+\))?(?:\.txt|\.zip)?$", re.IGNORECASE)
_WHATSAPP_LINE = re.compile(r"^\u200e?\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
                            r"(?:\s?[ap]\.?\s?m\.?)?\]?(?:\s+-|:)?\s+(?P<name>[^:\n]{1,60}?):\s", re.MULTILINE | re.IGNORECASE)


def export_speaker_names(msg, names, addresses):
    """Names the reporter (known by `names` and `addresses`) goes by in the chat exports `msg`
    carries, beyond `names`."""
    known = {fold(n) for n in names if n}
    found = []
    for filename, text in islice(_texts(msg), MAX_PARTS):
        # A chat log's lines may begin "[28.11.26, 22:10:05]": not JSON.
        if text.lstrip()[:1] in ("{", "[") and not _WHATSAPP_LINE.match(text.lstrip()):
            found += _from_json(text, names, addresses)
        else:
            found += _from_chat_lines(text, filename, names)
    return [n for i, n in enumerate(found) if fold(n) not in known and n not in found[:i]]


def _texts(msg):
    """(file name, text) of each attached part that can be a chat export: plain text or JSON."""
    for part in msg.walk():
        filename = part_filename(part) or ""
        declared = part.get_content_type()
        if part.is_multipart() or not filename and declared != "application/json":
            continue
        if declared not in _EXPORT_TYPES and type_for_suffix(filename) not in _EXPORT_SUFFIX_TYPES:
            continue
        try:
            data = part.get_payload(decode=True) or b""
        except (ValueError, TypeError):
            continue
        if data and len(data) <= MAX_BYTES:
            yield filename, decode_text(data, part.get_content_charset())


def _from_chat_lines(text, filename, names):
    speakers = list(dict.fromkeys(m.group("name").strip() for m in
                                  islice(_WHATSAPP_LINE.finditer(text), MAX_LINES)))
    found = [s for s in speakers if spelt_alike_any(s, names)]
    chat = _WHATSAPP_FILE.search(filename.rsplit("/", 1)[-1])
    if chat and len(speakers) == 2:
        other = fold(chat.group("other").strip())
        found += [s for s in speakers if fold(s) != other] if other in map(fold, speakers) else []
    return found


def _from_json(text, names, addresses):
    own = {a.lower() for a in addresses}
    handles = {a.split("@")[0].lower() for a in own}
    lowered = text.lower()
    if not (any(a in lowered for a in own) or "personal_" in lowered or _OTHER_SCRIPT.search(text)):
        return []
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return []
    found = []
    try:
        _walk(document, (_Spelling(names), own, handles), found, 0)
    except RecursionError:
        pass
    return found


def _walk(value, reporter, found, depth):
    if depth > 40:
        return
    if isinstance(value, list):
        for item in islice(value, 100_000):
            _walk(item, reporter, found, depth + 1)
        return
    if not isinstance(value, dict):
        return
    spells, own, handles = reporter
    found += [n for n in _names_of(value) if spells(n)]
    children = [v for v in value.values() if isinstance(v, dict)]
    if any(_holds_theirs(record, own, handles) for record in [value] + children):
        found += [n for record in [value] + children for n in _names_of(record) if " " in n]
    found += _telegram(value)
    for child in value.values():
        if isinstance(child, (dict, list)):
            _walk(child, reporter, found, depth + 1)


class _Spelling:
    """Whether a value spells one of the reporter's names, each distinct value judged once (an
    export repeats a few speakers a hundred thousand times)."""

    def __init__(self, names):
        self.names, self.seen = names, {}

    def __call__(self, value):
        if value not in self.seen:
            self.seen[value] = bool(script_of(value)) and spelt_alike_any(value, self.names)
        return self.seen[value]


def _key(key):
    return re.sub(r"[_\-\s]", "", str(key)).lower()


def _names_of(record):
    values = [v.strip() for k, v in record.items() if _key(k) in NAME_KEYS and isinstance(v, str)
              and 1 < len(v.strip()) <= 100]
    first, last = record.get("first_name"), record.get("last_name")
    if isinstance(first, str) and isinstance(last, str) and first.strip() and last.strip():
        values.append(f"{first.strip()} {last.strip()}")
    return values


def _holds_theirs(record, own, handles):
    values = [str(v).strip().lower().lstrip("@") for v in record.values() if isinstance(v, str)]
    return any(v in own for v in values) or any(
        _key(k) in ("name", "username", "displayname", "handle") and isinstance(v, str)
        and v.strip().lower().lstrip("@") in handles for k, v in record.items())


def _telegram(record):
    """The export owner's names: `personal_information`, and the other speakers of a personal chat."""
    found = []
    owner = record.get("personal_information")
    if isinstance(owner, dict):
        found += [n for n in _names_of(owner) if " " in n]
    if record.get("type") == "personal_chat" and isinstance(record.get("name"), str):
        other, other_id = fold(record["name"]), f"user{record.get('id')}"
        found += [m["from"] for m in _messages(record)
                  if fold(m["from"]) != other and m.get("from_id") != other_id]
    return found


def _messages(record):
    messages = record.get("messages")
    return [m for m in islice(messages, MAX_LINES) if isinstance(m, dict) and isinstance(m.get("from"), str)
            and m["from"].strip()] if isinstance(messages, list) else []
