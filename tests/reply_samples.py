"""Member replies as mail clients write them, for mailrouter.mail.replies.

Each sample: {"id", "language", "client", "text", "own", "must_not_appear"} and,
optionally, "kind": "unclassified" (earlier mail in a shape the splitter does
not know: it must be held back as `unclassified`) or "prose" (an ordinary
reply that must come back whole). Other samples must be recognised: `quoted`
non-empty and `unclassified` empty.

The committee: Ana Lima <ana@example.org>, Bo Chen <bo@example.org>,
Chidi Okafor <chidi@example.org>. Chidi is the member replying; Ana's and Bo's
words below his must never reach the reporter.
"""

ANA = "Ana Lima <ana@example.org>"
BO = "Bo Chen <bo@example.org>"
CHIDI = "Chidi Okafor <chidi@example.org>"
PHONE = "+49 170 1234567"
SUBJECT = "RE: Case 2026-07"

# Per language: own words, the quoted discussion, and what each client writes.
# "labels" are the localised header lines of Outlook: from, sent, to, cc, subject.
LANGUAGES = {
    "en": dict(
        own="Hi,\n\nthanks for checking in. We have read your report and will come back\n"
            "to you before Friday with the next steps.\n\nBest regards,",
        body="Bo Chen thinks we should ask the reporter for the chat logs first.\n"
             "I would rather wait for Chidi's notes from the meeting.",
        team="Code of Conduct committee",
        labels=("From:", "Sent:", "To:", "Cc:", "Subject:"), date="Monday, 2 November 2026 10:00",
        gmail="On Mon, 2 Nov 2026 at 10:00, Ana Lima <ana@example.org> wrote:",
        apple="On 2 Nov 2026, at 10:00, Ana Lima <ana@example.org> wrote:",
        thunderbird="On 02/11/2026 10:00, Ana Lima wrote:",
        original="-----Original Message-----",
        gmail_fwd="---------- Forwarded message ---------",
        thunderbird_fwd="-------- Forwarded Message --------",
        apple_fwd="Begin forwarded message:",
        mobile="Sent from my iPhone"),
    "de": dict(
        own="Hallo,\n\ndanke für Ihre Nachricht. Wir haben Ihre Meldung gelesen und melden uns\n"
            "bis Freitag mit den nächsten Schritten.\n\nViele Grüße",
        body="Bo Chen meint, wir sollten die meldende Person zuerst um die Chatprotokolle bitten.\n"
             "Ich würde lieber auf Chidis Notizen aus der Sitzung warten.",
        team="Verhaltenskodex-Komitee",
        labels=("Von:", "Gesendet:", "An:", "Cc:", "Betreff:"), date="Montag, 2. November 2026 10:00",
        gmail="Am Mo., 2. Nov. 2026 um 10:00 Uhr schrieb Ana Lima <ana@example.org>:",
        apple="Am 02.11.2026 um 10:00 schrieb Ana Lima <ana@example.org>:",
        thunderbird="Am 02.11.26 um 10:00 schrieb Ana Lima:",
        original="-----Ursprüngliche Nachricht-----",
        gmail_fwd="---------- Weitergeleitete Nachricht ---------",
        thunderbird_fwd="-------- Weitergeleitete Nachricht --------",
        apple_fwd="Anfang der weitergeleiteten Nachricht:",
        mobile="Von meinem iPhone gesendet"),
    "fr": dict(
        own="Bonjour,\n\nmerci pour votre message. Nous avons lu votre signalement et nous vous\n"
            "répondrons avant vendredi avec les prochaines étapes.\n\nCordialement,",
        body="Bo Chen pense qu'il faut d'abord demander les journaux de discussion.\n"
             "Je préfère attendre les notes de Chidi sur la réunion.",
        team="Comité du code de conduite",
        labels=("De :", "Envoyé :", "À :", "Cc :", "Objet :"), date="lundi 2 novembre 2026 10:00",
        gmail="Le lun. 2 nov. 2026 à 10:00, Ana Lima <ana@example.org> a écrit :",
        apple="Le 2 nov. 2026 à 10:00, Ana Lima <ana@example.org> a écrit :",
        thunderbird="Le 02/11/2026 à 10:00, Ana Lima a écrit :",
        original="-----Message d'origine-----",
        gmail_fwd="---------- Message transféré ---------",
        thunderbird_fwd="-------- Message transféré --------",
        apple_fwd="Début du message réexpédié :",
        mobile="Envoyé de mon iPhone"),
    "es": dict(
        own="Hola:\n\ngracias por escribirnos. Hemos leído tu informe y te responderemos\n"
            "antes del viernes con los próximos pasos.\n\nUn saludo,",
        body="Bo Chen cree que primero deberíamos pedir los registros del chat.\n"
             "Yo prefiero esperar las notas de Chidi sobre la reunión.",
        team="Comité del código de conducta",
        labels=("De:", "Enviado:", "Para:", "CC:", "Asunto:"), date="lunes, 2 de noviembre de 2026 10:00",
        gmail="El lun, 2 nov 2026 a las 10:00, Ana Lima (<ana@example.org>) escribió:",
        apple="El 2 nov 2026, a las 10:00, Ana Lima <ana@example.org> escribió:",
        thunderbird="El 2/11/26 a las 10:00, Ana Lima escribió:",
        original="-----Mensaje original-----",
        gmail_fwd="---------- Mensaje reenviado ---------",
        thunderbird_fwd="-------- Mensaje reenviado --------",
        apple_fwd="Inicio del mensaje reenviado:",
        mobile="Enviado desde mi iPhone"),
    "pt-BR": dict(
        own="Olá,\n\nobrigado pela mensagem. Lemos a sua denúncia e retornaremos\n"
            "até sexta-feira com os próximos passos.\n\nAtenciosamente,",
        body="Bo Chen acha que devemos pedir primeiro os registros do chat.\n"
             "Eu prefiro esperar as anotações do Chidi sobre a reunião.",
        team="Comitê do código de conduta",
        labels=("De:", "Enviada em:", "Para:", "Cc:", "Assunto:"),
        date="segunda-feira, 2 de novembro de 2026 10:00",
        gmail="Em seg., 2 de nov. de 2026 às 10:00, Ana Lima <ana@example.org> escreveu:",
        apple="Em 2 de nov. de 2026, à(s) 10:00, Ana Lima <ana@example.org> escreveu:",
        thunderbird="Em 02/11/2026 10:00, Ana Lima escreveu:",
        original="-----Mensagem original-----",
        gmail_fwd="---------- Mensagem encaminhada ---------",
        thunderbird_fwd="-------- Mensagem encaminhada --------",
        apple_fwd="Início da mensagem encaminhada:",
        mobile="Enviado do meu iPhone"),
    "pt-PT": dict(
        own="Olá,\n\nobrigado pela mensagem. Lemos a sua participação e responderemos\n"
            "até sexta-feira com os próximos passos.\n\nCumprimentos,",
        body="O Bo Chen acha que devemos pedir primeiro os registos da conversa.\n"
             "Eu prefiro esperar pelas notas do Chidi sobre a reunião.",
        team="Comissão do código de conduta",
        labels=("De:", "Enviado:", "Para:", "Cc:", "Assunto:"), date="2 de novembro de 2026 10:00",
        gmail="Em seg., 2/11/2026 às 10:00, Ana Lima <ana@example.org> escreveu:",
        apple="A 02/11/2026, às 10:00, Ana Lima <ana@example.org> escreveu:",
        thunderbird="Em 02/11/2026 10:00, Ana Lima escreveu:",
        original="-----Mensagem original-----",
        gmail_fwd="---------- Mensagem encaminhada ---------",
        thunderbird_fwd="-------- Mensagem reencaminhada --------",
        apple_fwd="Início da mensagem reencaminhada:",
        mobile="Enviado do meu iPhone"),
    "it": dict(
        own="Ciao,\n\ngrazie per il messaggio. Abbiamo letto la tua segnalazione e ti\n"
            "risponderemo entro venerdì con i prossimi passi.\n\nCordiali saluti,",
        body="Bo Chen pensa che dovremmo prima chiedere i log della chat.\n"
             "Io preferirei aspettare gli appunti di Chidi sulla riunione.",
        team="Comitato del codice di condotta",
        labels=("Da:", "Inviato:", "A:", "Cc:", "Oggetto:"), date="lunedì 2 novembre 2026 10:00",
        gmail="Il giorno lun 2 nov 2026 alle ore 10:00 Ana Lima <ana@example.org> ha scritto:",
        apple="Il giorno 2 nov 2026, alle ore 10:00, Ana Lima <ana@example.org> ha scritto:",
        thunderbird="Il 02/11/26 10:00, Ana Lima ha scritto:",
        original="-----Messaggio originale-----",
        gmail_fwd="---------- Messaggio inoltrato ---------",
        thunderbird_fwd="-------- Messaggio Inoltrato --------",
        apple_fwd="Inizio messaggio inoltrato:",
        mobile="Inviato da iPhone"),
    "nl": dict(
        own="Hallo,\n\nbedankt voor je bericht. We hebben je melding gelezen en komen\n"
            "voor vrijdag bij je terug met de volgende stappen.\n\nMet vriendelijke groet,",
        body="Bo Chen vindt dat we eerst om de chatlogs moeten vragen.\n"
             "Ik wacht liever op de aantekeningen van Chidi over de vergadering.",
        team="Gedragscodecommissie",
        labels=("Van:", "Verzonden:", "Aan:", "CC:", "Onderwerp:"), date="maandag 2 november 2026 10:00",
        gmail="Op ma 2 nov 2026 om 10:00 schreef Ana Lima <ana@example.org>:",
        apple="Op 2 nov 2026 om 10:00 heeft Ana Lima <ana@example.org> het volgende geschreven:",
        thunderbird="Op 02-11-2026 om 10:00 schreef Ana Lima:",
        original="-----Oorspronkelijk bericht-----",
        gmail_fwd="---------- Doorgestuurd bericht ---------",
        thunderbird_fwd="-------- Doorgestuurd bericht --------",
        apple_fwd="Begin doorgestuurd bericht:",
        mobile="Verzonden vanaf mijn iPhone"),
    "pl": dict(
        own="Dzień dobry,\n\ndziękujemy za wiadomość. Przeczytaliśmy zgłoszenie i odpowiemy\n"
            "do piątku, opisując kolejne kroki.\n\nPozdrawiamy",
        body="Bo Chen uważa, że najpierw powinniśmy poprosić o logi czatu.\n"
             "Wolałabym poczekać na notatki Chidiego ze spotkania.",
        team="Komisja ds. kodeksu postępowania",
        labels=("Od:", "Wysłano:", "Do:", "DW:", "Temat:"), date="poniedziałek, 2 listopada 2026 10:00",
        gmail="pon., 2 lis 2026 o 10:00 Ana Lima <ana@example.org> napisał(a):",
        apple="Wiadomość napisana przez Ana Lima <ana@example.org> w dniu 02.11.2026, o godz. 10:00:",
        thunderbird="W dniu 2.11.2026 o 10:00, Ana Lima pisze:",
        original="-----Wiadomość oryginalna-----",
        gmail_fwd="---------- Przekazana wiadomość ---------",
        thunderbird_fwd="-------- Przekazana wiadomość --------",
        apple_fwd="Początek przekazywanej wiadomości:",
        mobile="Wysłane z iPhone'a"),
    "sv": dict(
        own="Hej,\n\ntack för ditt meddelande. Vi har läst din anmälan och återkommer\n"
            "före fredag med nästa steg.\n\nVänliga hälsningar",
        body="Bo Chen tycker att vi först ska be om chattloggarna.\n"
             "Jag väntar hellre på Chidis anteckningar från mötet.",
        team="Uppförandekodskommittén",
        labels=("Från:", "Skickat:", "Till:", "Kopia:", "Ämne:"), date="den 2 november 2026 10:00",
        gmail="Den mån 2 nov. 2026 kl 10:00 skrev Ana Lima <ana@example.org>:",
        apple="2 nov. 2026 kl. 10:00 skrev Ana Lima <ana@example.org>:",
        thunderbird="Den 2026-11-02 kl. 10:00, skrev Ana Lima:",
        original="-----Ursprungligt meddelande-----",
        gmail_fwd="---------- Vidarebefordrat meddelande ---------",
        thunderbird_fwd="-------- Vidarebefordrat meddelande --------",
        apple_fwd="Vidarebefordrat brev:",
        mobile="Skickat från min iPhone"),
    "ja": dict(
        own="こんにちは。\n\nご連絡ありがとうございます。報告を拝読しました。\n"
            "金曜日までに今後の手順についてご連絡します。\n\nよろしくお願いいたします。",
        body="Bo Chen さんは、まずチャットのログを依頼すべきだと考えています。\n"
             "私は会議についての Chidi さんのメモを待ちたいです。",
        team="行動規範委員会",
        labels=("差出人:", "送信日時:", "宛先:", "CC:", "件名:"), date="2026年11月2日 10:00",
        gmail="2026年11月2日(月) 10:00 Ana Lima <ana@example.org>:",
        apple="2026/11/02 10:00、Ana Lima <ana@example.org>のメール:",
        thunderbird="2026/11/02 10:00, Ana Lima wrote:",
        original="-----元のメッセージ-----",
        gmail_fwd="---------- 転送されたメッセージ ---------",
        thunderbird_fwd="-------- 転送メッセージ --------",
        apple_fwd="転送されたメッセージ:",
        mobile="iPhoneから送信"),
    "zh-CN": dict(
        own="您好，\n\n感谢您的来信。我们已经阅读了您的报告，\n将在周五之前告知您后续步骤。\n\n此致",
        body="Bo Chen 认为我们应该先请对方提供聊天记录。\n我更想等 Chidi 的会议记录。",
        team="行为准则委员会",
        labels=("发件人:", "发送时间:", "收件人:", "抄送:", "主题:"), date="2026年11月2日 10:00",
        gmail="Ana Lima <ana@example.org> 于2026年11月2日周一 10:00写道：",
        apple="在 2026年11月2日，10:00，Ana Lima <ana@example.org> 写道：",
        thunderbird="在 2026/11/2 10:00, Ana Lima 写道:",
        original="-----原始邮件-----",
        gmail_fwd="---------- 转发的邮件 ---------",
        thunderbird_fwd="-------- 转发的消息 --------",
        apple_fwd="以下是转发的邮件：",
        mobile="发自我的iPhone"),
    "zh-TW": dict(
        own="您好：\n\n謝謝您的來信。我們已閱讀您的報告，\n會在星期五之前告知您後續步驟。\n\n敬祝 順心",
        body="Bo Chen 認為我們應該先請對方提供聊天紀錄。\n我比較想等 Chidi 的會議筆記。",
        team="行為準則委員會",
        labels=("寄件者:", "寄件日期:", "收件者:", "副本:", "主旨:"), date="2026年11月2日 上午 10:00",
        gmail="Ana Lima <ana@example.org> 於 2026年11月2日 週一 上午10:00寫道：",
        apple="Ana Lima <ana@example.org> 於 2026年11月2日 上午10:00 寫道：",
        thunderbird="Ana Lima 在 2026/11/2 上午 10:00 寫道:",
        original="-----原始郵件-----",
        gmail_fwd="---------- 轉寄的郵件 ---------",
        thunderbird_fwd="-------- 轉寄的訊息 --------",
        apple_fwd="以下為轉寄的郵件：",
        mobile="從我的 iPhone 傳送"),
}


def _signed(spec):
    return f"{spec['body']}\n\nAna Lima\n{spec['team']}\n{PHONE}"


def _prefixed(text, mark="> "):
    return "\n".join((mark + line).rstrip() for line in text.split("\n"))


def _headers(spec):
    sender, sent, to, cc, subject = spec["labels"]
    return (f"{sender} {ANA}\n{sent} {spec['date']}\n{to} {BO}\n{cc} {CHIDI}\n"
            f"{subject} {SUBJECT}")


def _nested(spec):
    return (_prefixed(_signed(spec)) + "\n>\n> " + spec["gmail"].replace("Ana Lima", "Bo Chen")
            .replace("ana@", "bo@") + "\n>\n> > Bo Chen: the reporter named two witnesses.")


def _texts(spec):
    """(client, text after the own words) for each shape the clients write."""
    own = spec["own"]
    sender = spec["labels"][0]
    return [
        ("gmail", f"{own}\n\n{spec['gmail']}\n\n{_nested(spec)}\n"),
        ("apple", f"{own}\n\n{spec['apple']}\n\n{_prefixed(_signed(spec))}\n"),
        ("thunderbird", f"{own}\n\n{spec['thunderbird']}\n{_prefixed(_signed(spec))}\n"),
        ("outlook", f"{own}\n\n{'_' * 32}\n{_headers(spec)}\n\n{_signed(spec)}\n"),
        ("outlook-original", f"{own}\n\n{spec['original']}\n{_headers(spec)}\n\n{_signed(spec)}\n"),
        ("gmail-fwd", f"{own}\n\n{spec['gmail_fwd']}\n{sender} {ANA}\nDate: {spec['date']}\n"
                      f"Subject: {SUBJECT}\nTo: {BO}\n\n\n{_signed(spec)}\n"),
        ("thunderbird-fwd", f"{own}\n\n{spec['thunderbird_fwd']}\n{spec['labels'][4]} \t{SUBJECT}\n"
                            f"{spec['labels'][1]} \t{spec['date']}\n{sender} \t{ANA}\n"
                            f"{spec['labels'][2]} \t{BO}\n\n\n\n{_signed(spec)}\n"),
        ("apple-fwd", f"{own}\n\n{spec['apple_fwd']}\n\n{sender} {ANA}\n{spec['labels'][4]} {SUBJECT}\n"
                      f"{spec['labels'][1]} {spec['date']}\n{spec['labels'][2]} {BO}\n\n{_signed(spec)}\n"),
        ("mobile", f"{own}\n\n{spec['mobile']}\n\n{spec['apple']}\n\n{_prefixed(_signed(spec))}\n"),
    ]


def _present(secrets, text):
    return [secret for secret in secrets if secret in text]


def _language_samples():
    samples = []
    for language, spec in LANGUAGES.items():
        first_line = spec["body"].split("\n")[0]
        for client, text in _texts(spec):
            samples.append({
                "id": f"{client}-{language}", "language": language, "client": client,
                "text": text, "own": spec["own"],
                "must_not_appear": _present(["Ana Lima", "ana@example.org", "Bo Chen", PHONE, first_line],
                                            text),
            })
    return samples


NOT_QUOTED = ["Ana Lima", "ana@example.org", "Bo Chen", PHONE, "witnesses"]
EN_OWN = LANGUAGES["en"]["own"]
QUOTED_EN = ("> Bo Chen thinks the witnesses should be asked first.\n>\n> Ana Lima\n"
             f"> Code of Conduct committee\n> {PHONE}\n")
BODY_EN = ("Bo Chen thinks the witnesses should be asked first.\n\nAna Lima\n"
           f"Code of Conduct committee\n{PHONE}\n")


def _special(id_, language, client, text, own=EN_OWN, kind=None):
    sample = {"id": id_, "language": language, "client": client, "text": text, "own": own,
              "must_not_appear": _present(NOT_QUOTED, text)}
    if kind:
        sample["kind"] = kind
    return sample


SPECIAL_SAMPLES = [
    # Gmail wraps long attribution lines; the address or the verb moves to the next line.
    _special("gmail-wrapped-en", "en", "gmail",
             f"{EN_OWN}\n\nOn Mon, 2 Nov 2026 at 10:00, Ana Lima <ana@example.org>\nwrote:\n\n{QUOTED_EN}"),
    _special("gmail-wrapped-de", "de", "gmail",
             "Hallo,\n\neinverstanden.\n\nAm Mo., 2. Nov. 2026 um 10:00 Uhr schrieb Ana Lima <\n"
             f"ana@example.org>:\n\n{QUOTED_EN}", own="Hallo,\n\neinverstanden."),
    _special("gmail-wrapped-it", "it", "gmail",
             "Ciao,\n\nva bene.\n\nIl giorno lun 2 nov 2026 alle ore 10:00 Ana Lima <ana@example.org>\n"
             f"ha scritto:\n\n{QUOTED_EN}", own="Ciao,\n\nva bene."),
    _special("gmail-wrapped-es-three-lines", "es", "gmail",
             "Hola:\n\nde acuerdo.\n\nEl lun, 2 nov 2026 a las 10:00, Ana Lima Ferreira da Silva Santos\n"
             f"(<ana@example.org>)\nescribió:\n\n{QUOTED_EN}", own="Hola:\n\nde acuerdo."),
    _special("gmail-wrapped-zh", "zh-CN", "gmail",
             "好的，同意。\n\nAna Lima <ana@example.org> 于2026年11月2日周一\n10:00写道：\n\n" + QUOTED_EN,
             own="好的，同意。"),
    # Outlook header blocks with no separator line above them.
    _special("outlook-no-separator-en", "en", "outlook",
             f"{EN_OWN}\n\nFrom: {ANA}\nSent: Monday, November 2, 2026 10:00 AM\nTo: {BO}\n"
             f"Subject: {SUBJECT}\n\n{BODY_EN}"),
    _special("outlook-mac-no-separator-de", "de", "outlook",
             f"Hallo,\n\nich übernehme das.\n\nVon: {ANA}\nDatum: Montag, 2. November 2026 um 10:00\n"
             f"An: {BO}\nBetreff: AW: Fall 2026-07\n\n{BODY_EN}", own="Hallo,\n\nich übernehme das."),
    _special("outlook-blank-lines-between-headers-fr", "fr", "outlook",
             f"Bonjour,\n\nd'accord.\n\nDe : {ANA}\n\nEnvoyé : lundi 2 novembre 2026 10:00\n\n"
             f"À : {BO}\n\nObjet : {SUBJECT}\n\n{BODY_EN}", own="Bonjour,\n\nd'accord."),
    _special("gmail-bold-headers-en", "en", "gmail",
             f"{EN_OWN}\n\n*From:* Ana Lima <ana@example.org>\n*Sent:* Monday, 2 November 2026 10:00\n"
             f"*To:* Bo Chen <bo@example.org>\n*Subject:* {SUBJECT}\n\n{BODY_EN}"),
    _special("outlook-fullwidth-colon-ja", "ja", "outlook",
             f"了解しました。\n\n差出人：{ANA}\n送信日時：2026年11月2日 10:00\n宛先：{BO}\n件名：{SUBJECT}\n\n"
             + BODY_EN, own="了解しました。"),
    _special("outlook-mobile-en", "en", "outlook",
             f"{EN_OWN}\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n{'_' * 32}\nFrom: {ANA}\n"
             f"Sent: Monday, November 2, 2026 10:00:00 AM\nTo: {BO}\nSubject: {SUBJECT}\n\n{BODY_EN}"),
    _special("outlook-mailto-en", "en", "outlook",
             f"{EN_OWN}\n\n{'_' * 32}\nFrom: Ana Lima <ana@example.org<mailto:ana@example.org>>\n"
             f"Sent: Monday, November 2, 2026 10:00\nTo: Bo Chen <bo@example.org<mailto:bo@example.org>>\n"
             f"Subject: {SUBJECT}\n\n{BODY_EN}"),
    _special("thunderbird-ja-san", "ja", "thunderbird",
             f"承知しました。\n\nAna Lima さんは書きました:\n{QUOTED_EN}", own="承知しました。"),
    # Nested quotes and quote marks only.
    _special("nested-quotes-only", "en", "any",
             f"{EN_OWN}\n\n> > Bo Chen: the witnesses are Ana Lima's colleagues.\n> > {PHONE}\n"
             "> Agreed.\n"),
    _special("quote-without-attribution", "en", "any", f"{EN_OWN}\n\n{QUOTED_EN}"),
    _special("signature-dashes-then-quote", "en", "gmail",
             f"{EN_OWN}\n\n-- \nChidi Okafor\nCode of Conduct committee\n\n"
             f"On Mon, 2 Nov 2026 at 10:00, Ana Lima <ana@example.org> wrote:\n{QUOTED_EN}"),
    _special("mobile-android-en", "en", "gmail",
             f"{EN_OWN}\n\nSent from my Galaxy\n\n-------- Original message --------\nFrom: {ANA}\n"
             f"Date: 02/11/2026 10:00 (GMT+01:00)\nTo: {BO}\nSubject: {SUBJECT}\n\n{BODY_EN}"),
    _special("mobile-outlook-android-de", "de", "outlook",
             f"Hallo,\n\npasst.\n\nOutlook für Android herunterladen<https://aka.ms/ghei36>\n"
             f"{'_' * 32}\nVon: {ANA}\nGesendet: Montag, November 2, 2026 10:00:00 AM\nAn: {BO}\n"
             f"Betreff: {SUBJECT}\n\n{BODY_EN}", own="Hallo,\n\npasst."),
    _special("generic-unknown-verb-before-quotes", "fi", "gmail",
             "Hei,\n\nselvä.\n\nma 2.11.2026 klo 10.00 Ana Lima <ana@example.org> kirjoitti:\n\n" + QUOTED_EN,
             own="Hei,\n\nselvä."),
]

# Earlier mail in shapes the splitter does not know: it must be held back.
UNCLASSIFIED_SAMPLES = [
    _special("unknown-outlook-tr", "tr", "outlook",
             f"{EN_OWN}\n\nKimden: {ANA}\nGönderildi: 2 Kasım 2026 Pazartesi 10:00\nKime: {BO}\n"
             f"Konu: {SUBJECT}\n\n{BODY_EN}", kind="unclassified"),
    _special("unknown-outlook-ru", "ru", "outlook",
             f"{EN_OWN}\n\nОт: {ANA}\nОтправлено: 2 ноября 2026 г. 10:00\nКому: {BO}\nТема: {SUBJECT}\n\n"
             + BODY_EN, kind="unclassified"),
    _special("unknown-outlook-el", "el", "outlook",
             f"{EN_OWN}\n\nΑπό: {ANA}\nΣτάλθηκε: Δευτέρα, 2 Νοεμβρίου 2026 10:00 π.μ.\nΠρος: {BO}\n"
             f"Θέμα: {SUBJECT}\n\n{BODY_EN}", kind="unclassified"),
    _special("novel-separator", "en", "unknown",
             f"{EN_OWN}\n\n==== previous message ====\n{BODY_EN}", kind="unclassified"),
    _special("unknown-attribution-unprefixed-fi", "fi", "gmail",
             f"{EN_OWN}\n\nma 2. marrask. 2026 klo 10.00 Ana Lima (ana@example.org) kirjoitti:\n\n{BODY_EN}",
             kind="unclassified"),
    _special("unknown-attribution-no-address-tr", "tr", "thunderbird",
             f"{EN_OWN}\n\n02.11.2026 10:00 tarihinde Ana Lima yazdı:\n\n{BODY_EN}", kind="unclassified"),
    _special("angle-address-line", "en", "unknown",
             f"{EN_OWN}\n\nAna Lima <ana@example.org> | Code of Conduct committee\n{BODY_EN}",
             kind="unclassified"),
    _special("fields-with-addresses-hu", "hu", "outlook",
             f"{EN_OWN}\n\nFeladó: Ana Lima (ana@example.org)\nElküldve: 2026. november 2. 10:00\n"
             f"Címzett: bo@example.org\nTárgy: {SUBJECT}\n\n{BODY_EN}", kind="unclassified"),
    _special("underscores-unknown-headers-id", "id", "outlook",
             f"{EN_OWN}\n\n{'_' * 32}\nDari: Ana Lima\nTerkirim: Senin, 2 November 2026 10.00\n"
             f"Kepada: Bo Chen\nPerihal: {SUBJECT}\n\n{BODY_EN}", kind="unclassified"),
    _special("unknown-attribution-ko", "ko", "gmail",
             f"{EN_OWN}\n\n2026년 11월 2일 (월) 오전 10:00, Ana Lima <ana@example.org>님이 작성:\n\n{BODY_EN}",
             kind="unclassified"),
]

PROSE = [
    ("prose-en-times", "en",
     "Hi,\n\nthe hearing is on Monday at 10:00: please bring any messages you want us to see.\n"
     "You can also write to coc@example.org if anything changes.\n\nKind regards,"),
    ("prose-en-agenda", "en",
     "Hello again,\n\nhere is what happens next:\n\n1. We talk to the people involved.\n"
     "2. We decide by 2 Nov 2026.\nNote: nothing you told us is shared.\n\nThanks,"),
    ("prose-de", "de",
     "Hallo,\n\nTermin: Montag, 10:00 Uhr, online.\nWir haben Folgendes beschlossen:\n"
     "- die Person wird verwarnt,\n- wir melden uns in zwei Wochen.\n\nViele Grüße"),
    ("prose-fr", "fr",
     "Bonjour,\n\nvoici ce que nous proposons :\n\n* un échange le 4 novembre à 14:30 ;\n"
     "* un compte rendu écrit.\n\nCordialement,"),
    ("prose-es-url", "es",
     "Hola:\n\npuedes leer nuestras normas aquí: https://example.org/coc\n"
     "Re: tu pregunta, sí, puedes escribirnos en cualquier momento.\n\nUn saludo,"),
    ("prose-ja", "ja",
     "こんにちは。\n\n次の会議は11月2日 10:00からです。\n以下の点を確認しました：\n・日時\n・場所\n\nよろしくお願いします。"),
    ("prose-zh", "zh-CN",
     "您好，\n\n我们的建议如下：\n一、暂停该成员的发言权限；\n二、两周后复查。\n\n此致"),
    ("prose-pl-ps", "pl",
     "Dzień dobry,\n\ndziękujemy za cierpliwość.\nPS: spotkanie odbędzie się o 10:00.\n\nPozdrawiamy"),
    ("prose-en-options", "en",
     "Hi,\n\nthe options are:\nA: we wait for the second statement\nB: we decide now\n\nBest,"),
    ("prose-en-arrow-in-line", "en",
     "Hi,\n\nthe order was: report -> review -> decision.\nWe're at step two; expect news soon.\n\nBest,"),
]

PROSE_SAMPLES = [
    {"id": id_, "language": language, "client": "any", "text": text, "own": text,
     "must_not_appear": [], "kind": "prose"}
    for id_, language, text in PROSE
]

SAMPLES = _language_samples() + SPECIAL_SAMPLES + UNCLASSIFIED_SAMPLES + PROSE_SAMPLES
