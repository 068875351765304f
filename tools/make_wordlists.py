#!/usr/bin/env python3
"""Build the code-name word lists of mailrouter.

Each reported case gets a code name "<adjective> <noun>" ("quiet harbor").
This script writes the two lists it is drawn from:

    mailrouter/words/adjectives.txt
    mailrouter/words/nouns.txt

one lowercase word per line, sorted, unique, no word in both lists.  It is a
developer tool, not run in CI; the generated files are committed.

Run it again (from anywhere) after changing the review lists below:

    apt-get install wordnet-base            # WordNet 3.0 index/data files
    pip install wordfreq==3.1.1 better_profanity==0.7.0
    python3 tools/make_wordlists.py         # rewrites the two files
    python3 tools/make_wordlists.py --check # exit 1 if the files differ
    python3 tools/make_wordlists.py --explain lantern   # why in / out

Output was produced with Debian wordnet-base 1:3.0-37, wordfreq 3.1.1 and
better_profanity 0.7.0.  wordfreq ships its frequency tables inside the
package and needs no network; another wordfreq version may shift a few words
across the frequency cut-offs.

Sources
-------
* WordNet 3.0 (Debian package wordnet-base, /usr/share/wordnet): parts of
  speech, sense order, SemCor sense counts (cntlist.rev), lexicographer
  categories, hypernym trees, attribute / derivation / usage pointers,
  inflection exception lists.
* wordfreq (PyPI): English word frequencies (top_n_list / zipf_frequency);
  only words with a Zipf frequency >= 1.0 are considered, and the common
  ones are preferred (see the frequency cut-offs below).
* better_profanity (PyPI): its profanity word list is used as an extra
  blocklist (single-word entries only).

Pipeline
--------
1. Candidates: wordfreq words that are 3-10 ASCII lowercase letters, Zipf >=
   1.0, not in the profanity list, not containing BLOCKED_SUBSTRINGS.
2. Role.  SemCor tag counts per part of speech (falling back to the number
   of synsets when a word is untagged) decide the role, so a word such as
   "light" lands in one list only.  Nouns: noun count > adjective and adverb
   counts and >= half the verb count.  Adjectives: adjective count >= half
   the noun count, >= adverb count, >= a quarter of the verb count.
   Proper nouns/adjectives (main sense capitalised), plurals, comparatives,
   numbers and abbreviations are dropped.  Verb participles: "-ing" forms
   ("running harbor") are out unless hand-picked; "-ed"/irregular forms only
   when hand-picked as describing a state or look ("frozen", "woven").
3. Meaning, automatically (see the constants below):
   - nouns: the main sense must be concrete (artifact, object, plant,
     animal, food, substance, shape, phenomenon, location); no salient sense
     (the first one, or one with >= 20% of the tags) may be a body part,
     person, feeling or motive, or lie under NOUN_BLOCKED_ROOTS (illness,
     drugs, alcohol, weapons, crime, death, religion, military, sex,
     underwear, toilets, waste ...); animal names that also name a person are
     dropped (insults: "pig", "snake", "cow").
   - adjectives: main sense in adj.all (pertainyms such as "medical" and
     participial adjectives are out unless hand-picked); no salient sense may
     describe a blocked attribute (age, beauty, body weight, intelligence,
     honesty, sanity, emotions, morals ...), derive from a blocked noun, or
     have a definition about people, bodies, minds, morals, politics, religion,
     ethnicity, crime, illness or death (ADJ_GLOSS_RE).
   - both: no sense at all, however rare, with a sexual, obscene, slur,
     excretory, drug, killing or "insane" definition (HARD_GLOSS_RE), or a
     WordNet usage label of slang, obscenity, vulgarism, disparagement or
     ethnic slur.
4. Human review (the sets at the end of this file), done word by word:
   - common words (Zipf >= ADJ_COMMON_ZIPF / NOUN_COMMON_ZIPF) that passed
     the automatic filters are kept unless listed in *_REVIEWED_OUT;
   - rarer words are used only when listed in *_UNCOMMON_KEEP (most of the
     tail is technical or archaic);
   - *_EXTRA adds words the automatic rules rejected but a reviewer found
     safe and natural in their role (e.g. "quiet", "calm", "golden" were
     caught by the emotion/attribute rules; "coastal", "musical" are
     pertainyms; "glowing", "winding" are -ing forms; nouns such as
     "melody", "autumn", "journey" are not in the concrete categories).
   The review removed, beyond the automatic rules: anything sexual, violent,
   medical or bodily, about death, crime, drugs or alcohol, religion,
   politics, ethnicity, nationality, gender, age, body shape, disability or
   mental health; adjectives that describe or judge a person (character,
   competence, looks, mood) or that could read as a case status, severity,
   truth or verdict ("open", "pending", "final", "severe", "temporary");
   insults and slang double meanings; first names and brands; function-like
   or awkward modifiers; obscure technical terms.  When in doubt a word was
   dropped.
5. A word selected for both roles stays an adjective unless listed in
   NOUN_PREFERRED.

Sizes: about 2,350 adjectives x 5,250 nouns, i.e. more than 12 million
combinations (build() asserts >= 12,000,000).  The adjective list is the
scarce one: after the conservative filters there are not enough common,
non-judging English adjectives, so the noun list is longer.
"""
import argparse
import collections
import re
import sys
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "mailrouter" / "words"
TOP_N = 1_000_000          # wordfreq words to consider
MIN_ZIPF = 1.0             # no rarer word is used at all
ADJ_COMMON_ZIPF = 2.5      # adjectives at least this frequent: review blocklist
NOUN_COMMON_ZIPF = 2.0     # nouns at least this frequent: review blocklist
MIN_COMBINATIONS = 12_000_000
WORD_RE = re.compile(r"^[a-z]{3,10}$")

LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact "
    "noun.attribute noun.body noun.cognition noun.communication noun.event "
    "noun.feeling noun.food noun.group noun.location noun.motive noun.object "
    "noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance "
    "noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social "
    "verb.stative verb.weather adj.ppl"
).split()
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSE_TYPE = {"n": "1", "v": "2", "a": "3", "r": "4"}


class Synset:
    __slots__ = ("pos", "offset", "lexname", "sstype", "words", "ptrs", "gloss")

    @property
    def definition(self):
        return self.gloss.split('; "')[0]


class WordNet:
    def __init__(self, root=WORDNET_DIR):
        self.synsets = {}
        for pos, name in POS_FILES.items():
            with open(root / f"data.{name}", encoding="latin-1") as fh:
                for line in fh:
                    if line.startswith("  "):
                        continue
                    body, _, gloss = line.partition(" | ")
                    t = body.split()
                    s = Synset()
                    s.pos, s.offset = pos, t[0]
                    s.lexname, s.sstype = LEXNAMES[int(t[1])], t[2]
                    n = int(t[3], 16)
                    s.words = [(t[4 + 2 * i], int(t[5 + 2 * i], 16)) for i in range(n)]
                    i = 4 + 2 * n
                    s.ptrs = []
                    for _ in range(int(t[i])):
                        s.ptrs.append((t[i + 1], t[i + 3], t[i + 2]))  # symbol, pos, offset
                        i += 4
                    s.gloss = gloss.strip()
                    self.synsets[(pos, s.offset)] = s
        self.index = {}
        for pos, name in POS_FILES.items():
            with open(root / f"index.{name}", encoding="latin-1") as fh:
                for line in fh:
                    if line.startswith("  "):
                        continue
                    t = line.split()
                    nptr = int(t[3])
                    offsets = t[4 + nptr + 2:]
                    self.index[(t[0], pos)] = [self.synsets[(pos, o)] for o in offsets]
        self.sense_tags = {}
        self.tag_total = collections.Counter()
        with open(root / "cntlist.rev", encoding="latin-1") as fh:
            for line in fh:
                key, _num, cnt = line.split()
                self.sense_tags[key] = int(cnt)
                lemma, _, rest = key.partition("%")
                self.tag_total[(lemma, "nvara"[int(rest[0]) - 1])] += int(cnt)
        self.exc = {}
        for pos, name in POS_FILES.items():
            with open(root / f"{name}.exc", encoding="latin-1") as fh:
                for line in fh:
                    t = line.split()
                    self.exc.setdefault((t[0], pos), []).extend(t[1:])
        self._hyper = {}

    def senses(self, word, pos):
        return self.index.get((word, pos), [])

    def synset(self, name):
        """'dog.n.01' -> first noun sense of 'dog' (NLTK-style lookup name)."""
        lemma, pos, num = name.rsplit(".", 2)
        return self.index[(lemma, pos)][int(num) - 1]

    def ptr(self, s, symbols):
        return [self.synsets[(p, o)] for sym, p, o in s.ptrs if sym in symbols]

    def satellite_head(self, s):
        if s.sstype == "s":
            return self.ptr(s, ("&",))[0]
        return s

    def tag_count(self, word, s):
        """SemCor tag count of `word` in synset `s` (0 when untagged)."""
        for form, lex_id in s.words:
            if clean(form) != word:
                continue
            lexfile = "%02d" % LEXNAMES.index(s.lexname)
            if s.pos == "a" and s.sstype == "s":
                hform, hid = self.satellite_head(s).words[0]
                key = f"{word}%5:{lexfile}:{lex_id:02d}:{clean(hform)}:{hid:02d}"
            else:
                key = f"{word}%{SENSE_TYPE[s.pos]}:{lexfile}:{lex_id:02d}::"
            return self.sense_tags.get(key, 0)
        return 0

    def hypernyms(self, s):
        """All (instance) hypernyms of s, transitively, plus s itself."""
        k = (s.pos, s.offset)
        if k not in self._hyper:
            out = {k}
            for h in self.ptr(s, ("@", "@i")):
                out |= self.hypernyms(h)
            self._hyper[k] = out
        return self._hyper[k]

    def role_strength(self, word):
        """Per part of speech: SemCor tags, falling back to synset counts."""
        tags = {p: self.tag_total[(word, p)] for p in POS_FILES}
        if sum(tags.values()):
            return tags
        return {p: len(self.senses(word, p)) for p in POS_FILES}

    def verb_bases(self, word):
        """Verb lemmas `word` could be an inflected form of (not word itself)."""
        out = set(self.exc.get((word, "v"), []))
        rules = (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                 ("ied", "y"), ("s", ""), ("es", ""))
        for suf, rep in rules:
            if word.endswith(suf):
                out.add(word[: -len(suf)] + rep)
        for suf in ("ing", "ed"):  # doubled consonant: stopped, running
            stem = word[: -len(suf)]
            if word.endswith(suf) and len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(word[: -len(suf) - 1])
        out.discard(word)
        return {b for b in out if (b, "v") in self.index}


def clean(form):
    return re.sub(r"\(.*\)$", "", form).lower()


# --------------------------------------------------------------------------
# Automatic semantic filters
# --------------------------------------------------------------------------

# Lexicographer files (WordNet's coarse categories) allowed for the most
# frequent sense of a noun: concrete, picturable things only.
NOUN_CATEGORIES = {
    "noun.artifact", "noun.object", "noun.plant", "noun.animal", "noun.food",
    "noun.substance", "noun.shape", "noun.phenomenon", "noun.location",
}
# Categories that disqualify a noun when one of its salient senses is in them.
NOUN_BAD_CATEGORIES = {"noun.body", "noun.person", "noun.feeling", "noun.motive"}

# Subtrees of the noun hierarchy that disqualify a noun when a salient sense
# lies below them (names are NLTK-style lookups: lemma.pos.sense_number).
NOUN_BLOCKED_ROOTS = [
    "person.n.01", "body_part.n.01", "bodily_process.n.01", "body_substance.n.01",
    "illness.n.01", "pathological_state.n.01", "injury.n.01", "death.n.01",
    "corpse.n.01", "drug.n.01", "narcotic.n.01", "medicine.n.02",
    "medical_instrument.n.01", "alcohol.n.01", "tobacco.n.01", "poison.n.01",
    "weapon.n.01", "weaponry.n.01", "firearm.n.01", "explosive.n.01", "bomb.n.01",
    "ammunition.n.01", "military_unit.n.01", "military_vehicle.n.01",
    "warship.n.01", "crime.n.01", "correctional_institution.n.01",
    "instrument_of_punishment.n.01", "instrument_of_execution.n.01",
    "religion.n.01", "spiritual_being.n.01", "place_of_worship.n.01",
    "religious_ceremony.n.01", "sexual_activity.n.01", "sex_organ.n.01",
    "contraceptive.n.01", "undergarment.n.01", "nightwear.n.01",
    "swimsuit.n.01", "hosiery.n.01", "toilet.n.01", "waste.n.01",
    "garbage.n.01", "parasite.n.01",
]
# Subset of the roots above that disqualify a noun through ANY sense, however
# rare (slang senses of ordinary words).
NOUN_BLOCKED_ROOTS_ANY_SENSE = [
    "sexual_activity.n.01", "sex_organ.n.01", "undergarment.n.01",
]

# Adjectives: WordNet "attribute" nouns (via the head of the adjective's
# cluster) that mark an adjective as describing a person's body, age, mind,
# character, morals, feelings, status or looks.
ADJ_BLOCKED_ATTRIBUTES = set("""
    ability abstemiousness acquisitiveness affectedness age alarm ambition
    ancestry animateness animation assurance attention attentiveness
    attractiveness awareness beauty being benignity body_weight boldness
    capability carefulness cheerfulness civility complexion confidence
    corruptness courage courtesy cowardice creativity credibility directness
    disposition emotionality evil excitement explicitness fairness
    fatherliness fear fertility fidelity financial_condition foreignness
    friendliness generosity gluttony good gregariousness happiness health
    holiness honesty honorableness humaneness humanness humility
    individuality integrity intelligence intentionality interest lawfulness
    legality liveliness logicality loyalty maleficence malignity maturity
    mind mindfulness modesty morality motherliness nastiness niceness
    nobility normality obedience offensiveness orthodoxy permissiveness piety
    playfulness political_orientation politeness pride propriety purity
    reasonableness reassurance repute responsibility sanity sarcasm
    sensationalism seniority sensitivity sentience seriousness sex
    sexual_activity sincerity sociability stature status susceptibility
    tameness temper thoughtfulness timidity truth virginity virtue wariness
    wildness worthiness
""".split())
# Noun categories / subtrees that disqualify an adjective when a salient sense
# is derivationally related to (or a pertainym of) a noun in them.
ADJ_BAD_RELATED_CATEGORIES = {"noun.body", "noun.feeling", "noun.person", "noun.motive"}
ADJ_BLOCKED_RELATED_ROOTS = [
    "person.n.01", "body_part.n.01", "bodily_process.n.01", "body_substance.n.01",
    "illness.n.01", "pathological_state.n.01", "injury.n.01", "death.n.01",
    "drug.n.01", "medicine.n.02", "alcohol.n.01", "weapon.n.01",
    "explosive.n.01", "crime.n.01", "religion.n.01", "spiritual_being.n.01",
    "military_unit.n.01", "sexual_activity.n.01", "feeling.n.01",
    "emotional_state.n.01", "mental_state.n.01", "sex.n.04", "age.n.01",
    "violence.n.01", "politics.n.01",
]
# Words in the definition of a salient adjective sense that show it is about
# people (their body, mind, feelings, morals, standing) or another excluded
# topic.
ADJ_GLOSS_RE = re.compile(r"""\b(
    person|persons|people|someone|somebody|one's|human|humans|man|men|woman|
    women|child|children|boy|girl|mental\w*|emotion\w*|feeling\w*|moral\w*|
    behavior|behaviour|character|temperament|personality|attitude|mood|
    manners|socially|die|dying|dead|death|religio\w*|god|gods|church|
    politic\w*|race|racial|ethnic|nation\w*|crime|criminal|illegal|violen\w*|
    injur\w*|wound\w*|body|bodily|physique|appearance|fat|obese|old|young|aged|
    gender|male|female|stupid|foolish|intellect\w*|anger|angry|afraid|
    shame\w*|guilt\w*|evil|wicked|cruel\w*|disgust\w*|repugnant|sad|sorrow\w*|
    unhappy|happy|joy\w*|cowar\w*|rude\w*|wealth\w*|poor|poverty|disease\w*|
    illness|ill|sick\w*|health\w*|medical|pain\w*|lazy|vain|sane|insane
)\b""", re.I | re.X)
# Checked against EVERY sense's definition, however rare the sense (slang
# meanings of ordinary words), for nouns and adjectives alike.
HARD_GLOSS_RE = re.compile(r"""\b(
    sexual\w*|obscen\w*|vulgar\w*|genital\w*|penis|vagina|testicles?|
    prostitut\w*|brothel|promiscu\w*|homosexual\w*|lesbian|erotic\w*|lewd|
    lust\w*|naked|nude|offensive\w*|derogatory|disparag\w*|slur|contempt\w*|
    excrement|feces|urin\w*|defecat\w*|intoxica\w*|drunk\w*|narcotic\w*|
    kill\w*|murder\w*|suicid\w*|rape|torture|insane|crazy|lunatic|retard\w*
)\b""", re.I | re.X)
# WordNet usage labels that disqualify a word through any sense.
BLOCKED_USAGE = {"disparagement", "ethnic_slur", "obscenity", "vulgarism", "slang"}
# Substrings that disqualify a word wherever they occur.
BLOCKED_SUBSTRINGS = (
    "fuck", "shit", "cunt", "nigg", "fagg", "slut", "whore", "piss", "jizz",
    "wank", "twat", "bitch", "goddam", "dildo", "porn",
)


class Selector:
    def __init__(self, wn):
        self.wn = wn
        self.noun_roots = self._roots(NOUN_BLOCKED_ROOTS)
        self.noun_roots_any = self._roots(NOUN_BLOCKED_ROOTS_ANY_SENSE)
        self.adj_roots = self._roots(ADJ_BLOCKED_RELATED_ROOTS)

    def _roots(self, names):
        out = {}
        for name in names:
            s = self.wn.synset(name)
            out[(s.pos, s.offset)] = name
        return out

    def _own_senses(self, word, pos):
        """Senses in which `word` itself is lowercase (skips proper nouns)."""
        out = []
        for s in self.wn.senses(word, pos):
            forms = [re.sub(r"\(.*\)$", "", f) for f, _ in s.words]
            if word in forms:
                out.append(s)
        return out

    def _salient(self, word, senses):
        """The most frequent sense, plus any sense with >= 20% of the tags."""
        counts = [self.wn.tag_count(word, s) for s in senses]
        total = sum(counts)
        return [s for i, (s, c) in enumerate(zip(senses, counts))
                if i == 0 or c >= max(2, 0.2 * total)]

    def _hard_checks(self, word, senses):
        for s in senses:
            m = HARD_GLOSS_RE.search(s.definition)
            if m:
                return "any-sense gloss: " + m.group(0).lower()
            for u in self.wn.ptr(s, (";u",)):
                if clean(u.words[0][0]) in BLOCKED_USAGE:
                    return "usage label: " + clean(u.words[0][0])
        return None

    def _root_hit(self, s, roots):
        for k in self.wn.hypernyms(s):
            if k in roots:
                return roots[k]
        return None

    def noun(self, word):
        """None if `word` is acceptable as a noun, else the reason why not."""
        wn = self.wn
        all_senses = wn.senses(word, "n")
        if not all_senses:
            return "not a WordNet noun"
        rs = wn.role_strength(word)
        if not (rs["n"] > rs["a"] and rs["n"] > rs["r"] and rs["n"] >= 0.5 * rs["v"]):
            return "not mainly a noun (%s)" % rs
        senses = self._own_senses(word, "n")
        if not senses or senses[0] is not all_senses[0]:
            return "main sense is a proper noun"
        singular = set(wn.exc.get((word, "n"), []))
        for suf, rep in (("s", ""), ("es", ""), ("ies", "y")):
            if word.endswith(suf):
                singular.add(word[: -len(suf)] + rep)
        if any(b != word and (b, "n") in wn.index for b in singular):
            return "plural form"
        if senses[0].lexname not in NOUN_CATEGORIES:
            return "category " + senses[0].lexname
        for s in self._salient(word, senses):
            if s.lexname in NOUN_BAD_CATEGORIES:
                return "salient sense in " + s.lexname
            r = self._root_hit(s, self.noun_roots)
            if r:
                return "salient sense under " + r
        why = self._hard_checks(word, senses)
        if why:
            return why
        for s in senses:
            r = self._root_hit(s, self.noun_roots_any)
            if r:
                return "a sense under " + r
            if senses[0].lexname == "noun.animal" and s.lexname == "noun.person":
                return "animal name also used for a person (insult risk)"
        return None

    def adjective_form(self, word):
        """'ing' / 'ed' for verb participles, 'cmp' for comparatives, else ''."""
        wn = self.wn
        if wn.exc.get((word, "a")):
            return "cmp"
        for suf in ("er", "est", "r", "st"):
            if word.endswith(suf) and (word[: -len(suf)], "a") in wn.index:
                return "cmp"
        for suf in ("ier", "iest"):
            if word.endswith(suf) and (word[: -len(suf)] + "y", "a") in wn.index:
                return "cmp"
        for suf in ("er", "est"):
            stem = word[: -len(suf)]
            if (word.endswith(suf) and len(stem) > 2 and stem[-1] == stem[-2]
                    and (stem[:-1], "a") in wn.index):
                return "cmp"
        bases = wn.verb_bases(word)
        if bases and word.endswith("ing"):
            return "ing"
        if bases and (word.endswith("ed") or (word, "v") in wn.exc):
            return "ed"
        return ""

    def adjective(self, word):
        """None if `word` is acceptable as an adjective, else the reason why not."""
        wn = self.wn
        all_senses = wn.senses(word, "a")
        if not all_senses:
            return "not a WordNet adjective"
        rs = wn.role_strength(word)
        if not (rs["a"] > 0 and rs["a"] >= 0.5 * rs["n"] and rs["a"] >= rs["r"]
                and rs["a"] >= 0.25 * rs["v"]):
            return "not mainly an adjective (%s)" % rs
        senses = self._own_senses(word, "a")
        if not senses or senses[0] is not all_senses[0]:
            return "main sense is a proper adjective"
        if senses[0].lexname != "adj.all":
            return "category " + senses[0].lexname
        for s in senses:
            head = clean(wn.satellite_head(s).words[0][0])
            if head in ("cardinal", "ordinal"):
                return "number"
            if "abbreviation" in s.definition.lower():
                return "abbreviation"
        form = self.adjective_form(word)
        if form == "cmp":
            return "comparative/superlative"
        if form == "ing":
            return "present participle"
        for s in self._salient(word, senses):
            for a in wn.ptr(wn.satellite_head(s), ("=",)):
                if clean(a.words[0][0]) in ADJ_BLOCKED_ATTRIBUTES:
                    return "describes " + clean(a.words[0][0])
            related = [x for x in wn.ptr(s, ("+", "\\", "=")) if x.pos == "n"]
            for x in related:
                if x.lexname in ADJ_BAD_RELATED_CATEGORIES:
                    return "related to %s (%s)" % (clean(x.words[0][0]), x.lexname)
                r = self._root_hit(x, self.adj_roots)
                if r:
                    return "related to %s (under %s)" % (clean(x.words[0][0]), r)
            m = ADJ_GLOSS_RE.search(s.definition)
            if m:
                return "gloss: " + m.group(0).lower()
        return self._hard_checks(word, senses)


# --------------------------------------------------------------------------
# Human review lists
# --------------------------------------------------------------------------

def _words(text):
    return frozenset(text.split())


# Common adjectives reviewed out: function-like, not descriptive, abstract,
# jargon, or awkward in front of a noun.
ADJ_OUT_AWKWARD = _words("""
    abreast accessible accusative achievable actual adagio advisable advisory
    aerobic aforesaid afoul agape aground alike all allegro allowable amiss
    ample anaerobic analogous animate annular another answerable anti any apical
    apocryphal applicable apt arco arduous arguable ascendant asteroid asunder
    attainable atypical available avoidable awry axiomatic bally banal basal
    bearable beforehand belated bilateral bimonthly biweekly boon both bowery
    brut bubbly bulky bully burdensome cautionary centric certain chargeable
    clarion climactic coaxial cognate coincident colloquial comparable
    compulsory concise conducive consequent consumable contiguous convergent
    corrective corrosive countable countless crescendo cumbersome cursive
    debatable deductible dense derelict detectable dexter didactic digestible
    dissimilar divers due dun duplex each eastside elective eligible emphatic
    erstwhile especial eventual every executable exogenous expository extensible
    extrinsic fab factual fallacious falsetto fateful favourite feasible few
    firsthand fissile fore forfeit formulaic fruitless galore generative
    gingerly glabrous gratis groovy gruelling gymnastic headfirst hearsay hep
    hermetic het heuristic homologous iffy illusory imaginable immutable
    imperative impossible improbable inanimate incidental incipient inclusive
    incoming indefinite ineligible inferior insatiable interim intramural
    irrelevant isotropic iterative joint knockout landless largo last liable
    likely lite lossless lowercase lucent malleable manageable mandatory many
    matt medial mere mid migrant mimic minus mock mod moderne mono moot much
    multiple multiplex mum mutual myriad nary near needful needless negotiable
    neo net nether next nigh notional numerous nutrient obligate observable
    obtainable offside okay omnibus onetime ongoing online onside onstage
    operative orthogonal ostensible otc other outback outside ovate oxidative
    palatable partial past payable peregrine perilous pertinent piecemeal
    plenary plural plus possible potential precarious precast preemptive present
    presto prewar prima primo prior pro probable prognostic prone propellant
    proto proximal purposeful pursuant quasi quits rancid receivable recherche
    recursive reductive redux relative relevant requisite resolute resultant
    rife runaway same scant scoreless separable sevenfold shorthand simplex skew
    snafu solvable staccato stochastic strenuous stylistic subjective subliminal
    subsequent successive succinct such sundry super superior surrogate
    synonymous systemic tangential tantamount taxable telepathic tenuous ternary
    textbook theoretic tod tolerable tops traceable transitive tricky tripartite
    ult ultimo ultra unaided unbounded uncanny undeclared under underway
    undesired unedited unfocused unforeseen unfunded unhindered unimpeded
    uninsured unknowable unknowing unlike unlikely unlisted unneeded unplayable
    unproven unranked unread unreadable unreported unreserved unrivaled
    unrivalled unsigned unsold unsound unspoken unsuitable unsullied untested
    untimely unturned unverified unworkable upcoming useable utmost utter
    verbatim verifiable veritable vernacular versatile viewable westside
    whatever whatsoever workable wrinkly yon yonder
""")

# Common adjectives reviewed out: could read as the status, severity, truth
# or outcome of a case, or echo wording of harassment reports.
ADJ_OUT_CASE_LIKE = _words("""
    absent acceptable accurate acute adequate adverse ambiguous anonymous
    apparent arbitrary authentic baseless ceaseless chronic coherent complete
    conclusive consensual covert crucial deceptive dire dishonest doubtful
    drastic egregious equitable erroneous essential evident excessive extreme
    favorable favourable fictitious final flagrant formal fraudulent groundless
    habitual imaginary immediate impartial important inaccurate inactive
    inadequate incessant incomplete incorrect informal initial late legitimate
    major minor nameless necessary negative negligible null obvious open overdue
    overt pending persistent pervasive plausible positive punishable relentless
    repetitive rightful risky secret serial severe shut sufficient temporary
    tentative trivial truthful unabated unaffected unanswered unattended
    unbearable unchecked unclear undated undefined undeniable undercover
    undisputed undue unfinished unfounded unnamed unnoticed unofficial unpaid
    unplanned unprepared unprovoked unresolved unseen unsolved untold unwanted
    unwelcome upfront urgent vague valid verbal viable vital void volatile
    wrongful
""")

# Common adjectives reviewed out: describe or judge a person (character,
# competence, manners, mood, looks, body, age, status), or sound mocking.
ADJ_OUT_PERSON = _words("""
    abortive abysmal acrobatic actionable adamant adaptable admirable admissible
    adorable ageless aggressive agile aimless alert amenable amicable anarchic
    anemic antebellum anxious apologetic articulate arty asinine asleep
    assertive assistive astute autistic autonomic avid awake awkward bad bald
    bareback barefoot bearish beastly beefy bigoted biracial bitter bitty bland
    bleak blindfold blunt boisterous bombastic boneless bookish bothersome
    bourgeois brazen breathless bullish burly candid canny capricious carefree
    causative caustic cautious cavalier chaotic chatty chic childless choosy
    classy clear clever clueless cocky coercive cogent combative competent
    compliant conformist congenial corky corny corporeal cranky crude cuddly
    curable curvy cushy cutthroat dainty dandy dangerous deceitful decisive
    decrepit defamatory defective defensible defiant deficient deft delicious
    delirious dependable dependant deplorable derogatory desirable desperate
    devious diligent dim dinky disastrous discreet disloyal dismissive
    disorderly divisive dizzy docile dodgy dogmatic dour dreary drinkable droll
    dull eared easygoing effective effeminate efficient eloquent eminent
    energetic erectile errant erratic erudite esoteric evasive excitable
    expedient expendable extraneous faceless facetious facile fallible farcical
    fastidious fatherless faultless feeble fickle flaccid flamboyant flashy
    flawless fluent foolish footloose forceful forcible forehand forlorn
    forthright fortunate frank fraught freakish frizzy frontal frugal furry
    futile gabby garish gauche gaudy gentle giddy gloomy gloved goalless
    gobsmacked good gory graceful gracious grandiose gratuitous grievous
    grueling guilty gullible gutless gutsy guttural haggard hairless haphazard
    hardline harmful harmless harsh hasty headless hellish helpful homegrown
    honorable hospitable humble humorous hurtful husky hyperbolic hysterical
    icky idiotic idle ignorant illiterate immaculate immaterial immature
    immobile impeccable imperfect impetuous implacable impotent inane incisive
    inclement incognito incoherent indebted inept infallible inflexible
    ingenious inhibitory injectable inoperable inordinate insecure insidious
    insightful insipid insistent insolent insolvent insomniac intolerant
    intrusive intuitive ironic irreverent jerky jobless judgmental judicious
    keen kindly knackered knockdown kosher laborious lame laughable lawless lax
    lazy lethargic limp lipped literate lonesome lousy lovable loveable loveless
    lowly lucid lucky ludicrous mature meaty menial mercurial messy methodical
    meticulous militant mindless monogamous moribund mundane naive negligent
    nimble nonverbal numb nutty obstinate obtuse odd offhand omniscient onerous
    opportune oppressive outspoken overblown pale passive patriotic pejorative
    perfect perinatal permissive pernicious persuasive perverse pesky phobic
    picky pithy plain plucky pointless politic polygamous pompous posh postnatal
    postpartum powerless pragmatic predatory preeminent prefrontal prenatal
    prescient prim primitive princely proactive productive profane prosaic
    prostrate provident proximate prudent prudential punctual punitive putative
    quirky rash ravenous rebellious receptive redeemable regressive reliable
    reliant remedial remiss repressive respectful restless resurgent reticent
    retrograde ridiculous rigorous riotous rotten rough rowdy ruinous runny safe
    salaried sassy scathing scrappy scruffy secretive sedate sedentary seductive
    seedy selfish sensory shabby shadowy shallow shapely shifty shoddy shorn
    short showy shrewd shrill sketchy skilled skimpy skittish slack sleepless
    sleeved sleeveless slick slight slimy sloppy slow sluggish smokeless somber
    sombre sore speechless spry stable staid stalwart staunch steadfast stern
    stillborn stinky strange strapless stressful strict stubborn stubby stuffy
    suave submissive successful succulent suggestive suicidal supportive tactful
    talented talkative tardy tasteful tasteless tasty teachable teary teeny
    tenacious terse thick thirsty thrifty throwaway ticklish tireless tolerant
    toothed toothless topless toxic trendy trite trusty twee ulterior unabashed
    unassuming unbeatable unbeaten unborn uncensored unclean uncouth undecided
    undefeated underage underclass undersized undeserved undetected undeterred
    unearned uneducated unemployed unequal unexploded unfettered unfit
    unfriendly unfunny unguarded unhelpful uninformed uninvited unkempt unkind
    unlicensed unloved unlucky unmarried unnatural unopposed unoriginal
    unpopular unpunished unreliable unrequited unruly unsafe unselfish unskilled
    unstable unsteady unstuck unsuited untidy untrained unwavering unwise
    unyielding upmarket upset upstanding useless vacuous vapid vicarious
    victorious vigilant virile vitriolic voiceless votive vulnerable wan warlike
    washy wasteful watchful weak weird wild wilful willful winless wise wordy
    worshipful worthless wry yummy zippy
""")

# Common adjectives reviewed out: body, medicine, sex, danger, politics,
# religion, skin colour/ethnicity, or slang double meanings.
ADJ_OUT_SENSITIVE = _words("""
    addictive amyloid ashy auburn barren bipartisan black blackish borderline
    broad brown brownish bulbous cheap chunky civil collateral congenital
    cosmetic crappy cruciate dank dark defensive delectable democratic dickey
    dicky diverse dusky eerie extremist forensic frilly fruity grassroots
    hazardous hazel hind incumbent incurable indigenous lacy lavender legged
    lush midwestern moist mute nomadic nuclear occult operable painless pandemic
    paranormal pink pinkish poisonous postwar potent premature primal puffy puny
    raspy reborn regulatory sanitary spooky statewide supple taboo tart throated
    uncut unilateral untouched wee white whitish yellow yellowish
""")

ADJ_REVIEWED_OUT = ADJ_OUT_AWKWARD | ADJ_OUT_CASE_LIKE | ADJ_OUT_PERSON | ADJ_OUT_SENSITIVE

# Adjectives rarer than ADJ_COMMON_ZIPF that passed the automatic filters and
# were hand-picked as readable and safe.
ADJ_UNCOMMON_KEEP = _words("""
    abuzz achromatic acrid afire aglow airless airworthy alfresco allegretto
    allover ambrosial antlered artesian assignable atonal austral balconied
    barky bendable biannual bicolor biggish billowy binaural bipartite bipedal
    blotchy blowy blueish bobtail boggy bookable bouldery boxlike brambly
    branchy brimful brindle briny broadleaf bronzy brushy bunchy burnable
    calculable cantabile capacious carven ceilinged cerise cerulean changeless
    chartreuse chewable circuitous clayey cleanable climbable cloudless
    cloudlike coastwise cobwebby colonnaded colorfast columnar columned
    commodious computable confluent coppery costless cottony countywide creaky
    creaseless crinkly crosstown crosswise cruciform crumbly cubical cuboid
    cushiony damask danceable darkling datable dateless daylong diaphanous
    diminuendo dirigible discoid discoidal disjoint doughy downstage drafty
    dreamless dressy drippy drizzly duckbill ductile dulcet duple earthlike
    eatable ebon edgeless eightfold elfin epochal erasable euphonious evanescent
    exportable extendable feathery felicitous ferny filmy fingerless fivefold
    flameproof flavorless flavorsome flavourful fleecy flightless floaty florid
    flossy floury flowerless foldaway foliaged folksy formless fortissimo
    fourfold frangible friable frilled furred fusible gabled gauzy gestural
    gingery glaucous glistering globose gluey glutinous gossamer handwoven
    hardbound hatless heatless helmeted heraldic holey homespun hornless hydrous
    icebound inboard inbuilt incurved inelastic invariable isosceles jangly
    jingly keyless knobbly knobby lambent larboard largish latticed leaden
    leafless leaflike leakproof leftmost legato lemony lengthways lento lidded
    lifesize lightless limpid liveable liveried longhand longish louvered
    lowermost lunate luxuriant mansard matchless mazy meatless moated moderato
    modish moldable monophonic monthlong moonless mullioned multicolor multiform
    multistory mutable newfangled ninefold nippy noiseless nonporous nonslip
    nonstick nontoxic nonuniform nubbly nubby numberless nutritive oaken
    oceangoing odorless odourless omnivorous opencast orangish outdoorsy outsize
    outsized outspread overfull overhand overripe ovoid palmate palmy papery
    parttime pathless peaceable pebbly pendulous peppery petaled petalled
    pianissimo piebald pillared pinnate pinstriped piquant pitchy pizzicato
    plummy plushy plutonic pocketable polychrome postpaid potholed prefab
    profuse pulpy quintuple quotable quotidian rainless rainproof rearmost
    redbrick resinous returnable rhythmical rightmost rimless ritzy roadless
    rocklike roofless rootless roseate rotatable rudderless rustproof satiny
    scaleless scentless screechy scrubby seaborne seagoing seasonable seaward
    seaworthy seedless sellable semiannual semiarid semisolid semisweet sequined
    sere serrate serried sheeny shimmery shipboard shipshape shopworn shortish
    showery silty silvan singable sixfold sixpenny slaty sleety slippy slithery
    slushy smoggy smudgy snakelike snaky snowbound sodden softish sonorous
    soundless soundproof spangly spheroidal spiffing splintery springlike
    springy squashy squeezable squiggly starless starlike starlit steerable
    stellate stemless stepwise stilly stormproof straggly streaky stripy stubbly
    subalpine subaqueous sugarless sunbaked sundried sunless sunlit superfine
    sweetish swingy swishy syrupy tailless tasseled tasselled tatty teensy
    thornless threadbare threadlike thundery timbered timeworn tiptop topmost
    topnotch trackable trackless tractable transonic treacly treeless treelike
    tricolor triplex tubeless tuneful tuneless turbid tweedy twilit unadorned
    unaired unassigned unbleached unblended unbranched unbranded unbrushed
    uncapped uncarved uncleared uncoated uncoloured unconfined uncounted
    uncrowded uncured underdone undersize underslung undiluted undimmed undyed
    unearthly unenclosed unequalled unexpired unfenced unfixed unflagging
    unflavored unframed unfrosted unglazed unhampered unhatched unheated
    unheralded unhewn unhurried unimproved unlabeled unlabelled unlatched
    unleavened unlighted unlined unlit unmapped unmelted unmovable unmoving
    unnumbered unordered unpackaged unpainted unpaired unpaved unplanted
    unplowed unpolished unpowered unpressed unreached unreactive unrefined
    unrelieved unrepaired unripe unroofed unsaved unseeded unselected unshaded
    unshakable unshared unshelled unshielded unsinkable unsorted unspecific
    unspent unspoilt unstained unswept untagged untaxed untended untethered
    untoasted untried untrimmed untrodden untypical unvarying unwaxed unwrinkled
    upcountry upmost uppercase uttermost vaporous vibratory vinegary vivace
    volant waterborne waterless wavelike webby weedy weeklong whippy whorled
    wiggly willowy windblown windless windswept windup wingless winglike wintery
    woodsy workaday wriggly yearlong zesty
""")

# Past participles hand-picked as describing a state or look of a thing.
ADJ_PARTICIPLE_KEEP = _words("""
    adorned aerated affixed aligned angled arced arranged arrayed assorted
    asterisked attired balanced banded barbecued beaded beaked belted berried
    bibbed blackened bleached blended blunted boiled booted bordered bounded
    boxed braced braided branched brocaded broiled brushed burled burnished
    buttoned buttressed candied canopied canted capped carpeted carved castled
    checkered chequered chiseled chopped clad clawed clipped clustered cluttered
    coated cogged combed combined compressed congealed connected cooked corded
    corked cornered corroded corrugated costumed covered cowled crested crinkled
    cropped crowded crowned crumpled crusted cultivated curled curtained curved
    cushioned dappled decorated dented deserted desiccated designed diffused
    dipped divided dotted doubled draped drenched dried drilled dyed edged
    elevated elongated embossed encased enchanted encircled enclosed encrusted
    engraved enhanced eroded etched expanded extended faded fanned fastened
    feathered felted filled flattened flecked flooded floodlit flowered fogged
    footed forested forked fortified frayed fringed frosted frozen fumed furled
    furnished furrowed fused geared gilded glaciated glassed glazed glued gowned
    graded granulated greyed grilled grooved grouped gummed hatched hatted
    hedged hewn hobnailed honeyed hoofed hushed incased inflated inlaid
    inscribed interlaced interwoven inverted ironed jagged jellied jeweled
    jewelled jumbled keyed knitted knotted labeled laden landscaped layered
    leaded leafed leathered leaved leavened lengthened lettered lighted limited
    lined linked lobed lowered mantled marbled marbleized marked matted melted
    merged milled mirrored molded molten motorized mottled mown muffled muted
    narrowed netted notched organized outfitted overgrown overloaded packaged
    packed padded paneled parched patterned paved peeled perfumed planned
    plucked plumed pointed poised polished potted powdered powered precooked
    pressed primed quilted ragged raised recessed recurved reinforced renewed
    reversed revised rhymed ringed rippled risen roasted robed rolled roofed
    rooted rotated roughened rounded ruffled rumpled rusted salted saturated
    scalloped scattered scented scorched sculpted sculptured sealed seamed
    seared secluded sectioned seeded sewn shaded shadowed shaped shared
    sharpened sheared sheltered shod shoed shuttered sized sliced slicked sloped
    smoothed smoothened softened sorted sown spaced spattered specked speckled
    splotched spotted sprouted squared stippled stitched stocked stoppered
    stratified stretched striped structured studded stylized submerged sugared
    sunk sunken sweetened swept tagged tailored tangled taped tapered telescoped
    tempered tenanted tethered thawed thickened thinned thronged thumbed tiled
    tilled tilted timed tined tinned tipped treed trimmed truncated tubed
    twinned unbent unbolted unbound unclipped uncoiled uncoupled uncurled
    unfrozen unlocked untangled untied untwisted unwrapped upended variegated
    varnished vaulted veiled ventilated vitrified vulcanized warmed washed
    watered weathered webbed wedged weighted wheeled winged worn woven wrapped
    wrought
""")

# Adjectives the automatic rules rejected, reviewed as safe and natural:
# selected -ing forms, pertainyms ("coastal", "musical"), and false positives
# of the person/emotion rules for words mainly about things, light, weather,
# texture, taste, sound or size ("quiet", "calm", "golden", "icy").
ADJ_EXTRA = _words("""
    academic acoustic acoustical adamantine advanced aeronautic aesthetic
    alchemical algal algebraic alluvial alphabetic alpine altered alternate alto
    amphibious analytic ancient ancillary anecdotal angular antique appetizing
    aquatic aqueous arboreal archaic arched arching archival armorial aromatic
    artificial artistic astral astronomic asymptotic auditory aural auric
    auroral automatic automotive autonomous auxiliary avian axial azimuthal
    backhand balsamic bantam barometric basaltic benthic billiard billowing
    bimetallic binary binocular binomial bionic bituminous bivariate blooming
    blue blurred blurry blustery boreal boric botanic botanical braised
    branching brassy breezy brilliant brimming broadband bubbling budding bumpy
    burry bustling buttery buzzing calico calm canine canonical capacitive
    catalytic celestial cellular centenary centigrade cephalopod ceramic
    cetacean chalky chemical chilly choral chordal chromatic cinematic circadian
    citric civic climatic clinking cloaked clouded coastal codified coiled cold
    collegiate colloidal colossal cometary conic conical contextual cordless
    corinthian corporate cosmic courtly cretaceous crimson crustacean crustal
    cryogenic cryptic cubist culinary cuneiform curricular curving cybernetic
    cyclic cyclonic cyclopean darkened dazzling deductive delicate dendritic
    detailed diatomic digital disused divisional doric dramatic drifting
    drizzling dynamic dynamical earthen earthy echoing ecological economical
    elaborate electric electrical electronic elegant elemental elysian enduring
    enigmatic entire ephemeral equal equatorial equestrian equine ergonomic
    estuarine euclidean evocative extra factorial familiar fanciful fantastic
    feline ferric ferrous fictional fiery fledgling fleeting flickering flinty
    floating flowery flowing fluvial foamy foggy foliate foliated formalized
    fossil fractional fresh fretted fried frosty full funicular futuristic fuzzy
    galactic galvanic garlicky generic geodesic geodetic geographic geologic
    geological geothermal gibbous gigantic glacial gleaming glistening
    glittering glowing gnomic golden grand graphical gyroscopic halcyon handheld
    haptic harmonic hectic herbal hexagonal historical howling humanistic
    hydraulic hydroponic iambic iconic icy ideal idiomatic igneous imported
    incredible individual industrial inertial insular intact intertidal
    invaluable iodized ionic iridescent isometric isomorphic jangling jingling
    jumbo kinetic knotty laminar lapidary lasting lavish leaky leonine lexical
    linguistic literary lithic littoral lively loamy locomotive lofty logistic
    logistical lunar luxurious magic magical magnetic malted mammalian mammoth
    marine maritime marly marvelous masted matching meandering measured
    mediaeval median medieval megalithic mercantile meridian meridional
    mesolithic metastable meteoric metric metrical midi mini minimalist minty
    mnemonic modified moldy molecular montane monumental mouldy multiphase
    municipal mural musical musty mysterious mythic nationwide nautical nebular
    neolithic neutral new newfound nominal nonstop normative noteworthy numeric
    oaten oblique oceanic octagonal octal oily opalescent operatic optic optical
    orbital orchestral ordinal outward ovine painted paired palatial parabolic
    parametric paramount particular passerine pastel pastoral pearly peaty pedal
    pelagic penciled pencilled peninsular pentagonal pentatonic perceptual
    percussive perishable phenomenal philatelic phonetic phosphoric phrasal
    pianistic pictorial piscine pitched pivotal placid planetary planktonic
    pleasant plush pneumatic poetic polluted polygonal polyhedral polymeric
    polyphonic positional postal postmodern precious premier priceless prickly
    prime printable prismatic pristine profound prosodic prosperous proverbial
    provincial quadratic quarterly quiet radial radiating ramshackle recent
    refined reflective refractive refreshing regal regional rental residual
    resistant resonating resounding responsive rhetorical rhombic rickety ridged
    riparian ripened rising robotic roiling rolling ropey ropy rotary rotational
    roundish royal rumbling runic sandy sartorial sauteed savory scalar scaled
    scenic scholastic scientific scorching scratchy sculptural seasoned
    sectional segmented semantic semiotic serene shaky shining shrubby sidereal
    silver silvery sloping soapy soaring solar solitary soothing soupy sparkling
    sparkly spatial spectral spherical spidery splashy splendid sportive
    sprawling squarish stale stately steady sticky stingless structural
    subarctic subatomic suburban sudsy sulphurous sunny supreme surplus sweeping
    sweltering syllabic symbolic symphonic synoptic syntactic tabular tactile
    tapering tattered taxonomic technical tectonic teeming telephonic tensile
    tetragonal textual theatrical thematic thermal thermic thespian threaded
    throwback thundering tidal tidy tiered tinny tiny titanic titular tonal
    tonic topped toroidal torrential total towering tranquil treasured tuberous
    tumultuous turbulent twinkling uncommon unitary unseasoned unused upscale
    urban ursine utopian valuable vehicular vernal vibrant visual vitreous vocal
    vocational volcanic voltaic volumetric warm warming washable wavy waxen waxy
    weatherly wheaten whimsical whispering whole wideband winding wispy wobbly
    woolen woollen woolly wooly yeasty zodiacal zonal zoological
""")

# Common nouns reviewed out: sensitive or slang senses (sex, body, drugs,
# alcohol, violence, weapons, crime, death, medicine, religion, politics,
# ethnicity, gendered clothing), insults, bed/bath/undress, first names,
# brands and places, case-related words ("footage", "courtroom", "boundary"),
# words that invite snickers when read aloud, and obscure technical terms.
NOUN_REVIEWED_OUT = _words("""
    aba abattoir abaya absinthe acceptor acetyl acetylene acid acrylamide
    acrylate actin acyl adaptor addition adduct ade adenine adenosine adenovirus
    adit adjunct adobo aerie afghan aftermath afters agar agent agua ail airbus
    airway alanine alb albumen albumin alcazar aldehyde alkaloid alkyl allergen
    allgood allis alluvium allyl altar altarpiece althea alum ambo ambulance
    amide amine ammonite amperage amphibia ampoule amyl amylase amyloid analyser
    andesite android aneurin angelica angelique angiogram angostura anhydride
    ani anil aniline anion anionic annulus anther antibody antifreeze antimony
    antitoxin apatite aphid applicator applique apse arachnid arbutus arginine
    argyll armature arras arsenide artemisia arum asbestos ashram ashtray
    aspartame aspic astrakhan asylum atar atomizer attar attenuator attraction
    autoclave auxin awl axe azide azimuth baba babbitt baboon bacca bacillus
    backbench backroom backside backspace bacteria bacterium bagging bailiwick
    balaclava ballista ballistics balmoral banana bandage banger banksia bap bar
    barbican barite barque barrack barricade barrio barroom baryon basset bast
    basting bat bath bathhouse bathrobe bathroom bathtub batiste baulk bazar
    beachhead beachwear bearcat beaver bed bedbug bedchamber bedding bedroom
    bedside bedspread beef beefcake beeper belay belfry belladonna belting
    beltway ben bender benjamin bennet benny bentonite benzene benzoate benzyl
    berg berm beryllium betaine betel biddy bier biggin bight bijou bilge
    bilirubin billy biotin biotite bishopric bismark bismuth bitmap bittern
    blackface blackfish blacking blackjack blade blanc blastocyst bleu blinder
    bling bloodhound bloodstone bloomer blotter blowfish blowtorch bludgeon
    blusher bodice boeuf bola bole bolo bolus bond bongo bonobo boondocks bootie
    bootstrap borate borax borer bottom botulinum boudoir boule boundary bourdon
    bourn bourne brad brae brainchild brant brassard breccia breech brent
    brewery brewpub brier brig brill brimstone briony britches britt broach
    brogan brogue broiler brome bromide bromine bronc brougham bruin bryony
    buckler bud buhl builder bulge bullhead bullring bun buna bung bunk bunker
    bur burg burka burl burqa burro busby bush bushing bustier butadiene butane
    butyl bycatch caboose cadmium caesium cage caisson calcite calender calumet
    calyx camas camber camera campana camphor candida cane caning canna cannery
    cannula cantonment capillary capitol capon capote capsaicin capsid capuchin
    caput carabao carbuncle carcass carcinogen caribe carissa carotene
    carotenoid carrefour carrell carrion casbah casein casino casket caspase
    cassia cassie cassock cataclysm catacomb catalase catchall catfish catheter
    cation caulk caulking cavity cellulosic cemetery cenotaph censer centerline
    cerium cero cesium cesspit cesspool chad chainsaw chalice challis champaign
    chancel chanter chapeau charnel chatterbox chaw checkpoint cheesecake cherry
    chert chicha chicken chimp chimpanzee chine chitin chlorate chlorella choc
    choline cholla chromite chub chuck churchyard cichlid cider cisco civet
    clarence clary cleaver cleft clegg clerestory clinker cloche cloister closet
    closeup coagulant coca cochin cockatoo cocker cockerel cockle cockpit
    cockroach coco coconut codon coenzyme cofactor coffer coffin coho coke col
    cole collar collard collation collet colloid colophon colter columbine
    columbo columella commissary commutator coney conger conjugate connexion
    consulate convent coot cooter coping copolymer copperhead copra cornel
    corona coronal corrie cortina cosh cot cote cougar coulter coupler
    courthouse courtroom covering cowling cracker crankcase crappie creatine
    creche creel creeper crematory creosote crimp croaker crossbreed crosse
    croton crowbar crucifix crud crumpet cruse crutch crypt cud cuddy cudgel
    cuff cul cultivar cuppa curbing cutch cwm cyanide cyanogen cyclotron
    cysteine cytochrome cytokine cytosine dace dacha dado dahl dais dak dander
    daphne darter daub daw deadbolt deadwood deanery decanter delft demerara
    dentin denture deodorant depositary derivation desiccant detent detonator
    detox deuterium dextrose dhoti diamante diamine diatom dibble dickey dickie
    dicky diet digester digitalis digitizer digoxin diluent dimer dimorphism
    dimple dingle diocese diol dioxin dipole dipstick disa dispensary distillate
    distillery dita dobbin dobson doggie doggy doll dolly dolman dolomite dongle
    dopa dopamine doublet doubletree dozer dray drink dropper drosophila
    drugstore dubbing duff dumbbell dumper dungeon durbar durian durum duvet
    earwax eats ecliptic ectoplasm edda effigy eft egger eggplant elastomer
    eliminator ell emanation embassy embryo emery emf emirate emmer emmet
    emulsifier end endorphin entrant epicentre epitope erica ern erne escapement
    escutcheon ester etcetera ethane ethyl excelsior exhalation exon eyeliner
    eyepatch eyeshadow facing fallout farina fatherland faubourg faulting
    feedlot feedstock feist fermion ferrite ferritin fetter fetus fibrin
    fibrinogen fiefdom firebase firebrand firestone firmament fishnet fitch
    fitment flagellum flagon flail flavin flavonoid fleck flintstone fluor
    foetus folate followup footage forceps forgery forking formalin fosse
    foxhole fuji fungicide futon fuze gadolinium gaff galactose galea galena
    gallium gallus gamba gammon gander gar gargle garrison garter gastronomy
    gasworks gaur gauze gavel gelding gemma gentian georgette germanium geta
    getup ghat ghetto giardia gilding gimbal globulin glucoside gluon glutamate
    glutamine glycerin glycerine glycine glycogen gneiss goad goldeneye
    goldilocks goldstone goober goody goop gorilla grama gramma graver
    gravestone graveyard graviton greenbrier grinding grist gruel guan guanine
    guar gulag gunboat gunk gunmetal gunny gunpoint gurney gusher gusset guyot
    hackney hadron haft haggis hairball hairpiece hake halide halter hame
    handcuff hanging hank hankey hanky hansom harem harness harpoon hash
    havelock haw headlight headscarf headshot headstock headstone hearse heaven
    heckle heifer hellhole helping hematite heme hen henhouse herbicide herm
    hermitage hessian hexane hideout hijab hilt hind hippodrome histidine
    histone hoagie hoarding hod hoe hole holster homburg homeland hone honeypot
    hoodoo hookup hookworm horst hospice hospital hovel hoy hoya huck humankind
    humanoid hydrazine hydride hydrogel hydroxide hydroxyl hyena hypo hysteresis
    idol igniter ikon impeller imperium incision indenture indium inducer
    inductance inductor infirmary infusion inga inhaler injector inoculum
    inositol instar integrator intron inundation iodide ionosphere islay isomer
    iva jackal jaeger jag jaggery jak jamb japonica jean jeep jello jerkin
    jetsam jigger jobcentre jodhpur joss joystick juke julienne junket jut
    kaftan kail kaki kali kameez kampong kaolin kasbah kasha kea keratin kerb
    ketone keyhole khadi kimberlite kimono kinase kine kingwood kino kitsch
    kitten klebsiella knockoff kob kohl kola koto kraft kudzu kurta kutch
    lactase lactate lacuna lading lagan lager laguna lally lamination lamprey
    lancet lanolin lantana lanthanum lapdog lapin lapping lard laterite latex
    lath lazuli leash lecithin lectin lederhosen legging leghorn legionella
    lense leotard leucine leverage levitation levodopa ley liana libation lidar
    ligand liger lighter lignin lignite liman limiter ling linkup lino lipase
    lipstick lisle listeria lithium lithograph liza llano loach loading lode
    loess loge loggia loincloth longshot looper lory lota lotion lotte lough
    lozenge lubricant lucerne luff lycopene lysine maar mac macadam macaque
    macintosh mack mackinaw macula madder maggot magnesia magnetite magnetron
    magnum makeup mako malacca mallee maltose mamba mammogram mamo mandala
    mandrel manger mangold manhole manila manilla mankind manna mantua manure
    margate marge marguerite maria marihuana marijuana mariposa marl marmite
    marri martingale mascara maser massif mastic matai materiel mattress matzo
    maul mausoleum mavis meat medic medulla mei melamine melanin melon menthol
    merle meson metabolite mete methionine methylene mezcal midden midst mike
    milo milt mina minaret minefield minibar miniskirt miro mishap mistral
    mitogen mitre mizzen moa moccasin modeling moderator modernism mogul moke
    mola molle mollie mollusc molly molybdenum monad monastery monoamine monomer
    moonshine morass morello morgue mortise mote motel motherland mouser mouton
    mucin mudder mugshot mule mulligan mung muon murphy muscat muscovite mutagen
    mutt mycelium myelin myosin myrrh nacelle nagi nandu nanotube napa naphtha
    nard nardo nave nebulizer neckline necropolis necrosis needle neem nematode
    neodymium neophyte ness neve newmarket niacin nigella nightcap nightclub
    nightshade niobium niqab nitride nitrile nitrite nog noose norther northland
    nosh nub nuclease nucleon nucleoside nucleotide nunnery nutcracker oca
    oeuvre offal ola olefin olivine olla omeprazole opacity orang orangutan oreo
    oriel osmium outfall outpouring oxalate oxidant oxidase oxidizer paca pacer
    pager pajama palanquin palfrey palmyra panel panhandle panopticon pantsuit
    papillon pappus parang paring parsonage paseo patchouli pate pathogen patten
    pawnshop peacock peavey peavy pectin pedicel pedicle peen peephole pel
    pendent pentagram peplum pepperidge perfumery perianth perigee perihelion
    peroxidase petiole pew phaeton phage pharos phenol phenolic phloem phosphine
    phosphor photocopy pia picot pieta pika pillbox pillion pillow pillowcase
    pimento pimpernel pincer pinche pinion pinna pinner pion pipette pique piste
    pix placenta placer plage plaice planer plasmid plasmodium platelet platen
    plaything pleasance pluton plutonium poi poker pole polecat poliovirus
    pollard polonium polyamide polymerase polythene pomade pomfret pompano
    ponderosa pone poorhouse poppet pore porgy porphyry position positron
    poultice precinct presbytery presidio prion priory probiotic proline
    propylene proscenium prosthesis protease proteome protozoan protrusion pub
    pud puffer pullback pulpit pupa purine pyjama pyridine pyrimidine pyrite
    quartering rachis radiation radium raglan ragweed raiment rammer ramona
    ramrod raster ratchet razor razorback reactance reactant rebirth recording
    rectifier rectory redoubt redshift reducer reductase regalia relaxer release
    relict reliquary reluctance remaking renin rennet repellant repressor
    repulsion reseda respirator result reticle retinol retread retrofit
    retrovirus rhesus rhodium rhyolite riband ribbing riboflavin ribose ridley
    rime roebuck rood rope rosary roselle rosin rosita rostrum rotavirus rouge
    rouleau roulette rozelle rubbing rubidium rudd rue rundle rusk ruthenium
    rutile rya sabot sac saccharin sack sackcloth sacking sacristy sago saiga
    saline salmonella saloon saltire saltpeter salvia salwar saman samara sambar
    sanctum sang sangria sanitarium saran saratoga saree sargasso sari sarong
    sauerkraut sauna sausage savin scabbard scad scape scapular scarp scheduler
    schist schnauzer scorcher scourge scouse scrim scull scythe sealer seidel
    seizing senna sepulchre sequencer serine serotonin serving sett setup
    shackle shad sham shandy shank shay sheath sheathing sheepshead sheldrake
    shellac shisha shofar shoji shook shoring shower showerhead shrike shuck
    sickle sidewinder signet sika silage silencer silicate silva silverback sima
    sinker sisal skirt skullcap slag slater slaw slicker slingshot slipknot slum
    smithy snip snipe snipping snook soaker solenoid solute sonogram sop souk
    sounder source souther southland spall spandex spawn speakeasy speculum
    spiegel spillover spinel spitz splicing spline splint spoke spoor spreader
    springer sprit sputnik squeaker stablemate stag stallion stanhope staph
    state stator steelworks steeper steeple steerage stein stela stele stent
    steroid sterol stigma stile stipe stockade stocker stole stoma stopping
    stover strain strap stratum stressor stretcher stroma strontium stubble
    styrene subcompact subsoil substratum suet suiting sulfide sulfonate sulky
    sulla sulphide sultana sultanate sump sumpter sundries superbug superoxide
    surfactant suspender suspension sweatshop swill swine synchro syphon tabard
    tabor tach tachometer tacking takin talcum tallow talus tam tammy tamp
    tankard tannin tannoy tansy tapa tapeworm taping taproom tarot tartar
    tartrate tater tavern technetium teepee teg telex telfer telluride tellurium
    telomerase tempera tench tenderloin tenement tenon tepee tesseract testa
    tetra thallium thallus thiamine thorium thrasher threonine thrombin throttle
    throughput thruway thymine tiffin tigress till tillage timothy tincture
    tinder tine tipi tipple tipu titania toby tocopherol togs toiletry tokamak
    toluene tomb tombstone tomcat top toque tor tore torus toupee tourniquet
    transept transom trap trapping trebuchet tricolour trigger triode trioxide
    triplicate tripoli tritium troika trousseau trump truncheon trypsin
    tryptophan tsetse tufa tun tung tup tupelo turban turpentine tyrosine uke
    ultrasound unai underbelly undercut upshot upside uranium urethane urn
    vaccine vagabond valerian valine vanadium vanda vaporizer veld vellum
    veronica vetch vibrator vibrio vicarage videotape vineyard vinifera viol
    virion virus viscose vitriol voile volcanism voodoo wadding wahoo warhorse
    wart washout watermelon wattage waveguide weald webcam weft wester wether
    whatnot wheelchair whelp whippet whiteout whiting wigwam winkle withe wold
    wolfram woodbine woodcock woodruff workhouse workpiece workplace wormwood
    worsted wort wrack wreckage wringer wrinkle xerox xylem xylose yagi yttrium
    zag zaman zeolite zep zig zircon zirconia
""")

# Nouns rarer than NOUN_COMMON_ZIPF that passed the automatic filters and
# were hand-picked as readable and safe.
NOUN_UNCOMMON_KEEP = _words("""
    abaca ackee adz adze aerator aerofoil agapanthus agouti alembic allemande
    allosaurus alyssum amberjack ammeter anemometer angelfish anglerfish
    anteroom antipasto aphelion appetiser applewood aqualung aquatint araucaria
    architrave areca arete armlet arrowroot ashlar asphodel asymptote aureole
    aurochs autobus automat avocet azurite babka backplate backrest baize
    bakehouse bakeshop balalaika baluster bandsaw banquette barberry barbet
    barleycorn barramundi bascule basenji battlement bayberry beachball bechamel
    beechnut beignet bellbird bentwood bilberry bilby billfish billfold biltong
    bindery bindweed binnacle birchbark birdbath birdfeeder birdseed bitterroot
    blackbuck blackcap blancmange blowpipe bluebonnet bluebottle bluestem bobber
    bobolink bobwhite bolide bonefish bookmobile bookstall borage bottlecap
    bottomland boucle bowerbird bowhead bowline bowsprit bowstring breadbox
    breadstick briarwood brickfield brinjal briquette brocket brooder brooklet
    brushwood buckboard budgerigar bulbul bulrush bustard butterbean butterfat
    buttonwood byre caber cairngorm calamine caldron camelia campanula canape
    candlewick candlewood candyfloss candytuft cannelloni canvasback caracal
    caracara carambola carrousel carryall caryatid cashbox casque casuarina
    catalpa catbird catkin catsup cattail cattleya cedarwood celesta chaffinch
    chamfer chapati chervil chessman chickweed chinaware chipboard cinquefoil
    clambake clavichord clavier clingfilm clothespin cloudberry cloudburst
    coastland coati coatrack cochineal codling coelacanth coffeepot cogwheel
    coleus colobus comfrey concavity coneflower contrabass contrail cookhouse
    cookstove copal coquille coracle corbel cordovan cordwood coreopsis
    corkboard corm corncob cornflour cornstalk corundum cottonseed coverall
    cowbird cowcatcher cowpea cowrie cowshed cowslip crabapple crabgrass
    crabmeat crake crawdad credenza croquette crossbeam crossbill crosscut
    crossway crotchet crouton crowfoot cruet cubbyhole cufflink cummerbund
    curbstone curlicue cybercafe cygnet cymbidium dampener damselfly dartboard
    davit daylily daystar decagon decoupage deerskin defroster delphinium
    demitasse dendrobium dewberry dewdrop dhal diapason dicer dinette diorite
    diplodocus diptych dishcloth dishpan dishrag dishware dogleg dogsled dolmen
    donjon doodlebug doohickey doorjamb doorsill dormouse dovecote downslope
    drawbar drey drumhead drumlin duckweed dugong dungaree dunlin duplicator
    eaglet earmuff eelgrass eggbeater eglantine electrum embayment embouchure
    enamelware enlarger epaulette equipage equipoise escarole esker espalier
    estragon eucalypt ewer exerciser fanlight fantail felucca fenland ferrule
    festoon fiddlehead fieldmouse fingerling fiord fireboat firebreak firebrick
    fireclay fireguard fireweed fishhook fishpond flashbulb flatboat flatcar
    flatfish flatworm floatplane floret flowerbed flowerpot flugelhorn fluting
    flyway footboard footplate footrest foredeck foremast forsythia foxhound
    foxtail frangipane frangipani frappe freesia freewheel fretwork fricassee
    fritillary fruitwood frypan fugu fulmar gabardine gaiter galangal gambrel
    gameboard garbanzo garfish gateau gatepost gesso gingersnap gingko globule
    glowworm gnomon goalmouth goatskin godwit goldcrest gooseneck gorget grackle
    greatcoat greengage greenroom greensand greenshank greensward grillwork
    gristmill gritstone grosbeak grosgrain guanaco gudgeon guillemot gumdrop
    gurnard gyrfalcon hackberry hagfish hailstone hairnet halftone halite
    halyard handbasket handbell handcar handcart handgrip handhold handsaw
    handwheel hardboard hardtack harebell haricot harmattan harvestman hasp
    hatbox hatchway hatrack haversack hawfinch hawksbill hawser hayloft
    helianthus heliotrope hepatica heptagon herbage highchair highroad hoarfrost
    hobnail hogback holdall hollyhock hominy hoopoe hornbeam hornbill horsebox
    horsefly horsetail hortensia hosepipe hotcake hotplate housefly housetop
    huarache hubcap hummock hushpuppy hydrometer hydroplane hygrometer hyrax
    hyssop icecap icefall inchworm inflator inglenook inkpot isopod jalopy
    jaybird jerboa jessamine jitney jointer jonquil jujube junco kabob kapok
    katydid kauri kedgeree keelboat kettledrum kingbird kinglet kitbag kittiwake
    knickknack knish knothole kohlrabi kumquat kyanite lacewing lacework
    ladyfinger lambchop lamplight langur lapwing latchkey laurelwood leafhopper
    leftfield lightship lightwood limeade linguini linocut litchi loblolly
    lodestone loganberry longan loquat lorikeet loungewear louver lovage lugger
    lunette lungfish lutefisk lyrebird macrocosm maguey maidenhair mainmast
    mainspring maisonette malamute malinois mandrill mangosteen mantilla marabou
    maraca matchwood mattock mealworm medlar megalith menhaden merganser
    meshwork mesosphere meteoroid mezzotint middy mignonette milfoil millipede
    millpond mimeograph mincer minestrone moire moleskin moonflower moorhen
    morganite mothball motorcoach moussaka mudguard mugwort mullein mullion
    musette muskmelon myna mynah nacre naiad narrowboat nasturtium neckband
    neckwear nephrite newel noisemaker nonagon nutria nutriment oarfish oast
    oatcake ogee oilcloth oilskin okapi openwork orangeade ormolu orrery orzo
    outsole outstation overprint owlet oxalis oxcart pachyderm packhorse
    paintbox pandanus panfish panpipe pantograph papaw paramecium parterre
    passkey pasturage peacoat peafowl peccary pedicab pekoe pemmican penlight
    pennyroyal percolator peristyle phalarope phial photocell photometer
    pilaster pilau pilchard pilothouse pinnace pinon pinscher pintail pinyon
    pipit pirogue pistil piton planetoid platy plectrum plowshare plughole
    pochard polder pollywog polonaise polyanthus pomelo pompon poplin popover
    porkchop porkpie postbox postern potage potholder pothos pottage powderpuff
    premix propellor protea psaltery pterosaur puffball pufferfish pullet
    pulpwood punnet purslane pushpin quagga quahog quicklime quoit radicchio
    ragout ragwort railhead railyard raita rambutan ramekin ramjet rarebit
    reamer redbird redbreast redbud redpoll redshank redstart remora repast
    reticule rheostat rhomboid ricer rigatoni rill ringlet ringtail ripcord
    rivulet roadstead rockery rooibos ropeway rosebush roulade rutabaga ryegrass
    sabertooth saddlebag saddlery sailcloth sailplane saltbush saltine
    saltshaker salver samovar sampan sanderling sandglass sapwood sardonyx
    sargassum sateen sauropod sawfish sawfly sawhorse saxifrage scaler scaup
    schoolbag scoter scow scrapheap scrapple scrimshaw sculpin scupper seamount
    secateurs seedbed seedpod seersucker selvage selvedge sepal serviette
    shamisen shantung sharkskin sheepfold shelduck sherbert shipway shirtdress
    shirting shirtwaist shopfront shorebird shorthorn showplace sidelight
    sidetrack sifter silkwood sirocco siskin skua skyhook slating slipcover
    snaffle snakehead snood snowbank snowbell snowberry snowcap snowdrift
    snowfield snowplough snowsuit soffit sousaphone souvlaki soymilk spackle
    spangle spearfish speedwell spindrift spinet spoonbill sporran sprat squab
    squeezer stalactite stalagmite stanchion standpipe starflower stockfish
    stockpot stockyard stonecrop stonefly streambed streusel strongbox
    subtropics succotash sugarberry sugarplum sukiyaki sunbonnet sundew sunhat
    sunlamp sunshade supergiant surcoat sward sweatband sweetmeat sweetpea
    tabbouleh tableland tailcoat tailfin tailpiece tailplane taipan tallboy
    tallgrass tamarin tamarindo tamarisk tambour tanager tandoor tangelo tangram
    tapenade taproot tarsier tartlet teacake teakettle teakwood teashop teff
    tenpin theodolite theremin thermistor theropod thumbtack thylacine tideway
    tinplate tinware toadfish toadflax toadstool tollgate tollhouse tomatillo
    toolshed topknot tostada touchwood towboat towelling towhee towline toyshop
    trackball tramcar tramline trapezium treadle tricorne tricot trimaran
    trireme triskelion trivet tuatara tuberose tunny tureen turnstone turtledove
    tusker tweezer tympani undulation vaquita velocipede verdigris verdure
    vervain vervet vibraphone vicuna vireo vivarium vizsla wader wainscot
    wakeboard wallboard wapiti washbasin washbowl washhouse washstand washtub
    watchband waterbird waterbuck waterpower waterspout waterwheel waxwing
    waxwork weka welkin whaleboat whalebone wheatear wheatfield whelk wherry
    whirligig whitebait whitefly whitethorn whitewood wickerwork widgeon wigeon
    windbreak windflower windjammer withy woad wolfhound woodlouse woodworm
    worktable wristlet yardarm yellowwood zebu ziti
""")

# Nouns outside the concrete categories (time, music and writing, events,
# groups, measures, pastimes, qualities), reviewed as safe.
NOUN_EXTRA = _words("""
    abundance acme acre acreage acrobatics adage adventure afternoon aftertaste
    album algebra algorithm almanac alphabet altitude ambiance ambience
    anchorage anecdote angling anthem anthology applause aqua arabesque archery
    arena aria arithmetic aroma array artistry assortment astronomy athletics
    atmosphere aura aurora autumn axis baa backgammon backstroke badge badminton
    baking balance ballad ballet band banknote banquet baseball basketball
    basketry bass batch beacon bebop beekeeping beep bestseller bevy billiards
    bingo biography biome bleep bliss bloom blueprint boating boatload bocce
    bolero bonfire book booklet botany bowling bracket brightness brilliance
    brio brochure brushwork bulletin bullion bunch bushel cadence calendar
    calmness campfire camping cantata canter canto capstone caption carat
    caravan carnival carol caroling carpentry carton cartoon catalog catalogue
    ceilidh century chain chaparral chapter chart charter cheep chemistry choir
    chorale chorus chunk cipher circus cityscape claret clatter climate clop
    cloudiness cluck clump cluster codex coin color coloration colour column
    compendium compound concert concerto concourse consonant continuity coo
    cookbook cookery cooking coppice copse coral cotillion couplet coupon covey
    crackle cream cribbage crispness croquet crossword cycling dampness dancing
    dawn daybreak daylight daytime decade decathlon depth diameter diamond
    dictionary dime ding dinnertime diploma disco discus ditty dollop domain
    dozen drawing dreamland dreamworld dressage droplet drumbeat dryness duet
    dusk ebony echo eclipse ecosystem elegance element encore ensemble eon
    epilogue epoch equinox era escapade etude evening excursion expanse
    expedition expo fairyland fairytale falconry fanfare fantasia farmstead
    farthing fauna fawn feast festival fiesta finale fishbowl fishing flame
    flamenco flavor flavour flock flora flowchart folder folio folklore footfall
    footing footstep foraging forest forestry foreword fortnight foxtrot fractal
    fragrance freshness frolic frontage fruition fullness furlong gaggle gala
    galaxy gallery gallon gamelan gamut gardening gazette geology geometry gift
    glare gleam gliding glimmer glitter glob glory glossary glow gold golf gram
    grandeur grandstand graph greenness greeting grid grove guidebook gymkhana
    gymnastics hacienda haiku halfpenny hallmark halo hamlet handbook handful
    handstand harmony haystack headline heap hectare heirloom herd hike hive
    hobby hockey hodgepodge holiday holography homage homecoming homestead
    hopscotch hue humidity humming icing idiom idyll imagery immensity inch
    insignia interlude jamboree jaunt jazz jingle jogging journey juggling kale
    karaoke keystone kilogram kilometer kingdom kite knot lacrosse lattice
    leapfrog legend length letter letterhead lettuce levee lighting lilt
    limelight limerick linchpin lingo liter litre logbook logo lore luau ludo
    lull lullaby luminosity lump lunchtime luster lustre luxury lyric magazine
    magenta mahjong majesty mambo manuscript marathon mariachi matrix maxim
    mealtime medal medallion medley melange melody memento menagerie menu meow
    meter metre midday midnight midsummer midwinter mile mileage milieu
    millennium minuet miscellany mixer module moisture momentum monogram
    moonwalk morning morsel motto murk music musicality mystique mythology neigh
    netball newsletter newspaper nibble niche nightfall nighttime nocturne noon
    notebook novel novella novelty ocher octave ode odyssey oomph opera operetta
    orchestra origami ounce ovation overcast overture packet palette pamphlet
    panache panorama pantomime parade paragraph patchwork pattern peal pennant
    pentathlon penumbra perfume phrase picnic pillar pinball pint pirouette
    pitch pizzazz placard playlist playtime plenty poem poetry polka portrait
    postage postcard poster postmark potpourri preface prelude primer prize
    prologue promenade prosperity prototype proverb puppetry purr puzzle quantum
    quart quartet quest queue quicksand quietness quintet radio radius ragtime
    rainforest rarity realm recipe recital refinement refrain regatta reggae
    relay renown repertoire reverie rhapsody rhyme rhythm riddle ripeness ripple
    roar robotics rocketry rodeo rowing ruby rugby rumba rumble rune safari saga
    sailing saunter scent seamanship season sepia sequel sequence serenade
    serenity shade shading shadow shape sheen shimmer showcase signal signpost
    silence singalong singing sixpence skating skiing skit skydiving slalom
    sledding slogan slumber smog smoothness snooker snorkeling soccer soil
    sojourn solstice somersault sonata song songbook sonnet spark sparkle
    sparkler speckle sphere splendor splendour spoonful spotlight spring
    springtime sprinkling stack stagecraft stanza stardom stardust stargazing
    stationery stillness storybook stroll sudoku summer summertime summit
    sundown sunrise sunset surf surfing sweetness swimming swoosh syllable
    symbol symmetry symphony tableau tablespoon tandem tang tango tapestry
    teaspoon techno telegram template tempo tennis texture thesaurus thicket
    thimble thud thunder ticket tide tier timbre ting tint tome ton toot tour
    tourney tradition treasure trek tribute trill trilogy trio trip trophy
    troupe trove tuft tune tuppence tussock twilight typography umbra underbrush
    unison vacuum vastness vaudeville vector vegetation verse vertex verve
    vignette village vista vividness vocabulary volleyball vowel voyage vroom
    walkabout waltz warmth wave wavelet weaving weekday weekend whimsy whir
    whirlpool whirr whist whistling wholeness width wilderness wildlife wingspan
    winter wintertime wisp woodcraft workbook yachting yard yardage yearbook
    zing zoology
""")

# Words accepted in both roles that should be nouns.
NOUN_PREFERRED = _words("""
    carnation cinnabar colour magenta pendant umber watercress
""")


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------

def profanity_words():
    """Single-word entries of better_profanity's list."""
    import better_profanity  # noqa: WPS433 (optional dependency, tool only)

    path = Path(better_profanity.__file__).with_name("profanity_wordlist.txt")
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if line and " " not in line:
            out.add(line)
    return out


def candidates():
    """(word, zipf) pairs, most frequent first."""
    from wordfreq import top_n_list, zipf_frequency

    for w in top_n_list("en", TOP_N):
        if WORD_RE.match(w):
            z = zipf_frequency(w, "en")
            if z >= MIN_ZIPF:
                yield w, z


class Builder:
    def __init__(self):
        self.wn = WordNet()
        self.sel = Selector(self.wn)
        self.profanity = profanity_words()

    def adjective_reason(self, w, z):
        """None if `w` goes in the adjective list, else why not."""
        if (w, "a") not in self.wn.index:
            return "not a WordNet adjective"
        if w in ADJ_EXTRA:
            return None
        why = self.sel.adjective(w)
        if why is not None:
            return why
        form = self.sel.adjective_form(w)
        if form == "ed":
            return None if w in ADJ_PARTICIPLE_KEEP else "participle not hand-picked"
        if z >= ADJ_COMMON_ZIPF:
            return "reviewed out" if w in ADJ_REVIEWED_OUT else None
        return None if w in ADJ_UNCOMMON_KEEP else "uncommon and not hand-picked"

    def noun_reason(self, w, z):
        """None if `w` goes in the noun list, else why not."""
        if (w, "n") not in self.wn.index:
            return "not a WordNet noun"
        if w in NOUN_EXTRA:
            return None
        why = self.sel.noun(w)
        if why is not None:
            return why
        if z >= NOUN_COMMON_ZIPF:
            return "reviewed out" if w in NOUN_REVIEWED_OUT else None
        return None if w in NOUN_UNCOMMON_KEEP else "uncommon and not hand-picked"

    def common_reason(self, w):
        if w in self.profanity:
            return "in better_profanity's list"
        for sub in BLOCKED_SUBSTRINGS:
            if sub in w:
                return "contains %r" % sub
        return None

    def explain(self, w, z):
        why = self.common_reason(w)
        a = why or self.adjective_reason(w, z)
        n = why or self.noun_reason(w, z)
        return a, n

    def build(self):
        adjectives, nouns = set(), set()
        for w, z in candidates():
            a, n = self.explain(w, z)
            if a is None:
                adjectives.add(w)
            if n is None:
                nouns.add(w)
        for w in adjectives & nouns:
            if w in NOUN_PREFERRED:
                adjectives.discard(w)
            else:
                nouns.discard(w)
        adjectives, nouns = sorted(adjectives), sorted(nouns)
        assert not set(adjectives) & set(nouns)
        assert all(WORD_RE.match(w) for w in adjectives + nouns)
        assert len(adjectives) * len(nouns) >= MIN_COMBINATIONS, (len(adjectives), len(nouns))
        return adjectives, nouns


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    ap.add_argument("--check", action="store_true",
                    help="compare with the files instead of writing them")
    ap.add_argument("--explain", metavar="WORD", nargs="+", help="say why words are in or out")
    args = ap.parse_args(argv)

    builder = Builder()
    if args.explain:
        from wordfreq import zipf_frequency

        for w in args.explain:
            z = zipf_frequency(w, "en")
            a, n = builder.explain(w, z)
            print(f"{w} (zipf {z:.2f}): adjective: {a or 'yes'}; noun: {n or 'yes'}")
        print("(a word accepted for both roles is kept as an adjective unless in NOUN_PREFERRED)")
        return 0

    adjectives, nouns = builder.build()
    files = {"adjectives.txt": adjectives, "nouns.txt": nouns}
    status = 0
    for name, words in files.items():
        path = args.out_dir / name
        text = "\n".join(words) + "\n"
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                print(f"{path}: differs from a fresh build", file=sys.stderr)
                status = 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    total = len(adjectives) * len(nouns)
    print(f"{len(adjectives)} adjectives x {len(nouns)} nouns = {total:,} combinations")
    return status


if __name__ == "__main__":
    sys.exit(main())
