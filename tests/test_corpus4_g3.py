"""The reporter's name in another script than their From shows, and CJK messenger labels (g3),
through real SMTP.

tests/corpus4/g3-*.eml: a self-introduction in the native script while the From shows only the
Latin form ("Είμαι η Ελένη Παπαδοπούλου", "שמי מיכל לוי", "저는 이서연입니다", "اسم من مریم احمدی
است" in the text, the HTML and an attachment, "मेरा नाम प्रिया शर्मा है" and the same name
speaking in an attached chat). Each report must become a case with its forwards and
acknowledgement, no planted identifier may reach a member-bound byte, and the evidence (the
reported person, their words) must survive.
"""

from pathlib import Path

from corpus4_checks import reporter_tests
from mailrouter.privacy.self_named import introduced_names

CORPUS = Path(__file__).parent / "corpus4"

# name -> (envelope sender, acknowledged address, planted needles, evidence that must survive)
REPORTS = {
    "g3-outlook-ios-greek-self-intro-native-script-latin-only-display.eml": (
        "eleni.pap2@otenet.gr", "eleni.pap2@otenet.gr",
        [("addr", "eleni.pap2@otenet.gr"), ("name", "Eleni Papadopoulou"), ("name", "Ελένη Παπαδοπούλου"),
         ("name", "Παπαδοπούλου")],
        ["Νίκος Καρράς", "Μαρία Γεωργίου", "γύρνα στην κουζίνα"]),
    "g3-walla-hebrew-self-intro-native-script-latin-only-display.eml": (
        "michal.levi@walla.co.il", "michal.levi@walla.co.il",
        [("addr", "michal.levi@walla.co.il"), ("name", "Michal Levi"), ("name", "מיכל לוי")],
        ["אבי כהן", "תחזרי למטבח"]),
    "g3-android-gmail-korean-hangul-self-intro-latin-only-display.eml": (
        "seoyeon.lee2@gmail.com", "seoyeon.lee2@gmail.com",
        [("addr", "seoyeon.lee2@gmail.com"), ("name", "Seoyeon Lee"), ("name", "이서연")],
        ["정민호", "여자는 발표하지 마"]),
    "g3-roundcube-persian-esm-e-man-html-and-attachment-latin-only-display.eml": (
        "m.ahmadi88@chmail.ir", "m.ahmadi88@chmail.ir",
        [("addr", "m.ahmadi88@chmail.ir"), ("name", "Maryam Ahmadi"), ("name", "مریم احمدی")],
        ["رضا کریمی", "برو خانه", "دو بار پشت سر من ایستاد"]),
    "g3-rediffmail-hindi-mera-naam-whatsapp-attachment-latin-only-display.eml": (
        "priya.s.dev@rediffmail.com", "priya.s.dev@rediffmail.com",
        [("addr", "priya.s.dev@rediffmail.com"), ("name", "Priya Sharma"), ("name", "प्रिया शर्मा")],
        ["राहुल वर्मा", "तुम यहाँ की नहीं हो"]),
}


results, test_the_report_becomes_a_case_with_its_forwards_and_its_ack, \
    test_no_member_bound_byte_carries_their_name_in_another_script, \
    test_the_evidence_around_them_survives = reporter_tests(CORPUS, REPORTS)


def test_self_introductions_in_the_languages_a_committee_meets():
    said = {
        "Είμαι η Ελένη Παπαδοπούλου, εθελόντρια": "Ελένη Παπαδοπούλου",
        "Με λένε Γιώργο.": "Γιώργο",
        "שמי מיכל לוי, מתנדבת": "מיכל לוי",
        "저는 이서연입니다.": "이서연",
        "제 이름은 김민지예요.": "김민지",
        "안녕하세요, 박지훈입니다.": "박지훈",
        "اسم من مریم احمدی است و": "مریم احمدی",
        "मेरा नाम प्रिया शर्मा है और": "प्रिया शर्मा",
        "ดิฉันชื่อสมศรี นามสกุลใจดี ค่ะ": "สมศรี ใจดี",
        "Xin chào, tôi tên là Nguyễn Thị Mai, tôi": "Nguyễn Thị Mai",
        "Merhaba, benim adım Ayşe Yılmaz ve": "Ayşe Yılmaz",
        "Halo, nama saya Dewi Lestari.": "Dewi Lestari",
        "Привіт, мене звати Ольга Петренко, я": "Ольга Петренко",
        "Здравейте, казвам се Мария Иванова.": "Мария Иванова",
        "გამარჯობა, ჩემი სახელია ნინო ბერიძე.": "ნინო ბერიძე",
        "Բարեւ, իմ անունը Անի Սարգսյան է": "Անի Սարգսյան",
        "私の名前は山田花子です。": "山田花子",
        "私はマリアです。": "マリア",
    }
    for words, name in said.items():
        assert name in introduced_names(words), words


def test_what_is_not_a_name_is_not_learnt():
    # A second word not followed by a stop is not taken; nor a common noun, a lower-case word
    # after the Greek article, or a phrase quoted from someone else.
    assert introduced_names("שמי מיכל אני מתנדבת") == ["מיכל"]
    assert introduced_names("שמי מיכל ואני מתנדבת") == ["מיכל"]
    assert introduced_names("저는 한국인입니다. 저는 자원봉사자입니다.") == []
    assert introduced_names("Είμαι η εθελόντρια της ομάδας.") == []
    assert introduced_names('he wrote "benim adım Ali Veli" to everyone') == []

