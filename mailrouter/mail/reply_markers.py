"""The words mail clients write where quoted or forwarded earlier mail begins.

Grouped by language so a language can be added (or, in a test, removed) in one
place. Every pattern built from these is applied to one line (or two or three
joined lines) at a time and uses only bounded repetition, so splitting is
linear in the size of the text.

Sources: the strings Gmail, Outlook (desktop, web, mobile), Apple Mail and
Thunderbird write in each language, as listed in the module's tests.
"""

import re

# Verbs that end an attribution line: "... Ana Lima <ana@example.org> wrote:".
VERBS_AT_END = {
    "en": ["wrote", "writes"],
    "de": ["schrieb", "geschrieben"],
    "fr": ["a écrit", "a ecrit", "écrit"],
    "es": ["escribió", "escribio"],
    "pt": ["escreveu"],
    "it": ["ha scritto", "scrisse"],
    "nl": ["het volgende geschreven", "schreef"],
    "pl": ["napisał(a)", "napisała", "napisał", "pisze"],
    "sv": ["skrev"],
    "ja": ["のメール", "さんは書きました", "は書きました", "書きました"],
    "zh": ["写道", "寫道"],
}

# Verbs that come before the writer's name: "Am ... schrieb Ana Lima <...>:".
VERBS_BEFORE_NAME = {
    "de": ["schrieb"],
    "nl": ["schreef"],
    "sv": ["skrev"],
    "pl": ["napisał(a)", "napisała", "napisał"],
}

# Words that open an attribution line that also carries a date and a time (or
# an address) and ends with a colon: "On 2 Nov 2026, at 10:00, ...:".
# Matched case-sensitively, so "on" or "a" inside a sentence do not count.
OPENERS = {
    "en": ["On"],
    "de": ["Am"],
    "fr": ["Le"],
    "es": ["El"],
    "pt": ["Em", "No dia", "A"],
    "it": ["Il giorno", "Il", "In data"],
    "nl": ["Op"],
    "pl": ["W dniu", "Dnia", "Wiadomość napisana przez"],
    "sv": ["Den"],
    "ja": [],
    "zh": ["在", "於"],
}

# Headers of a quoted or forwarded message ("From:", "Von:", "差出人:", ...).
HEADER_NAMES = {
    "en": ["From", "Sent", "Date", "To", "Cc", "Bcc", "Subject", "Reply-To"],
    "de": ["Von", "Gesendet", "Datum", "An", "Kopie", "Betreff", "Antwort an"],
    "fr": ["De", "Envoyé", "Envoye", "Date", "À", "A", "Cc", "Cci", "Objet",
           "Répondre à"],
    "es": ["De", "Enviado", "Enviado el", "Fecha", "Para", "CC", "CCO",
           "Asunto", "Responder a"],
    "pt": ["De", "Enviado", "Enviada", "Enviado em", "Enviada em",
           "Data", "Para", "Cc", "Assunto", "Responder a"],
    "it": ["Da", "Inviato", "Data", "A", "Cc", "Ccn", "Oggetto", "Rispondi a"],
    "nl": ["Van", "Verzonden", "Verstuurd", "Datum", "Aan", "CC", "Onderwerp",
           "Beantwoorden aan"],
    "pl": ["Od", "Wysłano", "Wysłane", "Data", "Do", "DW", "UDW", "Temat"],
    "sv": ["Från", "Skickat", "Skickades", "Datum", "Till", "Kopia", "Ämne"],
    "ja": ["差出人", "送信者", "送信日時", "日付", "宛先", "件名"],
    "zh": ["发件人", "发送时间", "时间", "日期", "收件人", "抄送", "主题",
           "寄件者", "寄件人", "寄件日期", "傳送時間", "收件者", "副本", "主旨"],
}

# Names of a forwarded or original message, written between dashes
# ("---------- Forwarded message ---------", "-----Original Message-----")
# or alone on a line, usually ending with a colon ("Begin forwarded message:").
SEPARATOR_PHRASES = {
    "en": ["Forwarded message", "Forwarded Message", "Original Message",
           "Begin forwarded message"],
    "de": ["Weitergeleitete Nachricht", "Ursprüngliche Nachricht",
           "Originalnachricht", "Original-Nachricht",
           "Anfang der weitergeleiteten Nachricht"],
    "fr": ["Message transféré", "Message d'origine", "Message d’origine",
           "Message original", "Début du message réexpédié",
           "Début du message transféré"],
    "es": ["Mensaje reenviado", "Mensaje original", "Inicio del mensaje reenviado",
           "Comienzo del mensaje reenviado"],
    "pt": ["Mensagem encaminhada", "Mensagem original", "Mensagem reencaminhada",
           "Início da mensagem reencaminhada", "Início da mensagem encaminhada"],
    "it": ["Messaggio inoltrato", "Messaggio originale", "Messaggio originario",
           "Inizio messaggio inoltrato"],
    "nl": ["Doorgestuurd bericht", "Oorspronkelijk bericht", "Origineel bericht",
           "Begin doorgestuurd bericht"],
    "pl": ["Przekazana wiadomość", "Wiadomość oryginalna", "Oryginalna wiadomość",
           "Wiadomość przekazana dalej", "Początek przekazywanej wiadomości"],
    "sv": ["Vidarebefordrat meddelande", "Ursprungligt meddelande",
           "Originalmeddelande", "Vidarebefordrat brev"],
    "ja": ["転送されたメッセージ", "転送メッセージ", "元のメッセージ",
           "オリジナルメッセージ"],
    "zh": ["转发的邮件", "以下是转发的邮件", "转发的消息", "转发邮件", "原始邮件",
           "原始郵件", "轉寄的郵件", "以下為轉寄的郵件", "以下是轉寄的郵件",
           "已轉寄郵件", "原始訊息", "轉寄的訊息"],
}

# First words of a mobile or app signature ("Sent from my iPhone"); the line
# must also name a device or an app (DEVICES) to count.
SENT_FROM = {
    "en": ["Sent from", "Sent via", "Sent using", "Sent with"],
    "de": ["Von meinem", "Von meiner", "Von mein", "Gesendet von", "Gesendet mit",
           "Von Outlook"],
    "fr": ["Envoyé de", "Envoyé depuis", "Envoye de", "Envoyé avec"],
    "es": ["Enviado desde", "Enviado con", "Enviado de"],
    "pt": ["Enviado do", "Enviado de", "Enviado a partir do", "Enviado a partir de",
           "Enviada do", "Enviado com"],
    "it": ["Inviato da", "Inviato con", "Inviato dal"],
    "nl": ["Verzonden vanaf", "Verzonden met", "Verstuurd vanaf", "Verstuurd met",
           "Verzonden van"],
    "pl": ["Wysłane z", "Wysłano z", "Wysłane przy użyciu"],
    "sv": ["Skickat från", "Skickades från"],
    "ja": [],
    "zh": ["发自", "從我的", "从我的", "寄自"],
}

# "Get Outlook for iOS" and its translations.
GET_OUTLOOK = {
    "en": ["Get Outlook for"],
    "de": ["Holen Sie sich Outlook für", "Outlook für"],
    "fr": ["Obtenir Outlook pour", "Télécharger Outlook pour"],
    "es": ["Obtener Outlook para", "Descargar Outlook para"],
    "pt": ["Obter o Outlook para", "Obtenha o Outlook para", "Baixe o Outlook para"],
    "it": ["Ottieni Outlook per", "Scarica Outlook per"],
    "nl": ["Outlook voor", "Download Outlook voor", "Outlook downloaden voor"],
    "pl": ["Pobierz aplikację Outlook dla", "Pobierz Outlook dla"],
    "sv": ["Skaffa Outlook för", "Hämta Outlook för"],
    "ja": [],
    "zh": ["获取 Outlook for", "取得 Outlook for", "獲取 Outlook for", "下载 Outlook for"],
}

DEVICES = ["iPhone", "iPad", "iPod", "Android", "Galaxy", "Samsung", "Huawei",
           "Xiaomi", "Pixel", "BlackBerry", "Outlook", "Mail", "Gmail", "Yahoo",
           "Proton", "Fairphone", "Nokia", "Motorola", "OnePlus", "smartphone",
           "mobile", "phone", "móvil", "movil", "celular", "telemóvel", "telefono",
           "cellulare", "telefoon", "mobiel", "telefonu", "telefon", "mobil",
           "Windows", "iOS", "tablet", "Handy", "portable", "手机", "手機", "携帯"]

# Whole-line mobile signatures that the two lists above do not describe.
MOBILE_SIGNATURE_EXTRA = [
    r".{1,30}から送信",                       # iPhoneから送信
    r"(?:iOS|Android)[ \t]{0,3}(?:版|用)[ \t]{0,3}(?:の[ \t]{0,3})?Outlook[ \t]{0,3}を入手.{0,60}",
    r"Von .{1,40} gesendet\.?",              # Von meinem iPhone gesendet
    r"从我的.{1,30}发送",
    r"從我的.{1,30}傳送",
    r"Outlook (?:for|für|pour|para|per|voor|dla|för) (?:iOS|Android).{0,60}",
]


# Compiled patterns. Each is applied to one line (or a few joined lines) and uses only
# bounded repetition.

def _alternation(groups, flag=""):
    words = sorted({word for group in groups.values() for word in group}, key=len, reverse=True)
    return flag + "(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s{1,3}") for word in words) + ")"


def _lowered(groups):
    """A case-sensitive pattern for lower-cased text: far faster than re.IGNORECASE on a long
    alternation. Whether a Latin-script verb starts a word is checked by the caller."""
    return _alternation({key: [word.lower() for word in words] for key, words in groups.items()})


NOT_LETTER = r"(?![^\W\d_])"
COLON_END = r"[ \t]{0,3}[:：][ \t]*$"
EMAIL = re.compile(r"[\w.+'-]@[\w-]{1,63}\.[\w-]")
ANGLE_ADDRESS = re.compile(r"<[^<>\s@]{1,200}@[^<>\s@]{1,255}>")
TIME = re.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
DATE = re.compile(
    r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d)"
    r"|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|(?<!\d)\d{1,2}\.?[ \t]{1,3}(?:de[ \t]{1,3})?[^\W\d_]{3,10}\.?(?:[ \t]{1,3}de)?,?[ \t]{1,3}(?:19|20)\d{2}(?!\d)"
    r"|[^\W\d_]{3,10}\.?[ \t]{1,3}\d{1,2},?[ \t]{1,3}(?:19|20)\d{2}(?!\d)")

QUOTE_LINE = re.compile(r"[ \t]{0,10}>")
VERB_AT_END = re.compile(_lowered(VERBS_AT_END) + COLON_END)
VERB_ANYWHERE = re.compile(_lowered(VERBS_AT_END) + r"[ \t]{0,3}[:：]")
VERB_BEFORE_NAME = re.compile(_lowered(VERBS_BEFORE_NAME) + NOT_LETTER + r".{1,300}[:：][ \t]*$")
OPENER = re.compile(r"[ \t]{0,10}" + _alternation(OPENERS) + NOT_LETTER + r".{0,400}[:：][ \t]*$")
ADDRESS_COLON = re.compile(r"@[^\s<>@]{1,255}>[ \t]{0,3}\)?" + COLON_END)
SEPARATOR_PHRASE = re.compile(
    r"[-_=*\s]{0,40}" + _alternation(SEPARATOR_PHRASES) + r"[-_=*\s]{0,40}[:：]?[-_=*\s]{0,40}",
    re.IGNORECASE)
SEPARATOR_LIKE = re.compile(r"[-_=*~]{5}")
SEPARATOR_RUN = re.compile(r"[-_=*~#]{4}")
# A line with none of these can only be a separator phrase or the start of a wrapped attribution,
# and can never look suspicious.
MARKER_CHARACTER = re.compile(r"[:：>@<]|[-_=*~#]{4}")
MARKER_LINE = re.compile(r"^.*?(?:[:：>@<]|[-_=*~#]{4}).*", re.MULTILINE)
HEADER_LINE = re.compile(
    r"[ \t]{0,10}\*{0,2}[ \t]{0,3}" + _alternation(HEADER_NAMES)
    + r"[ \t]{0,3}\*{0,2}[ \t]{0,3}[:：](?!//)", re.IGNORECASE)
FIELD_LINE = re.compile(
    r"[ \t]{0,10}\*{0,2}[^\W\d_][\w'’.()-]{0,25}(?:[ ][\w'’.()-]{1,25}){0,2}[ \t]{0,3}\*{0,2}[ \t]{0,3}"
    r"[:：](?!//)[ \t]{0,10}\S")

# A whole (stripped) line.
MOBILE_SIGNATURE = re.compile(
    "(?P<sent>" + _alternation(SENT_FROM) + r".{1,60})"
    "|" + _alternation(GET_OUTLOOK) + r"[ \t]{0,3}(?:iOS|Android).{0,60}"
    "|" + "|".join("(?:%s)" % extra for extra in MOBILE_SIGNATURE_EXTRA), re.IGNORECASE)
# Every mobile signature starts with one of these phrases or holds one of these words;
# searched in the lower-cased text (a case-sensitive search is much faster).
SIGNATURE_HINT = re.compile(
    r"^[ \t]{0,10}" + _alternation({key: [phrase.lower() for phrase in phrases]
                                    for key, phrases in {**SENT_FROM, "get": sum(GET_OUTLOOK.values(), [])}.items()})
    + r"|から送信|发送|傳送|gesendet|outlook", re.MULTILINE)
# Applied to the lower-cased line: a case-insensitive search through many words is slow.
DEVICE = re.compile(_alternation({"": [device.lower() for device in DEVICES]}))
DIGIT = re.compile(r"\d")
SIGNATURE_DASHES = re.compile(r"^--[ \t]?\r?$", re.MULTILINE)
