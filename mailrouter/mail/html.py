"""Reading report HTML: parsed (lxml.html), pruned, and rendered as the text a reader sees.

`html_to_text` gives readable plain text (lines, list items, quotes, link targets);
`visible_text` everything a reader could see, attribute values included, for finding names.
Markup never makes these functions raise. Where libxml2 cannot build the whole tree
(nesting deeper than 2048: it would silently drop the rest) the standard library's
tokenizer reads the text instead. `html_sanitise` builds on the same parsing.
"""

import base64
from html.parser import HTMLParser
from urllib.parse import unquote, unquote_to_bytes

import lxml.html
from lxml import etree

# Elements kept (the sanitiser's allow-list); prune() unwraps the others, a block as a <div>.
TAGS = {"p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "blockquote", "pre", "code",
        "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4",
        "h5", "h6", "a", "img", "hr", "sub", "sup", "small"}
# Removed with their content: they run, fetch, submit, or are not read as text. Not <source>,
# <embed>, <track>, <keygen>: libxml2 puts the text after these HTML5 void elements inside them.
DROPPED = ("script", "style", "link", "meta", "base", "title", "head", "noscript", "template",
           "iframe", "frame", "frameset", "noframes", "object", "applet", "param", "svg", "math",
           "audio", "video", "canvas", "map", "area", "input", "button", "select", "option",
           "optgroup", "textarea", "datalist", "output", "xmp", "plaintext", "noembed")
MEANINGFUL = ("href", "title", "alt", "src")
BLOCKS = {"p", "div", "li", "tr", "blockquote", "pre", "ul", "ol", "table", "hr", "dl", "dt", "dd",
          "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
          "address", "center", "form", "fieldset", "caption"}
# Quote markers shown at most this deep: a reply chain nested hundreds deep, each line carrying
# its depth in ">", made the text (and all reading after) quadratic in the depth (T4).
MAX_QUOTE_MARKS = 30
SPACED = {"p", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
_LINE, _HARD, _IN, _OUT, _SPACE = (chr(0xE000 + i) for i in range(5))   # layout marks
_MARKS = dict.fromkeys(map(ord, (_LINE, _HARD, _IN, _OUT)))
# Not XML characters (lxml refuses them) and the layout marks: gone before parsing.
_NOT_XML = dict.fromkeys([*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF, *range(0xE000, 0xE005)])


def html_to_text(markup: str) -> str:
    """Readable plain text of `markup`. It does not scrub: pass sanitised HTML, or scrub it."""
    return _text_and_values(markup, links=True)[0]


def visible_text(markup: str) -> str:
    """All text a reader sees, then href/title/alt/src values (decoded forms too), one a line."""
    text, values = _text_and_values(markup, links=False)
    lines = [text] if text else []
    for value in (value.strip() for _, value in values):
        data = data_uri(value)
        if not value.lower().startswith("data:"):
            lines += list(dict.fromkeys([value, unquote_all(value)]))    # as given, and decoded
        elif data and data[0].startswith("text/"):
            lines.append(data[1].decode("utf-8", "replace"))
    return "\n".join(lines)


def _text_and_values(markup, links):
    try:
        body = parse_body(markup)
        if body is not None:
            prune(body)
            return _render(body, links), [(name, element.get(name)) for element in body.iter()
                                          for name in MEANINGFUL if element.get(name)]
    except Exception:           # never raise on odd markup: the tokenizer copes with anything
        pass
    return tokenized(markup)


def parse_body(markup):
    """The <body> of the parsed document, or None when libxml2 could not build all of it."""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, encoding="utf-8")
    try:
        data = markup.translate(_NOT_XML).encode("utf-8", "replace")
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.LxmlError, ValueError, AttributeError):   # empty, or not a string at all
        return None
    return None if any(error.level_name == "FATAL" for error in parser.error_log) else root.find("body")


def prune(body):
    """Drop DROPPED elements with their content, comments and processing instructions; unwrap the rest."""
    etree.strip_elements(body, *DROPPED, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    unknown = {e.tag for e in body.iter() if isinstance(e.tag, str)} - TAGS - {"body"}
    for element in body.iter(*(unknown & BLOCKS)) if unknown & BLOCKS else ():
        element.tag = "div"             # <form>, <section>, … still end a line of text
    etree.strip_tags(body, *(unknown - BLOCKS))


def data_uri(url):
    """(mime type, bytes) of a data: URI, or None when it is malformed."""
    header, comma, payload = url[5:].partition(",")
    params = [p.strip().lower() for p in header.split(";")]
    try:
        raw = base64.b64decode("".join(unquote(payload).split())) if "base64" in params[1:] \
            else unquote_to_bytes(payload)
    except ValueError:                  # binascii.Error is a ValueError
        return None
    return (params[0] or "text/plain", raw) if comma and url[:5].lower() == "data:" else None


def unquote_all(url):
    """A URL percent-decoded until nothing is left to decode (three levels deep)."""
    return unquote(unquote(unquote(url)))     # %252E is %2E is "."


def _render(body, links):
    """Plain text: blocks break lines, <li> gets "- ", blockquote lines "> ", links "text (href)"."""
    for pre in body.iter("pre"):        # its spaces and line breaks survive the collapsing below
        for node in pre.iter():
            node.text = (node.text or "").replace(" ", _SPACE).replace("\n", _HARD)
            if node is not pre:
                node.tail = (node.tail or "").replace(" ", _SPACE).replace("\n", _HARD)
    for element in body.iter():
        before, after = _markers(element, links)
        element.text = before + (element.text or "")
        element.tail = after + (element.tail or "") if element is not body else None
    lines, depth, blank = [], 0, None
    text = " ".join("".join(body.itertext()).split()).replace(_HARD, _LINE + _HARD)
    for line in text.split(_LINE):
        depth += line.count(_IN)
        content = line.translate(_MARKS).strip().replace(_SPACE, " ")
        content = content.rstrip(" |") if content.endswith("|") else content
        if content:
            shown = min(depth, MAX_QUOTE_MARKS)
            if blank is not None and lines:
                lines.append(("> " * min(blank, shown)).rstrip())
            lines.append(("> " * shown + content).rstrip())
            blank = None
        elif _HARD in line:
            blank = depth if blank is None else min(blank, depth)
        depth -= line.count(_OUT)
    return "\n".join(lines)


def _markers(element, links):
    """Text put before an element's content and after it, to mark its layout."""
    tag = element.tag
    after = {"br": _HARD, "td": " | ", "th": " | "}.get(tag, "")    # cells stay apart: "Name | Noa"
    if tag == "img":
        alt = " ".join((element.get("alt") or "").split())
        after = f"[image: {alt}]" if alt else "[image]"
    elif tag == "a" and links and element.get("href"):
        href = element.get("href").strip()
        bare = (href[7:] if href.lower().startswith("mailto:") else href).rstrip("/").lower()
        label = " ".join("".join(element.itertext()).split()).rstrip("/").lower()
        after = "" if bare == label else f" ({href})"
    if tag not in BLOCKS:
        return "", after
    gap, quote = (_HARD + _LINE if tag in SPACED else ""), tag == "blockquote"   # gap: a blank line
    return _LINE + gap + _IN * quote + "- " * (tag == "li"), _OUT * quote + _LINE + gap


def tokenized(markup):
    """(text, [(attribute, value)]) from the standard library's tokenizer: it has no depth limit."""
    parts, values, hidden, tokens = [], [], [0], HTMLParser(convert_charrefs=True)

    def tag(name, attrs=None):          # a start tag has attributes, an end tag None
        hidden[0] = max(0, hidden[0] + (1 if attrs is not None else -1) * (name in ("script", "style")))
        parts.append("\n" if name in BLOCKS or name == "br" else "")
        values.extend((key, value) for key, value in attrs or () if key in MEANINGFUL and value)
    tokens.handle_starttag = tokens.handle_endtag = tag
    tokens.handle_data = lambda data: parts.append("" if hidden[0] else data)
    try:
        tokens.feed(markup)
        tokens.close()
    except Exception:                   # not a string, or whatever else: what was read stays
        pass
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line), values
