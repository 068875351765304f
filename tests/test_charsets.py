"""Reports in the charsets old and regional mail clients still label their mail with.

Python knows most charsets by their MIME names, but not every label clients write: old Apple
Mail's `x-mac-cyrillic`, Outlook's `windows-874` (Thai), `x-sjis`, `iso-8859-8-i` (Hebrew,
logical order), `x-mac-ce`. A label Python lacks used to read as UTF-8, so members got a
body of replacement characters: the evidence unreadable. Labels are resolved as browsers
resolve them (the WHATWG Encoding Standard's table, webencodings), then a few Mac ones it
lacks; a label nobody knows (`unknown-8bit`) is read as UTF-8 if the bytes are, else cp1252.
"""

import pytest

from harness import RunningDaemon, Sink, load, write_config
from mailrouter.mail.charsets import codec_for

CASES = {   # label: the words, as the client wrote them (the encoding's Python name)
    "x-mac-cyrillic": ("Он кричал на меня на стенде.", "mac_cyrillic"),
    "x-mac-ukrainian": ("Він кричав на мене біля стенду.", "mac_cyrillic"),
    "x-mac-roman": ("Il a crié sur moi près du café.", "mac_roman"),
    "x-mac-ce": ("Křičel na mě u stánku.", "mac_latin2"),
    "windows-874": ("เขาตะโกนใส่ฉันที่บูธ", "cp874"),
    "x-sjis": ("彼はブースで私に怒鳴った。①", "cp932"),
    "iso-8859-8-i": ("הוא צעק עליי ליד הדוכן.", "iso8859_8"),
    "ks_c_5601-1987": ("그는 부스에서 나에게 소리쳤다. 똠방각하", "cp949"),
    "unknown-8bit": ("Er hat mich am Stand angeschrien, übel.", "utf-8"),
}


def raw_report(label, words, codec, transfer="8bit"):
    body = words.encode(codec)
    head = ("From: Jane Reporter <reporter@example.net>\r\nTo: conduct@example.org\r\n"
            "Subject: At the booth\r\nDate: Mon, 02 Nov 2026 08:55:00 +0000\r\n"
            f"Message-ID: <{label}.1@example.net>\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset={label}\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n")
    return head.encode() + body + b"\r\n"


@pytest.fixture(scope="module")
def forwarded(tmp_path_factory):
    """Every report through one real daemon; {label: the text Ana's forward holds}."""
    sink = Sink().start()
    daemon = RunningDaemon(load(write_config(tmp_path_factory.mktemp("charsets"), sink.port))).start()
    try:
        for label, (words, codec) in CASES.items():
            assert daemon.send(raw_report(label, words, codec))[0] == 250
        daemon.run_until_idle()
        return {label: "\n".join(m.text() for m in sink.messages_to("ana@example.org")
                                 if f"{label}.1" in str(m.msg) or words in m.text())
                for label, (words, _) in CASES.items()}
    finally:
        daemon.stop()
        sink.stop()


@pytest.mark.parametrize("label", list(CASES))
def test_the_members_read_the_report_in_its_own_words(forwarded, label):
    assert CASES[label][0] in forwarded[label]


def test_labels_resolve_as_mail_clients_mean_them():
    assert codec_for("X-MAC-CYRILLIC") == "mac-cyrillic"
    assert codec_for("ks_c_5601-1987") == "cp949"         # Python's own name wins: a superset of euc-kr
    assert codec_for("latin-9") == "iso8859-15"
    assert codec_for("no-such-charset") is None
    assert codec_for("utf-8\x00") is None


def test_a_name_in_a_charset_python_lacks_is_learnt_from_the_from_header_and_scrubbed(tmp_path):
    """Old Apple Mail writes the From name as an x-mac-cyrillic encoded word and signs the
    body with it. Read as unknown bytes, the name was never learnt, and once the body is
    read in its own words the signature would carry it to the members."""
    name = "Вадим Петров"
    words = f"Олег оскорблял меня на встрече.\n\n{name}\n".encode("mac_cyrillic")
    raw = (b"From: =?x-mac-cyrillic?Q?" + "".join(f"={b:02X}" for b in name.encode("mac_cyrillic")).encode()
           + b"?= <vadim.petrov@mac.com>\r\nTo: conduct@example.org\r\n"
           b"Subject: =?x-mac-cyrillic?Q?" + "".join(f"={b:02X}" for b in "Жалоба".encode("mac_cyrillic")).encode()
           + b"?=\r\nDate: Mon, 02 Nov 2026 08:55:00 +0000\r\nMessage-ID: <mac.2@example.net>\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-mac-cyrillic\r\n"
           b"Content-Transfer-Encoding: 8bit\r\n\r\n" + words)
    sink = Sink().start()
    daemon = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        assert daemon.send(raw, mail_from="vadim.petrov@mac.com")[0] == 250
        daemon.run_until_idle()
        (forward,) = sink.messages_to("ana@example.org")
        assert "оскорблял меня" in forward.text()
        for part in (name, "Петров", "Вадим"):
            assert part not in forward.text() and part not in str(forward["Subject"])
        assert "Жалоба" in forward.text() + str(forward["Subject"])          # the subject, readable
    finally:
        daemon.stop()
        sink.stop()
