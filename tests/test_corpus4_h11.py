"""Contact details the reporter gives for themselves in prose, which an adversarial tester
found reaching the members, and variants of each class, through real SMTP
(tests/corpus4/h11-*.eml; `privacy/own_contacts.py`).

- A number the words say is the writer's own, mid-sentence, in any language: "mi celular es",
  "私の携帯は…です", "제 번호는 …입니다" (digits against kana or Hangul), "vous pouvez me rappeler
  au", Hinglish "Mera number … hai", "meu zap é", "text me at", "التواصل معي": in a country's
  own form too (55 1234 5678, 98100 55512, 138 0013 8000, 614-555-0123), not only 0… or +….
- The same number in its international form, digits only, in a `wa.me/49…` link, or as a
  pasted chat log shows it ("… heeft +31 6 12345678 toegevoegd").
- A second address ("my university address, …", "my other email, …", "Antwortet gern hierher
  oder an …") and a handle
  ("WeChat: …", "تويتر @…", "t.me/…", "meu insta é @…").
- A row of the reporter's own form response (CSV, TSV) attached: its phone cell goes.
While the number, handle and row of someone else ("o número dele", "his Twitter @…", another
respondent's row) stay as evidence.

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
    "h11-kakao-ko-je-beonho-phone-mid-body.eml": (
        "haneul.jung@kakao.com", ["tel:010-2345-6789"], ["최동욱", "외모에 대해"]),
    "h11-outlook-android-es-mi-celular-es-phone-mid-body.eml": (
        "lupita.torres@hotmail.com", ["tel:55 1234 5678", "Guadalupe Torres"],
        ["Andrés Castillo", "me estuvo siguiendo"]),
    "h11-iphone-ja-watashi-no-keitai-phone-mid-body.eml": (
        "yuki.tanaka@softbank.ne.jp", ["tel:090-1234-5678", "Yuki Tanaka"], ["鈴木一郎", "後をつけられました"]),
    "h11-orange-fr-rappelez-moi-au-phone-mid-body.eml": (
        "elodie.marchetti@orange.fr", ["tel:06 12 34 56 78", "Élodie Marchetti"],
        ["Bastien Rolland", "près du vestiaire"]),
    "h11-rediff-hindi-display-hinglish-body-self-named-phone.eml": (
        "rahul.verma1990@rediffmail.com", ["tel:98100 55512", "Rahul Verma"], ["Sunil Mehta", "dhakka diya"]),
    "h11-netease-chinese-family-first-english-name-wechat.eml": (
        "kevin.wang.xm@163.com", ["tel:138 0013 8000", "wxm_kevin88", "Kevin Wang"], ["李强", "微信群里发布我的照片"]),
    "h11-iphone-en-second-address-and-phone-mid-body.eml": (
        "fiona.macleod@btinternet.com", ["s2087654@ed.ac.uk", "s2087654", "tel:07700 900123", "Fiona MacLeod"],
        ["Ian Ross", "comments about my weight"]),
    "h11-gmx-app-phone-national-international-wa-me-link.eml": (
        "felix.schroeder@gmx.net", ["tel:0151 23456789", "4915123456789", "felix_schroeder", "Felix Schröder"],
        ["Dennis Hartmann", "im Hotelflur bedrängt"]),
    "h11-outlook-arabic-rtl-latin-name-bidi-marks.eml": (
        "y.elamrani@menara.ma", ["yelamrani_dev", "tel:+212 661-234567"], ["كريم بنسعيد"]),
    "h11-interia-google-forms-csv-respondent-email.eml": (
        "marta.kowal@interia.pl", ["tel:512 345 678", "Marta Kowal", "marta.kowal@interia.pl"],
        ["Piotr Nowak kept following me at the venue"]),
    "h11-gmail-android-pt-br-meu-zap-insta-and-his-number.eml": (
        "bia.santos@uol.com.br", ["tel:11 98765-4321", "biadev_sp", "Beatriz Santos"],
        ["Marcelo Klein", "(11) 91234-5678", "@marcelo_k_22"]),
    "h11-thunderbird-en-us-text-me-telegram-other-email-his-number.eml": (
        "quinn.foster@comcast.net", ["tel:614-555-0123", "quietfox_77", "qf.runs@proton.me", "qf.runs"],
        ["Derek Vance", "614 555 0188", "@harass_bot9", "X: @dvance_dev"]),
    "h11-iphone-reporter-uses-partners-account-german.eml": (
        "lea.hoffmann@web.de", ["jonas.weber.dev@posteo.de", "jonas.weber.dev"], ["Florian Krause", "Quotenschwuler"]),
    "h11-kpn-dutch-bel-me-op-and-chat-log-international-form.eml": (
        "sanne.devries@kpnmail.nl", ["tel:06-12345678", "tel:+31 6 12345678", "Sanne de Vries"],
        ["Pieter Bakker", "de diversiteitsquotum"]),
    "h11-o2-polish-form-responses-tsv-own-row-phone.eml": (
        "zofia.wrobel@o2.pl", ["tel:601 234 567", "Zofia Wróbel"],
        ["Tomasz Lis krzyczał na mnie przy stoisku", "602 345 678", "Kasia Nowak"]),
}


results, test_the_report_becomes_a_case_forwarded_to_every_member_and_acknowledged, \
    test_no_member_bound_byte_carries_a_contact_the_reporter_gives_as_theirs, \
    test_the_evidence_stays_readable_someone_elses_number_and_handle_too = reporter_tests(
        CORPUS, {name: (sender, sender, needles, evidence)                # acknowledged as sent
                 for name, (sender, needles, evidence) in REPORTS.items()}, every_member=True)
