"""The reporter's name in another script than their From shows, and CJK messenger labels (g3),
through real SMTP.

tests/corpus4/g3-*.eml: a self-introduction in the native script while the From shows only the
Latin form ("Είμαι η Ελένη Παπαδοπούλου", "שמי מיכל לוי", "저는 이서연입니다", "اسم من مریم احمدی
است" in the text, the HTML and an attachment, "मेरा नाम प्रिया शर्मा है" and the same name
speaking in an attached chat), or in a chat export they attach: a speaker whose name spells
theirs in Cyrillic or Greek (Telegram, WhatsApp, Slack), or the one the export's structure
says exported it (the other speaker of "WhatsApp Chat - <other person>", a Telegram personal
chat's other speaker, a Slack user whose profile holds their address); a messenger id after
"my" and a CJK messenger's label ("我的微信：…", "私のLINEのIDは…です", "제 카카오톡 아이디는 …"),
while "his" keeps the reported person's id beside it. Each report must become a case with its forwards and
acknowledgement, no planted identifier may reach a member-bound byte, and the evidence (the
reported person, their words) must survive.
"""

from pathlib import Path

from corpus4_checks import reporter_tests
from mailrouter.privacy.cross_script import spelt_alike
from mailrouter.privacy.own_contacts import own_contacts
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
    # Item 2: the reporter speaking in a chat export under another spelling than the From.
    "g3-ukrnet-telegram-json-export-from-from-id-mention-handle.eml": (
        "oksana.melnyk@ukr.net", "oksana.melnyk@ukr.net",
        [("addr", "oksana.melnyk@ukr.net"), ("name", "Оксана Мельник"), ("name", "Oksana Melnyk"),
         ("literal", "user55501234"), ("literal", "oksana_melnyk")],
        ["Богдан Литвин", "user77709876", "мовчи, дурепа"]),
    "g3-android-whatsapp-txt-cyrillic-speaker-latin-display-cross-script.eml": (
        "olga.petrenko@i.ua", "olga.petrenko@i.ua",
        [("addr", "olga.petrenko@i.ua"), ("name", "Olga Petrenko"), ("name", "Ольга Петренко"), ("name", "Петренко")],
        ["Віктор Гнатюк", "ти ніхто"]),
    "g3-outlook-ios-slack-json-greek-real-name-latin-display-cross-script.eml": (
        "eleni.papadopoulou@otenet.gr", "eleni.papadopoulou@otenet.gr",
        [("addr", "eleni.papadopoulou@otenet.gr"), ("name", "Eleni Papadopoulou"), ("name", "Ελένη Παπαδοπούλου"),
         ("literal", "eleni.p"), ("literal", "U04ELENIP")],
        ["Nikos Karras", "nkarras", "cry more"]),
    # No spelling alike ("Катя" for "Kateryna", "Дима" for "Dmitry", a given name alone): the
    # export's structure says who exported it.
    "g3-iphone-whatsapp-chat-with-other-person-diminutive-speaker.eml": (
        "k.bondar@ukr.net", "k.bondar@ukr.net",
        [("addr", "k.bondar@ukr.net"), ("name", "Kateryna Bondar"), ("name", "Катя Бондар")],
        ["Сергій Коваль", "я знаю де ти живеш", "Сергію, припини мені писати"]),
    "g3-gmail-telegram-personal-chat-owner-single-word-greek-speaker.eml": (
        "katerina.nik@gmail.com", "katerina.nik@gmail.com",
        [("addr", "katerina.nik@gmail.com"), ("name", "Katerina Nikolaidou"), ("name", "Κατερίνα"),
         ("literal", "user99001122")],
        ["Δημήτρης Νικολάου", "user4455667788", "θα σε βρω στο συνέδριο", "σταμάτα να μου γράφεις"]),
    "g3-yandex-slack-users-json-profile-email-diminutive-real-name.eml": (
        "d.volkov@yandex.ru", "d.volkov@yandex.ru",
        [("addr", "d.volkov@yandex.ru"), ("name", "Dmitry Volkov"), ("name", "Дима Волков"), ("literal", "U01DIMAV")],
        ["Игорь Смирнов", "igor.smirnov@example.com", "U02IGORS", "тебе тут не рады"]),
    # Item 3: "my" and a CJK messenger's label give the writer's id; "his" keeps the other's.
    "g3-163-coremail-gb2312-qp-wechat-ids-reporter-and-harasser.eml": (
        "zhangxl1990@163.com", "zhangxl1990@163.com",
        [("addr", "zhangxl1990@163.com"), ("name", "张晓玲"), ("name", "Xiaoling Zhang"), ("literal", "zxl_1990")],
        ["陈磊", "wxid_harass88"]),
    "g3-docomo-japanese-watashi-no-line-id-wa-and-his-line-id.eml": (
        "yuki.t88@docomo.ne.jp", "yuki.t88@docomo.ne.jp",
        [("addr", "yuki.t88@docomo.ne.jp"), ("name", "Yuki Tanaka"), ("literal", "yuki_0912")],
        ["佐藤健", "ken_sato77", "また会おうね"]),
    "g3-naver-korean-je-kakaotalk-id-and-his-kakaotalk-id.eml": (
        "jiwoo.park@naver.com", "jiwoo.park@naver.com",
        [("addr", "jiwoo.park@naver.com"), ("name", "Jiwoo Park"), ("literal", "kkt_sunflower93"), ("literal", "tg_moonlight7")],
        ["최동훈", "dh_choi82", "너 나 무시하냐"]),
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
    assert introduced_names("안녕하세요, 주최측입니다. 저는 운영진입니다.") == []
    assert introduced_names("Είμαι η εθελόντρια της ομάδας.") == []
    assert introduced_names('he wrote "benim adım Ali Veli" to everyone') == []


def test_a_name_spelt_in_another_script_is_theirs_and_no_one_elses():
    assert spelt_alike("Ольга Петренко", "Olga Petrenko") and spelt_alike("Ольга Петренко", "Olha Petrenko")
    assert spelt_alike("Оксана Мельник", "Oksana Melnyk")
    assert spelt_alike("Ελένη Παπαδοπούλου", "Eleni Papadopoulou")
    assert spelt_alike("Χρήστος Παπαδάκης", "Christos Papadakis")
    assert spelt_alike("Жанна Хачатрян", "Zhanna Khachatryan")
    # A relative, a namesake in part, a single word, the same script: not this rule's.
    assert not spelt_alike("Олег Петренко", "Olga Petrenko")
    assert not spelt_alike("Ольга Петрова", "Olga Petrenko")
    assert not spelt_alike("Ксенія Мельник", "Oksana Melnyk")
    assert not spelt_alike("Ольга", "Olga Petrenko")
    assert not spelt_alike("Olga Petrenko", "Olga Petrenko")


def test_my_cjk_messenger_label_gives_my_id_and_his_gives_his():
    mine = {
        "我的微信：zxl_1990": "@zxl_1990",
        "我的微信号是 zxl_1990。": "@zxl_1990",
        "我的微博：@xiaoling_dev": "@xiaoling_dev",
        "私のLINEのIDはyuki_0912です": "@yuki_0912",
        "제 카카오톡 아이디는 minji_92 입니다": "@minji_92",
        "텔레그램: @minji92": "@minji92",
    }
    for words, handle in mine.items():
        assert own_contacts(words)[2] == [handle], words
    for words in ("他的微信号是 wxid_harass88", "彼のLINE：ken_77", "그의 카카오톡 아이디는 jun_88입니다",
                  "Deadline: bob_2"):
        assert own_contacts(words) == ([], [], []), words
