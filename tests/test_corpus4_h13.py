"""Names and addresses a reporter gives for themselves, and mail addressed to them (h13),
through real SMTP.

tests/corpus4/h13-*.eml: a self-introduction under another account ("ich bin Jonas Weber, ich
schreibe vom Account meiner Partnerin", "me llamo Diego Ortega … desde la cuenta de mi madre",
"اسمي Youssef El Amrani", "我是王晓明"), a nickname they go by ("everyone … knows me as "Bobby
P"", "todos me llaman "Dieguito""), their name in ASCII ("Joerg Mueller-Strassburg",
"Soeren Aagaard"), the To: of forwarded mail written to them ("To: Mel T. <their address>",
"宛先: 山本 健二 <their address>", "To: Camille D. <another address>", "An: Anni S. <…>"), their own
earlier mail attached, S/MIME-signed from their work address, and pasted `gpg --verify` output
of their own signature (English and German, with the key's id, fingerprint and other user
IDs). First-person words quoted from someone else ("he said "my name is Tom Price and
everyone knows me as The Boss"") are not the reporter's. Each report must become a case with its forwards and acknowledgement, no planted
identifier may reach a member-bound byte, and the evidence (the reported person, the words,
another person's signature check) must survive.
"""

from pathlib import Path

from corpus4_checks import reporter_tests

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "h13-btmail-nickname-self-named-mid-body.eml": (
        "rpemberton@btinternet.com", "rpemberton@btinternet.com",
        [("addr", "rpemberton@btinternet.com"), ("name", "Robert Pemberton"), ("literal", "Bobby P"),
         ("name", "Bobby")],
        ["Gareth Hughes", "the bender"]),
    # First-person words in someone else's mouth are not the reporter's: they stay evidence.
    "h13-gmail-en-first-person-words-in-the-reported-persons-mouth.eml": (
        "priya.nair@gmail.com", "priya.nair@gmail.com",
        [("addr", "priya.nair@gmail.com"), ("name", "Priya Nair"), ("name", "Priya")],
        ["Tom Price", "The Boss", "Untouchable", "Princess Curry"]),
    "h13-gmail-spanish-me-llamo-mothers-account-nickname.eml": (
        "carmen.ruiz.m@telefonica.net", "carmen.ruiz.m@telefonica.net",
        [("addr", "carmen.ruiz.m@telefonica.net"), ("name", "Carmen Ruiz"), ("name", "Diego Ortega"),
         ("name", "Diego"), ("name", "Dieguito")],
        ["Sergio Blanco", "me empujó contra la mesa"]),
    "h13-iphone-reporter-uses-partners-account-german.eml": (
        "lea.hoffmann@web.de", "lea.hoffmann@web.de",
        [("addr", "lea.hoffmann@web.de"), ("addr", "jonas.weber.dev@posteo.de"), ("name", "Jonas Weber"),
         ("name", "Jonas"), ("name", "Lea Hoffmann")],
        ["Florian Krause", "Quotenschwuler"]),
    "h13-outlook-arabic-rtl-latin-name-bidi-marks.eml": (
        "y.elamrani@menara.ma", "y.elamrani@menara.ma",
        [("addr", "y.elamrani@menara.ma"), ("name", "Youssef El Amrani"), ("name", "Youssef El-Amrani"),
         ("name", "يوسف العمراني")],
        ["كريم بنسعيد", "Python Casablanca"]),
    "h13-netease-chinese-family-first-english-name-wechat.eml": (
        "kevin.wang.xm@163.com", "kevin.wang.xm@163.com",
        [("addr", "kevin.wang.xm@163.com"), ("name", "王晓明"), ("name", "Wang Xiaoming"), ("name", "Kevin Wang")],
        ["李强", "PyCon China"]),
    "h13-tonline-german-umlaut-transliterated-ue-ss.eml": (
        "jmueller@t-online.de", "jmueller@t-online.de",
        [("addr", "jmueller@t-online.de"), ("name", "Jörg Müller-Straßburg"), ("literal", "Mueller-Strassburg"),
         ("literal", "Joerg")],
        ["Bastian Vogt", "der_bastian"]),
    "h13-gmx-danish-aa-oe-transliterated-name.eml": (
        "sorenaa@gmx.dk", "sorenaa@gmx.dk",
        [("addr", "sorenaa@gmx.dk"), ("name", "Søren Ågård"), ("literal", "Soeren"), ("literal", "Aagaard")],
        ["Mikkel Holm", "bedstefar"]),
    "h13-outlook-en-forward-to-line-short-name-known-address.eml": (
        "melissa.thompson@shaw.ca", "melissa.thompson@shaw.ca",
        [("addr", "melissa.thompson@shaw.ca"), ("name", "Melissa Thompson"), ("literal", "Mel T."),
         ("literal", "Mel, that")],
        ["Greg Lawson", "worst talk at the conference"]),
    "h13-outlook-jp-forward-reporter-in-atesaki-line.eml": (
        "k.yamamoto@nifty.com", "k.yamamoto@nifty.com",
        [("addr", "k.yamamoto@nifty.com"), ("name", "山本 健二"), ("literal", "山本さん"), ("name", "Kenji Yamamoto")],
        ["中村 大輔", "素人が登壇する"]),
    "h13-gmail-fr-forward-on-behalf-of-friend-is-reporter.eml": (
        "camille.dubois@laposte.net", "camille.dubois@laposte.net",
        [("addr", "camille.dubois@laposte.net"), ("addr", "cdubois.perso@gmail.com"), ("name", "Camille Dubois"),
         ("name", "Camille")],
        ["Julien Marchand", "insistants sur Telegram"]),
    "h13-thunderbird-german-forward-an-line-short-name.eml": (
        "annika.schulz@mailbox.org", "annika.schulz@mailbox.org",
        [("addr", "annika.schulz@mailbox.org"), ("addr", "annika.private@gmx.de"), ("name", "Annika Schulz"),
         ("name", "Anni"), ("literal", "Anni S.")],
        ["Max Bauer", "du bist echt peinlich"]),
    "h13-thunderbird-attached-own-smime-signed-earlier-mail.eml": (
        "bia.carvalho@gmail.com", "bia.carvalho@gmail.com",
        [("addr", "bia.carvalho@gmail.com"), ("addr", "beatriz.santos@nubank.com.br"),
         ("name", "Beatriz Carvalho Santos"), ("name", "Beatriz"), ("literal", "Nubank")],
        ["Renato Lima", "fora do horário"]),
    "h13-mutt-pgp-clearsigned-gpg-verify-output-autocrypt.eml": (
        "henrik@lindqvist.se", "henrik@lindqvist.se",
        [("addr", "henrik@lindqvist.se"), ("addr", "hlindqvist@spotify.com"), ("name", "Henrik Lindqvist"),
         ("name", "Lindqvist"), ("literal", "8F3A2C1D9E7B6A54")],
        ["Niklas Berg", "kettle_bell"]),
    "h13-mutt-gpg-german-verify-own-key-and-harassers.eml": (
        "kvogel@posteo.de", "kvogel@posteo.de",
        [("addr", "kvogel@posteo.de"), ("addr", "katrin.vogel@sap.example"), ("name", "Katrin Vogel"),
         ("literal", "5D1E9A7C3B2F4E60"), ("literal", "0A1B 2C3D"), ("literal", "5D1E 9A7C")],
        ["Tobias Lang", "tobias.lang@example.net", "77AA88BB99CC00DD", "Wohnadresse"]),
}


results, test_the_report_becomes_a_case_with_its_forwards_and_its_ack, \
    test_no_member_bound_byte_carries_a_name_or_address_they_gave_for_themselves, \
    test_the_evidence_around_them_survives = reporter_tests(
        CORPUS, REPORTS)
