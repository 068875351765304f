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

from mailrouter.privacy.phones import _LABEL
from mailrouter.privacy.signature import _DATE_OR_TIME, _NOT_PHONE

_NOUN = (r"(?:phone|mobile|cell|number|no\.|tel|whats ?app|signal|telegram|wechat|line|twitter|instagram|insta|"
         r"threema|viber|id|profile|handle|user ?name|e-?mail|\w*address|skype|discord|mastodon|contact)")
_CUES = [
    rf"\bmy(?:\s+[\w-]+){{0,2}}?\s+{_NOUN}\b", r"\bmine is\b",
    r"\b(?:call|text|ring|reach|contact|phone|whats ?app|message|signal|sms|e-?mail|mail|dm|ping|add|write to|"
    r"get hold of) me\b", r"\bi(?:'m|’m| am) (?:on|at|reachable)\b", r"\byou can reach\b", r"\breachable\b",
    r"\bmein(?:e|en)?(?:\s+[\w-]+)?\s+[\w-]*(?:nummer|handy|telefon|mobil|mail|adresse|account|konto|profil)\w*",
    r"\b(?:ruf|schreib|kontaktier)(?:t|en sie)? mi(?:ch|r)\b", r"\berreich(?:bar|en sie mich|st du mich)",
    r"\bbin ich (?:unter|über|per|auf)\b|\bantwort(?:et|en sie)\b",
    r"\b(?:mon|ma|mes)(?:\s+[\w-]+)?\s+(?:numéro|num|portable|mobile|t[ée]l\w*|adresse|e?-?mail|courriel|"
    r"compte|pseudo)", r"\bme (?:r?appeler|joindre|contacter|écrire|téléphoner)\b",
    r"\b(?:r?appel|contact|écriv|joign|répond)ez[- ]moi\b", r"\b(?:r?appelle|contacte|écris)[- ]moi\b", r"\bjoignable\b",
    r"\bmis?(?:\s+\w+)?\s+(?:número|numero|cel(?:ular)?|m[óo]vil|tel[ée]fono|tel|whats ?app|correo|e-?mail|"
    r"dirección|cuenta|usuario)", r"\bll[áa]m(?:a|e|en)me\b|\bescr[íi]b(?:e|a|an)me\b|\bcont[áa]ct(?:a|e|en)me\b",
    r"\bme (?:pueden|puedes|puede) (?:llamar|escribir|contactar|mandar|marcar)\b|\bcontactarme\b",
    r"\b(?:meu|minha)(?:\s+\w+)?\s+(?:número|numero|celular|telefone|telemóvel|zap|whats ?app|e-?mail|endereço|"
    r"conta|perfil)", r"\bme (?:liga|ligue|liguem|chama|chame|mande|manda)\b",
    r"\b(?:il mio|la mia)\s+(?:numero|cellulare|cell|telefono|indirizzo|e?-?mail)|\b(?:chiam|contatt|scriv)ami\b",
    r"\bmijn(?:\s+\w+)?\s+(?:nummer|telefoon\w*|mobiel\w*|e-?mail\w*|adres)|\bbel me\b|\bbereikbaar\b",
    r"\b(?:mój|moj|moja|moje|mojego|mojej)(?:\s+\w+)?\s+(?:numer|telefon|komórk\w*|e-?mail|adres|mail)",
    r"\b(?:zadzwoń|napisz) do mnie\b",
    r"(?:мой|моя|мою|мій|мого)(?:\s+\w+)?\s+(?:номер|телефон|мобильн\w*|мобільн\w*|почт\w*|пошт\w*|адрес\w*|"
    r"телеграм|ник)", r"(?:звоните|позвоните|пишите|напишите|звоніть|пишіть|напишіть) (?:мне|мені)\b",
    r"\b(?:numaram|telefonum|e-?postam|adresim|beni ara|bana ulaş)",
    r"(?:私|わたし|僕|ぼく|俺|自分)の(?:携帯|電話|番号|連絡先|メール|アドレス|LINE|ライン|アカウント|ID)",
    r"我的(?:手机|手機|电话|電話|号码|號碼|微信|邮箱|郵箱|电邮|QQ|推特|账号|帳號|联系方式|聯繫方式)",
    r"(?:联系|聯繫|联络|打给|打給|加)我|我是|我叫",
    r"(?<![가-힣])(?:제|내|저의|나의)\s*(?:번호|전화|휴대폰|핸드폰|연락처|이메일|메일|카톡|카카오톡|아이디|주소|트위터|인스타)",
    r"मेरा (?:नंबर|फ़ोन|फोन|मोबाइल|ईमेल)|मेरी ईमेल|मुझे (?:कॉल|फ़ोन|फोन)|मुझसे",
    r"\bmera (?:number|no\b|num|phone|mobile|whats ?app|mail|email|id)\b|\bmeri (?:email|id)\b",
    r"\bmujhe (?:call|phone|msg|message|whats ?app)\b|\bmujhse\b",
    r"رقمي|هاتفي|جوالي|بريدي|حسابي|تواصل(?:وا)? معي|التواصل معي|اتصل(?:وا)? بي|راسلوني",
    r"شماره(?: من|‌ام)|با من تماس|המספר שלי|הטלפון שלי|המייל שלי|תתקשרו אליי",
]
_CUE = "|".join(f"(?:{c})" for c in _CUES)
# Words about someone else: "his", "Sam's" (not "it's", "here's"), 他, 彼女, 그의, uska, and the
# reported person named as such ("Reported person:\nTwitter: @…" is evidence).
_OTHER = (r"(?<=\w)(?<!\bit)(?<!\bthat)(?<!\bhere)(?<!\bthere)(?<!\bwhat)(?<!\bwho)(?<!\bwhere)(?<!\bnumber)"
          r"(?<!\bname)(?<!\bmine)(?<!\bone)(?<!\blet)['’]s\b|"
          r"\b(?:his|her|their|him|he|she|they|dele|dela|ele|ela|sein|seine|seiner|ihm|ihn|ihre?|lui|elle|son|sa|ses|"
          r"su|sus|él|ella|его|её|ее|него|нее|його|її|uska|uski|uske|unka|unki|unke|iska|iski|هو|هي|له|لها|رقمه|رقمها|"
          r"שלו|שלה|उसका|उसकी|उसके|reported person|(?:the|this|that|die|la|a) person[ae]?|person reported|harasser|offender|accused|perpetrator|täter\w*|"
          r"gemeldete person|personne signalée|agresseur|agresor\w*|persona denunciada|pessoa denunciada|agressor)\b|"
          r"他|她|彼|相手|さんの|그의|그녀|그 사람|씨의|가해자|加害者|被举报人")
_MARKER = re.compile(rf"(?P<mine>{_CUE})|(?P<other>{_OTHER})", re.IGNORECASE)
_MESSENGER = (r"(?:wechat|weixin|微信号?|line|telegram|signal|skype|discord|twitter|x|instagram|insta|ig|kakao(?:talk)?|"
              r"카톡|카카오톡|qq|tiktok|threads|mastodon|bluesky|snapchat|viber|threema|تويتر|تلغرام|تليجرام|"
              r"انستغرام|إنستغرام|انستقرام|واتساب|ツイッター|インスタ|ライン|телеграмм?|инстаграм|твиттер)")
_FIELD = re.compile(rf"^[\s*_>|#-]*(?:{_LABEL}|{_MESSENGER})\s*(?:id|号)?\s*[:：]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|[。！？]")

_NUMBER = re.compile(r"(?<![0-9A-Za-z+/=_.@-])\+?\(?\d[\d ()./-]{5,}\d(?![0-9A-Za-z@])")
# A number in a messenger's or a phone's link: wa.me/49…, signal.me/#p/+49…, sms:, tel:, viber://, t.me/+49….
_NUMBER_LINK = re.compile(r"(?:wa\.me/|whatsapp\.com/send/?\?phone=|signal\.me/#p/|t\.me/|viber://(?:chat|add)\?number=|"
                          r"(?<![\w.-])(?:sms|tel|callto|facetime(?:-audio)?):(?://)?)(?:\+|%2[bB])?(\d[\d.()-]{6,18}\d)(?!\d)",
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
_LABELLED_HANDLE = re.compile(r"[:：]\s*@?([A-Za-z][\w.-]{2,38}\w)(?=\s*(?:[)）,，;；。、]|\.?\s*$|\s+(?:or|oder|ou|o)\b))",
                              re.MULTILINE)
_HANDLE_LABEL = re.compile(rf"(?<![^\W_]){_MESSENGER}\s*(?:id|号)?\s*$", re.IGNORECASE)
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
            numbers.append(value.strip())
        elif kind == "address" and value.lower() not in {a.lower() for a in exclude}:
            addresses.append(value)
        elif kind == "handle":
            handles.append("@" + value)
    return numbers, addresses, handles


def _candidates(words):
    """(position, value, kind) of every number, address and handle in `words`."""
    found = [(m.start(), m.group(0), "number") for m in _NUMBER.finditer(words) if looks_like_number(m.group(0))]
    found += [(m.start(), "+" + re.sub(r"\D", "", m.group(1)), "number") for m in _NUMBER_LINK.finditer(words)
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
    return sorted(set(found))


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


def looks_like_number(number):
    """A phone number in any country's form, once the words say it is one: 7 to 15 digits,
    grouped or unspaced, not a date or a time ("55 1234 5678", "138 0013 8000", "98100 55512")."""
    number = number.strip()
    digits = sum(c.isdigit() for c in number)
    if not 7 <= digits <= 15 or _NOT_PHONE.match(number) or _DATE_OR_TIME.search(number):
        return False
    return bool(re.search(r"\d[ ()./-]+\d", number)) or number.startswith("+") or digits >= 8


def numbers_in(text):
    """Every number in `text` that could be a phone number in some country (for a line that
    names the reporter: a contact line, a row of their own form response)."""
    return [m.group(0).strip() for m in _NUMBER.finditer(text or "") if looks_like_number(m.group(0))]
