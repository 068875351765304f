"""Writes tests/corpus4/f2-*.eml: reports whose Subject clients encode in different ways
(usage: python tools/make_corpus4_f2.py tests/corpus4)."""
import base64, hashlib, sys
from pathlib import Path
OUT = Path(sys.argv[1])

def b(text, cs="utf-8"):
    return f"=?{cs}?B?{base64.b64encode(text.encode(cs)).decode()}?="

def q(text, cs="utf-8"):
    return f"=?{cs}?Q?" + "".join(c if c.isascii() and c.isalnum() else "_" if c == " " else
                                  "".join(f"={x:02X}" for x in c.encode(cs)) for c in text) + "?="

def mail(name, sender, display, subject_raw, body, cs="utf-8"):
    head = (f"From: {display} <{sender}>\r\nTo: conduct@example.org\r\nSubject: {subject_raw}\r\n"
            f"Date: Mon, 02 Nov 2026 08:41:07 +0100\r\nMessage-ID: <{int(hashlib.sha1(name.encode()).hexdigest()[:12], 16)}.f2@mail.example>\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={cs}\r\nContent-Transfer-Encoding: base64\r\n\r\n")
    data = base64.encodebytes(body.replace("\n", "\r\n").encode(cs)).decode().replace("\n", "\r\n")
    (OUT / name).write_bytes(head.encode("ascii") + data.encode("ascii"))

mail("f2-thunderbird-vietnamese-subject-b-words-split-across-folds.eml", "lan.nguyen@fpt.vn",
     b("Nguyễn Thị Lan"),
     b("Báo cáo quấy ") + "\r\n " + b("rối tại PyCon Vietnam 2026 trong buổi tối giao lưu") + " (Hanoi)",
     "Kính gửi ban điều hành,\n\nTrần Văn Hùng đã nhiều lần chạm vào tôi mà không được phép tại buổi giao lưu.\n\nTrân trọng,\nNguyễn Thị Lan\n")
mail("f2-gmail-hindi-subject-plain-words-then-b-run.eml", "priyanka.sharma91@rediffmail.com",
     b("Priyanka Sharma"),
     "PyCon India " + b("में उत्पीड़न की शिकायत: रोहित वर्मा ने सम्मेलन के ") + "\r\n " + b("दौरान टिप्पणियाँ कीं"),
     "नमस्ते,\n\nरोहित वर्मा ने सम्मेलन के दौरान मुझ पर भद्दी टिप्पणियाँ कीं।\n\nधन्यवाद,\nप्रियंका शर्मा\n")
mail("f2-yandex-russian-subject-b-then-q-split-inside-a-word.eml", "marina.volkova@yandex.ru",
     b("Марина Волкова"),
     b("Жалоба на поведение Сергея Кузн") + "\r\n\t" + q("ецова на PyCon RU вечером") + " (Moscow)",
     "Здравствуйте,\n\nСергей Кузнецов несколько раз трогал меня без разрешения на вечеринке.\n\nМарина Волкова\n")
mail("f2-apple-mail-german-subject-q-word-among-plain-words.eml", "reto.brunner@bluewin.ch",
     "Reto Brunner",
     "Meldung: Vorfall beim Python Meetup " + q("Zürich") + " am Freitagabend - bitte vertraulich\r\n behandeln",
     "Guten Tag\n\nMarkus Keller hat mich am Meetup mehrmals beleidigt.\n\nFreundliche Grüsse\nReto Brunner\n")
mail("f2-foxmail-chinese-subject-gbk-b-with-ascii-words.eml", "wang.fang@qq.com",
     b("王芳", "gbk"),
     b("关于PyCon China 2026 会议期间骚扰事件的举报，", "gbk") + "\r\n " + b("请委员会尽快处理 谢谢", "gbk"),
     "您好，\n\n李强在会议期间多次骚扰我。\n\n王芳\n", cs="gbk")
mail("f2-zoho-english-ascii-subject-one-word-past-the-line.eml", "rohan.v@zoho.in",
     "Rohan V",
     "Heckling during my talk at PyCon India yesterday",
     "Hi,\n\nArjun Mehta heckled me through my whole talk.\n\nRohan\n")
mail("f2-gmx-german-q-subject-bitte-rueckruf-unter-own-number.eml", "sabine.krause@gmx.de",
     "Sabine Krause",
     q("Belästigung beim Python-Barcamp – bitte Rückruf unter 0170 5550123"),
     "Hallo,\n\nJonas Weber hat mich beim Barcamp mehrfach bedrängt und mir nachts von 0151 2220999 aus geschrieben.\n\nSabine\n")
mail("f2-mailru-russian-b-subject-pozvonite-and-his-number-kept.eml", "irina.petrova@mail.ru",
     b("Ирина Петрова"),
     b("Андрей Смирнов звонит по ночам (+7 916 000-11-22), позвоните мне +7 912 345-67-89"),
     "Здравствуйте,\n\nАндрей Смирнов звонит мне по ночам, каждый раз с +7 916 000-11-22.\n\nИрина\n")
mail("f2-onet-polish-q-subject-genitive-short-given-name.eml", "ewa.nowak@onet.pl",
     "Ewa Nowak",
     q("Zgłoszenie: nękanie Ewy Nowak") + " na PyCon PL",
     "Dzień dobry,\n\nPiotr Zieliński wielokrotnie pisał do mnie w nocy po konferencji.\n\nEwa Nowak\n")
