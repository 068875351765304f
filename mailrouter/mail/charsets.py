"""Charset labels as mail clients write them, resolved to Python codecs.

Python knows most MIME charset names, but not every label clients still put in their mail:
old Apple Mail's `x-mac-cyrillic`, Outlook's `windows-874` (Thai), `x-sjis`, `iso-8859-8-i`
(Hebrew). Read as UTF-8, such a body reached members as replacement characters. Browsers
resolve labels by the WHATWG Encoding Standard's table, which `webencodings` carries (the
table html5lib and bleach use); a few Mac labels it lacks are added here. Korean, Chinese
and Japanese labels read as the Windows supersets the clients that write them mean (as
WHATWG reads them too: cp949 for `ks_c_5601-1987`, GB18030 for `gb2312`, cp932 for
`shift_jis`); otherwise Python's own name wins where it has one: it reads `us-ascii` and
`iso-8859-1` as what they say (WHATWG reads both as windows-1252).
"""

import codecs
from functools import lru_cache

import webencodings

FIRST = {"ks_c_5601-1987": "cp949", "ks_c_5601-1989": "cp949", "ksc5601": "cp949", "ksc_5601": "cp949",
         "euc-kr": "cp949", "korean": "cp949", "csksc56011987": "cp949", "iso-ir-149": "cp949", "windows-949": "cp949",
         "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "chinese": "gb18030",
         "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
         "windows-31j": "cp932", "big5": "big5hkscs", "x-x-big5": "big5hkscs"}
MAC_LABELS = {"x-mac-ce": "mac_latin2", "x-mac-centraleurroman": "mac_latin2", "x-mac-greek": "mac_greek",
              "x-mac-turkish": "mac_turkish", "x-mac-icelandic": "mac_iceland", "x-mac-croatian": "mac_croatian",
              "x-mac-romanian": "mac_romanian", "latin-9": "iso8859_15", "x-mac-thai": "cp874"}
LONGEST_LABEL = 64


@lru_cache(maxsize=256)
def codec_for(label):
    """The Python codec name for a charset label, or None if no table knows it."""
    if not isinstance(label, str) or len(label) > LONGEST_LABEL or not label.isprintable():
        return None
    label = label.strip().lower()
    try:
        return codecs.lookup(FIRST.get(label, label)).name
    except (LookupError, ValueError):
        return None


def _search(name):
    """codecs' search function for the labels Python lacks: every decoder in the process
    knows them then, the email package's encoded words (a From name, a subject) included."""
    for label in dict.fromkeys((name, name.replace("_", "-"))):
        if label in MAC_LABELS:
            return codecs.lookup(MAC_LABELS[label])
        found = webencodings.lookup(label)
        if found is not None:
            return found.codec_info
    return None


codecs.register(_search)


def decode_labelled(data, label):
    """Bytes as text by their label; a label nobody knows (`unknown-8bit`, a typo) reads
    them as UTF-8 if they are, else as cp1252 (every byte a character). Never raises."""
    codec = codec_for(label or "utf-8")
    if codec is not None:
        try:
            return data.decode(codec, "replace")
        except (LookupError, ValueError, TypeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")
