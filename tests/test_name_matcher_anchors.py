"""NameMatcher runs a person's pattern only on text that holds one of its anchor words
(settings/name_matcher.py, issue 11 (b)). The anchors must be a true necessary condition:
on any text, the people found with them are the people found without them. Conflict
routing depends on it (a member who is named must not receive the report)."""

from hypothesis import HealthCheck, given, settings, strategies as st

from mailrouter.settings.committee import Person
from mailrouter.settings.name_matcher import NameMatcher

PEOPLE = [
    Person("Sam Rivera", ("sam.rivera+coc@example.net", "srivera@example.com"), ("samr",)),
    Person("Ana Lima-Reyes", ("ana@example.org",)),
    Person("Chidi Okafor", ("chidi@example.org",), ("chidio",)),
    Person("José Müller", ("jose@example.net",)),
    Person("Cher", ("cher@example.org",)),
    Person("Дмитрий Иванов", ("dima@example.ru",)),
    Person("佐藤 健", ("ken@example.jp",)),
]
PIECES = ["Sam", "Rivera", "sam", "rivera", "S.", "J.", "Mr.", "Dr", "Rivera, Sam", "@samr", "samr",
          "srivera", "sam.rivera", "samrivera", "4711+samr@users.noreply.github.com", "Ana", "Lima",
          "Lima-Reyes", "Reyes", "Chidi", "Okafor", "chidio", "José", "Jose", "Müller", "Mueller",
          "Muller", "Cher", "cher", "Дмитрий", "Иванов", "Dmitry", "Ivanov", "佐藤", "健", "Sato",
          "Ken", "sam.rivera+x@example.net", "ana@example.org", "jose@example.net", "dima@example.ru",
          " ", " ", "\n", ", ", ". ", "-", "'s", "the", "and", "mrs", "’"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


def without_anchors(matcher):
    """The same matcher with every pattern run on every text, as before the anchors."""
    bare = NameMatcher([])
    bare.patterns = [(person, pattern, ("",)) for person, pattern, _ in matcher.patterns]
    bare.initials = matcher.initials
    return bare


MATCHER = NameMatcher(PEOPLE)
BARE = without_anchors(MATCHER)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_the_anchors_never_hide_a_person(text):
    assert MATCHER.find(text) == BARE.find(text)


def test_text_without_anyone_s_words_runs_no_pattern():
    """What the anchors are for: a report naming nobody known costs no pattern's scan."""
    scanned = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, text):
            scanned.append(self.pattern.pattern)
            return self.pattern.finditer(text)

    matcher = NameMatcher(PEOPLE)
    matcher.patterns = [(person, Counting(pattern), anchors) for person, pattern, anchors in matcher.patterns]
    assert matcher.find("He kept interrupting me at the meetup, la la la.") == []
    assert scanned == []
    assert [p.name for p in matcher.find("Sam Rivera was there")] == ["Sam Rivera"]
    assert len(scanned) == 1
