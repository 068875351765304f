"""A number or handle the reporter gives as theirs in their own language, and sign-offs in
closings the code did not know, which an adversarial tester found reaching the members, and
variants of each class, through real SMTP (tests/corpus4/f3-*.eml; `privacy/own_cues.py`,
`privacy/own_contacts.py`, `privacy/phones.py`, `privacy/signoff_words.py`).

- A first-person cue before the number or handle: "Mənimlə əlaqə:", "Nipigie kwa", "Nomor saya",
  "Nombor telefon saya", "Số điện thoại của tôi là", "gọi cho tôi qua", "akong i-text sa",
  "Tawagan niyo po ako sa", "ติดต่อดิฉันได้ที่เบอร์", "Moje číslo je", "Իմ համարը",
  "Em podeu trobar allà com a @…@mastodon.social", "You can find me on Mastodon as @…@…",
  "我的 LINE ID 是 …"; in Devanagari or Bengali digits too; a number without a trunk 0 ("905 123 456").
- A label before the number ("sími 862 1234") and a sign-off after a closing in more languages
  ("Kær kveðja", "Wako", "Hormat saya", "პატივისცემით", "Հարգանքով", "ধন্যবাদ", "Thân mến",
  "Yang benar"), a name line in Georgian or Thai script under it.
- The phone line of a sign-off below a quote pasted with no attribution ("> …", then the report goes on).
While the number or handle of someone else ("Nombornya …", "của anh ấy", "number niya",
"from @tbaxter_dev@mastodon.social") stays as evidence.
"""

from pathlib import Path

from corpus4_checks import reporter_tests

CORPUS = Path(__file__).parent / "corpus4"

# name: (envelope sender, identifying strings that must not reach a member, evidence that must)
# A needle "tel:…" is a phone number, compared on its digits in any script.
REPORTS = {
    "f3-android-gmail-azerbaijani-schwa-ascii-display.eml": (
        "leyla.mammadova@mail.ru", ["tel:+994 50 123 45 67"], ["Rauf Həsənov", "telefon nömrəmi istədi"]),
    "f3-android-gmail-swahili-call-me-cue-wako-closing.eml": (
        "amina.wanjiru@gmail.com", ["tel:0722 555 123", "Amina Wanjiru"], ["Brian Otieno", "bila ridhaa yangu"]),
    "f3-yahoo-android-indonesian-nomor-saya-hormat-saya.eml": (
        "dewi.lestari88@yahoo.co.id", ["tel:0812-3456-7890", "Dewi Lestari"], ["Rizky Pratama", "pesan tidak pantas"]),
    "f3-outlook-vietnamese-so-dien-thoai-cua-toi-mid-body.eml": (
        "lan.nguyen@fpt.vn", ["tel:0903 123 456", "Nguyen Thi Lan"], ["Trần Minh Tuấn", "nhắn tin quấy rối tôi"]),
    "f3-yahoo-android-filipino-taglish-i-text-sa-dela-particle.eml": (
        "mcdelacruz@yahoo.com.ph", ["tel:0917 555 8123"], ["Paolo Reyes", "nag-message sa akin ng bastos"]),
    "f3-rediff-hindi-devanagari-digits-phone-mid-body.eml": (
        "priyanka.sharma91@rediffmail.com", [("literal", "९८७६५ ४३२१०"), "tel:98765 43210", "Priyanka Sharma"],
        ["रोहित वर्मा", "अनुचित संदेश भेजे"]),
    "f3-roundcube-catalan-i-surnames-mastodon-handle-salutacions.eml": (
        "jordi.puig@xtec.cat", [("literal", "jpuigferrer"), "tel:93 123 45 67", "Jordi Puig i Ferrer"],
        ["Marc Soler", "missatges ofensius per Mastodon"]),
    "f3-yahoo-tw-big5-base64-hanzi-display-wade-giles-signature-line-id.eml": (
        "meiling.chen@yahoo.com.tw", [("literal", "meiling0912"), "tel:0912-345-678", "陳美玲"],
        ["林志明", "他一直傳訊息給我"]),
    "f3-outlook-icelandic-thorn-ascii-display-declined-evidence.eml": (
        "thora.thorsdottir@simnet.is", ["tel:862 1234"], ["Einar Magnússon", "þú getur ekki hunsað mig"]),
    "f3-freemail-hungarian-family-first-suffixed-name.eml": (
        "kovacs.anna@freemail.hu", ["tel:+36 30 123 4567"], ["Szabó Péter", "érzékenynek lennie"]),
    "f3-outlook-ios-thai-phone-cue-and-thai-script-signature.eml": (
        "somying.j@hotmail.com", ["tel:081-234-5678", "สมหญิง ใจดี", "Somying Jaidee"],
        ["ธนากร ศรีสุข", "พูดจาลวนลาม"]),
    "f3-ios-gmail-georgian-script-signature-latin-display.eml": (
        "nino.beridze@gmail.com", ["ნინო ბერიძე", ("name", "ბერიძე"), "Nino Beridze"],
        ["გიორგი ლომიძე", "ნებართვის გარეშე"]),
    # Variants of each class, written for these tests.
    "f3-yahoo-my-malay-nombor-telefon-saya-yang-benar-his-number.eml": (
        "nurul.aisyah@yahoo.com.my", ["tel:012-345 6789", "Nurul Aisyah"], ["Hafiz Rahman", "013-999 8888"]),
    "f3-outlook-vietnamese-goi-cho-toi-qua-than-men-his-number.eml": (
        "thuha.pham@outlook.com", ["tel:0912 345 678", "Phạm Thu Hà"], ["Lê Văn Hùng", "0988 777 666"]),
    "f3-thunderbird-english-fediverse-find-me-as-handle-and-his-handle.eml": (
        "renata.k@fastmail.com", [("literal", "pyfox_77"), "Renata Kowalczyk"],
        ["Trent Baxter", "@tbaxter_dev@mastodon.social"]),
    "f3-gmail-slovak-moje-cislo-je-no-trunk-zero-s-pozdravom.eml": (
        "zuzana.horvathova@gmail.com", ["tel:905 123 456", "Zuzana Horváthová"], ["Martin Kováč", "nevhodné správy"]),
    "f3-outlook-english-inline-quote-then-signoff-and-phone.eml": (
        "priya.raman@outlook.com", ["tel:+44 7700 900 321", "Priya Raman"],
        ["Gary Olsen", "you should smile more", "look into it"]),
    "f3-gmail-bengali-digits-amar-nombor-dhonnobad.eml": (
        "tasnim.akter@gmail.com", ["tel:01711 234567", "তাসনিম আক্তার", "Tasnim Akter"],
        ["রাকিব হাসান", "অশালীন বার্তা"]),
    "f3-ios-mail-armenian-im-hamary-harganqov-signature.eml": (
        "ani.petrosyan@mail.am", ["tel:+374 91 234567", "Անի Պետրոսյան", "Ani Petrosyan"],
        ["Արամ Սարգսյանը", "անպատշաճ մեկնաբանություններ"]),
    "f3-yahoo-filipino-tawagan-niyo-ako-and-number-niya-evidence.eml": (
        "liza.mendoza@yahoo.com", ["tel:0927 444 5566", "Liza Mendoza"], ["Jerome Santos", "0918 222 3333"]),
}


results, test_the_report_becomes_a_case_forwarded_to_every_member_and_acknowledged, \
    test_no_member_bound_byte_carries_a_number_handle_or_name_the_reporter_gives_as_theirs, \
    test_the_evidence_stays_readable_someone_elses_number_and_handle_too = reporter_tests(
        CORPUS, {name: (sender, sender, needles, evidence)                # acknowledged as sent
                 for name, (sender, needles, evidence) in REPORTS.items()}, every_member=True)


# The rules themselves, in more languages than the reports above.
import pytest                                                           # noqa: E402

from mailrouter.privacy.own_contacts import own_contacts                # noqa: E402
from mailrouter.privacy.phones import own_phone_numbers                 # noqa: E402
from mailrouter.privacy.signoff_words import is_closing, name_on_line   # noqa: E402


@pytest.mark.parametrize("text, number", [
    ("Nipigie kwa 0722 555 123 kama mnahitaji.", "0722 555 123"),
    ("Wasiliana nami: 0733 444 555.", "0733 444 555"),
    ("Hubungi saya di 0813 2222 3333 ya.", "0813 2222 3333"),
    ("Bisa liên hệ với tôi qua 0903 111 222.", "0903 111 222"),
    ("Pwede niyo po akong i-text sa 0917 555 8123 kung kailangan.", "0917 555 8123"),
    ("ติดต่อผมได้ที่ 089-765-4321 ครับ", "089-765-4321"),
    ("Mənimlə əlaqə: +994 50 123 45 67.", "+994 50 123 45 67"),
    ("Moje číslo je 905 123 456, ak treba.", "905 123 456"),
    ("Ring meg på 412 34 567.", "412 34 567"),
    ("ჩემი ნომერი 555 12 34 56.", "555 12 34 56"),
    ("আমার নম্বর ০১৭১১ ২৩৪৫৬৭।", "01711 234567"),
    ("मेरा नंबर ९८७६५ ४३२१० है।", "98765 43210"),
])
def test_a_first_person_cue_in_any_language_makes_the_number_theirs(text, number):
    assert number in own_contacts(text)[0]


@pytest.mark.parametrize("text", [
    "Namba yake ni 0722 555 999.",
    "Nomornya 0812-9999-7890, dia kirim pesan itu.",
    "Số điện thoại của anh ấy là 0988 777 666.",
    "Ang number niya ay 0918 222 3333.",
    "Jeho číslo je 905 999 888.",
    "Trent posted from @tbaxter_dev@mastodon.social again.",
    "His Telegram is dmitri_k88 if you need it.",
    "my signal is weak here",
])
def test_a_number_or_handle_of_someone_else_stays(text):
    assert own_contacts(text) == ([], [], [])


@pytest.mark.parametrize("text, handle", [
    ("如需聯絡，我的 LINE ID 是 meiling0912，謝謝。", "@meiling0912"),
    ("My Telegram is anna_k88 if needed.", "@anna_k88"),
    ("Em podeu trobar allà com a @jpuigferrer@mastodon.social si cal.", "@jpuigferrer"),
    ("You can find me there as @pyfox_77@fosstodon.org.", "@pyfox_77"),
])
def test_a_handle_the_reporter_names_as_theirs(text, handle):
    assert handle in own_contacts(text)[2]


def test_a_label_before_a_number_without_a_trunk_zero_makes_it_theirs():
    assert own_phone_numbers("Kær kveðja,\nÞóra\nsími 862 1234\n") == ["862 1234"]
    assert own_phone_numbers("Tel. 93 123 45 67\n") == ["93 123 45 67"]
    # Mid-line, a label is not enough for a number of no country's form: "line 1024 2048" of a log.
    assert own_phone_numbers("The crash is on line 1024 2048 of the log, see below.\n") == []


@pytest.mark.parametrize("closing", [
    "Kær kveðja,", "Wako,", "Hormat saya,", "Yang benar,", "Thân mến,", "Salamat po,", "Maraming salamat po,",
    "პატივისცემით,", "Հարգանքով,", "ধন্যবাদ,", "Hörmətlə,", "S poštovanjem,", "Ar cieņu,", "Lugupidamisega",
    "Salutacions,", "Tisztelettel:", "ขอแสดงความนับถือ", "Cofion,",
])
def test_closings_of_many_languages(closing):
    assert is_closing(closing)


@pytest.mark.parametrize("line", ["ნინო ბერიძე", "สมหญิง ใจดี", "Անի Պետրոսյան", "তাসনিম আক্তার"])
def test_a_name_line_in_georgian_thai_armenian_bengali(line):
    assert name_on_line(line) == line


def test_a_long_thai_or_chinese_phrase_is_no_name():
    assert name_on_line("ขอบคุณมากนะคะทุกคนที่ช่วยเหลือ") is None
    assert name_on_line("张伟是个好人吗我不知道") is None
