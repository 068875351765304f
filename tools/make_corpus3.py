#!/usr/bin/env python3
"""Generate tests/corpus3: a third set of adversarial Code of Conduct reports.

Shapes the first two corpora do not cover: national webmail clients and legacy charsets
(GB18030, EUC-KR, KOI8-R, windows-1251/1252), names that fold badly (Turkish dotless i,
Vietnamese Đ, Cyrillic lookalikes, soft hyphens and zero-width characters), short and
common-word names, surname-first and comma-inverted names, particles, transliterated
handles, helpdesk and chat-notification forwards, forwards inside attachments, replies to
the acknowledgement sent as new reports, and attachments whose identifying data sits in
places the first corpora did not use (PDF page text and outlines, IPTC By-line, bytes after
the end of an image, EPUB/ODS packages, HTML entities, mbox, OLE .msg, JSON exports).

    python tools/make_corpus3.py          # (re)writes tests/corpus3/*.eml and manifest.json

The MIME helpers are those of tools/make_corpus2.py (imported, not copied). Every entry of
manifest.json has the keys of corpus2's manifest (class, mail_from, reporters, ack_to,
conflicts, must_not_receive, must_receive, evidence, office_evidence, withheld, cleaned,
remote_urls, notes).
"""

from __future__ import annotations

import importlib.util
import io
import json
import struct
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus3"

_spec = importlib.util.spec_from_file_location("make_corpus2", ROOT / "tools" / "make_corpus2.py")
c2 = importlib.util.module_from_spec(_spec)
sys.modules["make_corpus2"] = c2
_spec.loader.exec_module(c2)

R, M, ew, date, apart, rfc822part, quick, compose, esc = c2.R, c2.M, c2.ew, c2.date, c2.apart, c2.rfc822part, \
    c2.quick, c2.compose, c2.esc
MEMBERS = c2.MEMBERS
BO, CHIDI, ANA = ["bo@example.org"], ["chidi@example.org"], ["ana@example.org"]


def env(name, mail_from, when, **kw):
    return c2.env_for(name, mail_from, when, **kw)


def person(name, emails=(), aliases=()):
    return {"name": name, "emails": list(emails), "aliases": list(aliases)}


# =========================================================================== 1 names that fold badly
def names():
    name = "turkish-dotless-i-caps-signoff-outlook-mac.eml"
    ayl = R("Aylin Yıldız", ["aylin.y@example.com.tr"], ["Aylin", "Yıldız"], ["Yildiz", "AYLIN YILDIZ"])
    quick(name, "names", [ayl], "outlook", ew("Aylin Yıldız") + " <aylin.y@example.com.tr>", "aylin.y@example.com.tr",
          "Konferans sonrası yaşanan olay", date(2026, 11, 14, 9, 0, 0, 3),
          "Merhaba,\n\nKonferansın akşam yemeğinde Emre Kaya (emre.kaya@example.com) masada herkesin önünde "
          "\"kadın konuşmacı kotası yüzünden buradasın\" dedi.\n\nSaygılarımla,\n\nAYLIN YILDIZ\nBackend Developer",
          ["emre.kaya@example.com", "kadın konuşmacı kotası yüzünden buradasın"],
          "Outlook for Mac; Turkish name with dotless ı. The reporter signs in capitals (AYLIN YILDIZ): casefold('I') "
          "is 'i', not 'ı', so the signed surname folds to 'yildiz' and differs from the display name's 'yıldız'. "
          "Her address does not give the surname.")

    name = "turkish-dotted-capital-i-github-handle.eml"
    ipk = R("İpek Işık", ["ipek@example.com.tr"], ["İpek", "Işık"], ["ipekisik", "github.com/ipekisik"])
    quick(name, "names", [ipk], "gmail", ew("İpek Işık") + " <ipek@example.com.tr>", "ipek@example.com.tr",
          "PR yorumları hakkında", date(2026, 11, 14, 9, 30, 0, 3),
          "Merhaba,\n\nGitHub'daki PR'ımın altına (hesabım: https://github.com/ipekisik) "
          "kullanıcı deniz-arslan şu yorumu yazdı: \"go back to the kitchen, this is not for you\".\n\nİpek",
          ["deniz-arslan", "go back to the kitchen, this is not for you"],
          "Turkish name with İ and ı; the reporter's GitHub handle is the ASCII transliteration 'ipekisik'. "
          "Handles are only built from ASCII name words, and 'ışık' is not ASCII, so no handle is built.")

    name = "vietnamese-d-stroke-ascii-surname.eml"
    tha = R("Đặng Thu Thảo", ["thao1994@example.vn"], ["Đặng", "Thu", "Thảo"], ["Dang", "Dang Thu Thao"])
    quick(name, "names", [tha], "gmail", ew("Đặng Thu Thảo") + " <thao1994@example.vn>", "thao1994@example.vn",
          "Bao cao hanh vi quay roi", date(2026, 11, 14, 10, 0, 0, 7),
          "Chao ban,\n\nToi la Dang Thu Thao, thanh vien nhom dich tai lieu. Anh Pham Quoc Bao "
          "(bao.pham@example.com) nhan tin rieng cho toi luc nua dem: \"em ra khach san voi anh thi anh duyet PR\".\n\n"
          "Cam on,\nThao",
          ["bao.pham@example.com", "em ra khach san voi anh thi anh duyet PR"],
          "Vietnamese reporter writes her own name without diacritics (common when typing on a US layout). "
          "'Đ' has no Unicode decomposition, so folding 'Đặng' gives 'đang', never 'dang'.")

    name = "cyrillic-lookalike-letters-in-signoff.eml"
    ole = R("Olena Kovalenko", ["o.kovalenko@example.com.ua"], ["Olena", "Kovalenko"],
            ["\u041elena \u041aovalenko", "\u041aovalenko"])
    quick(name, "names", [ole], "thunderbird", "Olena Kovalenko <o.kovalenko@example.com.ua>", "o.kovalenko@example.com.ua",
          "Harassment at the translation sprint", date(2026, 11, 14, 10, 30, 0, 2),
          "Hello,\n\nAt the translation sprint Viktor Hrytsenko (viktor.h@example.com) kept calling me "
          "\"the pretty intern\" and said \"nobody reads Ukrainian docs anyway\".\n\nRegards,\n"
          "\u041elena \u041aovalenko\ntranslation team",
          ["viktor.h@example.com", "nobody reads Ukrainian docs anyway", "the pretty intern"],
          "The sign-off is typed with a Ukrainian keyboard layout half switched: Cyrillic 'О' and 'К' inside the "
          "Latin name. A reader sees 'Olena Kovalenko'; the fold does not map homoglyphs.")

    name = "soft-hyphen-and-zero-width-in-html-name.eml"
    ing = R("Ingeborg Falkenrath", ["ingeborg.falkenrath@example.de"], ["Ingeborg", "Falkenrath"],
            ["Falken\u00adrath", "Inge\u00adborg", "inge\u200bborg.falkenrath@example.de"])
    html = ('<html><body><p>Hallo,</p><p>Tobias Brenner (tobias.brenner@example.com) hat mir im Projekt-Chat '
            'geschrieben: &quot;Frauen wie du ruinieren jede Community&quot;.</p>'
            '<p>Viele Gr&uuml;&szlig;e<br>Inge&shy;borg Falken&shy;rath<br>'
            '<span style="font-size:9pt">inge&#8203;borg.falkenrath@example.de</span></p></body></html>\n')
    quick(name, "names", [ing], "mailer", "=?UTF-8?Q?Ingeborg_Falkenrath?= <ingeborg.falkenrath@example.de>",
          "ingeborg.falkenrath@example.de", "Meldung", date(2026, 11, 14, 11, 0, 0, 1), None,
          ["tobias.brenner@example.com", "Frauen wie du ruinieren jede Community"],
          "HTML-only (a hyphenation plug-in): soft hyphens (&shy;) inside the name and a zero-width space "
          "(&#8203;) inside the address in the signature; both are invisible to a reader.", html=html,
          extra="X-Mailer: Web.de Freemail\n")

    name = "common-word-name-summer-hope.eml"
    sum_ = R("Summer Hope", ["s.hope@example.com"], ["Summer", "Hope"], [])
    quick(name, "names", [sum_], "gmail", "Summer Hope <s.hope@example.com>", "s.hope@example.com",
          "Comment in the hiring channel", date(2026, 11, 14, 11, 30, 0, -5),
          "Hi,\n\nIn #hiring, Grant Moller (grant.moller@example.com) wrote about a candidate: \"Let's hope "
          "she gets pregnant before the contract starts, saves us the trouble\".\n\nThanks,\nS.",
          ["grant.moller@example.com", "hope she gets pregnant before the contract starts, saves us the trouble"],
          "The reporter's surname is a common English word ('hope') that also occurs in the quoted evidence. "
          "Scrubbing 'hope' everywhere destroys the evidence; the quote is the reported person's words.")

    name = "particle-van-der-german-evidence.eml"
    lot = R("Lotte van der Berg", ["lotte.vdberg@example.nl"], ["Lotte", "Berg", "van der Berg"], [])
    quick(name, "names", [lot], "thunderbird", "Lotte van der Berg <lotte.vdberg@example.nl>", "lotte.vdberg@example.nl",
          "Melding over de Berlijnse meetup", date(2026, 11, 14, 12, 0, 0, 1),
          "Beste commissie,\n\nOp de meetup in Berlijn zei Jörg Hansen (joerg.hansen@example.de) tegen mij in het "
          "Duits: \"Der Vortrag war nur wegen der Frauenquote im Programm, das weiß jeder von uns.\"\n\n"
          "Met vriendelijke groet,\nLotte van der Berg",
          ["joerg.hansen@example.de", "Der Vortrag war nur wegen der Frauenquote im Programm, das weiß jeder von uns."],
          "Dutch name with the particles 'van der'; the evidence is German, where 'der' is the article. "
          "Particles are not the reporter's name on their own; scrubbing them destroys the quote.")

    name = "malay-bin-patronymic-evidence-bin.eml"
    far = R("Ahmad Faris bin Abdullah", ["faris.abdullah@example.my"], ["Ahmad", "Faris", "Abdullah"], [])
    quick(name, "names", [far], "gmail", "Ahmad Faris bin Abdullah <faris.abdullah@example.my>", "faris.abdullah@example.my",
          "Review comment", date(2026, 11, 14, 12, 30, 0, 8),
          "Hello,\n\nMaintainer Kevin Strand (kevin.strand@example.com) closed my PR with: \"Put this in the bin "
          "where it belongs, people like you should stay in your own country's projects.\"\n\nFaris",
          ["kevin.strand@example.com", "Put this in the bin where it belongs, people like you should stay in your own country's projects."],
          "Malay patronymic 'bin' inside the reporter's full name; the evidence uses the English word 'bin'.")

    name = "short-chinese-name-li-na.eml"
    lin = R("Li Na", ["li.na@example.cn"], ["Li", "Na"], ["Ms. Li"])
    quick(name, "names", [lin], "fastmail", "Li Na <li.na@example.cn>", "li.na@example.cn",
          "Comments at the sprint dinner", date(2026, 11, 14, 13, 0, 0, 8),
          "Hello,\n\nAt the sprint dinner Derek Hollis (derek.hollis@example.com) kept calling me \"Ms. Li from the "
          "kitchen\" and asked if I was the waitress. Everybody laughed.\n\nThank you",
          ["derek.hollis@example.com", "from the kitchen", "asked if I was the waitress"],
          "Chinese name of two two-letter words: neither part is 'name-like' (MIN_NAME_PART=3), so the reporter's "
          "surname quoted in the evidence ('Ms. Li') stays.")

    name = "japanese-surname-first-romaji-signoff.eml"
    yui = R("田中結衣", ["y.tanaka1990@example.jp"], ["田中", "結衣"], ["Tanaka Yui", "Yui Tanaka", "Tanaka", "Yui"])
    quick(name, "names", [yui], "gmail", ew("田中結衣") + " <y.tanaka1990@example.jp>", "y.tanaka1990@example.jp",
          "Harassment at PyCon JP after-party", date(2026, 11, 14, 13, 30, 0, 9),
          "Hello,\n\nAt the after-party Mark Feeney (mark.feeney@example.com) followed me to the station and said "
          "\"Japanese girls always say no first\".\n\nI am the speaker of the Sunday talk on asyncio.\n\n"
          "Tanaka Yui",
          ["mark.feeney@example.com", "Japanese girls always say no first"],
          "Display name in kanji without a space; the address local part is 'y.tanaka1990' (digits glued to the "
          "surname), and the reporter signs in romaji, surname first.")

    name = "hungarian-surname-first-display-name.eml"
    esz = R("Kovács Eszter", ["ekovacs@example.hu"], ["Kovács", "Eszter"], ["Eszter Kovács", "eszterk"])
    quick(name, "names", [esz], "k9", ew("Kovács Eszter") + " <ekovacs@example.hu>", "ekovacs@example.hu",
          "Bejelentés", date(2026, 11, 14, 14, 0, 0, 1),
          "Szia,\n\nA budapesti meetupon Szabó Gergely (gergely.szabo@example.com) azt mondta nekem: "
          "\"a lányok csak a pizza miatt jönnek\". A Discordon eszterk néven vagyok fent, ott is írt nekem.\n\n"
          "Üdv,\nEszter",
          ["gergely.szabo@example.com", "a lányok csak a pizza miatt jönnek"],
          "Hungarian name order (surname first) in the display name; Discord handle 'eszterk' = given name + "
          "initial of the surname, which only the surname-first order makes unusual.")

    name = "oapostrophe-brien-linkedin-slug.eml"
    sio = R("Siobhán O'Brien", ["siobhan.ob@example.ie"], ["Siobhán", "O'Brien"], ["siobhan-obrien-4a1b2c", "sobrien"])
    html = ('<div dir="ltr"><div>Hi all,</div><div><br></div><div>Declan Murphy (declan.murphy@example.com) told me '
            'at the Dublin meetup that &quot;women only join tech for the free t-shirts&quot;.</div><div><br></div>'
            '<div>-- <br><div class="gmail_signature"><div>Siobhán O’Brien</div><div>'
            '<a href="https://www.linkedin.example.com/in/siobhan-obrien-4a1b2c">LinkedIn</a> · '
            '<a href="https://gitlab.example.org/sobrien">GitLab</a></div></div></div></div>\n')
    text = ("Hi all,\n\nDeclan Murphy (declan.murphy@example.com) told me at the Dublin meetup that \"women only join "
            "tech for the free t-shirts\".\n\n-- \nSiobhán O’Brien\nLinkedIn <https://www.linkedin.example.com/in/"
            "siobhan-obrien-4a1b2c> · GitLab <https://gitlab.example.org/sobrien>\n")
    quick(name, "names", [sio], "gmail", ew("Siobhán O'Brien") + " <siobhan.ob@example.ie>", "siobhan.ob@example.ie",
          "Meetup comment", date(2026, 11, 14, 14, 30, 0, 0), text,
          ["declan.murphy@example.com", "women only join tech for the free t-shirts"],
          "Apostrophe name: the LinkedIn slug drops the apostrophe (siobhan-obrien-…) and the GitLab handle is "
          "s+obrien; handles are built from the word \"o'brien\" with its apostrophe.", html=html)

    name = "double-surname-french-orange-handle.eml"
    cam = R("Camille Dubois-Lefèvre", ["camille.dl@example.fr"], ["Camille", "Dubois", "Lefèvre"], ["cdubois"])
    text = ("Bonjour,\n\nJe vous transfère le message reçu après ma présentation. Mon compte GitLab est cdubois.\n\n"
            "Camille\n\n> Message du 03/11/26 21:14\n> De : \"Jean-Marc Roussel\" <jm.roussel@example.com>\n"
            "> A : camille.dl@example.fr\n> Copie à :\n> Objet : ta présentation\n>\n"
            "> Une jolie fille comme toi n'a pas besoin de savoir coder, souris et ça suffira.\n")
    quick(name, "names", [cam], "mailer", ew("Camille Dubois-Lefèvre") + " <camille.dl@example.fr>", "camille.dl@example.fr",
          "TR: ta présentation", date(2026, 11, 14, 15, 0, 0, 1), text,
          ["jm.roussel@example.com", "Une jolie fille comme toi n'a pas besoin de savoir coder, souris et ça suffira."],
          "Orange webmail forward ('> Message du … > De : …'); hyphenated double surname; GitLab handle is the "
          "initial plus the FIRST surname (cdubois), which handles() never builds (it uses the last word).",
          extra="X-Mailer: Orange Messagerie\n")

    name = "display-name-is-an-address.eml"
    rah = R("Rahel Tesfaye", ["rt.2291@example.com", "rahel.tesfaye@example.org"], ["Rahel", "Tesfaye"], [])
    quick(name, "names", [rah], "k9", '"rahel.tesfaye@example.org" <rt.2291@example.com>', "rt.2291@example.com",
          "Report", date(2026, 11, 14, 15, 30, 0, 3),
          "Hello,\n\nPaul Rieger (paul.rieger@example.com) sent me DMs calling me \"diversity hire\" three times.\n\n"
          "Please write to my work address (the one in my name above) if you need anything.\n\nRahel",
          ["paul.rieger@example.com", "diversity hire"],
          "The display name is itself another address of the reporter (phones do this when the contact has no "
          "name): rahel.tesfaye@example.org. It names her, and the body points to it.")

    name = "split-encoded-word-mid-character.eml"
    krz = R("Krzysztof Żuk", ["kz1987@example.pl"], ["Krzysztof", "Żuk"], ["Zuk"])
    raw_name = "Krzysztof Żuk".encode("utf-8")
    cut = raw_name.index(b"\xc5") + 1        # split inside the two bytes of 'Ż'
    import base64 as _b
    from_hdr = (f"=?UTF-8?B?{_b.b64encode(raw_name[:cut]).decode()}?=\n =?UTF-8?B?{_b.b64encode(raw_name[cut:]).decode()}?="
                " <kz1987@example.pl>")
    quick(name, "names", [krz], "mailer", from_hdr, "kz1987@example.pl", "Zgłoszenie", date(2026, 11, 14, 16, 0, 0, 1),
          "Dzień dobry,\n\nNa czacie projektu Marek Zięba (marek.zieba@example.com) nazwał mnie \"Żuczek, robaczek "
          "do testów\", przekręcając moje nazwisko Żuk, i powtarza to od tygodnia.\n\nPozdrawiam,\nKrzysztof Żuk",
          ["marek.zieba@example.com", "do testów"],
          "From display name in two encoded words split inside the UTF-8 bytes of 'Ż' (some webmails do this); "
          "decoding each word separately gives 'Krzysztof \\ufffd\\ufffduk'. The sign-off 'Krzysztof Żuk' "
          "starts with a capital outside À–Þ.", extra="User-Agent: Poczta o2\n")

    name = "arabic-name-inside-evidence-word.eml"
    ali = R("علي حسن", ["a.hassan88@example.com"], ["علي", "حسن"], ["Ali Hassan"])
    quick(name, "names", [ali], "gmail", ew("علي حسن") + " <a.hassan88@example.com>", "a.hassan88@example.com",
          "تهديد في مجموعة المشروع", date(2026, 11, 14, 16, 30, 0, 3),
          "السلام عليكم،\n\nكتب لي خالد منصور (khaled.mansour@example.com) في المجموعة: \"سنقضي عليك إذا فتحت "
          "طلب دمج آخر\".\n\nعلي",
          ["khaled.mansour@example.com", "سنقضي عليك إذا فتحت"],
          "The reporter's given name 'علي' (Ali) is also the first three letters of 'عليك' ('on you') and 'عليكم' "
          "in the evidence; Arabic uses spaces, so the name should match whole words only.")


# =========================================================================== 2 legacy charsets and national clients
def charsets():
    name = "qq-gb18030-given-name-only.eml"
    wxh = R("王小红", ["1846251937@qq.example.com"], ["王小红", "小红"], ["1846251937", "Wang Xiaohong"])
    quick(name, "charsets", [wxh], "mailer", ew("王小红", "gb18030") + " <1846251937@qq.example.com>",
          "1846251937@qq.example.com", "举报", date(2026, 11, 15, 9, 0, 0, 8),
          "你好，\n\n项目群里的张伟（zhang.wei@example.com）私信我说：“女生写什么代码，回去带孩子吧”。\n"
          "我的英文名是 Wang Xiaohong，GitHub 上也用这个名字。\n\n小红",
          ["zhang.wei@example.com", "女生写什么代码，回去带孩子吧"],
          "QQ Mail: numeric address, GB18030 base64 body; the reporter signs with her given name only (小红), which "
          "is not a separate word of 王小红, and gives her pinyin name.", charset="gb18030", text_cte="base64",
          extra="X-QQ-mid: xmsmtpt1730664000t9a8b7c6d\nX-Mailer: QQMail 2.x\n")

    name = "naver-euckr-shared-surname-kim.eml"
    mjk = R("김민지", ["minji_kim@naver.example.com"], ["김민지", "민지"], ["Kim Minji", "Minji"])
    quick(name, "charsets", [mjk], "mailer", ew("김민지", "euc-kr") + " <minji_kim@naver.example.com>",
          "minji_kim@naver.example.com", "신고합니다", date(2026, 11, 15, 9, 30, 0, 9),
          "안녕하세요,\n\n밋업에서 Kim Dohyun (dohyun.kim@example.com) 님이 제게 \"여자는 발표하지 말고 커피나 타라\"라고 "
          "말했습니다.\n\n민지 드림",
          ["Kim Dohyun", "dohyun.kim@example.com", "여자는 발표하지 말고 커피나 타라"],
          "Naver Mail, EUC-KR quoted-printable. The reported person shares the reporter's surname Kim (the most "
          "common Korean surname); the reporter signs with her given name only (민지).", charset="euc-kr",
          extra="X-Mailer: Naver Mail\n")

    name = "yandex-koi8r-transliterated-telegram.eml"
    ann = R("Анна Смирнова", ["a.smirnova@yandex.example.ru"], ["Анна", "Смирнова"],
            ["Anna Smirnova", "anna_smirnova", "Anna"])
    quick(name, "charsets", [ann], "mailer", ew("Анна Смирнова", "koi8-r") + " <a.smirnova@yandex.example.ru>",
          "a.smirnova@yandex.example.ru", "Жалоба", date(2026, 11, 15, 10, 0, 0, 3),
          "Здравствуйте,\n\nИгорь Волков (igor.volkov@example.com) написал мне в Telegram: \"таким как ты место на "
          "кухне, а не в open source\". Мой Telegram: t.me/anna_smirnova (подписана как Anna Smirnova).\n\n"
          "С уважением,\nАнна",
          ["igor.volkov@example.com", "таким как ты место на кухне, а не в open source"],
          "Yandex Mail, KOI8-R body. The reporter gives her Latin transliteration (Anna Smirnova) and Telegram "
          "handle anna_smirnova; only the Cyrillic name and 'a.smirnova' are in headers.", charset="koi8-r",
          extra="X-Mailer: Yamail [ http://yandex.ru ] 5.0\n")

    name = "windows1251-ukrainian-outlook-phone.eml"
    okr = R("Оксана Ткаченко", ["o.tkachenko@example.com.ua"], ["Оксана", "Ткаченко"],
            ["+380 67 123 45 67", "067 123-45-67"])
    quick(name, "charsets", [okr], "outlook", ew("Оксана Ткаченко", "windows-1251") + " <o.tkachenko@example.com.ua>",
          "o.tkachenko@example.com.ua", "Скарга", date(2026, 11, 15, 10, 30, 0, 2),
          "Добрий день,\n\nДмитро Бондар (d.bondar@example.com) телефонує мені вночі після зустрічі спільноти і каже: "
          "\"я знаю, де ти живеш\". Він дзвонить на мій номер 067 123-45-67.\n\nЗ повагою,\nОксана Ткаченко\n"
          "моб. +380 67 123 45 67",
          ["d.bondar@example.com", "я знаю, де ти живеш"],
          "Outlook, windows-1251 body; the reporter's phone is in the body (national format 067 123-45-67) and in "
          "the signature (international +380 67 123 45 67).", charset="windows-1251", lang="uk-UA")

    name = "german-phone-with-slash-gmx.eml"
    jul = R("Julia Brandtner", ["jbrandtner@gmx.example.de"], ["Julia", "Brandtner"], ["0176 / 234 567 89"])
    quick(name, "charsets", [jul], "mailer", "Julia Brandtner <jbrandtner@gmx.example.de>", "jbrandtner@gmx.example.de",
          "Belästigung beim Sprint", date(2026, 11, 15, 11, 0, 0, 1),
          "Hallo,\n\nbeim Sprint hat mich Sven Kessler (sven.kessler@example.com) zweimal gegen meinen Willen "
          "umarmt und gesagt: \"Stell dich nicht so an, war nur Spaß\".\n\nIhr erreicht mich am besten telefonisch "
          "unter 0176 / 234 567 89 (abends).\n\nLG Julia",
          ["sven.kessler@example.com", "Stell dich nicht so an, war nur Spaß"],
          "GMX, ISO-8859-15 QP body; the reporter's own phone number in the own words, written German-style with a "
          "slash between area code and number.", charset="iso-8859-15", extra="X-Mailer: GMX FreeMail\n")

    name = "yahoo-quoted-own-report-different-name.eml"
    pri = R("Priyanka Venkataraman", ["pvenkat@yahoo.example.com"], ["Priyanka", "Venkataraman"], ["Priya V."])
    text = ("Adding one more message he sent today.\n\n\"If you report me I will tell everyone about your visa.\" "
            "- from Neil Barr (neil.barr@example.com)\n\n\n"
            "On Monday, November 2, 2026 at 09:14:07 PM GMT+5:30, Priya V. <pvenkat@yahoo.example.com> wrote:\n\n\n"
            "Hello committee, Neil Barr keeps messaging me about my visa status after I declined to go out with him.\n")
    quick(name, "charsets", [pri], "mailer", "Priyanka Venkataraman <pvenkat@yahoo.example.com>", "pvenkat@yahoo.example.com",
          "Re: Neil Barr", date(2026, 11, 15, 11, 30, 0, 5.5), text,
          ["neil.barr@example.com", "If you report me I will tell everyone about your visa."],
          "Yahoo Mail: the reporter writes a NEW mail to the alias quoting her own earlier report, whose "
          "attribution shows a shorter display name (Priya V.) than her current one.",
          extra="X-Mailer: WebService/1.1.22806 YMailNorrin\n")

    name = "format-flowed-delsp-name-broken.eml"
    mag = R("Margarethe Hohenberger-Stolz", ["mhs@example.at"], ["Margarethe", "Hohenberger", "Stolz"], [])
    body = ("Hallo,\r\n\r\nbeim Linzer Treffen sagte Florian Aigner (florian.aigner@example.com) laut vor allen: \r\n"
            "\"Frauen im Kernteam sind nur Deko, die eigentliche Arbeit machen wir.\"\r\n\r\n"
            "Mit freundlichen Gr=C3=BC=C3=9Fen, Margarethe Hohen=\r\nberger-Stolz, Arbeitsgruppe =\r\nDoku\r\n")
    head = ("MIME-Version: 1.0\nFrom: Margarethe Hohenberger-Stolz <mhs@example.at>\nDate: "
            + date(2026, 11, 15, 12, 0, 0, 1) + "\nMessage-ID: <5e1d6c2a-8f0e-4d2a-b1f1-2a9c3e7d0b11@example.at>\n"
            "Subject: Meldung Linz\nTo: conduct@example.org\nUser-Agent: Mozilla Thunderbird\n"
            "Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=yes\nContent-Transfer-Encoding: quoted-printable\n")
    c2.save(name, env(name, "mhs@example.at", date(2026, 11, 15, 12, 0, 0, 1)) + "\n" + head, "\n" + body,
            M("charsets", "mhs@example.at", [mag], "mhs@example.at",
              ["florian.aigner@example.com", "Frauen im Kernteam sind nur Deko, die eigentliche Arbeit machen wir."],
              "format=flowed; delsp=yes with QP soft breaks inside the double surname; the sign-off sits on the same "
              "line as the closing ('Mit freundlichen Grüßen, Margarethe Hohenberger-Stolz, Arbeitsgruppe Doku')."))

    name = "base64-body-bare-lf-hebrew-rtl.eml"
    tam = R("תמר בן־דוד", ["tamar.bd@example.co.il"], ["תמר", "בן־דוד", "דוד"], ["Tamar Ben-David", "Tamar"])
    text = ("שלום,\n\nיוסי אמסלם (yossi.amsalem@example.com) כתב לי בערוץ הפרויקט: \"תחזרי למטבח, פה כותבים קוד\".\n\n"
            "\u200fתמר בן־דוד\u200f\nTamar Ben-David\n")
    quick(name, "charsets", [tam], "mailer", ew("\u200fתמר בן־דוד\u200f") + " <tamar.bd@example.co.il>", "tamar.bd@example.co.il",
          "דיווח", date(2026, 11, 15, 12, 30, 0, 2), text,
          ["yossi.amsalem@example.com", "תחזרי למטבח, פה כותבים קוד"],
          "Script-generated mail: base64 UTF-8 body with bare LF line ends; Hebrew name with RLM marks and a maqaf "
          "(U+05BE) in the surname, and the Latin form under it.", text_cte="base64")


# =========================================================================== 3 lists, helpdesks, notifications
def intermediaries():
    name = "google-group-hides-address.eml"
    when = date(2026, 11, 16, 9, 0, 0, 1)
    mats = R("Mats Halvorsen", [], ["Mats", "Halvorsen"], [])
    head = (env(name, "orga+bncBDY6Q@googlegroups.example.com", when) +
            "\nMIME-Version: 1.0\nFrom: 'Mats' via Event Orga <orga@googlegroups.example.com>\n"
            f"Date: {when}\nMessage-ID: <0f9d9a1e-3b1c-4e55-9a3f-6c1d2e3f4a5b@googlegroups.example.com>\n"
            "Subject: [orga] incident at the venue\nTo: conduct@example.org\n"
            "Reply-To: orga@googlegroups.example.com\nList-Id: <orga.googlegroups.example.com>\n"
            "List-Post: <https://groups.example.com/group/orga/post>, <mailto:orga@googlegroups.example.com>\n"
            "Precedence: list\nMailing-list: list orga@googlegroups.example.com; contact orga+owners@googlegroups.example.com\n"
            "X-Google-Group-Id: 884112233445\n")
    body = c2.tpart("Hi,\n\nAt the venue on Saturday Rune Dahl (rune.dahl@example.com) grabbed my arm and said "
                    "\"you should smile more, orga boy\".\n\nMats Halvorsen\n\n-- \nYou received this message because "
                    "you are subscribed to the Google Groups \"Event Orga\" group.\n", "plain")
    c2.save(name, head, body, M("intermediaries", "orga+bncBDY6Q@googlegroups.example.com", [mats], "",
                                ["rune.dahl@example.com", "you should smile more, orga boy"],
                                "A Google Group with 'hide the address' on: no X-Original-From, Reply-To is the group. "
                                "The acknowledgement must NOT go to the group (its archive) nor to its bounce address: "
                                "there is nowhere safe, so no acknowledgement."))

    name = "discourse-group-inbox-username.eml"
    when = date(2026, 11, 16, 9, 30, 0, 0)
    lin = R("Linnea Sjöberg", [], ["Linnea", "Sjöberg"], ["linnea_s", "@linnea_s"])
    head = (env(name, "forum@discourse.example.org", when) +
            "\nMIME-Version: 1.0\nFrom: linnea_s via Community Forum <forum@discourse.example.org>\n"
            f"Date: {when}\nMessage-ID: <topic/4411/post/1@discourse.example.org>\n"
            "Subject: [Community Forum] [PM] Report about a moderator\nTo: conduct@example.org\n"
            "Reply-To: Community Forum <replies+4e8c1f0a9b@discourse.example.org>\n"
            "List-Unsubscribe: <https://discourse.example.org/email/unsubscribe/abcd>\n"
            "X-Discourse-Post-Id: 98812\nX-Discourse-Topic-Id: 4411\n")
    body = c2.tpart("linnea_s sent you a private message:\n\nHi, the moderator Patrik Ek (patrik.ek@example.com) "
                    "deleted my posts and wrote to me: \"stay quiet or I will ban you, girl\".\n\n"
                    "Linnea Sjöberg\n\n---\n[Visit Message](https://discourse.example.org/t/4411) or reply to this "
                    "email to respond.\nhttps://discourse.example.org/u/linnea_s\n", "plain")
    _discourse(name, head, body, lin)

    name = "otrs-german-kundenbenutzer-ticket.eml"
    agt = R("Heike Vogt", ["h.vogt@support.example.de"], ["Heike", "Vogt"], [])
    kun = R("Fatma Demir", ["fatma.demir@example.com"], ["Fatma", "Demir"], ["+49 30 1234 5678"])
    text = ("Hallo Awareness-Team,\n\nwir haben im Helpdesk folgendes Ticket erhalten und leiten es wie vereinbart an "
            "euch weiter. Die Kundin möchte anonym bleiben.\n\n"
            "Ticket#2026110310000123 — Belästigung auf der Konferenz\n"
            "Kundenbenutzer: Fatma Demir <fatma.demir@example.com>\n"
            "Kundennummer: 55012\nTelefon: +49 30 1234 5678\nErstellt: 03.11.2026 21:14\nQueue: Veranstaltungen\n\n"
            "Nachricht der Kundin:\n"
            "Beim Abendessen hat mir Lars Behrens (lars.behrens@example.com) ständig die Hand aufs Knie gelegt und "
            "gesagt: \"Du bist doch nur wegen der Diversity hier.\"\n\n"
            "Viele Grüße\nHeike Vogt\nSupport-Team\n")
    quick(name, "intermediaries", [kun, agt], "mailer", "Heike Vogt <h.vogt@support.example.de>", "h.vogt@support.example.de",
          "WG: [Ticket#2026110310000123] Belästigung auf der Konferenz", date(2026, 11, 16, 10, 0, 0, 1), text,
          ["lars.behrens@example.com", "Du bist doch nur wegen der Diversity hier."],
          "OTRS/Znuny ticket forwarded by a support agent; the requester is labelled 'Kundenbenutzer:' (German OTRS), "
          "with her phone under 'Telefon:'. The agent says the customer wants to stay anonymous.",
          extra="X-Mailer: OTRS Mail Service (6.0.x)\nX-OTRS-TicketNumber: 2026110310000123\n")

    name = "freshdesk-requester-table-html.eml"
    agt = R("Omar Haddad", ["omar@helpdesk.example.com"], ["Omar", "Haddad"], [])
    req = R("Beatriz Oliveira Santos", ["bia.santos@example.com.br"], ["Beatriz", "Oliveira", "Santos"], [])
    html = ('<div>Forwarding ticket #88121 as requested by the requester (she wants her name kept out of it).</div><br>'
            '<table border="0" cellpadding="4"><tr><td><b>Requester</b></td><td>Beatriz Oliveira Santos</td></tr>'
            '<tr><td><b>Requester email</b></td><td><a href="mailto:bia.santos@example.com.br">bia.santos@example.com.br</a></td></tr>'
            '<tr><td><b>Subject</b></td><td>Assédio no meetup</td></tr></table><br>'
            '<div>Description:<br>No meetup de São Paulo, Rodrigo Lima (rodrigo.lima@example.com) me disse: '
            '&quot;mulher bonita não precisa saber Python&quot;.</div><br><div>Omar<br>Support</div>\n')
    quick(name, "intermediaries", [req, agt], "mailer", "Omar Haddad <omar@helpdesk.example.com>", "omar@helpdesk.example.com",
          "Fwd: Ticket #88121 Assédio no meetup", date(2026, 11, 16, 10, 30, 0, -3), None,
          ["rodrigo.lima@example.com", "mulher bonita não precisa saber Python"],
          "HTML-only Freshdesk ticket forward: the requester's name and address are in table cells "
          "(<td>Requester</td><td>Name</td>), never as 'Requester: Name' on one line.", html=html,
          extra="X-Mailer: Freshdesk\n")

    name = "teams-notification-comma-name.eml"
    han = R("Hannah Okonkwo", ["h.okonkwo@corp.example.com"], ["Hannah", "Okonkwo"], ["Okonkwo, Hannah"])
    html = ('<html><body><p>FYI – this is the chat. Please handle confidentially.</p>'
            '<div style="border-top:1px solid #ccc"><b>From:</b> Microsoft Teams &lt;noreply@email.teams.example.com&gt;<br>'
            '<b>Sent:</b> Tuesday, 3 November 2026 21:20<br><b>To:</b> Okonkwo, Hannah &lt;h.okonkwo@corp.example.com&gt;<br>'
            '<b>Subject:</b> Brandt, Oliver sent you a message</div>'
            '<table><tr><td><b>Brandt, Oliver</b></td><td>21:14</td></tr>'
            '<tr><td colspan="2">Hannah, you only got the lead role because HR needed a token. Know your place.</td></tr>'
            '<tr><td><b>Okonkwo, Hannah</b></td><td>21:16</td></tr><tr><td colspan="2">Please stop.</td></tr></table>'
            '<p>Okonkwo, Hannah<br>Senior Engineer</p></body></html>\n')
    quick(name, "intermediaries", [han], "owa", "\"Okonkwo, Hannah\" <h.okonkwo@corp.example.com>", "h.okonkwo@corp.example.com",
          "FW: Brandt, Oliver sent you a message", date(2026, 11, 16, 11, 0, 0, 0), None,
          ["Brandt, Oliver", "you only got the lead role because HR needed a token. Know your place."],
          "Corporate Outlook (GAL names 'Surname, Given') forwarding a Teams notification; the reporter's name is "
          "inverted with a comma everywhere.", html=html)

    name = "reply-to-ack-by-mistake-new-incident.eml"
    ode = R("Odette Marchetti", ["odette.marchetti@example.it"], ["Odette", "Marchetti"], [])
    when = date(2026, 11, 16, 11, 30, 0, 1)
    text = ("Sorry, I reply here because I did not find another address. This is a NEW incident, not the old one:\n\n"
            "yesterday Bruno Gatti (bruno.gatti@example.com) wrote to me \"I know which hotel you are in\".\n\n"
            "Odette\n\nOn Mon, 2 Nov 2026 at 10:00, Example CoC Committee <conduct@example.org> wrote:\n"
            "> Your report was received. It has the code name \"home shelf\".\n> Reply to this message to add to it.\n")
    quick(name, "intermediaries", [ode], "gmail", "Odette Marchetti <odette.marchetti@example.it>", "odette.marchetti@example.it",
          "New incident (was: Re: [home shelf] Your report)", when, text,
          ["bruno.gatti@example.com", "I know which hotel you are in"],
          "A human reply to an old acknowledgement (In-Reply-To/References point at a Message-ID on our domain that this "
          "installation does not know), sent to the alias with an edited subject, reporting a new incident: it must "
          "become a case with an "
          "acknowledgement, not be held as automatic mail.",
          extra="In-Reply-To: <173051520012.4242.1122334455667788990@example.org>\n"
                "References: <173051520012.4242.1122334455667788990@example.org>\n")

    name = "slack-notification-forward-display-name.eml"
    kai = R("Kai Nakamura-Lee", ["kai.nl@example.com"], ["Kai", "Nakamura", "Lee"], ["kainl", "@kainl"])
    text = ("Forwarding the Slack notification I got.\n\n---------- Forwarded message ---------\n"
            "From: Slack <notification@slack.example.com>\nDate: Tue, 3 Nov 2026 at 22:01\n"
            "Subject: [Slack] New message from Travis Kent in #general\nTo: <kai.nl@example.com>\n\n"
            "Hi kainl,\n\nYou have a new mention in Example Community (example.slack.com):\n\n"
            "Travis Kent: @kainl nobody asked for your pronouns in the signature, freak\n\n"
            "Reply in Slack: https://example.slack.com/app_redirect?channel=C01&message_ts=1730667660.123\n")
    quick(name, "intermediaries", [kai], "gmail", "Kai Nakamura-Lee <kai.nl@example.com>", "kai.nl@example.com",
          "Fwd: [Slack] New message from Travis Kent in #general", date(2026, 11, 16, 12, 0, 0, -8), text,
          ["Travis Kent", "nobody asked for your pronouns in the signature, freak"],
          "Slack notification forwarded by the reporter; the notification greets the reporter by handle 'kainl' "
          "(initials of the double surname), which handles() builds only from first + last word.")


def _discourse(name, head, body, lin):
    c2.save(name, head, body, M("intermediaries", "forum@discourse.example.org", [lin], "",
                                ["patrik.ek@example.com", "stay quiet or I will ban you, girl"],
                                "Discourse group inbox forwarding a private message to the alias: From is "
                                "'linnea_s via Community Forum' and Reply-To is the forum's reply address (a group inbox other "
                                "forum staff read), so no acknowledgement is expected; the reporter's full name is in "
                                "the post and her username in the From phrase and profile URL."), allow_utf8=True)


# =========================================================================== 4 forwards inside attachments
def nested():
    name = "forward-inside-forward-inside-eml.eml"
    sen = R("Greta Lindholm", ["greta.lindholm@example.se"], ["Greta", "Lindholm"], [])
    frd = R("Noor Haddadin", ["noor.h@example.jo"], ["Noor", "Haddadin"], [])
    inner = ("From: Noor Haddadin <noor.h@example.jo>\nTo: Greta Lindholm <greta.lindholm@example.se>\n"
             "Subject: Fwd: from Yosef\nDate: Mon, 2 Nov 2026 22:00:00 +0200\nMessage-ID: <abc.1@example.jo>\n"
             "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
             "Greta, can you report this for me? I don't want my name on it.\n\nNoor\n\n"
             "---------- Forwarded message ---------\nFrom: Yosef Amar <yosef.amar@example.com>\n"
             "Date: Mon, 2 Nov 2026 at 21:40\nSubject: you\nTo: Noor Haddadin <noor.h@example.jo>\n\n"
             "Women like you should not speak at our conferences. Next time I will make sure you regret it.\n")
    quick(name, "forwards", [sen, frd], "thunderbird", "Greta Lindholm <greta.lindholm@example.se>", "greta.lindholm@example.se",
          "Report on behalf of a friend", date(2026, 11, 17, 9, 0, 0, 1),
          "Hello,\n\nA friend asked me to pass this on; her mail is attached. She wants to stay anonymous.\n\nGreta",
          ["yosef.amar@example.com", "Next time I will make sure you regret it."],
          "A saved .eml (8bit, declared text/plain? no: message/rfc822) in which the original reporter asks the sender "
          "to report for her, and below it an inline Gmail forward of the harasser's mail.",
          attachments=[rfc822part(inner, "Fwd from Yosef.eml")])

    name = "outlook-msg-ole-attachment.eml"
    fel = R("Felipe Andrade", ["felipe.andrade@example.com.br"], ["Felipe", "Andrade"], [])
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 488 +
           "__substg1.0_0C1A001F".encode("utf-16-le") + b"\x00" * 32 + "Felipe Andrade".encode("utf-16-le") +
           b"\x00" * 16 + "felipe.andrade@example.com.br".encode("utf-16-le") + b"\x00" * 1024)
    quick(name, "withheld", [fel], "outlook", "Felipe Andrade <felipe.andrade@example.com.br>", "felipe.andrade@example.com.br",
          "Threatening email", date(2026, 11, 17, 9, 30, 0, -3),
          "Hello,\n\nThe threatening email from Caio Ribeiro (caio.ribeiro@example.com) is attached as an Outlook item. "
          "He wrote: \"I will find out where you live\".\n\nFelipe",
          ["caio.ribeiro@example.com", "I will find out where you live"],
          "Outlook drag-and-drop of a message gives a binary OLE .msg whose filename carries the reporter's name; "
          "it must be withheld and the note must not repeat the name.",
          attachments=[apart(ole, "application/vnd.ms-outlook", "RE Felipe Andrade - threat.msg")],
          withheld=[".msg"])

    name = "mbox-export-two-messages.eml"
    rut = R("Ruth Abernathy", ["ruth.abernathy@example.org.uk"], ["Ruth", "Abernathy"], [])
    mbox = ("From ruth.abernathy@example.org.uk Mon Nov  2 20:00:00 2026\n"
            "From: Ruth Abernathy <ruth.abernathy@example.org.uk>\nTo: Colin Pryce <colin.pryce@example.com>\n"
            "Subject: the talk slot\nDate: Mon, 2 Nov 2026 20:00:00 +0000\n\nHi Colin, can we swap talk slots?\n\n"
            "From colin.pryce@example.com Mon Nov  2 20:30:00 2026\n"
            "From: Colin Pryce <colin.pryce@example.com>\nTo: Ruth Abernathy <ruth.abernathy@example.org.uk>\n"
            "Cc: Ruth Abernathy <ruth.abernathy@example.org.uk>\n"
            "Subject: Re: the talk slot\nDate: Mon, 2 Nov 2026 20:30:00 +0000\n\n"
            "Ruth, nobody wants to hear a woman talk about compilers. Withdraw.\n\n")
    quick(name, "forwards", [rut], "thunderbird", "Ruth Abernathy <ruth.abernathy@example.org.uk>", "ruth.abernathy@example.org.uk",
          "Exported thread", date(2026, 11, 17, 10, 0, 0, 0),
          "Hello,\n\nI exported the thread from Thunderbird; it is attached (mbox).\n\nRuth",
          ["colin.pryce@example.com", "nobody wants to hear a woman talk about compilers. Withdraw."],
          "An .mbox attachment holding two messages: the second message's headers name the reporter in To and Cc, "
          "and greet her by first name.",
          attachments=[apart(c2.crlf(mbox).encode(), "application/mbox", "talk-slot.mbox")])

    name = "whatsapp-export-reporter-as-phone-number.eml"
    ebb = R("Ebba Nyström", ["ebba.nystrom@example.se"], ["Ebba", "Nyström"], ["+46 70 123 45 67"])
    chat = ("[03.11.26, 21:10:02] Jonas Berg: kom hit till hotellbaren\n"
            "[03.11.26, 21:11:40] +46 70 123 45 67: Nej tack, jag går och lägger mig.\n"
            "[03.11.26, 21:12:05] Jonas Berg: tjejer som du säger alltid nej först\n")
    quick(name, "text-attachments", [ebb], "ios", ew("Ebba Nyström") + " <ebba.nystrom@example.se>", "ebba.nystrom@example.se",
          "Jonas Berg", date(2026, 11, 17, 10, 30, 0, 1),
          "Hej,\n\nMin vän exporterade chatten från sin telefon; där står jag som mitt nummer +46 70 123 45 67 "
          "eftersom hon inte har sparat mig.\n\nEbba" + c2.SIG_IOS,
          ["Jonas Berg", "tjejer som du säger alltid nej först"],
          "WhatsApp export (text attachment) in which the reporter appears only as her phone number; the body says "
          "that number is hers.",
          attachments=[apart(c2.crlf(chat).encode(), "text/plain", "WhatsApp Chat with Jonas Berg.txt", charset="utf-8")])

    name = "discord-json-export-global-name.eml"
    ter = R("Tereza Nováková", ["tereza.novakova@example.cz"], ["Tereza", "Nováková"], ["terka.nov", "novakova_t"])
    export = json.dumps({"guild": {"id": "81726354", "name": "Example Community"},
                         "channel": {"id": "99887766", "name": "general"},
                         "messages": [
                             {"id": "1", "timestamp": "2026-11-03T21:14:00+01:00", "content": "holky nemaj co delat v kernelu",
                              "author": {"id": "55501", "name": "petr_dvorak", "nickname": "Petr D."}},
                             {"id": "2", "timestamp": "2026-11-03T21:15:00+01:00", "content": "prosim prestan",
                              "author": {"id": "55502", "name": "novakova_t", "nickname": "terka.nov"}},
                             {"id": "3", "timestamp": "2026-11-03T21:16:00+01:00",
                              "content": "@novakova_t jdi varit, terka",
                              "author": {"id": "55501", "name": "petr_dvorak", "nickname": "Petr D."}}]},
                        indent=2, ensure_ascii=False)
    quick(name, "text-attachments", [ter], "thunderbird", ew("Tereza Nováková") + " <tereza.novakova@example.cz>",
          "tereza.novakova@example.cz", "Discord", date(2026, 11, 17, 11, 0, 0, 1),
          "Dobrý den,\n\nposílám export z Discordu (DiscordChatExporter). Jsem tam jako novakova_t / terka.nov.\n\nTereza",
          ["petr_dvorak", "holky nemaj co delat v kernelu"],
          "Discord JSON export; the reporter's username is surname_initial (novakova_t) and her nickname a "
          "diminutive plus syllable (terka.nov); the body says both are hers.",
          attachments=[apart(export.encode(), "application/json", "general-export.json")])

    name = "csv-windows1252-semicolon-cell.eml"
    mar = R("Maëlle Guérin", ["maelle.guerin@example.fr"], ["Maëlle", "Guérin"], [])
    csv = ("Datum;Uhrzeit;Person;Kontakt;Vorfall\r\n"
           "03.11.2026;21:14;Maëlle Guérin;maelle.guerin@example.fr;Meldende\r\n"
           "03.11.2026;21:14;Bernd Fuchs;bernd.fuchs@example.com;\"sagte: 'Französinnen sind leicht zu haben'\"\r\n")
    quick(name, "text-attachments", [mar], "outlook", ew("Maëlle Guérin") + " <maelle.guerin@example.fr>",
          "maelle.guerin@example.fr", "Vorfallprotokoll", date(2026, 11, 17, 11, 30, 0, 1),
          "Bonjour,\n\nci-joint le tableau (export Excel allemand).\n\nMaëlle",
          ["bernd.fuchs@example.com", "Französinnen sind leicht zu haben"],
          "Excel CSV in windows-1252 declared as application/vnd.ms-excel, semicolon separated, with the reporter "
          "in one row.", attachments=[apart(csv.encode("cp1252"), "application/vnd.ms-excel", "Vorfall.csv")])

    name = "html-attachment-entity-title.eml"
    ros = R("Rosalind Achterberg", ["r.achterberg@example.nl"], ["Rosalind", "Achterberg"], [])
    page = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>&#82;&#111;&#115;&#97;&#108;&#105;&#110;&#100; "
            "&#65;&#99;&#104;&#116;&#101;&#114;&#98;&#101;&#114;&#103; - Chat transcript</title>"
            "<meta name=\"author\" content=\"Achterberg, Rosalind\"></head><body><h1>Transcript</h1>"
            "<p><b>Dirk Hoven:</b> vrouwen moeten geen maintainers zijn</p></body></html>\n")
    quick(name, "text-attachments", [ros], "fastmail", "Rosalind Achterberg <r.achterberg@example.nl>", "r.achterberg@example.nl",
          "Transcript", date(2026, 11, 17, 12, 0, 0, 1),
          "Hello,\n\nThe chat transcript I saved from the browser is attached.\n\nRosalind",
          ["Dirk Hoven", "vrouwen moeten geen maintainers zijn"],
          "Saved web page (.html attachment): the reporter's name is in <title> written entirely as numeric character "
          "references, and inverted in <meta name=author>.",
          attachments=[apart(page.encode(), "text/html", "transcript.html", charset="utf-8")])

    name = "ics-attendee-escaped-comma-cn.eml"
    wil = R("Wilhelmina Osei", ["w.osei@example.com.gh"], ["Wilhelmina", "Osei"], ["Osei, Wilhelmina"])
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
           "METHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
           "ORGANIZER;CN=\"Hartmann, Klaus\":mailto:klaus.hartmann@example.com\r\n"
           "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Osei\\, Wil\r\n helmina:mailto:w.osei@ex\r\n ample.com.gh\r\n"
           "SUMMARY:\"1:1 review\" (hotel room 412)\r\nDESCRIPTION:Bring nothing. Just come alone\\, it's better for y\r\n our career.\r\n"
           "DTSTART:20261104T220000Z\r\nDTEND:20261104T230000Z\r\nUID:040000008200E00074C5B7101A82E00800000000\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    quick(name, "text-attachments", [wil], "outlook", "\"Osei, Wilhelmina\" <w.osei@example.com.gh>", "w.osei@example.com.gh",
          "FW: 1:1 review", date(2026, 11, 17, 12, 30, 0, 0),
          "Hi,\n\nThis is the 'meeting' Klaus Hartmann sent me for 10 pm in his hotel room.\n\nWilhelmina",
          ["klaus.hartmann@example.com", "hotel room 412"],
          "Outlook invite: the reporter is an ATTENDEE whose CN is 'Surname\\, Given' with a backslash-escaped comma, "
          "and both the CN and the mailto address are folded across lines.",
          attachments=[apart(ics.encode(), "text/calendar; method=REQUEST", "invite.ics", charset="utf-8")])


# =========================================================================== 5 binary attachments
def _iptc_app13(byline, city):
    def ds(num, value):
        v = value.encode("utf-8")
        return b"\x1c\x02" + bytes([num]) + struct.pack(">H", len(v)) + v
    iptc = ds(90, city) + ds(80, byline) + ds(116, "(c) " + byline)
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + (b"\x00" if len(iptc) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def binaries():
    name = "jpeg-iptc-byline-only.eml"
    sel = R("Selin Aksoy", ["selin.aksoy@example.com"], ["Selin", "Aksoy"], [])
    plain = c2.jpeg(name)
    data = plain[:2] + _iptc_app13("Selin Aksoy", "Izmir") + plain[2:]
    quick(name, "images", [sel], "apple", "Selin Aksoy <selin.aksoy@example.com>", "selin.aksoy@example.com",
          "Photo of the whiteboard", date(2026, 11, 18, 9, 0, 0, 3),
          "Hi,\n\nPhoto of what Kerem Tan (kerem.tan@example.com) wrote on the whiteboard about me is attached.\n\nSelin",
          ["kerem.tan@example.com"], "JPEG exported from Lightroom: no EXIF or XMP, the photographer's name only in "
          "the IPTC By-line and copyright (APP13 Photoshop 8BIM block).",
          attachments=[apart(data, "image/jpeg", "whiteboard.jpg")], cleaned=["whiteboard.jpg"])

    name = "jpeg-samsung-trailer-after-eoi.eml"
    ade = R("Adebayo Ogunleye", ["adebayo.o@example.com.ng"], ["Adebayo", "Ogunleye"], [])
    trailer = (b"\x00\x00\x0a\x00Image_UTC_Data1730664847000" b"\x00\x00\x01\x0a\x11\x00Owner_Name=Adebayo Ogunleye"
               b"\x00\x00\xa1\x0a\x0c\x00MCC_Data621" b"SEFH\x6b\x00\x00\x00\x03\x00\x00\x00" b"\x5c\x00\x00\x00SEFT")
    data = c2.jpeg(name) + trailer
    quick(name, "images", [ade], "gmail", "Adebayo Ogunleye <adebayo.o@example.com.ng>", "adebayo.o@example.com.ng",
          "Photo from the conference", date(2026, 11, 18, 9, 30, 0, 1),
          "Hello,\n\nThis photo shows the slide Gary Hume (gary.hume@example.com) put up about my accent.\n\nAdebayo",
          ["gary.hume@example.com"], "Samsung Galaxy camera JPEG: metadata (here the owner's name) in the SEFH/SEFT "
          "trailer appended after the End-Of-Image marker, outside every JPEG segment.",
          attachments=[apart(data, "image/jpeg", "20261103_211407.jpg")], cleaned=["20261103_211407.jpg"])

    name = "png-trailing-bytes-after-iend.eml"
    mai = R("Maile Kealoha", ["maile.kealoha@example.com"], ["Maile", "Kealoha"], [])
    data = c2.png(name) + b"\n<!-- captured by Maile Kealoha maile.kealoha@example.com with ShareX -->\n"
    quick(name, "images", [mai], "thunderbird", "Maile Kealoha <maile.kealoha@example.com>", "maile.kealoha@example.com",
          "Screenshot", date(2026, 11, 18, 10, 0, 0, -10),
          "Aloha,\n\nScreenshot of Brent Yates (brent.yates@example.com) mocking my name in chat.\n\nMaile",
          ["brent.yates@example.com"], "PNG with bytes after IEND (a capture tool's trailer) naming the reporter.",
          attachments=[apart(data, "image/png", "chat.png")], cleaned=["chat.png"])

    name = "filename-swedish-possessive-no-apostrophe.eml"
    lq = R("Ingrid Lindqvist", ["ingrid.l@example.se"], ["Ingrid", "Lindqvist"], ["Ingrids"])
    quick(name, "filenames", [lq], "ios", "Ingrid Lindqvist <ingrid.l@example.se>", "ingrid.l@example.se",
          "Bilder", date(2026, 11, 18, 10, 30, 0, 1),
          "Hej,\n\nSkärmdumpar av Olof Ryd (olof.ryd@example.com) som skriver till mig.\n\nIngrid" + c2.SIG_IOS,
          ["olof.ryd@example.com"], "AirDropped screenshot named after the device: Swedish possessive without "
          "apostrophe ('Ingrids iPhone'), which whole-word matching of 'Ingrid' misses.",
          attachments=[apart(c2.png(name + "1"), "image/png", "Skärmdump från Ingrids iPhone.png", style="2231")],
          cleaned=["iPhone.png"])

    name = "pdf-page-text-signed-statement.eml"
    ken = R("Kenji Watanabe", ["k.watanabe@example.jp"], ["Kenji", "Watanabe"], [])
    data = c2.pdf_doc(["Written statement", "On 3 November Howard Pike told me:", "'go back to your own country'",
                       "Signed: Kenji Watanabe, k.watanabe@example.jp"])
    quick(name, "pdf", [ken], "outlook", "Kenji Watanabe <k.watanabe@example.jp>", "k.watanabe@example.jp",
          "Statement", date(2026, 11, 18, 11, 0, 0, 9),
          "Hello,\n\nMy written statement about Howard Pike is attached as a PDF.\n\nKenji",
          ["Howard Pike"], "A signed statement exported to PDF: the reporter's name and address are in the PAGE TEXT "
          "(not metadata). Page text cannot be edited safely, so the PDF is withheld (original sealed).",
          attachments=[apart(data, "application/pdf", "statement.pdf")], withheld=["statement.pdf"])

    name = "pdf-outline-bookmark-title.eml"
    aur = R("Aurelia Constantin", ["aurelia.c@example.ro"], ["Aurelia", "Constantin"], [])
    content = "BT /F1 11 Tf 50 780 Td 14 TL (Chat log, 2 November) Tj T* (Radu Ionescu: fetele nu stiu Rust) Tj T* ET"
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R /Outlines 8 0 R /PageMode /UseOutlines >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            4: f"<< /Length {len(content)} >>\nstream\n{content}\nendstream".encode(),
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            8: b"<< /Type /Outlines /First 9 0 R /Last 9 0 R /Count 1 >>",
            9: b"<< /Title (Evidence collected by Aurelia Constantin) /Parent 8 0 R /Dest [3 0 R /Fit] >>"}
    quick(name, "pdf", [aur], "thunderbird", "Aurelia Constantin <aurelia.c@example.ro>", "aurelia.c@example.ro",
          "Evidence", date(2026, 11, 18, 11, 30, 0, 2),
          "Hello,\n\nAttached: the chat log with Radu Ionescu as PDF.\n\nAurelia",
          ["Radu Ionescu"], "A PDF whose only identifying data is the title of its bookmark (outline item).",
          attachments=[apart(c2.pdf_build(objs), "application/pdf", "chatlog.pdf")],
          cleaned=["chatlog.pdf"])

    name = "docx-custom-properties-and-people-xml.eml"
    brg = R("Birgit Sørensen", ["birgit.sorensen@example.dk"], ["Birgit", "Sørensen"], ["bsorensen"])
    base = c2.docx(["Timeline of incidents with Mikkel Holm", "14 Oct: he said 'girls cannot do ops'"],
                   c2.core_xml("", ""), c2.app_xml("Microsoft Office Word"),
                   custom=c2.custom_xml({"MSIP_Label_Owner": "birgit.sorensen@example.dk", "Indberetter": "Birgit Sørensen"}))
    zin = zipfile.ZipFile(io.BytesIO(base))
    files = {n: zin.read(n) for n in zin.namelist()}
    files["word/people.xml"] = (c2.XML + '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
                                '<w15:person w15:author="Birgit Sørensen"><w15:presenceInfo w15:providerId="AD" '
                                'w15:userId="S::bsorensen@corp.example.dk::0b1c2d3e"/></w15:person></w15:people>')
    data = c2.zipped(files)
    quick(name, "office", [brg], "outlook", ew("Birgit Sørensen") + " <birgit.sorensen@example.dk>", "birgit.sorensen@example.dk",
          "Tidslinje", date(2026, 11, 18, 12, 0, 0, 1), "Hej,\n\nTidslinjen er vedhæftet.\n\nBirgit",
          ["Mikkel Holm"], "DOCX with empty core properties; the reporter only in docProps/custom.xml (a sensitivity "
          "label owner and a custom field) and in word/people.xml (author + Azure AD user id with her login).",
          attachments=[apart(data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "tidslinje.docx")],
          office_evidence=["girls cannot do ops"], cleaned=["tidslinje.docx"])

    name = "ods-annotation-and-meta.eml"
    pil = R("Pilar Echeverría", ["pilar.e@example.es"], ["Pilar", "Echeverría"], [])
    meta = (c2.XML + '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<office:meta><meta:initial-creator>Pilar Echeverría</meta:initial-creator><dc:creator>Pilar Echeverría</dc:creator>'
            '<meta:user-defined meta:name="Email">pilar.e@example.es</meta:user-defined></office:meta></office:document-meta>')
    content = (c2.XML + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:spreadsheet><table:table table:name="Incidentes">'
               '<table:table-row><table:table-cell><text:p>Javier Mora: las mujeres no saben de compiladores</text:p>'
               '<office:annotation><dc:creator>Pilar Echeverría</dc:creator><dc:date>2026-11-03T21:14:00</dc:date>'
               '<text:p>esto me lo dijo a mí</text:p></office:annotation></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = (c2.XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    data = c2.zipped({"content.xml": content, "meta.xml": meta, "META-INF/manifest.xml": manifest},
                     mimetype_first="application/vnd.oasis.opendocument.spreadsheet")
    quick(name, "office", [pil], "thunderbird", ew("Pilar Echeverría") + " <pilar.e@example.es>", "pilar.e@example.es",
          "Hoja de incidentes", date(2026, 11, 18, 12, 30, 0, 1), "Hola,\n\nadjunto la hoja.\n\nPilar",
          ["Javier Mora"], "LibreOffice Calc .ods: the reporter as initial creator, as a user-defined 'Email' "
          "property and as the author of a cell comment.",
          attachments=[apart(data, "application/vnd.oasis.opendocument.spreadsheet", "incidentes.ods")],
          office_evidence=["las mujeres no saben de compiladores"], cleaned=["incidentes.ods"])

    name = "epub-creator-stored.eml"
    zan = R("Zanele Dlamini", ["zanele.dlamini@example.co.za"], ["Zanele", "Dlamini"], [])
    opf = (c2.XML + '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier>'
           '<dc:title>Chat with Pieter</dc:title><dc:creator>Zanele Dlamini</dc:creator>'
           '<dc:contributor>zanele.dlamini@example.co.za</dc:contributor><dc:language>en</dc:language></metadata>'
           '<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
           '<spine><itemref idref="c1"/></spine></package>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for path, text in (("mimetype", "application/epub+zip"),
                           ("META-INF/container.xml", c2.XML + '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                            '<rootfiles><rootfile full-path="OEBPS/package.xml" media-type="application/oebps-package+xml"/></rootfiles></container>'),
                           ("OEBPS/package.xml", opf),
                           ("OEBPS/c1.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Pieter Venter: "
                            "you people should not be on the core team</p></body></html>")):
            z.writestr(zipfile.ZipInfo(path, c2.FIXED), text.encode(), compress_type=zipfile.ZIP_STORED)
    quick(name, "office", [zan], "gmail", "Zanele Dlamini <zanele.dlamini@example.co.za>", "zanele.dlamini@example.co.za",
          "Chat export", date(2026, 11, 18, 13, 0, 0, 2),
          "Hi,\n\nI saved the chat with Pieter Venter as an e-book (the app only offers that).\n\nZanele",
          ["Pieter Venter"], "An EPUB (stored, uncompressed) whose OPF names the reporter as dc:creator and "
          "contributor. It may be cleaned or withheld; it must not pass as it is.",
          attachments=[apart(buf.getvalue(), "application/epub+zip", "chat.epub")])

    name = "gif-xmp-application-extension.eml"
    yas = R("Yasmin Farouk", ["yasmin.farouk@example.eg"], ["Yasmin", "Farouk"], [])
    g = c2.gif(name, "x")
    xmp = c2.xmp_packet("Yasmin Farouk").encode()
    ext = b"\x21\xff\x0bXMP DataXMP" + xmp + b"\x01" + bytes(range(0xff, -1, -1)) + b"\x00"
    flags = g[10]
    at = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)     # after the global colour table
    data = g[:at] + ext + g[at:]
    quick(name, "images", [yas], "apple", "Yasmin Farouk <yasmin.farouk@example.eg>", "yasmin.farouk@example.eg",
          "GIF he posted", date(2026, 11, 18, 13, 30, 0, 2),
          "Hello,\n\nThis is the GIF Andrew Sloane (andrew.sloane@example.com) made of my talk and posted.\n\nYasmin",
          ["andrew.sloane@example.com"], "GIF with an XMP application extension ('XMP DataXMP' with its magic trailer) "
          "naming the reporter as dc:creator.",
          attachments=[apart(data, "image/gif", "talk.gif")], cleaned=["talk.gif"])

    name = "signature-as-image-with-alt-and-filename.eml"
    con = R("Constanza Ibáñez", ["cibanez@example.cl"], ["Constanza", "Ibáñez"], [])
    sig = c2.png(name, label="C.Ibanez")
    html = ('<div>Hola,</div><div><br></div><div>En el meetup, Matías Soto (matias.soto@example.com) me dijo: '
            '&quot;las minas no programan&quot;.</div><div><br></div>'
            '<div><img src="cid:firma@cl" alt="Constanza Ibáñez – Ingeniera de Software" width="200"></div>\n')
    quick(name, "html", [con], "mailer", ew("Constanza Ibáñez") + " <cibanez@example.cl>", "cibanez@example.cl",
          "Denuncia", date(2026, 11, 18, 14, 0, 0, -3), None,
          ["matias.soto@example.com", "las minas no programan"],
          "HTML-only mail whose signature is an inline image (cid:) with the name in its alt text and filename.",
          html=html, attachments=[apart(sig, "image/png", "firma_Constanza_Ibanez.png", disp="inline",
                                        extra="Content-ID: <firma@cl>\n")], extra="X-Mailer: Zimbra 9.0\n")

    name = "html-signature-table-tel-link.eml"
    raf = R("Rafaela Monteiro", ["rafa.mv@example.com.br"], ["Rafaela", "Monteiro"],
            ["+55 11 98765-4321", "5511987654321", "rafaelamvasc", "Vasconcelos"])
    html = ('<div>Olá,</div><div>Na conferência, Thiago Nunes (thiago.nunes@example.com) disse para mim: '
            '&quot;volta pra cozinha&quot;.</div><br>'
            '<table cellpadding="0" cellspacing="0" style="font-family:Arial"><tr><td style="border-right:2px solid #0a66c2;padding-right:8px">'
            '<b>Rafaela M. Vasconcelos</b><br>Engenheira de Dados</td><td style="padding-left:8px">'
            '<a href="tel:+5511987654321">+55 11 98765-4321</a><br>'
            '<a href="https://www.linkedin.example.com/in/rafaelamvasc">in/rafaelamvasc</a></td></tr></table>\n')
    quick(name, "html", [raf], "mailer", "Rafaela Monteiro <rafa.mv@example.com.br>", "rafa.mv@example.com.br",
          "Denúncia", date(2026, 11, 18, 14, 30, 0, -3), None,
          ["thiago.nunes@example.com", "volta pra cozinha"],
          "HTML-only; signature as a two-column table: full name with a second surname the display name lacks "
          "(Vasconcelos), phone in a tel: link, LinkedIn slug built from initials.", html=html,
          extra="X-Mailer: Microsoft Outlook 16.0\n")

    name = "html-title-attribute-and-aria-label.eml"
    nad = R("Nadia Rahimi", ["nadia.rahimi@example.com"], ["Nadia", "Rahimi"], [])
    html = ('<div>Hi,</div><div>Screenshot text below (from the forum, Marcus Pell wrote it):</div>'
            '<blockquote><span title="Posted in reply to Nadia Rahimi" aria-label="reply to nadia.rahimi@example.com">'
            '&quot;she only got commit access because she is a woman&quot;</span></blockquote><div>N.</div>\n')
    quick(name, "html", [nad], "mailer", "Nadia Rahimi <nadia.rahimi@example.com>", "nadia.rahimi@example.com",
          "Forum post", date(2026, 11, 18, 15, 0, 0, 4.5), None,
          ["Marcus Pell", "she only got commit access because she is a woman"],
          "HTML-only paste from a forum: the reporter is only in title= and aria-label= attributes (a hover "
          "tooltip and the screen-reader text).", html=html, extra="X-Mailer: Mailspring\n")


# =========================================================================== 6 conflict routing
def conflicts():
    name = "conflict-sam-cyrillic-transliteration.eml"
    vik = R("Виктория Лебедева", ["v.lebedeva@example.ru"], ["Виктория", "Лебедева"], [])
    quick(name, "conflict-routing", [vik], "mailer", ew("Виктория Лебедева") + " <v.lebedeva@example.ru>",
          "v.lebedeva@example.ru", "Жалоба на Сэма Риверу", date(2026, 11, 19, 9, 0, 0, 3),
          "Здравствуйте,\n\nСэм Ривера на митапе сказал мне: \"русским девушкам тут не место\".\n\nВиктория",
          ["русским девушкам тут не место"],
          "The reported person (Sam Rivera, Bo's conflict) is named only in Russian transliteration: 'Сэм Ривера' / "
          "'Сэма Риверу' (accusative). When in doubt, exclude.", must_not=BO)

    name = "conflict-sam-in-html-title-attribute.eml"
    fio = R("Fiona Gallacher", ["fiona.g@example.co.uk"], ["Fiona", "Gallacher"], [])
    html = ('<div>Hello,</div><div>The organiser <span title="Sam Rivera">@the-organiser</span> posted this in the '
            'speakers channel: &quot;we only accepted her talk to fill the diversity slot&quot;.</div><div>Fiona</div>\n')
    quick(name, "conflict-routing", [fio], "mailer", "Fiona Gallacher <fiona.g@example.co.uk>", "fiona.g@example.co.uk",
          "Speakers channel", date(2026, 11, 19, 9, 30, 0, 0), None,
          ["@the-organiser", "we only accepted her talk to fill the diversity slot"],
          "HTML-only; Sam Rivera appears only in a title= attribute (Slack's hover card, pasted).", html=html,
          must_not=BO, extra="X-Mailer: Mailspring\n")

    name = "conflict-sam-inverted-gal-name-forward.eml"
    ama = R("Amara Nwosu", ["amara.nwosu@corp.example.com"], ["Amara", "Nwosu"], [])
    text = ("FYI, see below.\n\nAmara\n\n________________________________\nFrom: Rivera, Sam <srivera@corp.example.com>\n"
            "Sent: Tuesday, November 3, 2026 9:14 PM\nTo: Nwosu, Amara <amara.nwosu@corp.example.com>\nSubject: your promotion\n\n"
            "Don't expect the promotion. People like you are hired for the photos, not the code.\n")
    quick(name, "conflict-routing", [ama], "outlook", "\"Nwosu, Amara\" <amara.nwosu@corp.example.com>", "amara.nwosu@corp.example.com",
          "FW: your promotion", date(2026, 11, 19, 10, 0, 0, -5), text,
          ["People like you are hired for the photos, not the code."],
          "Outlook forward from a corporate directory: the reported person is 'Rivera, Sam' (GAL order) with an "
          "address unknown to the conflict list (srivera@corp…).", must_not=BO)

    name = "conflict-alias-only-in-attachment-filename.eml"
    sig = R("Sigrid Aune", ["sigrid.aune@example.no"], ["Sigrid", "Aune"], [])
    marek = person("Marek Wiśniewski", ["marek.w@example.com"], ["mwis"])
    quick(name, "conflict-routing", [sig], "k9", "Sigrid Aune <sigrid.aune@example.no>", "sigrid.aune@example.no",
          "Screenshots", date(2026, 11, 19, 10, 30, 0, 1),
          "Hi,\n\nThe screenshots of his DMs are attached. I'd rather not name him in the mail.\n\nSigrid",
          [], "The reported person is identified only by his handle in the attachment FILENAME "
          "(mwis-dm-1.png); Chidi declared a conflict with Marek Wiśniewski (alias mwis).",
          attachments=[apart(c2.png(name), "image/png", "mwis-dm-1.png")], must_not=CHIDI,
          conflicts={"chidi@example.org": [marek]}, cleaned=["mwis-dm-1.png"])

    name = "conflict-sam-noreply-github-address.eml"
    lun = R("Luna Castellanos", ["luna.castellanos@example.mx"], ["Luna", "Castellanos"], [])
    patch = ("From 1a2b3c4d Mon Sep 17 00:00:00 2001\nFrom: S <4711+samr@users.noreply.github.example.com>\n"
             "Date: Tue, 3 Nov 2026 21:14:00 +0000\nSubject: [PATCH] revert her garbage\n\n"
             "Reverting because women write garbage code.\n---\n README | 2 +-\n")
    quick(name, "conflict-routing", [lun], "fastmail", "Luna Castellanos <luna.castellanos@example.mx>", "luna.castellanos@example.mx",
          "Commit message", date(2026, 11, 19, 11, 0, 0, -6),
          "Hi,\n\nThe patch with this commit message is attached.\n\nLuna",
          ["Reverting because women write garbage code."],
          "git format-patch attachment whose author is a GitHub noreply address built on Sam's alias "
          "(4711+samr@users.noreply.github…) with the display name 'S'.",
          attachments=[apart(patch.encode(), "text/x-patch", "0001-revert.patch", charset="utf-8")], must_not=BO)

    name = "conflict-chidi-by-title-and-surname.eml"
    wan = R("Wanjiru Kamau", ["wanjiru.kamau@example.co.ke"], ["Wanjiru", "Kamau"], [])
    quick(name, "conflict-routing", [wan], "gmail", "Wanjiru Kamau <wanjiru.kamau@example.co.ke>", "wanjiru.kamau@example.co.ke",
          "About a committee member", date(2026, 11, 19, 11, 30, 0, 3),
          "Hello,\n\nI have to report Mr. Okafor from your own committee. At the events-team dinner he told me "
          "\"volunteers from Nairobi are only here for the free flights\".\n\nWanjiru",
          ["volunteers from Nairobi are only here for the free flights"],
          "A report about a committee member named by title and surname only ('Mr. Okafor'): Chidi Okafor is a party "
          "and must not receive it.", must_not=CHIDI)

    name = "conflict-reporter-inverted-name-ana.eml"
    kwa = R("Kwame Mensah", ["k.mensah@corp.example.com"], ["Kwame", "Mensah"], [])
    quick(name, "conflict-routing", [kwa], "owa", "\"Mensah, Kwame\" <k.mensah@corp.example.com>", "k.mensah@corp.example.com",
          "Incident at the sprint", date(2026, 11, 19, 12, 0, 0, 0),
          "Hello,\n\nAt the sprint Tim Okoro (tim.okoro@example.com) told me \"you only got in because of the "
          "outreach quota\".\n\nKwame",
          ["tim.okoro@example.com", "you only got in because of the outreach quota"],
          "The reporter writes from his work account whose display name is 'Mensah, Kwame'; Ana declared a conflict "
          "with 'Kwame Mensah' under his personal address only, so only the name can match.",
          must_not=ANA, conflicts={"ana@example.org": [person("Kwame Mensah", ["kwame@personal.example.net"])]})

    name = "conflict-sam-in-cc-of-attached-message.eml"
    ilk = R("Ilka Brandstetter", ["ilka.b@example.at"], ["Ilka", "Brandstetter"], [])
    inner = ("From: Leopold Huber <leopold.huber@example.com>\nTo: Ilka Brandstetter <ilka.b@example.at>\n"
             "Cc: srivera@other.example.org\nSubject: feedback\nDate: Mon, 2 Nov 2026 20:00:00 +0100\n"
             "Message-ID: <x1@example.com>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n"
             "We (Sam and I) agree you should step down; nobody wants a woman as release manager.\n")
    quick(name, "conflict-routing", [ilk], "thunderbird", "Ilka Brandstetter <ilka.b@example.at>", "ilka.b@example.at",
          "feedback mail", date(2026, 11, 19, 12, 30, 0, 1),
          "Hallo,\n\nThe mail from Leopold Huber is attached; the second person is in Cc.\n\nIlka",
          ["leopold.huber@example.com", "nobody wants a woman as release manager"],
          "Sam is co-author, named only in the Cc of an attached message by an address unknown to the conflict list "
          "(srivera@other…) and as 'Sam' in the body; expect Bo's exclusion (srivera is a handle of Sam Rivera).",
          attachments=[rfc822part(inner, "feedback.eml")], must_not=BO)

    name = "conflict-sam-in-ics-organizer.eml"
    ros = R("Rosa Quispe", ["rosa.quispe@example.pe"], ["Rosa", "Quispe"], [])
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nMETHOD:REQUEST\r\n"
           "BEGIN:VEVENT\r\nORGANIZER;CN=Sam Rivera:mailto:sam.rivera.events@example.com\r\n"
           "ATTENDEE;CN=rosa.quispe@example.pe;PARTSTAT=NEEDS-ACTION:mailto:rosa.quispe@example.pe\r\n"
           "SUMMARY:Private mentoring (my room)\r\nDTSTART:20261105T230000Z\r\nDTEND:20261106T010000Z\r\n"
           "UID:7kukuqrfedlm2d3hd4sg@google.example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    quick(name, "conflict-routing", [ros], "gmail", "Rosa Quispe <rosa.quispe@example.pe>", "rosa.quispe@example.pe",
          "Invitation", date(2026, 11, 19, 13, 0, 0, -5),
          "Hola,\n\nMe llegó esta invitación a las 11 de la noche a su cuarto. No quiero ir.\n\nRosa",
          ["Private mentoring (my room)"],
          "Sam Rivera named only as the ORGANIZER CN of a calendar invite, with an address unknown to the conflict "
          "list; the reporter is an ATTENDEE whose CN is her address.",
          attachments=[apart(ics.encode(), "text/calendar; method=REQUEST", "invite.ics", charset="utf-8")], must_not=BO)


# =========================================================================== main
SECTIONS = [names, charsets, intermediaries, nested, binaries, conflicts]


def write():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        if old.name not in c2.MESSAGES:
            old.unlink()
    for name, raw in c2.MESSAGES.items():
        (OUT / name).write_bytes(raw)
    (OUT / "manifest.json").write_text(
        json.dumps(dict(sorted(c2.MANIFEST.items())), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(c2.MESSAGES)} messages to {OUT.relative_to(ROOT)}")


def main():
    for section in SECTIONS:
        section()
    write()


if __name__ == "__main__":
    main()
