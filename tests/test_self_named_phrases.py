"""The self-introduction phrases (privacy/self_named._STRONG) are grouped by first letter for
speed (issue 11 (b)). Grouping must not change a match: on any text, they find what the flat
list of phrases found, at the same places, in the same order. The texts are built from the
phrases' own pieces, in any case, with the letters the regular expression engine takes as
the same letter under IGNORECASE (İ ı ſ K), quotes and punctuation, so that near misses and
overlaps are tried, not only the phrases as written."""

import re

from hypothesis import given, settings, strategies as st

from mailrouter.privacy.self_named import _STRONG

FLAT = re.compile(   # the phrases as one flat list, as they were before the grouping
    r"(?:\b(?:my name is|my name's|my name’s|my nickname is|my english name is|mein name ist|ich hei(?:ß|ss)e|"
    r"je m['’]appelle|mon nom est|me llamo|mi nombre es|meu nome é|me chamo|mi chiamo|il mio nome è|"
    r"mijn naam is|ik heet|меня зовут|(?:knows?|knew) me as|i go by|i(?:'m| am) known as|i’m known as|"
    r"(?:please|just|you can|everyone|friends|everybody) calls? me|kenn(?:t|en) mich als|"
    r"(?:todos|todo el mundo) me (?:llaman|dicen)|me conocen como|me conhecem como|tout le monde m['’]appelle)\b|"
    r"英文名(?:字)?(?:是|叫)?|English name\b|اسمي|私の名前は)[\s:：,，]*[\"“„«']?", re.IGNORECASE)

PIECES = ["my", "name", "is", "name's", "name’s", "nickname", "english", "mein", "ist", "ich", "heiße", "heisse",
          "je", "m'appelle", "m’appelle", "mon", "nom", "est", "me", "llamo", "mi", "nombre", "es", "meu", "nome",
          "é", "chamo", "chiamo", "il", "mio", "è", "mijn", "naam", "ik", "heet", "меня", "зовут", "knows", "know",
          "knew", "as", "i", "go", "by", "i'm", "i’m", "am", "known", "please", "just", "you", "can", "everyone",
          "everybody", "friends", "call", "calls", "kennt", "kennen", "mich", "als", "todos", "todo", "el", "mundo",
          "llaman", "dicen", "conocen", "conhecem", "como", "tout", "le", "monde", "英文名", "字", "是", "叫",
          "English", "اسمي", "私の名前は", "Ana", "x", "MY NAME IS", "İ", "ı", "ſ", "K", "ß"]
GLUE = [" ", " ", " ", "", ": ", ", ", "\n", "\"", "“", "-", ".", "'", "’", "，", "："]


def cased(piece, how):
    return {0: piece, 1: piece.upper(), 2: piece.title(), 3: piece.replace("i", "ı").replace("s", "ſ"),
            4: piece.replace("k", "K").replace("i", "İ")}[how]


texts = st.lists(st.tuples(st.sampled_from(PIECES), st.integers(0, 4), st.sampled_from(GLUE)),
                 min_size=1, max_size=16).map(lambda parts: "".join(cased(p, how) + glue for p, how, glue in parts))


def matches(pattern, text):
    return [(m.span(), m.group()) for m in pattern.finditer(text)]


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_the_grouped_phrases_match_as_the_flat_list_did(text):
    assert matches(_STRONG, text) == matches(FLAT, text)


def test_every_phrase_is_still_found():
    phrases = ["my name is", "My name's", "my name’s", "my nickname is", "my English name is", "Mein Name ist",
               "ich heiße", "ich heisse", "je m'appelle", "Je m’appelle", "mon nom est", "me llamo", "mi nombre es",
               "meu nome é", "me chamo", "mi chiamo", "il mio nome è", "mijn naam is", "ik heet", "Меня зовут",
               "knows me as", "know me as", "knew me as", "I go by", "I'm known as", "I am known as", "I’m known as",
               "please call me", "just call me", "you can call me", "everyone calls me", "friends call me",
               "everybody calls me", "kennt mich als", "kennen mich als", "todos me llaman", "todo el mundo me dicen",
               "me conocen como", "me conhecem como", "tout le monde m'appelle", "英文名是", "English name", "اسمي",
               "私の名前は", "MY NAME İS", "my name ıs"]
    for phrase in phrases:
        text = f"Hello, {phrase} Ana."
        assert matches(_STRONG, text) == matches(FLAT, text) != [], phrase
