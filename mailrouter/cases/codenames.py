"""Code names: two random words, adjective and noun ("quiet harbor"), never reused.

The lists in mailrouter/words/ give well over ten million pairs (tools/make_wordlists.py
says how they were chosen). Uniqueness is kept by the case store's register of every name
ever issued, which purging a case does not shrink.
"""

import random
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def word_lists():
    words = Path(__file__).resolve().parents[1] / "words"
    adjectives = (words / "adjectives.txt").read_text().split()
    nouns = (words / "nouns.txt").read_text().split()
    return adjectives, nouns


class CodeNames:
    """Draws fresh code names; `rng` is injected so tests are repeatable."""

    def __init__(self, rng=None):
        self.rng = rng or random.SystemRandom()

    def draw(self, taken):
        adjectives, nouns = word_lists()
        for _ in range(1000):
            name = f"{self.rng.choice(adjectives)} {self.rng.choice(nouns)}"
            if name not in taken:
                return name
        raise RuntimeError("could not find an unused code name in 1000 draws")

    @staticmethod
    def combinations():
        adjectives, nouns = word_lists()
        return len(adjectives) * len(nouns)


def slug(code_name):
    """The file-system and command-line form: 'quiet harbor' -> 'quiet-harbor'."""
    return code_name.strip().lower().replace(" ", "-")


def unslug(text):
    return text.strip().lower().replace("-", " ")
