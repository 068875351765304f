"""The identifiers of the reporter's own records in a chat or profile export.

An export (Slack's users.json, Telegram's result.json, Matrix, DiscordChatExporter HTML, a
CSV of members) writes the reporter's user id, avatar URL or handle beside their name. The
scrubber replaces the name; the id beside it is theirs too. A JSON object, an HTML element or
a CSV row is the reporter's when a value that says who it is (not a message's text) was
changed by the scrubber; its identifier-like values are then replaced everywhere they occur,
in this attachment and, through `OwnedIdentifiers`, in the ones after it (a Slack channel's
`<@U04AB12CD>` mentions). Everyone else's ids and every message stay as they were.
"""

import csv
import functools
import io
import json
import re

ID_PLACEHOLDER = "[reporter's id]"
# Keys folded (lower case, no `_` or `-`) whose values identify an account.
ID_KEYS = {"id", "userid", "uid", "user", "mxid", "avatar", "avatarurl", "avatarhash", "profileurl",
           "profileimage", "profilepicture", "imageurl", "fromid", "authorid", "senderid", "actorid",
           "ownerid", "memberid", "accountid", "username", "handle", "screenname", "login", "href",
           "link", "url", "email", "datauserid", "datauser", "dataid", "dataauthorid", "datamxid",
           "datausername"}
# A handle (`nightowl_dev`) under these is the account's too; a name with spaces is the scrubber's.
HANDLE_KEYS = {"name", "nickname", "displayname"}
# Values that are someone's words, or point at another person: a change there says nothing
# about whose record it is.
TEXT_KEYS = {"text", "body", "message", "content", "msg", "caption", "description", "bio", "summary",
             "subject", "comment", "note", "topic", "purpose", "status", "statustext", "reason",
             "markdown", "html", "plaintext", "alt", "class", "style"}
OTHER_PERSON = ("reply", "forward", "mention", "to", "recipient", "target", "quote", "inreply", "members",
                "participants")
IDENTIFYING, NOT_NAMES = ID_KEYS | HANDLE_KEYS, TEXT_KEYS | ID_KEYS
MAX_OWNER_VALUE = 100        # longer values are prose, not a name or an address
MIN_ID = 5                   # "id": 1 names nobody, and replacing "1" everywhere would ruin the text
LETTERS = re.compile(r"[^\W\d_]{2}")
# Not "<" inside: a "<" never closed made each later "<" scan to the end (quadratic, T4).
TAG = re.compile(r"(<[^<>]*>)")
ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
LOCAL_ATTRIBUTES = {"title", "href"}    # the reporter's element's own, replaced there only


@functools.lru_cache(maxsize=4096)      # an export repeats a few keys a million times
def _key(key):
    return re.sub(r"[_\-\s]", "", str(key)).lower()


def _says_whose(key, before, after):
    folded = _key(key)
    return (isinstance(before, str) and before != after and len(before) <= MAX_OWNER_VALUE
            and folded not in TEXT_KEYS and not folded.startswith(OTHER_PERSON))


def _identifier(key, value):
    if isinstance(value, bool) or not isinstance(value, (str, int)) or _key(key) not in IDENTIFYING:
        return None
    value = str(value).strip()
    handle = _key(key) not in HANDLE_KEYS or not any(c.isspace() for c in value)
    return value if len(value) >= MIN_ID and handle else None


def _walk(before, after, found):
    """True when the JSON value `before` (scrubbed: `after`) is the reporter's record."""
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for old, new in zip(before, after):
            _walk(old, new, found)
        return False
    if not (isinstance(before, dict) and isinstance(after, dict)) or list(before) != list(after):
        return False
    owner = any(_says_whose(k, v, after[k]) for k, v in before.items())
    for k, v in before.items():     # a nested record ("profile", "content") of theirs is theirs
        owner |= _walk(v, after[k], found) and not _key(k).startswith(OTHER_PERSON)
    if owner:
        found.update(filter(None, (_identifier(k, v) for k, v in before.items())))
    return owner


def _json_documents(text):
    """The JSON document(s) of `text`: one, or one a line (JSON Lines); [] when it is not JSON."""
    if not text.lstrip()[:1] in ("{", "["):
        return []
    try:
        return [json.loads(text)]
    except (ValueError, RecursionError):
        pass
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return []


def _from_json(before, after, found):
    olds, news = _json_documents(before), _json_documents(after)
    try:
        for old, new in zip(olds, news) if len(olds) == len(news) else ():
            _walk(old, new, found)
    except RecursionError:      # nested past Python's depth: its ids stay unknown, its text is scrubbed
        pass


def _from_html(before, after, found):
    """Ids of elements whose attributes the scrubber changed, or whose own text it replaced
    whole; `after` with their titles and links replaced."""
    olds, news = TAG.split(before), TAG.split(after)
    if len(olds) != len(news) or len(olds) < 3:
        return after
    for i in range(1, len(olds), 2):
        # its own text was nothing but the name or address ("Priya V", "@Priya V"), not a message
        text_changed = olds[i + 1] != news[i + 1] and not re.sub(r"\[[^\]]*\]|\W", "", news[i + 1])
        if olds[i].startswith(("</", "<!")) or (olds[i] == news[i] and not text_changed):
            continue
        for name, quoted in ATTRIBUTE.findall(olds[i]):
            value = quoted.strip("\"'")
            if _key(name) in ID_KEYS and len(value) >= MIN_ID and name.lower() not in LOCAL_ATTRIBUTES:
                found.add(value)
        news[i] = ATTRIBUTE.sub(_local_replaced, news[i])
    return "".join(news)


def _local_replaced(match):
    if match.group(1).lower() not in LOCAL_ATTRIBUTES or match.group(2).strip("\"'") in ("", "#"):
        return match.group(0)
    return f'{match.group(1)}="{"#" if match.group(1).lower() == "href" else ID_PLACEHOLDER}"'


def _from_csv(before, after, found):
    try:
        dialect = csv.Sniffer().sniff(before[:4096], delimiters=",;\t")
        olds = list(csv.reader(io.StringIO(before), dialect))
        news = list(csv.reader(io.StringIO(after), dialect))
    except (csv.Error, ValueError):
        return
    if len(olds) != len(news) or len(olds) < 2:
        return
    header = olds[0]
    for old, new in zip(olds[1:], news[1:]):
        pairs = list(zip(header, old, new))
        if len(old) == len(new) and any(_says_whose(k, o, n) for k, o, n in pairs):
            found.update(filter(None, (_identifier(k, o) for k, o, _ in pairs)))


def owned(before, after, subtype, found):
    """`after` (the scrubbed `before`) with the reporter's records' ids replaced; the ids are
    added to `found`."""
    if subtype in ("csv", "tab-separated-values"):
        _from_csv(before, after, found)
    elif "<" in before and (subtype == "html" or before.lstrip()[:1] == "<"):
        after = _from_html(before, after, found)
    else:
        _from_json(before, after, found)
    return replaced(after, found)


def replaced(text, ids):
    """`text` with each of `ids` replaced where it stands alone (a number inside another is not it)."""
    for value in sorted(ids, key=len, reverse=True):
        if value not in text:
            continue
        edge = r"\d" if value.isdigit() else r"\w"
        if value.isdigit():         # a bare JSON number becomes a string
            text = re.sub(rf"([:\[,]\s*){value}(?=\s*[,\]}}])", rf'\1"{ID_PLACEHOLDER}"', text)
        text = re.sub(rf"(?<!{edge}){re.escape(value)}(?!{edge})", ID_PLACEHOLDER.replace("\\", r"\\"), text)
    return text


class OwnedIdentifiers:
    """The scrubber's `text`, also replacing the ids found in earlier attachments; `value` is
    its `value` (a short name: no sign-off handling), for a sheet's name."""

    def __init__(self, scrubber):
        self.scrubber, self.ids = scrubber, set()

    def __call__(self, text):
        return replaced(self.scrubber.text(text), self.ids)

    def value(self, text):
        return replaced(self.scrubber.value(text), self.ids)

    def owned(self, before, after, subtype):
        return owned(before, after, subtype, self.ids)

    def learn_ahead(self, texts):
        """The ids of the reporter's records in every JSON text, before any attachment is cleaned:
        a channel file's `<@U04AB12CD>` may come before the users.json that says whose id it is.
        Only short values that can say whose a record is are scrubbed, each distinct one once."""
        seen = {}

        def scrubbed(key, value):
            if isinstance(value, dict):
                return {k: scrubbed(k, v) for k, v in value.items()}
            if isinstance(value, list):
                return [scrubbed(key, v) for v in value]
            if (not isinstance(value, str) or len(value) > MAX_OWNER_VALUE or _key(key) in NOT_NAMES
                    or not LETTERS.search(value)):       # a time, a number: no name, no address
                return value
            if value not in seen:
                seen[value] = self.scrubber.value(value)
            return seen[value]
        for text in texts:
            for document in _json_documents(text):
                try:
                    _walk(document, scrubbed("", document), self.ids)
                except RecursionError:
                    continue
