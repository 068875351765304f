"""HTML, links and address variants that carried the reporter past the scrubber (f6), through
real SMTP.

tests/corpus4/f6-*.eml: a number or handle only in a messenger link's target (signal.me/#p/, sms:,
wa.me, tel:, viber://, threema.id); every dotting of a Gmail mailbox; a handle on a contact line;
a follow-up that pastes a message as a `>` quote or <blockquote> between its own words, which
members must read (its signature below still goes); a display name with an initial ("Olga W.", "Zoë W.", "Tomás R.") whose
surname the text gives beside the first name (a hidden preview text, Gmail's "… has attached"
line, OneDrive's "… shared a file", a percent-encoded file name in a Dropbox link); a short
contact line that named the reporter ("Olga … · address · 601 555 234") keeps no phone number,
while a witness's number in a sentence stays. Each report must become a case with its forwards
and acknowledgement, no planted identifier may reach a member-bound byte, and the evidence
must survive.
"""

from email.utils import parseaddr
from pathlib import Path

import pytest

from corpus4_checks import everything, found, member_mail, readable, reporter_tests
from harness import CONFLICTS, RunningDaemon, Sink, load, write_config

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "f6-o2-html-hidden-preheader-contact-line.eml": (
        "olga.wn@o2.pl", "olga.wn@o2.pl",
        [("addr", "olga.wn@o2.pl"), ("name", "Olga Wiśniewska-Nowak"), ("name", "Wiśniewska-Nowak"),
         ("phone", "601 555 234")],
        ["Krzysztof Mazur złapał mnie za rękę"]),
    "f6-webde-html-opacity-preheader-initial-surname-witness-number.eml": (
        "sophie.m@web.de", "sophie.m@web.de",
        [("addr", "sophie.m@web.de"), ("name", "Meyer-Lindqvist"), ("phone", "+49 170 9876543")],
        ["Jan Berger", "Anke Vogel", "0176 5554321"]),
    "f6-gmail-drive-chip-initial-surname-dropbox-url.eml": (
        "zoe.wa@gmail.com", "zoe.wa@gmail.com",
        [("addr", "zoe.wa@gmail.com"), ("name", "Whitfield-Adebayo"), ("literal", "Whitfield")],
        ["My statement about Oliver Grant", "has attached the following document"]),
    "f6-outlook-onedrive-shared-line-initial-surname-percent-url.eml": (
        "tomas.r@outlook.com", "tomas.r@outlook.com",
        [("addr", "tomas.r@outlook.com"), ("name", "Rodríguez-Vega"), ("literal", "Rodr%C3%ADguez"),
         ("phone", "+34 612 345 678")],
        ["Brian Keller kept mocking my accent", "shared a file with you"]),
    # The reporter's number or handle only in a messenger link's target (the HTML alternative),
    # the plain text saying "message me on Signal"; the reported person's own wa.me link stays.
    "f6-thunderbird-html-signal-me-sms-hrefs-telegram-handle.eml": (
        "sophie.krueger@posteo.de", "sophie.krueger@posteo.de",
        [("addr", "sophie.krueger@posteo.de"), ("name", "Sophie Krüger"), ("phone", "+49 151 12345678"),
         ("literal", "sophie_k_berlin")],
        ["Felix Braun sent me unwanted messages"]),
    "f6-apple-mail-html-wa-me-tel-viber-threema-links-his-wa-link.eml": (
        "lena.hartmann@icloud.com", "lena.hartmann@icloud.com",
        [("addr", "lena.hartmann@icloud.com"), ("name", "Lena Hartmann"), ("phone", "+49 176 12345678"),
         ("literal", "K7XQ2M9P")],
        ["Marco Ferri", "https://wa.me/393471112233"]),
    # Gmail ignores a local part's dots and reads googlemail.com as gmail.com: every dotting of
    # the reporter's mailbox is theirs; someone else's Gmail address stays evidence.
    "f6-gmail-plus-tag-evidence-to-dotless-and-googlemail.eml": (
        "rachel.kim+coc@gmail.com", "rachel.kim+coc@gmail.com",
        [("addr", "rachel.kim+coc@gmail.com"), ("addr", "rachelkim@gmail.com"), ("addr", "rachel.kim@googlemail.com"),
         ("name", "Rachel Kim")],
        ["Jason Lee", "I know where you're staying"]),
    "f6-gmail-dotless-sender-evidence-dotted-googlemail-cc.eml": (
        "devpatel89@gmail.com", "devpatel89@gmail.com",
        [("addr", "devpatel89@gmail.com"), ("addr", "dev.patel89@gmail.com"), ("addr", "dev.patel.89@googlemail.com")],
        ["Karan Mehta", "anita.roy@gmail.com", "You will regret it on Saturday"]),
    # An emoji in the display name and the sign-off: the signature's handle on a contact line
    # that named her (her domain, glued name) goes; the reported person's handle stays.
    "f6-superhuman-emoji-display-name-signature-handle.eml": (
        "maya@mayacohen.dev", "maya@mayacohen.dev",
        [("addr", "maya@mayacohen.dev"), ("name", "Maya Cohen"), ("literal", "mayacohen.dev"),
         ("literal", "mayacodes")],
        ["Greg Hoffman made a bunch of comments"]),
    "f6-spark-fr-emoji-display-name-signature-handle-his-handle.eml": (
        "lea@leamoreau.fr", "lea@leamoreau.fr",
        [("addr", "lea@leamoreau.fr"), ("name", "Léa Moreau"), ("literal", "leamoreau.fr"),
         ("literal", "moonbyte_dev"), ("phone", "+33 6 12 34 56 78")],
        ["Thomas Girard (@tgirard_py sur Mastodon)"]),
}

results, test_becomes_a_case_with_its_forwards_and_its_ack, test_carries_no_needle, test_keeps_the_evidence = \
    reporter_tests(CORPUS, REPORTS)


# -- the rules, one by one --------------------------------------------------------------
from mailrouter.privacy.identity_store import Identity  # noqa: E402
from mailrouter.privacy.scrubber import Scrubber  # noqa: E402


def _scrubber(name, address):
    return Scrubber(Identity(addresses=(address,), display_name=name))


def test_a_surname_beside_the_first_name_is_taken_only_with_the_initial():
    scrub = _scrubber("Olga W.", "olga.wn@o2.pl").text
    assert scrub("Olga Wiśniewska-Nowak has attached a file") == "[reporter] has attached a file"
    # Another Olga: her surname does not begin with theirs (W.), so her whole name is evidence (g5).
    assert scrub("Olga Kowalska said hello") == "Olga Kowalska said hello"


def test_a_contact_line_loses_its_numbers_a_sentence_keeps_a_witness_number():
    scrub = _scrubber("Olga W.", "olga.wn@o2.pl").value
    assert scrub("Olga · olga.wn@o2.pl · tel. 601 555 234") == "[reporter] · [reporter's address] · tel. [reporter's phone]"
    sentence = "Olga asked the witness Anke Vogel to call the venue on 601 555 234 after it happened"
    assert "601 555 234" in scrub(sentence)
    assert "601 555 234" in scrub("Piotr Nowak · 601 555 234")


def test_every_dotting_of_a_gmail_mailbox_is_the_reporters_and_only_gmails():
    scrub = _scrubber("Rachel K.", "rachel.kim+coc@gmail.com").value
    for form in ("rachelkim@gmail.com", "R.A.C.H.E.L.K.I.M@googlemail.com", "rachel.kim+x@GMAIL.com"):
        assert scrub(f"To: <{form}>") == "To: <[reporter's address]>", form
    assert scrub("rachelkim@example.com") == "rachelkim@example.com"   # dots matter elsewhere
    assert "rachelkimm@gmail.com" in scrub("rachelkimm@gmail.com")
    other = _scrubber("Sam O.", "sam.o@example.com").value
    assert other("s.amo@gmail.com") == "s.amo@gmail.com"


def test_a_handle_goes_only_on_a_contact_line():
    scrub = _scrubber("Maya Cohen", "maya@mayacohen.dev").value
    assert scrub("mayacohen.dev · @mayacodes") == "[reporter].dev · [reporter's handle]"
    assert "@greg_h" in scrub("Maya Cohen was followed by @greg_h all evening")


# -- a follow-up that pastes evidence as a quote among the reporter's own words ----------------
# report -> (follow-up, envelope sender, planted needles, evidence the relayed addition must carry)
FOLLOW_UPS = {
    "f6-outlook-android-pl-report-for-followup.eml": (
        "f6-outlook-android-pl-html-followup-pasted-blockquote.eml", "zofia.kaminska@wp.pl",
        [("addr", "zofia.kaminska@wp.pl"), ("name", "Zofia Kamińska"), ("name", "Zofii Kamińskiej"),
         ("name", "Zosia"), ("phone", "+48 601 777 222")],
        ["wklejam:", "że jeszcze się spotkamy", "nie uciekniesz"]),
    "f6-thunderbird-en-report-for-followup.eml": (
        "f6-thunderbird-en-plain-followup-pasted-quote-then-own-words.eml", "hannah.berg@fastmail.com",
        [("addr", "hannah.berg@fastmail.com"), ("name", "Hannah Berg"), ("phone", "+44 7700 900123")],
        ["she had better keep quiet about Saturday", "I know which hotel she is in",
         "I can send the screenshot if you need it"]),
}


@pytest.fixture(scope="module")
def followed_up(tmp_path_factory):
    """{report: every message the sink received for the report and its follow-up}."""
    outcomes, sink = {}, Sink().start()
    try:
        for name, (followup, sender, _, _) in sorted(FOLLOW_UPS.items()):
            config = write_config(tmp_path_factory.mktemp(name.replace(".", "-")), sink_port=sink.port,
                                  conflicts={k: list(v) for k, v in CONFLICTS.items()})
            before = len(sink.all())
            daemon = RunningDaemon(load(config)).start()
            try:
                assert daemon.send((CORPUS / name).read_bytes(), mail_from=sender)[0] == 250
                daemon.run_until_idle(timeout=30)
                ack = next(m for m in sink.all()[before:] if "Your report was received" in str(m["Subject"]))
                reply_to = parseaddr(str(ack["Reply-To"] or ack["From"]))[1]
                raw = (CORPUS / followup).read_bytes().replace(b"ACK_REPLY_ADDR", reply_to.encode()).replace(
                    b"ACK_MSGID", str(ack["Message-ID"]).encode()).replace(b"ACK_SUBJECT", str(ack["Subject"]).encode())
                assert daemon.send(raw, mail_from=sender, rcpt_tos=(reply_to,))[0] == 250
                daemon.run_until_idle(timeout=30)
            finally:
                daemon.stop()
            outcomes[name] = sink.all()[before:]
    finally:
        sink.stop()
    return outcomes


@pytest.mark.parametrize("name", sorted(FOLLOW_UPS))
def test_the_evidence_pasted_in_a_follow_up_reaches_the_members(followed_up, name):
    added = [m for m in member_mail(followed_up[name]) if "The reporter added to the report" in str(m["Subject"])]
    assert len(added) >= 2
    for message in added:
        for words in FOLLOW_UPS[name][3]:
            assert words in readable(message), words


@pytest.mark.parametrize("name", sorted(FOLLOW_UPS))
def test_a_follow_up_with_pasted_evidence_carries_no_needle(followed_up, name):
    for message in member_mail(followed_up[name]):
        seen = everything(message)
        for needle in FOLLOW_UPS[name][2]:
            assert not found(needle, seen), (message.rcpt_tos[0], str(message["Subject"]), needle)


def test_a_quote_their_words_go_on_after_is_theirs_the_mail_they_answer_is_not():
    from mailrouter.mail.quoting import own_parts, trimmed
    pasted = "She got this, I paste it:\n\n> You will regret it.\n\nI am scared.\n\nOn Mon, X wrote:\n> Thanks.\n"
    assert own_parts(pasted) == ("She got this, I paste it:\n\n> You will regret it.\n\n", "I am scared.\n\n",
                                 "On Mon, X wrote:\n> Thanks.\n")
    assert "You will regret it" in trimmed(pasted, pasted=True)
    assert "Thanks" not in trimmed(pasted, pasted=True)
    answered = "Yes, it was him.\n\n> Was it Owen?\n> The committee\n"
    assert trimmed(answered, pasted=True) == "Yes, it was him."
