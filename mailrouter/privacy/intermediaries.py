"""Whose report a forward carries: the sender's own, or someone else's passed on (P8).

The authors of forwarded words are protected as reporters unless the forward is plainly
evidence the sender received (the reporter forwarding what the reported person wrote to
them). A forward is a report carried by an intermediary when the sender is a committee
member, or says so (`on behalf of`, `asked me to forward`, `told me`, …), or the forwarded
words are themselves a report, or a line `Original reporter: Name <email>`.
"""

import re

from mailrouter.mail.addresses import address_pairs
from mailrouter.privacy.required_words import required_words

from mailrouter.mail.names import handles, local_part_words, name_words

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
# The same, case-sensitive, for ASCII text lowered first: four times faster (an IGNORECASE
# alternation compares case-folded at every position; the bench spent ~10 ms per 3 KB
# here). Exact for ASCII text: the pattern has no escapes or classes that lowering would
# change, and no non-ASCII letter of it folds to an ASCII one (tests/test_intermediaries_fast.py).
_INTERMEDIARY_LOWER = re.compile(_INTERMEDIARY.pattern.lower())
# Every match of the lowered pattern contains one of these words (read off the pattern
# itself, so they follow its changes): a text holding none is not searched at all. The
# search tried ~50 alternatives at every position, ~1 ms per 3 KB on the worker (issue 11).
_INTERMEDIARY_WORDS = required_words(_INTERMEDIARY_LOWER.pattern)
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


def carried_by_intermediary(own_words, forwarded):
    """Is this forward a report someone else wrote (protect its author) rather than evidence?

    Yes when the sender says they pass it on, or the forwarded words are themselves a
    report in their writer's first person. A committee member is no exception: a member
    forwarding what a harasser sent them is reporting it themselves.
    """
    if _passes_on(own_words):
        return True
    return bool(_REPORT_WORDS.search(forwarded.text[:4000]))


def declared_reporters(own_words):
    """People named on `Original reporter:` (or `Reported by:`) lines: (name, address) pairs."""
    people = []
    for match in _DECLARED.finditer(own_words or ""):
        pairs = [(n, a) for n, a in address_pairs(match.group("who")) if a and "@" in a]
        people.extend(pairs or [(match.group("who").strip(" <>\"'"), "")])
    return people


def speaks_for_someone(own_words):
    """The sender says they pass on someone else's report ("on behalf of", "asked me to")."""
    return _passes_on(own_words)


def _passes_on(text):
    text = text or ""
    if text.isascii():
        lowered = text.lower()
        if _INTERMEDIARY_WORDS is not None and not any(word in lowered for word in _INTERMEDIARY_WORDS):
            return False
        return bool(_INTERMEDIARY_LOWER.search(lowered))
    return bool(_INTERMEDIARY.search(text))


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
