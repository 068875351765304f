"""A long HTML body is cut like a long plain-text one, whatever its MIME shape.

A chat tool's HTML export pasted inline, or an Outlook mail of tables, runs to megabytes of
HTML. The members' copy never carries more than 512 KB of body inline: the HTML's text is
shown in part, the whole text attached as full-text.txt and the whole HTML, sanitised, as
full-text.html; the reporter's name and address are in neither (privacy/long_body.py).
"""

import base64
import io
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from PIL import Image

from test_long_chat_exports import MEMBER, members_parts, patient  # noqa: F401 (a fixture)
from mailrouter.privacy.long_body import FULL_HTML, FULL_TEXT, INLINE_VIEW

SAID = "you should not be here, nobody wants you at this meetup"
ROW = ('<tr style="font-family:Segoe UI,sans-serif;color:#222;background:#f7f7f7;padding:2px 4px">'
       f'<td>[12:01]</td><td><b>someone</b></td><td>{SAID}</td></tr>\n')
NAME, ADDRESS = "Soraya Lindqvist", "s.lindqvist@example.net"
LAST = (f'<tr><td>[23:59]</td><td><b>{NAME}</b></td><td>please stop, write to '
        f'<a href="mailto:{ADDRESS}" title="{NAME}">{ADDRESS}</a> only</td></tr>\n')
IDENTITY = ("Soraya", "Lindqvist", ADDRESS)
TEMPLATE = 16 * 1024                    # the forward's own words around the report


def rows(megabytes, row=ROW):
    return int(megabytes * 1024 * 1024 // len(row))


def export(megabytes, row=ROW):
    """A chat export as an HTML table, the reporter's own line last."""
    return f"<html><body><table>{row * rows(megabytes, row)}{LAST}</table></body></html>"


def message(plain=None, html=None, charset="utf-8", cte="quoted-printable", image=False):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = f"{NAME} <{ADDRESS}>", "conduct@example.org", "chat"
    msg["Message-ID"] = "<html-export@example.net>"
    if plain is not None:
        msg.set_content(plain)
        msg.add_alternative(html, subtype="html", charset=charset, cte=cte)
    else:
        msg.set_content(html, subtype="html", charset=charset, cte=cte)
    if image:
        picture = io.BytesIO()
        Image.new("RGB", (4, 3), "red").save(picture, "PNG")
        msg.get_body(("html",)).add_related(picture.getvalue(), "image", "png", cid="<shot@example.net>",
                                            filename="shot.png")
    return msg.as_bytes()


def filed(running, sink, raw):
    assert running.send(raw, mail_from=ADDRESS)[0] == 250
    running.run_until_idle(timeout=600)
    assert running.state.spool.quarantined_ids() == []
    assert len(running.store.codes()) == 1
    parts = members_parts(sink)
    assert parts
    for part in parts:
        for word in IDENTITY:
            assert word not in part.get_content(), (part.get_filename(), word)
    return {part.get_filename(): part.get_content() for part in parts if part.get_filename()}, \
        [part.get_content() for part in parts if part.get_filename() is None]


def assert_cut(inline, attached, said_lines):
    """Inline, at most the view and the forward's words; attached, every line of the log."""
    assert inline and all(len(text) < INLINE_VIEW + TEMPLATE for text in inline)
    assert any(SAID in text for text in inline)
    assert attached[FULL_HTML].count(SAID) == said_lines
    assert "[23:59]" in attached[FULL_HTML] and '<meta charset="utf-8">' in attached[FULL_HTML]
    assert "style=" not in attached[FULL_HTML]                # sanitised, not the HTML as sent
    if FULL_TEXT in attached:
        assert attached[FULL_TEXT].count(SAID) == said_lines
        assert "[23:59] | [reporter]" in attached[FULL_TEXT]
    else:
        assert "[23:59] | [reporter]" in "\n".join(inline)


@pytest.mark.slow
def test_an_html_only_report_is_cut_its_text_and_html_attached(patient, sink):
    attached, inline = filed(patient, sink, message(html=export(2)))
    assert FULL_TEXT in attached                              # its text is over the view too
    assert_cut(inline, attached, rows(2))
    assert all(f"attached as {FULL_HTML}" in text for text in inline if "Note:" in text)


@pytest.mark.slow
def test_a_long_html_beside_a_short_plain_part_is_cut_its_text_attached(patient, sink):
    raw = message(plain="This message is best viewed in HTML.\n", html=export(1.5), cte="base64")
    attached, inline = filed(patient, sink, raw)
    assert_cut(inline, attached, rows(1.5))
    assert not any("best viewed in HTML" in text for text in attached.values())


@pytest.mark.slow
def test_a_long_html_beside_a_long_plain_part_is_cut(patient, sink):
    plain = f"[12:01] someone: {SAID}\n" * rows(1) + f"[23:59] {NAME}: please stop\n"
    attached, inline = filed(patient, sink, message(plain=plain, html=export(1)))
    assert_cut(inline, attached, rows(1))


@pytest.mark.slow
def test_a_long_html_with_an_inline_image_is_cut_the_image_attached(patient, sink):
    raw = message(plain="See the log below.\n", html=export(1).replace("<table>", '<img src="cid:shot@example.net"><table>'),
                  image=True)
    attached, inline = filed(patient, sink, raw)
    assert_cut(inline, attached, rows(1))
    # Saved to disk, full-text.html has no parts to find `cid:` in: the image's name stands there.
    assert "cid:" not in attached[FULL_HTML] and "[image: shot.png, attached to this mail]" in attached[FULL_HTML]
    images = [p for mail in sink.messages_to(MEMBER) for p in mail.msg.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1


@pytest.mark.slow
def test_a_long_html_in_a_legacy_charset_is_cut_its_accents_kept(patient, sink):
    said = "ne reviens pas à la réunion"
    html = export(1.2).replace("nobody wants you", said)
    attached, inline = filed(patient, sink, message(html=html, charset="windows-1252", cte="base64"))
    assert attached[FULL_TEXT].count(said) == attached[FULL_HTML].count(said) == rows(1.2)
    assert all(len(text) < INLINE_VIEW + TEMPLATE for text in inline)


@pytest.mark.slow
def test_a_forwarded_message_with_a_long_html_is_cut_inside_the_evidence(patient, sink):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"], msg["To"], msg["Subject"] = f"{NAME} <{ADDRESS}>", "conduct@example.org", "fwd"
    msg["Message-ID"] = "<html-evidence@example.net>"
    msg.set_content("The mail they sent me is attached.\n")
    msg.add_attachment(message_from_bytes(message(html=export(1.5)), policy=policy.SMTP), filename="their-mail.eml")
    attached, inline = filed(patient, sink, msg.as_bytes())
    assert_cut(inline, attached, rows(1.5))


@pytest.mark.slow
def test_a_long_html_left_out_for_a_split_name_still_gives_members_its_text(patient, sink):
    """The fail-closed path (the name across tags): no HTML at all, but its whole text."""
    html = export(1).replace("<td>[23:59]</td>", "<td>[23:59] Sor<span>aya</span></td>")
    attached, inline = filed(patient, sink, message(plain="This message is best viewed in HTML.\n", html=html))
    assert FULL_HTML not in attached and not any("<table>" in text for text in inline)
    assert sum(text.count(SAID) for text in inline) == rows(1)
    assert any("could not be removed from it safely" in text for text in inline)


@pytest.mark.slow
def test_html_long_only_in_its_styles_stays_inline(patient, sink):
    """Megabytes of inline styles and few words: sanitised, the HTML is short and stays inline."""
    styled = ROW.replace('style="', 'style="' + "border:1px solid #ccc;" * 60)
    attached, inline = filed(patient, sink, message(html=export(2, styled)))
    assert FULL_HTML not in attached and FULL_TEXT not in attached
    assert any("<table>" in text and SAID in text for text in inline)        # the HTML, inline
    assert all(len(text) < INLINE_VIEW for text in inline)
