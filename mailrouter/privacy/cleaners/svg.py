"""SVG drawings: active content with hidden payloads, kept as a drawing and nothing else.

An SVG is XML a program wrote, and the programs hide things in it: Excalidraw its whole
scene (the text of every element, base64 and zlib) in a comment inside `<metadata>`,
Inkscape the file's path and name in `sodipodi:`/`inkscape:` attributes, any editor an
embedded `data:` image with its own metadata, a font or image fetched from a server when
the drawing is opened (telling the sender who looked). The clean copy keeps the SVG
elements and their geometry: comments, processing instructions, `<metadata>`, scripts,
`<foreignObject>`, elements and attributes of other namespaces and event handlers are
dropped; an embedded raster image is cleaned like an attachment (anything else embedded
is dropped), a remote reference removed (an animation that would set one goes too, and CSS
is read through its escapes: `u\\72l(` is `url(`), and every text and attribute value scrubbed.
"""

import base64
import binascii
import re

import defusedxml.ElementTree
from lxml import etree

from mailrouter.privacy.cleaners import Unreadable, sniff
from mailrouter.privacy.cleaners.images import PIL_FORMATS, clean_image

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
KEPT_ATTRIBUTE_NAMESPACES = {"", XLINK, XML}
DROPPED_ELEMENTS = {"metadata", "script", "foreignObject", "handler", "listener"}
DATA_IMAGE = re.compile(r"^\s*data:image/[\w.+-]+;base64,(.*)$", re.IGNORECASE | re.DOTALL)
REMOTE_URL = re.compile(r"url\(\s*(?!['\"]?#)[^)]*\)|@import[^;]*;?", re.IGNORECASE)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)     # u\72l( is url(
# An animation can set a reference the parser never saw as one: <set attributeName="href" to="https://…">.
ANIMATIONS = {"set", "animate", "animateColor", "animateMotion", "animateTransform", "discard"}
SVG_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.DOTALL)


def is_svg(data, maintype, subtype, filename):
    """Declared as SVG, named .svg/.svgz, or XML whose root is an <svg>."""
    return (f"{maintype}/{subtype}" == "image/svg+xml" or filename.lower().endswith(".svg")
            or bool(SVG_START.match(data[:4096])))


def clean_svg(data, scrub_text):
    """(clean bytes, changed) for an SVG; raises Unreadable when it cannot be parsed."""
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False)   # no entities, no external refs
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_comments=True, remove_pis=True)
        root = etree.fromstring(data, parser=parser)
    except Exception as error:
        raise Unreadable() from error
    if etree.QName(root).localname != "svg":
        raise Unreadable()
    for node in list(root.iter()):
        if node is not root and _dropped(node):
            _remove(node)
    for node in root.iter():
        _clean_element(node, scrub_text)
    clean = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return clean, clean != data


def _dropped(node):
    if not isinstance(node.tag, str):
        return True                      # a comment or processing instruction that survived
    name = etree.QName(node)
    return name.namespace not in (None, SVG) or name.localname in DROPPED_ELEMENTS or (
        name.localname in ANIMATIONS and _animates_reference(node))


def _animates_reference(node):
    target = node.get("attributeName", "").split(":")[-1].strip().lower()
    return target == "href" or any(value is not None and _remote_value(value)
                                   for value in (node.get("to"), node.get("from"), node.get("by"), node.get("values")))


def _remote_value(value):
    """A value that names something outside the drawing: a URL, not a length or a colour."""
    return bool(re.search(r"(?:[a-z][a-z0-9+.-]*:|//)", _unescaped(value), re.IGNORECASE)) and not \
        value.strip().startswith("#")


def _unescaped(css):
    """CSS text with its escapes read (`\\75rl(` and `u\\rl(` are `url(`), so that no
    remote reference hides behind one."""
    return CSS_ESCAPE.sub(lambda m: _css_character(int(m.group(1), 16)) if m.group(1) else m.group(2), css)


def _css_character(code):
    """The character a CSS escape names, or U+FFFD where XML cannot hold it (lxml refuses)."""
    xml_char = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
        or 0x10000 <= code <= 0x10FFFF
    return chr(code) if xml_char else "\ufffd"


def _without_remote(css):
    """`css` with every remote url() and @import made "none"; read through its escapes."""
    if "\\" in css:
        css = _unescaped(css)
    return REMOTE_URL.sub("none", css)


def _remove(node):
    parent = node.getparent()
    if parent is None:
        return
    if node.tail and node.tail.strip():  # the text after a dropped element is the drawing's
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _clean_element(node, scrub_text):
    for key, value in list(node.attrib.items()):
        name = etree.QName(key)
        if (name.namespace or "") not in KEPT_ATTRIBUTE_NAMESPACES or name.localname.lower().startswith("on"):
            del node.attrib[key]
        elif name.localname == "href":
            _clean_reference(node, key, value)
        else:
            node.set(key, scrub_text(_without_remote(value)))
    if etree.QName(node).localname == "style" and node.text:
        node.text = _without_remote(node.text)
    for part in ("text", "tail"):
        value = getattr(node, part)
        if value and value.strip():
            setattr(node, part, scrub_text(value))


def _clean_reference(node, key, value):
    """A fragment stays; an embedded raster image is cleaned; anything else goes."""
    if value.strip().startswith("#"):
        return
    embedded = DATA_IMAGE.match(value)
    image = _cleaned_image(embedded.group(1)) if embedded else None
    if image is None:
        del node.attrib[key]
    else:
        node.set(key, image)


def _cleaned_image(encoded):
    try:
        data = base64.b64decode(re.sub(r"\s+", "", encoded), validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = sniff(data)
    if kind not in PIL_FORMATS:
        return None
    try:
        clean, _ = clean_image(data, kind)
    except Exception:   # an image that cannot be cleaned is not embedded
        return None
    subtype = {"heif": "heic"}.get(kind, kind)
    return f"data:image/{subtype};base64," + base64.b64encode(clean).decode("ascii")
