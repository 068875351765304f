"""Contact details the reporter gives for themselves in prose (P3), beyond `phones`' rules.

"mi celular es 55 1234 5678", "私の携帯は090-1234-5678です", "제 번호는 010-…입니다", "vous pouvez me
rappeler au 06 …", "Mera number 98100 55512 hai", "reach me at my university address, x@ed.ac.uk",
"WeChat: wxm_kevin88", "تويتر @yelamrani_dev", "wa.me/4915123456789", "t.me/handle": a number,
address or handle is the writer's own when the words before it in its sentence say so (a
first-person cue: my/mein/mon/mi/meu/mój/мой/我的/私の/제/mera …, "call me", "reach me at") and
no word about someone else ("his", "Sam's", 他, 그의) stands between the cue and it, or when a
field label opens its line ("手机：…", "Twitter: @…") in a passage not about someone else. A
number the words say is theirs need not start with 0 or + (national mobiles: 138…, 98100…).
"""

import re
import unicodedata

from mailrouter.privacy.own_cues import CJK_ID, CJK_LABELS, CUES, OTHERS
from mailrouter.privacy.phones import _LABEL, _ascii_digits, looks_like_number

_CUE = "|".join(f"(?:{c})" for c in CUES)
_MARKER = re.compile(rf"(?P<mine>{_CUE})|(?P<other>{OTHERS})", re.IGNORECASE)
_MESSENGER = (r"(?:wechat|weixin|微信号?|line|telegram|signal|skype|discord|twitter|x|instagram|insta|ig|kakao(?:talk)?|"
              r"카톡|카카오톡|qq|tiktok|threads|mastodon|bluesky|snapchat|viber|threema|تويتر|تلغرام|تليجرام|"
              r"انستغرام|إنستغرام|انستقرام|واتساب|ツイッター|インスタ|ライン|телеграмм?|инстаграм|твиттер)")
_FIELD = re.compile(rf"^[\s*_>|#-]*(?:(?:{_LABEL}|{_MESSENGER})\s*(?:id|号)?|{CJK_LABELS}{CJK_ID})\s*[:：]",
                    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？]")

_NUMBER = re.compile(r"(?<![0-9A-Za-z+/=_.@-])\+?\(?\d[\d ()./-]{5,}\d(?![0-9A-Za-z@])")
# A number in a messenger's or a phone's link: wa.me/49…, signal.me/#p/+49…, sms:, tel:, viber://, t.me/+49….
# Grouped by first letter, the lookbehind after it (the same matches: tests/test_regex_groupings.py).
_NUMBER_LINK = re.compile(r"(?:w(?:a\.me/|hatsapp\.com/send/?\?phone=)|s(?:ignal\.me/#p/|(?<![\w.-].)ms:(?://)?)|"
                          r"t(?:\.me/|(?<![\w.-].)el:(?://)?)|viber://(?:chat|add)\?number=|c(?<![\w.-].)allto:(?://)?|"
                          r"f(?<![\w.-].)acetime(?:-audio)?:(?://)?)(?:\+|%2[bB])?(\d[\d.()-]{6,18}\d)(?!\d)",
                          re.IGNORECASE)
_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_LOCAL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}$")
# Each found from a character that must be there ("/", "@", ":"), the rest checked before it:
# a pattern that starts with an alternation is tried at every position of a long text.
_LINK = re.compile(r"/[@~]?([\w.-]{3,40}\w)")
_LINK_SITE = re.compile(r"(?<![\w.-])(?:t\.me|telegram\.me|twitter\.com|x\.com|instagram\.com|threads\.net|"
                        r"tiktok\.com|bsky\.app/profile|linkedin\.com/in|facebook\.com|fb\.com|threema\.id|"
                        r"line\.me/ti/p|vk\.com|snapchat\.com/add|discord\.com/users)$", re.IGNORECASE)
_AT_HANDLE = re.compile(r"@(\w[\w.]{1,38}\w)(?![\w@-]|\.\w)")
# A handle's letters are not CJK: "yuki_0912です" is "yuki_0912", then the sentence.
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3"
_HANDLE = rf"[A-Za-z](?:(?![{_CJK}])[\w.-]){{2,38}}(?:(?![{_CJK}])\w)"
_LABELLED_HANDLE = re.compile(rf"[:：]\s*@?({_HANDLE})(?=\s*(?:[)）,，;；。、{_CJK}]|\.?\s*$|\s+(?:or|oder|ou|o)\b))",
                              re.MULTILINE)
_HANDLE_LABEL = re.compile(rf"(?:(?<![^\W_]){_MESSENGER}\s*(?:id|号)?|{CJK_LABELS}{CJK_ID})\s*$", re.IGNORECASE)
# "LINE ID 是 meiling0912", "my Telegram is anna_k88", "WA saya adalah …": a messenger's name,
# a copula, the handle (found from the copula; a plain word is a handle only after "ID").
_NAMED_HANDLE = re.compile(r"(?:\s(?:is|ist|est|es|é|è|adalah|là|ni|ay|er|är|on|jest)|[是為为は＝=는은])[ \t]*@?"
                           rf"({_HANDLE})(?=[)）,，;；。、.!?{_CJK}]|\s|$)")
_ID_LABEL = re.compile(r"(?:id|号|號|아이디)\s*$", re.IGNORECASE)
# "@jpuigferrer@mastodon.social": a fediverse handle is "@jpuigferrer" too.
_FEDIVERSE = re.compile(r"@(\w[\w.]{1,38}\w)@[\w-]+(?:\.[\w-]+)+")
# Characters of the words before each candidate read for cues, per text: a text dense with
# numbers (a pasted chat log) costs at most ~0.3 s; past it `phones`' rules alone apply.
MAX_EXAMINED = 120_000
WINDOW = 120


def own_contacts(words, exclude=()):
    """(numbers, addresses, handles) the writer of `words` gives as theirs, in the order they
    stand; handles are written "@handle"; addresses in `exclude` (the alias) are left out."""
    words = unicodedata.normalize("NFKC", words or "")
    numbers, addresses, handles = [], [], []
    budget = MAX_EXAMINED
    for start, value, kind in _candidates(words):
        budget -= WINDOW
        if budget < 0 or not _theirs(words, start):
            continue
        if kind == "number":
            numbers.append(_ascii_digits(value.strip()))     # "९८७६५ ४३२१०": as the scrubber reads it
        elif kind == "address" and value.lower() not in {a.lower() for a in exclude}:
            addresses.append(value)
        elif kind == "handle":
            handles.append("@" + value)
    return numbers, addresses, handles


def _candidates(words):
    """(position, value, kind) of every number, address and handle in `words`."""
    found = [(m.start(), m.group(0), "number") for m in _NUMBER.finditer(words) if looks_like_number(m.group(0))]
    links = _NUMBER_LINK.finditer(words) if ":" in words or "/" in words else ()   # in every link
    found += [(m.start(), "+" + re.sub(r"\D", "", m.group(1)), "number") for m in links
              if 8 <= len(re.sub(r"\D", "", m.group(1))) <= 15]
    for m in _DOMAIN.finditer(words):
        local = _LOCAL.search(words, max(0, m.start() - 64), m.start())
        found += [(local.start(), words[local.start():m.end()], "address")] if local else []
    found += [(m.start(1), m.group(1), "handle") for m in _LINK.finditer(words)
              if _LINK_SITE.search(words, max(0, m.start() - 24), m.start())]
    found += [(m.start(1), m.group(1), "handle") for m in _AT_HANDLE.finditer(words)
              if not (m.start() and re.match(r"[\w.@/]", words[m.start() - 1]))]
    found += [(m.start(1), m.group(1), "handle") for m in _LABELLED_HANDLE.finditer(words)
              if _HANDLE_LABEL.search(words, max(0, m.start() - 24), m.start())]
    found += [(m.start(1), m.group(1), "handle") for m in _FEDIVERSE.finditer(words)
              if not (m.start() and re.match(r"[\w.@/]", words[m.start() - 1]))]
    return sorted(set(found + _named_handles(words)))


def _named_handles(words):
    """(position, handle, "handle") of each handle a messenger's name says is one ("LINE ID 是 …")."""
    found = []
    for m in _NAMED_HANDLE.finditer(words):
        label = _HANDLE_LABEL.search(words, max(0, m.start() - 24), m.start())
        if label and (re.search(r"[\d_.]", m.group(1)) or _ID_LABEL.search(label.group(0))):
            found.append((m.start(1), m.group(1), "handle"))
    return found


def _theirs(words, start):
    """The words before `start` in its sentence say it is the writer's own: the last cue or
    word about a person before it is a first-person cue, or its line opens with a field label
    and the passage before it says nothing about someone else."""
    window = max(0, start - WINDOW)
    newline = words.rfind("\n", window, start)
    line_start = newline + 1 if newline >= 0 or window == 0 else None     # None: a line too long for a field
    paragraph = max(words.rfind("\n\n", window, start), words.rfind("\n\r\n", window, start), window)
    before = words[paragraph:start]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = before[ends[-1].end():] if ends else before
    last = None
    for last in _MARKER.finditer(sentence):
        pass
    if last is not None:
        return last.group("mine") is not None
    return line_start is not None and bool(_FIELD.match(words[line_start:start]))


def numbers_in(text):
    """Every number in `text` that could be a phone number in some country (for a line that
    names the reporter: a contact line, a row of their own form response)."""
    return [m.group(0).strip() for m in _NUMBER.finditer(text or "") if looks_like_number(m.group(0))]
