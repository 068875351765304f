"""Signatures and sign-offs an adversarial tester found leaking, and variants of each class,
through real SMTP (tests/corpus4/h5-*.eml).

- A sign-off in the reporter's own script under a closing in their language while the From
  display name is its Latin transliteration (Chinese, Arabic, Greek, Korean "박민지 드림",
  Hebrew; and Ukrainian, Japanese with HTML): the name, the lines under it, and the same
  name elsewhere in the report go.
- The reporter quoting her own earlier mail with '>' (English "-- " signature; German with
  a closing and no "-- ", in text and HTML, quoting the harasser's mail whose signature is
  evidence and stays), or under Outlook's "-----Original Message-----" header block.
- A signature with no closing and no "-- " (name with pronouns, role, handles, phone) and a
  long company signature with a legal disclaimer naming the firm (English, German).

Each report goes through its own daemon (corpus_checks.run_corpus); every member-bound byte
(headers, decoded parts, HTML, attachments) is searched for the planted identifying strings.
"""

from pathlib import Path

from corpus4_checks import reporter_tests

CORPUS = Path(__file__).parent / "corpus4"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]

# name: (envelope sender, identifying strings that must not reach a member, evidence that must)
# A needle "tel:…" is a phone number, compared on its digits.
REPORTS = {
    "h5-netease-chinese-surname-first-caps-pinyin-tones.eml": (
        "wzhang88@163.com", ["Zhang Wei", "张伟", "Zhāng Wěi", "David Zhang", "zhangwei_sh88"],
        ["Tom Becker", "Mr. Ching Chong"]),
    "h5-outlook-web-arabic-rtl-transliteration-variants.eml": (
        "m.alrashid@outlook.sa", ["Mohammed Al-Rashid", "AlRashid", "Al Rashid", "محمد الراشد", "الراشد"],
        ["خالد منصور", "ارجع إلى بلدك"]),
    "h5-outlook-greek-signoff-latin-display-name.eml": (
        "g.papadopoulos@otenet.gr", ["Giorgos Papadopoulos", "Γιώργος Παπαδόπουλος", "Παπαδόπουλος",
                                     "tel:694 123 4567"],
        ["Nikos Markou", "mocked my stutter"]),
    "h5-kakao-korean-deurim-signoff-latin-display.eml": (
        "minji.park@kakao.com", ["Minji Park", "박민지", "민지", "tel:010-9876-5432"],
        ["Daniel Cho", "room number"]),
    "h5-walla-hebrew-signoff-latin-display.eml": (
        "noa.levi@walla.co.il", ["Noa Levi", "נועה לוי", "לוי", "tel:054-123-4567"],
        ["Eitan Barak", "come to his hotel"]),
    "h5-thunderbird-ukrainian-signoff-latin-display.eml": (
        "olena.koval@ukr.net", ["Olena Koval", "Олена Коваль", "Олена", "Коваль", "tel:+380 67 123 45 67"],
        ["Taras Bondar", "blocked the door"]),
    "h5-gmail-japanese-signoff-latin-display-html.eml": (
        "yuki.sato.dev@gmail.com", ["Yuki Sato", "佐藤 由紀", "佐藤", "由紀", "tel:080-1234-5678"],
        ["Kenji Mori", "followed me to the station"]),
    "h5-gmail-quoting-own-earlier-mail-with-signature.eml": (
        "hannah.schmidt.92@gmail.com", ["Hannah Schmidt", "Schmidt", "tel:+49 30 1234 5670",
                                        "tel:+49 160 9988776", "Quantix"],
        ["Rolf Kaiser", "I told him no three times"]),
    "h5-gmail-german-quoting-own-mail-signoff-nested-evidence.eml": (
        "lena.hoffmann@posteo.de", ["Lena Hoffmann", "Hoffmann", "Datenwerk", "tel:+49 221 555 0199"],
        ["Jens Maurer", "Maurer IT-Beratung, Tel. 0171 4455667", "bitte hör auf", "in mein Hotelzimmer"]),
    "h5-outlook-desktop-forward-own-sent-mail-header-block.eml": (
        "aiyana.brooks@outlook.com", ["Aiyana Brooks", "Brooks", "Northwind", "tel:+44 7700 900456"],
        ["Marcus Webb", "Webb Consulting", "07700 900789", "Room 1208", "grabbing me at the bar"]),
    "h5-outlook-android-pronouns-fediverse-no-closing.eml": (
        "jana.novakova@seznam.cz", ["Jana Nováková", "Nováková", "jananovakova", "tel:+420 777 123 456",
                                    "Brno Python Pizza"],
        ["Ondřej Hruška", "I told him to stop twice"]),
    "h5-outlook-mac-long-signature-legal-disclaimer.eml": (
        "anders.berg@lindqvistberg.se", ["Anders Berg", "tel:+46 8 555 100 42", "tel:+46 70 555 10 42",
                                         "lindqvistberg", "Kungsgatan 12", "Lindqvist & Berg"],
        ["Jonas Ek", "should stay in the closet at work"]),
    "h5-apple-mail-name-pipe-pronouns-german-disclaimer.eml": (
        "kwame.mensah@brightloop.de", ["Kwame Mensah", "Mensah", "Brightloop", "kwamemensah", "tel:+49 176 2233 4455"],
        ["Tobias Reiter", "den Exoten"]),
}


results, test_the_report_becomes_a_case_forwarded_to_every_member_and_acknowledged, \
    test_no_member_bound_byte_carries_the_sign_off_or_signature, \
    test_the_evidence_stays_readable = reporter_tests(
        CORPUS, {name: (sender, sender, needles, evidence)                # acknowledged as sent
                 for name, (sender, needles, evidence) in REPORTS.items()}, every_member=True)
