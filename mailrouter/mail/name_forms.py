"""Other forms of a name the text may use: Slavic case endings, a patronymic, a kana reading.

In Russian, Ukrainian, Polish and Czech a name changes with its case: Оксана is called
"Оксано", Волкова is "Волковой" in the genitive, Agnieszka "Agnieszce", Novák "Nováka".
`case_forms(part)` gives a name part's other case forms (folded): its stem (a minimum length,
so no everyday word is caught) and one ending from a closed list.
`PATRONYMIC` is a father's name beside a given name ("Ирина Сергеевна", "Petrovich").
A Japanese name the text writes in kana (a reading after the kanji, "田中 由美（タナカ ユミ）")
comes from its romaji (`yumi.tanaka@`): `kana_readings("tanaka")` -> たなか, タナカ.
Every form is folded as `names.fold` folds the text it is looked for in.
"""

import re

from mailrouter.mail.names import fold

MIN_STEM = 4            # Latin letters: "mark" of Marek, never "ann" of Anna
MIN_STEM_CYRILLIC = 3   # "Анну", "Анной"
_SLAVIC_LETTERS = set("ąćęłńśźżčďěňřšťůžýľĺŕ")
_SLAVIC_ENDING = re.compile(r"(?:sk[aiy]|ck[aiy]|ov[aá]|ov|ev|[aeiuy]k|czyk|chuk|enko|i[čć]|wicz|vich|sky)$")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _folded(endings):
    return tuple(sorted({fold(e) for e in endings.split()}, key=len, reverse=True))


# (folded ending of the part, endings replaced, endings that may follow the stem)
_CYRILLIC_RULES = [(_folded(a), len(fold(a.split()[0])), _folded(b)) for a, b in (
    ("ий ый ой ій", "ого ому им ым ом ий ый ой ім ия ию ием ии ія ію ієм"),     # Достоевский, Дмитрий, Андрій
    ("ая яя", "ой ую ая ою ей ої у"),
    ("а", "а ы и і е у ю о ой ою ей ею ую ій ої"),
    ("я", "я и і е ю ей ею ёй є ї ёю"),
    ("й", "я ю ем ём е ї єві"),
    ("ь", "я ю ем е і ею еві"),
    ("о", "а у ові ом е о и"),
)]
_CYRILLIC_CONSONANT = _folded("а у ом ем е ым им ім ові еві і е")
_LATIN_RULES = [
    (("ska", "cka"), 1, ("a", "iej", "ej")),
    (("ski", "cki"), 1, ("i", "iego", "iemu", "im")),
    (("ova",), 1, ("a", "e", "ou", "u")),
    (("y",), 1, ("y", "eho", "emu", "ym", "em")),
    (("a",), 1, ("a", "y", "i", "e", "ie", "o", "u", "ou", "ej")),
    (("o",), 1, ("a", "u", "owi", "ovi", "em", "o", "e", "ie")),
]
_LATIN_CONSONANT = ("a", "u", "owi", "ovi", "em", "iem", "ie", "e", "om", "y", "ach", "ze")
# Polish and Czech change the stem's last consonant before -e: Agnieszka -> Agnieszce, Marta -> Marcie.
_SOFTENED = {"k": "ce", "g": "dze", "t": "cie", "d": "dzie", "r": "rze", "ch": "sze", "l": "le", "h": "ze"}
_PATRONYMIC_ENDINGS = _folded("овн евн ичн івн ївн ович евич йович ьович ович ич") + \
    ("ovna", "evna", "ovich", "evich", "ivna", "yivna", "ovych", "ichna")
PATRONYMIC = rf"[^\W\d_]{{2,}}(?:{'|'.join(map(re.escape, _PATRONYMIC_ENDINGS))})[^\W\d_]{{0,3}}"


def slavic(name):
    """A name in Cyrillic, with Polish or Czech letters, or a Slavic surname ending."""
    lowered = (name or "").lower()
    if _CYRILLIC.search(lowered) or _SLAVIC_LETTERS & set(lowered):
        return True
    return any(len(word) >= 5 and _SLAVIC_ENDING.search(word) for word in re.findall(r"[a-z]+", lowered))


def case_forms(part):
    """The other case forms of a folded name part (folded), itself left out."""
    cyrillic = bool(_CYRILLIC.search(part))
    minimum = MIN_STEM_CYRILLIC if cyrillic else MIN_STEM
    return {stem + ending for stem, endings in _stems(part, cyrillic) if len(stem) >= minimum and stem.isalpha()
            for ending in endings} - {part}


def _stems(part, cyrillic):
    """(stem, endings) pairs: the part's own stem, a stem that lost a fleeting e (Marek -> Marka)."""
    rules = _CYRILLIC_RULES if cyrillic else _LATIN_RULES
    for finals, size, endings in rules:
        if part.endswith(finals):
            stem = part[:-size]
            yield stem, endings
            if not cyrillic:
                yield from ((stem[:-len(c)] + soft[:-1], ("e",)) for c, soft in _SOFTENED.items()
                            if stem.endswith(c))
            return
    yield part, _CYRILLIC_CONSONANT if cyrillic else _LATIN_CONSONANT
    if len(part) >= 3 and part[-2] in "eе" and part[-1] not in "aeiouy":     # Павел -> Павла, Marek -> Marka
        yield part[:-2] + part[-1], (_CYRILLIC_CONSONANT if cyrillic else _LATIN_CONSONANT)


_ROMAJI = dict(zip(
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
    "ya yu yo ra ri ru re ro wa wo ga gi gu ge go za ji zu ze zo da de do ba bi bu be bo pa pi pu pe po "
    "kya kyu kyo sha shu sho cha chu cho nya nyu nyo hya hyu hyo mya myu myo rya ryu ryo gya gyu gyo ja ju jo "
    "bya byu byo pya pyu pyo si ti tu hu zi".split(),
    "あ い う え お か き く け こ さ し す せ そ た ち つ て と な に ぬ ね の は ひ ふ へ ほ ま み む め も "
    "や ゆ よ ら り る れ ろ わ を が ぎ ぐ げ ご ざ じ ず ぜ ぞ だ で ど ば び ぶ べ ぼ ぱ ぴ ぷ ぺ ぽ "
    "きゃ きゅ きょ しゃ しゅ しょ ちゃ ちゅ ちょ にゃ にゅ にょ ひゃ ひゅ ひょ みゃ みゅ みょ りゃ りゅ りょ "
    "ぎゃ ぎゅ ぎょ じゃ じゅ じょ びゃ びゅ びょ ぴゃ ぴゅ ぴょ し ち つ ふ じ".split()))


def kana_readings(word):
    """(hiragana, katakana) of a romaji word ("tanaka" -> たなか, タナカ), folded; () if it is not romaji."""
    out, i = [], 0
    while i < len(word):
        if word[i] not in "aeioun" and (word[i + 1:i + 2] == word[i] or word.startswith("tch", i)):
            out.append("っ")                                    # a doubled consonant: "Hattori"
            i += 1
            continue
        piece = next((word[i:i + n] for n in (3, 2, 1) if word[i:i + n] in _ROMAJI), None)
        if piece is None and word[i] == "n":
            out.append("ん")
            i += 1
        elif piece is None:
            return ()
        else:
            out.append(_ROMAJI[piece])
            i += len(piece)
    hiragana = "".join(out)
    katakana = "".join(chr(ord(c) + 0x60) for c in hiragana)
    return (fold(hiragana), fold(katakana)) if len(out) >= 2 else ()
