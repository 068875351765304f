"""An SVG attachment must not fetch anything when a member opens it (privacy/cleaners/svg.py):
a remote reference tells whoever serves it who looked, and when. Beyond href and url(),
an animation can set a reference (<set attributeName="href" to="https://…">) and a CSS escape
can hide url( from a plain search (u\\72l(…))."""

from mailrouter.privacy.cleaners.svg import clean_svg

HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'


def cleaned(inner):
    clean, _ = clean_svg(HEAD + inner + b"</svg>", lambda text: text)
    return clean.decode("utf-8")


def test_an_animation_that_sets_a_reference_is_dropped():
    for animation in (b'<set attributeName="href" to="https://tracker.example/p.png"/>',
                      b'<animate attributeName="xlink:href" values="https://tracker.example/a;x" dur="1s"/>'):
        clean = cleaned(b'<image width="5" height="5" href="#local">' + animation + b'</image>')
        assert "tracker.example" not in clean and "<image" in clean


def test_an_animation_to_a_remote_value_is_dropped_and_a_plain_one_kept():
    clean = cleaned(b'<rect width="5" height="5"><animate attributeName="fill" to="url(https://t.example/f)"/>'
                    b'<animate attributeName="width" from="5" to="9" dur="2s"/></rect>')
    assert "t.example" not in clean
    assert 'to="9"' in clean


def test_a_css_escaped_url_in_a_style_is_removed():
    for style in (rb'fill: u\72l(https://t.example/a)', rb'fill: \75 rl(https://t.example/b)',
                  rb'background: u\rl(//t.example/c)'):
        clean = cleaned(b'<rect width="5" height="5" style="' + style + b'"/>')
        assert "t.example" not in clean
    clean = cleaned(b'<style>rect { fill: u\\72l(https://t.example/d) }</style><rect width="1" height="1"/>')
    assert "t.example" not in clean


def test_an_escape_xml_cannot_hold_is_replaced_not_fatal():
    clean = cleaned(rb'<rect width="5" height="5" style="fill: \1 red; stroke: \D800 blue"/>')
    assert "red" in clean and "blue" in clean
