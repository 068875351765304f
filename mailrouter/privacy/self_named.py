"""Names and addresses a reporter gives for themselves in their own words (pure).

- **A self-introduction**: "my name is …", "ich bin Jonas Weber, …", "je m'appelle …",
  "اسمي Youssef El Amrani", "我是王晓明（英文名 Kevin）", "山本と申します"; a nickname they say
  they go by ("everyone knows me as "Bobby P""). The weak forms ("I'm", "ich bin", "soy")
  count only with two or three capitalised words and a stop after them ("ich bin Jonas
  Weber, …", not "ich bin Mitglied der PSF").
- **A signature check of their own mail**: pasted `gpg --verify` output whose "Good signature
  from" names one of their addresses or names gives every user ID of the key ("aka …") and
  the key's id and fingerprint.
- **An S/MIME certificate** in a message the report carries, listing one of their addresses,
  gives the other addresses it lists (a work address beside a personal one).

A name the reporter gives for someone else ("Gareth kept calling me "Bobby the bender"",
a friend they write for) matches none of these shapes.
"""

import base64
import re
from itertools import islice

from mailrouter.mail.names import fold
from mailrouter.privacy.authorship import person_name
from mailrouter.privacy.native_intros import cased_intro_ends, uncased_introduced_names

MAX_INTRODUCTIONS = 20          # phrases looked at per shape (T4)
MAX_INTRODUCTION_TEXT = 50_000
_WORD = r"[^\W\d_][\w'’.-]*"
# The phrases grouped by their first letter, each group in the order the phrases had in one flat list
# (tests/test_self_named_phrases.py checks that the matches are that list's): at each word boundary the
# engine tries a dozen first letters rather than thirty phrases, 1.5 to 2.4 times faster (issue 11 (b)).
_STRONG = re.compile(
    r"(?:\b(?:m(?:y name is|y name's|y name’s|y nickname is|y english name is|ein name ist|on nom est|e llamo|"
    r"i nombre es|eu nome é|e chamo|i chiamo|ijn naam is|e conocen como|e conhecem como)|"
    r"i(?:ch hei(?:ß|ss)e|l mio nome è|k heet| go by|(?:'m| am) known as|’m known as)|"
    r"j(?:e m['’]appelle|ust calls? me)|меня зовут|k(?:nows? me as|new me as|enn(?:t|en) mich als)|"
    r"please calls? me|you can calls? me|every(?:one|body) calls? me|friends calls? me|"
    r"t(?:odos me (?:llaman|dicen)|odo el mundo me (?:llaman|dicen)|out le monde m['’]appelle))\b|"
    r"英文名(?:字)?(?:是|叫)?|English name\b|اسمي|私の名前は)[\s:：,，]*[\"“„«']?", re.IGNORECASE)
_WEAK = re.compile(r"(?:^|(?<=[\s,;.!?]))(?:i(?: am|'m|’m|ch bin|k ben)|je suis|so(?:y|u|no)|я)[\s,]+(?=[^\W\d_])",
                   re.IGNORECASE)
_WEAK_STOP = re.compile(r"\s*(?:[,.;:(（)!?\n]|$|\s[-–—]\s|\s(?:and|und|et|y|e|en|и)\s)")
_HAN_SURNAMES = ("王李张张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
                 "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧")
_HAN_INTRO = re.compile(rf"(?:我是|我叫|我的名字是|我的名字叫|本人是?)(?P<name>[{_HAN_SURNAMES}][\u4e00-\u9fff]{{1,3}})(?![\u4e00-\u9fff])")
_JA_INTRO = re.compile(r"(?:(?:私は|わたしは)(?P<name>[\u4e00-\u9fff]{1,4}[ 　]?[\u4e00-\u9fff]{0,4})です(?![\u4e00-\u9fff])|"
                       r"(?P<humble>[\u4e00-\u9fff]{1,4}[ 　]?[\u4e00-\u9fff]{0,4})と申します)")
_QUOTE_MARKS = re.compile(r"[\"“”„«»「」]")
_PARTICLES = ("van", "von", "de", "da", "del", "der", "el", "al", "bin", "ibn")
_BIDI = r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
_NEXT_WORD = re.compile(rf"{_BIDI}(?P<w>{_WORD})")
_NEXT_ARABIC_WORD = re.compile(rf"{_BIDI}(?P<w>[\u0600-\u06ff]+)")
# gpg writes the fingerprint line without its "gpg:" prefix ("Primary key fingerprint: …").
_GPG_LINE = re.compile(r"^[ \t>]*(?:gpg:|[^\n:]{0,40}(?:fingerprint|Fingerabdruck|empreinte|huella|impronta)"
                       r"[^\n:]{0,20}:).*$", re.MULTILINE | re.IGNORECASE)
_GPG_IDENTITY = re.compile(r"\"(?P<name>[^\"<\n]*?)\s*<(?P<address>[^<>\s\"]+@[^<>\s\"]+)>")
_KEY_ID = re.compile(r"(?<![0-9A-Fa-f])(?:0x)?(?P<id>[0-9A-F]{16}|[0-9A-F]{40}|(?:[0-9A-F]{4}\s{1,2}){9}[0-9A-F]{4})"
                     r"(?![0-9A-Fa-f])")
_SIGNATURE_TYPES = ("application/pkcs7-signature", "application/x-pkcs7-signature")
_DER_ADDRESS = re.compile(rb"[\x16\x81](?P<length>[\x06-\x7f])")
_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


def introduced_names(words):
    """Names (and nicknames) the writer gives as their own in `words` (in its first 50 000
    characters: one introduces oneself near the start, and a long text costs no more)."""
    words = words[:MAX_INTRODUCTION_TEXT]
    strong = [m for m in islice(_STRONG.finditer(words), MAX_INTRODUCTIONS) if not _quoted(words, m.start())]
    found = [_capitalised(words, m.end(), 1)[0] or _arabic(words, m.end()) for m in strong]
    found += [_capitalised(words, end, 1)[0] for end in cased_intro_ends(words) if not _quoted(words, end)]
    found += uncased_introduced_names(words)
    for match in islice(_WEAK.finditer(words), MAX_INTRODUCTIONS):
        if _quoted(words, match.start()):
            continue
        name, end = _capitalised(words, match.end(), 2)
        if name and _WEAK_STOP.match(words, end):
            found.append(name)
    found += [m.group("name") for m in _HAN_INTRO.finditer(words)]
    found += [n for m in _JA_INTRO.finditer(words) for n in [m.group("name") or m.group("humble")]
              if len(n.replace(" ", "").replace("　", "")) >= 2]
    return [n for n in found if n]


def _quoted(text, position):
    """True inside a quotation on its line: someone else's words ("he said "my name is …"")."""
    line = text[text.rfind("\n", 0, position) + 1:position]
    return len(_QUOTE_MARKS.findall(line)) % 2 == 1


def _capitalised(text, start, at_least):
    """(the run of one to three capitalised words from `start`, where it ends); ('', start)
    when shorter than `at_least`. A lower-case particle may stand between them ("Youssef el Amrani")."""
    words, ends = [], []
    for written, end in _leading_words(_NEXT_WORD, text, start):
        word = written.rstrip(".-") or written
        capital = word[0].isupper() and not (len(word) > 2 and word.isupper())
        if not (capital or words and word.lower() in _PARTICLES and len(words) < 2):
            break
        words.append(word)
        ends.append(end - len(written) + len(word))      # a full stop after it is a stop
        if len(words) == 3 or written.endswith(".") and len(word) > 1:    # "Weber." ends it, "P." not
            break
    while words and not words[-1][0].isupper():
        words.pop()
        ends.pop()
    return (" ".join(words), ends[-1]) if len(words) >= at_least else ("", start)


def _arabic(text, start):
    """Up to two Arabic words right after "اسمي", before an "و" (and) or a stop."""
    words = []
    for word, _ in _leading_words(_NEXT_ARABIC_WORD, text, start):
        if words and word.startswith("و") or len(words) == 2:
            break
        words.append(word)
    return " ".join(words)


def _leading_words(pattern, text, position):
    """(word, its end) for the words `pattern` finds one after another from `position` (four at most)."""
    for _ in range(4):
        match = pattern.match(text, position)
        if not match:
            return
        yield match.group("w"), match.end()
        position = match.end()


def verified_as_theirs(text, names, addresses):
    """(names, addresses, key ids) of the `gpg --verify` output in `text` that checks one of
    the reporter's own signatures (its "Good signature from" names one of their addresses
    or names); each run of `gpg:` lines is judged on its own."""
    own_addresses = {a.lower() for a in addresses}
    own_names = {fold(n) for n in names if n}
    found_names, found_addresses, key_ids = [], [], []
    for block in _gpg_blocks(text):
        people = [(m.group("name"), m.group("address")) for m in _GPG_IDENTITY.finditer(block)]
        if not any(a.lower() in own_addresses or (n and fold(n) in own_names) for n, a in people):
            continue
        found_names += [person_name(n) for n, _ in people if person_name(n)]
        found_addresses += [a for _, a in people]
        key_ids += [" ".join(m.group("id").split()) for m in _KEY_ID.finditer(block)]
    return found_names, found_addresses, key_ids


def _gpg_blocks(text):
    blocks, last_end = [], -2
    for match in _GPG_LINE.finditer(text or "") if ":" in (text or "") else ():   # each line has one
        if blocks and match.start() <= last_end + 2:
            blocks[-1] += "\n" + match.group(0)
        else:
            blocks.append(match.group(0))
        last_end = match.end()
    return blocks


def certified_addresses(msg, addresses):
    """Addresses an S/MIME certificate in `msg` lists beside one of the reporter's own."""
    own = {a.lower() for a in addresses}
    found = []
    for visited, part in enumerate(msg.walk()):
        if visited >= 500:
            break
        if part.get_content_type() not in _SIGNATURE_TYPES and not str(part.get_filename() or "").lower().endswith(".p7s"):
            continue
        listed = _der_addresses(_payload(part))
        if own & {a.lower() for a in listed}:
            found += listed
    return found


def _payload(part):
    try:
        data = part.get_payload(decode=True)
        if not data and isinstance(part.get_payload(), str):
            data = base64.b64decode(part.get_payload(), validate=False)
        return (data or b"")[:200_000]
    except (ValueError, TypeError):
        return b""


def _der_addresses(data):
    """Email addresses in a DER certificate: IA5 strings (emailAddress) and rfc822Name."""
    found = []
    for match in _DER_ADDRESS.finditer(data):
        value = data[match.end():match.end() + match.group("length")[0]]
        text = value.decode("ascii", "replace")
        if _ADDRESS.fullmatch(text) and text not in found:
            found.append(text)
    return found
