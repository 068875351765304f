"""The well-known short forms of given names ("María José" is "Majo", Giuseppe "Beppe", Siân "Siani").

A reporter is often called by one in their own report: the abuse they quote ("kept calling me
'Siani fach'"), their closing. `short_forms(words)` gives those of a name's given name(s) (folded
words in, folded forms out); `theirs(forms, text, own_words, others)` keeps the ones the mail uses
for the reporter (capitalised, alone on a line as a sign-off, in the quoted words said to them, after
"calls me"), never one the mail gives with another person's surname ("Pepe Romero") or names as
reported; one that is also an ordinary word (`ORDINARY`: "Will", "Bill", "concha") never as the
first word of a quotation.
Polish, Czech and Russian diminutives, which decline, are name_inflections'.
"""

import itertools
import re

from mailrouter.mail.cyrillic_spellings import cyrillic_spellings, shows_cyrillic
from mailrouter.mail.names import fold, name_words

_TABLE = {
    # Spanish
    "maria jose": "majo", "jose maria": "chema", "jose": "pepe", "francisco": "paco pancho curro",
    "ignacio": "nacho", "dolores": "lola", "concepcion": "concha conchi", "guadalupe": "lupe",
    "rosario": "charo", "jesus": "chus chucho", "enrique": "quique", "manuel": "manolo", "mercedes": "merche",
    "maria isabel": "maribel", "maria teresa": "maite", "maria luisa": "marisa", "consuelo": "chelo",
    "eduardo": "lalo", "alberto": "beto", "fernando": "nando",
    # Portuguese
    "antonio": "toninho", "margarida": "guida", "joao": "joaozinho",
    # Italian
    "giuseppe": "beppe peppe peppino", "giuseppina": "peppina", "giovanni": "gianni", "francesco": "checco",
    "vincenzo": "enzo", "salvatore": "toto turi", "domenico": "mimmo", "alessandro": "sandro",
    # German, Dutch
    "johannes": "hannes", "elisabeth": "lisa liesl elli", "katharina": "kathi", "friedrich": "fritz",
    "margarete": "grete gretel", "stefanie": "steffi", "wolfgang": "wolfi", "cornelis": "kees",
    "hendrik": "henk", "jacobus": "jaap koos", "wilhelmina": "wil mien",
    # English
    "william": "bill will billy liam", "robert": "bob rob bobby robbie", "elizabeth": "liz beth lizzie betty libby",
    "margaret": "maggie peggy", "katherine": "kate katie kathy", "catherine": "kate katie cathy",
    "kathryn": "kate katie kathy", "richard": "rick ricky", "james": "jim jimmy jamie", "michael": "mike mikey",
    "jennifer": "jenny", "rebecca": "becky becca", "patricia": "patty trish", "edward": "eddie ted ned",
    "thomas": "tommy", "anthony": "tony", "joseph": "joey", "susan": "sue susie", "victoria": "vicky",
    "deborah": "debbie", "nicholas": "nick nicky",
    # Welsh, French
    "sian": "siani", "dafydd": "dai dafi", "rhiannon": "rhi", "dominique": "domi", "nathalie": "nath",
}
SHORT_FORMS = {fold(name): tuple(forms.split()) for name, forms in _TABLE.items()}
# Short forms that are also ordinary words of some language ("will", "concha" a shell, "curro" work,
# "pino" a pine, "dai" come on, "wil" want, "lupe" a magnifier).
ORDINARY = {"will", "bill", "rob", "bob", "sue", "ted", "nick", "curro", "concha", "chucho", "lupe", "wil",
            "dai", "liam", "lola", "beth", "toto", "chelo"}
# Words after which a name is what the reporter is called: "calls me Bill", "llamándome", "nennt mich".
_ME = r"\b(?:me|mich|mir|moi|mi|mí|mij|mnie|called|calls|calling|nennt|nannte)|(?:ndome|rmi|ndomi|ndo-me)"
MAX_SEEN = 200          # uses of one form weighed: a long text is not read again for each
_FOLLOWING = re.compile(r"[^\S\n]+([^\W\d_][^\W\d_'’-]+)")
_EVERY_FORM = {form for forms in SHORT_FORMS.values() for form in forms}


def short_forms(words):
    """The short forms (folded) of the given name(s) at the start of the folded `words`."""
    forms = set()
    for size in (1, 2, 3):
        forms.update(SHORT_FORMS.get(" ".join(words[:size]), ()))
    return forms


def is_short_form_of(form, words):
    """Whether the folded `form` is a short form of a given name among the folded `words`."""
    return form in _EVERY_FORM and any(form in short_forms(words[i:]) for i in range(len(words)))


def word_like(roots, names):
    """The name roots (folded) that in lower case mid-line are words, not the name: a short form of a
    given name of `names` ("es muy majo"), a Cyrillic spelling of a Latin root ("роман" of Roman)."""
    others = {p for p in roots if not p.isascii() and shows_cyrillic(p)}
    spelt = {fold(s) for p in roots if others and p.isascii() for s in cyrillic_spellings(p)}
    return others & spelt | {p for p in roots if any(is_short_form_of(p, name_words(n)) for n in names)}


def theirs(forms, text, own_words, others=()):
    """The `forms` (folded) the mail `text` uses for the reporter, capitalised as a name is."""
    # The forms are plain letters: looked for in the text as written, case aside (a long report is not folded).
    lowered, kept, other_words = text.lower(), [], {fold(w) for name in others for w in name.split()}
    for form in sorted(f for f in forms if f in lowered and f not in other_words):
        found = re.finditer(rf"(?<![^\W\d_]){re.escape(form)}(?![^\W\d_])", text, re.IGNORECASE)
        spans = list(itertools.islice(((a, b) for a, b in (m.span() for m in found) if text[a].isupper()), MAX_SEEN))
        if spans and not any(_beside_another_surname(text, end, own_words) for _, end in spans) and \
                any(_said_of_them(text, start, end, form in ORDINARY) for start, end in spans):
            kept.append(form.capitalize())
    return kept



def _beside_another_surname(text, end, own_words):
    """"Pepe Romero": the form followed on its line by a capitalised word not of the reporter's name."""
    following = _FOLLOWING.match(text, end)
    return bool(following) and following.group(1)[0].isupper() and fold(following.group(1)) not in own_words


def _said_of_them(text, start, end, ordinary):
    """Where a short form is theirs: alone on its line (their sign-off), in a quotation on its line (the
    abuse addressed to them; an ordinary word not as the quotation's first word: "Will you stop?"), or
    after "me" ("calls me Bill", "llamándome"); not "Lisa hat mich beleidigt"."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end) % (len(text) + 1)
    before = text[line_start:start]
    if not re.sub(r"[\W_]", "", before + text[end:line_end]):
        return True
    quoted = sum(before.count(q) for q in "\"“”«»„") % 2 == 1 or re.search(r"[«“„\"‘']\s*$", before)
    if quoted and ordinary:
        quoted = re.search(r"(?:[^\W\d_]|,)\s+$", before) and not before.rstrip()[-1:].isupper()
    return bool(quoted) or re.search(rf"(?:{_ME})\W{{0,3}}$", before, re.IGNORECASE) is not None

