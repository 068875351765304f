"""Phone numbers and name forms the scrubber missed (h6), through real SMTP.

tests/corpus4/h6-*.eml: a reporter's number under a web form's `phone:` label or in the
next table cell, given mid-sentence ("estou no WhatsApp: +55 …", "tengo Signal: …"), and
written in full-width, Arabic-Indic or Persian digits; a full-width address and a name's kana reading; Slavic case
forms of the given name and surname (the vocative "Оксано", "Волковой", "Agnieszce",
"Novákové") and a patronymic beside the given name. Each report must become a case with its
forwards and acknowledgement, no planted identifier may reach a member-bound byte, and the
evidence around them (the reported person, their number, ordinary words) must survive.
"""

from pathlib import Path

from corpus4_checks import reporter_tests

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "h6-formspree-web-form-notification.eml": (
        "bounces@formspree.io", "amara.okonkwo@hotmail.co.uk",
        [("addr", "amara.okonkwo@hotmail.co.uk"), ("name", "Amara Okonkwo"), ("name", "Okonkwo"),
         ("phone", "07700 900123")],
        ["Gareth Wynn", "phone:", "she/her"]),
    "h6-tally-german-html-only-telefon-cell.eml": (
        "bounces@tally.so", "jonas.becker@posteo.de",
        [("addr", "jonas.becker@posteo.de"), ("name", "Jonas Becker"), ("phone", "0176 / 234 567 89"),
         ("phone", "+49 160 1112233")],
        ["Lukas Hoffmann", "+49 151 98765432", "Telefon"]),
    "h6-android-gmail-whatsapp-label-phone-mid-body.eml": (
        "larissa.menezes@bol.com.br", "larissa.menezes@bol.com.br",
        [("addr", "larissa.menezes@bol.com.br"), ("name", "Larissa Menezes"), ("name", "Menezes"),
         ("phone", "+55 21 99876-5432")],
        ["Rodrigo Paiva", "estou no WhatsApp:"]),
    "h6-outlook-spanish-signal-mid-body.eml": (
        "lucia.fdez@outlook.es", "lucia.fdez@outlook.es",
        [("addr", "lucia.fdez@outlook.es"), ("name", "Lucía Fernández Ortega"), ("name", "Fernández"),
         ("phone", "+34 612 345 678"), ("phone", "+34 612 345 679")],
        ["Iker Garmendia", "+34 699 11 22 33", "tengo Signal:"]),
    "h6-outlook-arabic-indic-digits-mobile.eml": (
        "sara.alharbi@outlook.sa", "sara.alharbi@outlook.sa",
        [("addr", "sara.alharbi@outlook.sa"), ("name", "سارة الحربي"), ("name", "الحربي"), ("phone", "0550987654")],
        ["فهد العتيبي", "٠٥٥١١١٢٢٣٣"]),
    "h6-chmail-persian-digits-my-number.eml": (
        "maryam.ahmadi@chmail.ir", "maryam.ahmadi@chmail.ir",
        [("addr", "maryam.ahmadi@chmail.ir"), ("name", "مریم احمدی"), ("name", "احمدی"), ("phone", "0912 345 6789")],
        ["رضا کریمی", "۰۹۳۵ ۱۱۱ ۲۲۳۳"]),
    "h6-iphone-japanese-fullwidth-address-phone.eml": (
        "yumi.tanaka.0312@icloud.com", "yumi.tanaka.0312@icloud.com",
        [("addr", "yumi.tanaka.0312@icloud.com"), ("name", "田中 由美"), ("name", "由美"),
         ("literal", "ｙｕｍｉ．ｔａｎａｋａ"), ("literal", "０３１２＠ｉｃｌｏｕｄ"), ("phone", "090-1234-5678"),
         ("literal", "タナカ ユミ"), ("literal", "ユミ")],
        ["佐藤健二", "連絡先："]),
    "h6-docomo-fullwidth-hiragana-reading.eml": (
        "aiko.hashimoto@ezweb.ne.jp", "aiko.hashimoto@ezweb.ne.jp",
        [("addr", "aiko.hashimoto@ezweb.ne.jp"), ("name", "橋本 愛子"), ("literal", "ｅｚｗｅｂ"),
         ("phone", "080 1234 5678"), ("literal", "はしもと"), ("literal", "あいこ")],
        ["山田太郎", "携帯："]),
    "h6-yandex-russian-patronymic-declined-surname.eml": (
        "i.volkova@yandex.ru", "i.volkova@yandex.ru",
        [("addr", "i.volkova@yandex.ru"), ("name", "Ирина Волкова"), ("name", "Волкова"), ("name", "Сергеевна"),
         ("name", "Волковой"), ("literal", "irina_volkova_spb"), ("phone", "+7 (921) 555-12-34")],
        ["Павел Громов", "пусть идёт варить борщ", "волонтёр на регистрации"]),
    "h6-mailru-russian-male-patronymic.eml": (
        "d.sokolov@mail.ru", "d.sokolov@mail.ru",
        [("addr", "d.sokolov@mail.ru"), ("name", "Дмитрий"), ("name", "Соколов"), ("name", "Александрович"),
         ("name", "Дмитрию"), ("name", "Соколовым")],
        ["Павел Андреевич Громов", "вам тут не рады", "никто работать не будет"]),
    "h6-telegram-desktop-html-export-ukrainian.eml": (
        "oksana.melnyk@ukr.net", "oksana.melnyk@ukr.net",
        [("addr", "oksana.melnyk@ukr.net"), ("name", "Оксана Мельник"), ("name", "Мельник"),
         ("literal", "oksana_melnyk_dev"), ("name", "Оксано")],
        ["Олег Шевчук", "ти тут тільки для фото"]),
    "h6-seznam-czech-vocative-declined.eml": (
        "tereza.novakova@seznam.cz", "tereza.novakova@seznam.cz",
        [("addr", "tereza.novakova@seznam.cz"), ("name", "Tereza"), ("name", "Nováková"), ("name", "Terezo"),
         ("name", "Terezu"), ("name", "Novákovou"), ("name", "Novákové")],
        ["Petr Dvořák", "ty tomu stejně nerozumíš", "kvůli kvótě"]),
    "h6-wp-polish-declined-given-and-surname.eml": (
        "agnieszka.wisniewska@wp.pl", "agnieszka.wisniewska@wp.pl",
        [("addr", "agnieszka.wisniewska@wp.pl"), ("name", "Agnieszka"), ("name", "Wiśniewska"),
         ("name", "Agnieszko"), ("name", "Agnieszce"), ("name", "Wiśniewskiej"), ("name", "Agnieszki")],
        ["Marek Zieliński", "wracaj do kuchni", "przy wszystkich", "laptop"]),
}


results, test_the_report_becomes_a_case_with_its_forwards_and_its_ack, \
    test_no_member_bound_byte_carries_a_planted_identifier, \
    test_the_evidence_around_them_survives = reporter_tests(
        CORPUS, REPORTS)
