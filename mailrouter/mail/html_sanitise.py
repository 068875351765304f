"""Report HTML made safe to forward: parsed and pruned (mail.html), scrubbed, sanitised (nh3).

`sanitise_html` returns an HTML *fragment* (the body's content, no <html>/<body>) that loads
nothing remote: an <img> keeps only a `cid:` source or a `data:image/…` one rebuilt from
`clean_image`'s bytes. Markup never makes it raise (`scrub_text`'s errors do). Where
libxml2 cannot build the whole tree the standard library's tokenizer reads the text, which
is forwarded as an escaped <pre>.
"""

import base64
import html as _html
from typing import Callable
from urllib.parse import urlsplit

import lxml.html
import nh3
from lxml import etree

from mailrouter.mail.html import DROPPED, TAGS, data_uri, parse_body, prune, tokenized, unquote_all

ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto", "cid", "data"}
LINK_SCHEMES = ("http:", "https:", "mailto:")
INLINE_IMAGE_TYPES = ("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp")
IMAGE_SOURCES = ("src", "srcset", "lowsrc", "dynsrc")
_GONE = "mailrouter-removed"


def _final_filter(tag, attribute, value):
    """For CLEANER, the last stage: an <img> loads nothing remote, a link is http(s) or mailto."""
    low = value.strip().lower()
    if tag == "img" and attribute == "src":
        return value if low.startswith(("cid:", *(f"data:{t};" for t in INLINE_IMAGE_TYPES))) else None
    return value if tag != "a" or attribute != "href" or low.startswith(LINK_SCHEMES) else None


CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_final_filter,
                      url_schemes=URL_SCHEMES, clean_content_tags=set(DROPPED), url_relative="deny",
                      link_rel="noopener noreferrer nofollow", strip_comments=True)


def sanitise_html(markup: str, scrub_text: Callable[[str], str],
                  clean_image: Callable[[bytes, str], bytes | None] | None = None) -> str:
    """Scrubbed, sanitised HTML fragment of `markup`; an escaped <pre> of its text as fallback."""
    body = parse_body(markup)
    try:
        if body is not None:
            prune(body)
            for img in body.iter("img"):
                _image(img, scrub_text, clean_image)
            etree.strip_elements(body, _GONE, with_tail=False)
            for element in body.iter():
                allowed = ATTRIBUTES.get(element.tag, ())
                for name, value in element.items():
                    new = None if name not in allowed else \
                        _clean_href(value, scrub_text) if name == "href" else scrub_text(value)
                    element.attrib.pop(name) if new is None else element.set(name, new)
                element.text = scrub_text(element.text) if (element.text or "").strip() else element.text
                element.tail = scrub_text(element.tail) if (element.tail or "").strip() else element.tail
            return CLEANER.clean(lxml.html.tostring(body, encoding="unicode", with_tail=False)
                                 .removeprefix("<body>").removesuffix("</body>"))
    except ValueError:                  # scrub_text returned a control character, …
        pass
    text = scrub_text(tokenized(markup)[0])
    return f"<pre>{_html.escape(text, quote=False)}</pre>" if text.strip() else ""


def _image(img, scrub_text, clean_image):
    src = (img.get("src") or "").strip()
    url = next((u for u in (img.get(n, "").strip().split(" ")[0] for n in IMAGE_SOURCES) if u), "")
    note = ""                           # none for a cid: part of this message, or no source
    if src.lower().startswith("data:"):
        img.set("src", _inline_image(data_uri(src), scrub_text, clean_image) or "")
        note = "" if img.get("src") else "[inline image removed]"
    elif url and not src.lower().startswith("cid:"):    # a note the text pass then scrubs
        try:
            label = (img.get("alt") or "").strip() or urlsplit(url).hostname or ""
        except ValueError:              # not a URL at all
            label = ""
        note = f"[remote image removed: {label}]" if label else "[remote image removed]"
    if note:                            # the element is stripped after the loop, its tail kept
        img.tail, img.tag = note + (img.tail or ""), _GONE


def _inline_image(data, scrub_text, clean_image):
    """The data: URI of a cleaned raster image, or None. Text is scrubbed (seen), never kept."""
    if data and data[0].startswith("text/"):
        scrub_text(data[1].decode("utf-8", "replace"))
    try:
        usable = data and clean_image and data[0] in INLINE_IMAGE_TYPES
        cleaned = clean_image(data[1], data[0]) if usable else None
    except Exception:                   # an image that cannot be cleaned is not forwarded
        cleaned = None
    cleaned = base64.b64encode(cleaned).decode("ascii") if isinstance(cleaned, bytes) and cleaned else ""
    return f"data:{data[0]};base64,{cleaned}" if cleaned else None


def _clean_href(value, scrub_text):
    url = value.strip()
    if not url.lower().startswith(LINK_SCHEMES):    # javascript:, relative (mail has no base), …
        return _inline_image(data_uri(url), scrub_text, None) if url.lower().startswith("data:") else None
    decoded = unquote_all(url)
    if (scrubbed := scrub_text(decoded)) != decoded:    # it named the reporter: a mailto goes
        return None if url.lower().startswith("mailto:") else scrubbed
    return scrub_text(url)
