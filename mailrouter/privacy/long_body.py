"""A long body in the members' copy: a bounded view inline, the whole of it attached.

A chat log pasted into a report (a Slack, Discord or IRC log, or a chat tool's HTML export,
an Outlook mail of tables) runs to megabytes, and mail clients stall on that much inline
text. `fill` puts a body into the members' copy: the text's first INLINE_VIEW characters
inline with a note, the whole text attached as FULL_TEXT; an HTML version longer than
INLINE_VIEW is not inline at all (markup cannot be cut without breaking it, and its text
stands in for it) but attached whole as FULL_HTML. Whatever its MIME shape, the clean copy
hands over text already scrubbed and HTML already sanitised and scrubbed: this module
reads nothing of the report itself, so nothing here can let the reporter through.

Two megabytes of text go as nearly three in base64, twice over with the HTML: a forward
that would be larger than the relay takes goes `without_full_texts`, and the lines that
named them say so (a forward the relay refuses reaches no member at all); the case's
stored copy keeps them, for the admin. A saved full-text.html has no message around
it to find a `cid:` image in: the image's name stands where it was (it is attached).
"""

import copy
import html
import re

INLINE_VIEW = 512 * 1024                 # characters of a body (text or HTML) shown inline
FULL_TEXT = "full-text.txt"              # the whole text of a longer body, attached
FULL_HTML = "full-text.html"             # the whole sanitised HTML of a longer one, attached
IMAGE_MARKER = "[image: {}, attached to this mail]"
_CID_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc=["']?cid:([^"'\s>]+)[^>]*>""", re.IGNORECASE)


def html_too_long(markup):
    """Whether sanitised `markup` goes as FULL_HTML rather than inline."""
    return len(markup) > INLINE_VIEW


def fill(target, text, markup, note, size, images=None):
    """Set `target`'s body from scrubbed `text` and sanitised `markup` (a fragment, or "");
    `note` takes a line for the members, `size` writes a byte count, `images` names the
    inline images by their Content-ID."""
    target.set_content(_inline_view(text, note, size))
    if markup and not html_too_long(markup):
        target.add_alternative(_document(markup), subtype="html")
    if len(text) > INLINE_VIEW:
        target.add_attachment(text, filename=FULL_TEXT)
    if html_too_long(markup):
        note(f"The HTML version of a message is {size(len(markup.encode()))} long: its text is shown "
             f"instead, and the whole HTML (sanitised and scrubbed like this copy) is attached as "
             f"{FULL_HTML}.")
        standalone = _CID_IMAGE.sub(lambda m: html.escape(IMAGE_MARKER.format((images or {}).get(
            m.group(1)) or "an inline image")), markup)
        target.add_attachment(_document(standalone, standalone=True), subtype="html", filename=FULL_HTML)


def _inline_view(text, note, size):
    """A long text as its first INLINE_VIEW characters, cut at a line end, and a note."""
    if len(text) <= INLINE_VIEW:
        return text
    cut = text.rfind("\n", 0, INLINE_VIEW) + 1 or INLINE_VIEW
    line = (f"The text of a message is {size(len(text.encode()))} long: the first "
            f"{INLINE_VIEW // 1024} KB are shown, the whole text (scrubbed like this copy) is "
            f"attached as {FULL_TEXT}.")
    note(line)
    return f"{text[:cut]}\n[... {line}]\n"


def _document(markup, standalone=False):
    # Saved to disk and opened in a browser, a file has no Content-Type to give its charset.
    head = '<head><meta charset="utf-8"></head>' if standalone else ""
    return f"<html>{head}<body>{markup}</body></html>"


def without_full_texts(message, notes):
    """A copy of `message` without FULL_TEXT and FULL_HTML (a forward too large for the relay
    with them), and `notes`; its inline view and the notes say where the whole text is.
    None if it has neither."""
    message = copy.deepcopy(message)          # the caller's copy may go to others whole
    full = [(parent, part) for parent in message.walk() if parent.is_multipart()
            for part in parent.get_payload() if part.get_filename() in (FULL_TEXT, FULL_HTML)]
    if not full:
        return None
    for parent, part in full:
        parent.get_payload().remove(part)
    for part in message.walk():
        if part.get_content_type() == "text/plain" and part.get_filename() is None:
            text = part.get_content()
            if _too_large(text) != text:
                part.set_content(_too_large(text))
    return message, [_too_large(line) for line in notes]


def _too_large(text):
    for name in (FULL_TEXT, FULL_HTML):
        text = text.replace(f"is attached as {name}.", f"was too large to attach to this mail ({name}): "
                            f"the admin can send it on request.")
    return text

