"""The words that say a contact detail is the writer's own, or someone else's, by language
(`own_contacts`): a first-person cue ("my number", "call me", "nomor saya", "nipigie",
"số điện thoại của tôi", "akong i-text", "ติดต่อดิฉัน") and a word about someone else ("his",
"Sam's", "dia", "niya", 他). Grouped by language so a language is added in one place.
"""

_NOUN = (r"(?:phone|mobile|cell|number|no\.|tel|whats ?app|signal|telegram|wechat|line|twitter|instagram|insta|"
         r"threema|viber|id|profile|handle|user ?name|e-?mail|\w*address|skype|discord|mastodon|contact)")
CUES = [
    rf"\bmy(?:\s+[\w-]+){{0,2}}?\s+{_NOUN}\b", r"\bmine is\b",
    r"\b(?:call|text|ring|reach|contact|phone|whats ?app|message|signal|sms|e-?mail|mail|dm|ping|add|write to|"
    r"get hold of) me\b", r"\bi(?:'m|’m| am) (?:on|at|reachable)\b", r"\byou can reach\b", r"\breachable\b",
    r"\bmein(?:e|en)?(?:\s+[\w-]+)?\s+[\w-]*(?:nummer|handy|telefon|mobil|mail|adresse|account|konto|profil)\w*",
    r"\b(?:ruf|schreib|kontaktier)(?:t|en sie)? mi(?:ch|r)\b", r"\berreich(?:bar|en sie mich|st du mich)",
    # "Sie erreichen mich unter", "Ihr erreicht mich", "Sie können mich unter … erreichen".
    r"\berreich(?:en|t|st) mich\b|\b(?:könnt|können|kannst|könnten) (?:ihr |sie |du )?mich (?:unter|über|per|auf)\b",
    r"\bbin ich (?:unter|über|per|auf)\b|\bantwort(?:et|en sie)\b",
    r"\b(?:mon|ma|mes)(?:\s+[\w-]+)?\s+(?:numéro|num|portable|mobile|t[ée]l\w*|adresse|e?-?mail|courriel|"
    r"compte|pseudo)", r"\bme (?:r?appeler|joindre|contacter|écrire|téléphoner)\b",
    r"\b(?:r?appel|contact|écriv|joign|répond)ez[- ]moi\b", r"\b(?:r?appelle|contacte|écris)[- ]moi\b", r"\bjoignable\b",
    r"\bmis?(?:\s+\w+)?\s+(?:número|numero|cel(?:ular)?|m[óo]vil|tel[ée]fono|tel|whats ?app|correo|e-?mail|"
    r"dirección|cuenta|usuario)", r"\bll[áa]m(?:a|e|en)me\b|\bescr[íi]b(?:e|a|an)me\b|\bcont[áa]ct(?:a|e|en)me\b",
    r"\bme (?:pueden|puedes|puede|podéis|podeis) (?:llamar|escribir|contactar|mandar|marcar|localizar)\b|"
    r"\b(?:contactar|localizar|llamar)me\b",
    r"\b(?:meu|minha)(?:\s+\w+)?\s+(?:número|numero|celular|telefone|telemóvel|zap|whats ?app|e-?mail|endereço|"
    r"conta|perfil)", r"\bme (?:liga|ligue|liguem|chama|chame|mande|manda)\b",
    r"\b(?:il mio|la mia)\s+(?:numero|cellulare|cell|telefono|indirizzo|e?-?mail)|\b(?:chiam|contatt|scriv)ami\b",
    r"\bmi (?:potete|puoi|può|potreste) (?:raggiungere|contattare|chiamare|scrivere)\b",
    r"\bmijn(?:\s+\w+)?\s+(?:nummer|telefoon\w*|mobiel\w*|e-?mail\w*|adres)|\bbel me\b|\bbereikbaar\b",
    r"\b(?:me|mij) (?:bereiken|bellen|appen|mailen|contacteren)\b|\bbereik (?:me|mij)\b",
    r"\b(?:mój|moj|moja|moje|mojego|mojej)(?:\s+\w+)?\s+(?:numer|telefon|komórk\w*|e-?mail|adres|mail)",
    r"\b(?:zadzwoń|napisz) do mnie\b",
    r"(?:мой|моя|мою|мій|мого)(?:\s+\w+)?\s+(?:номер|телефон|мобильн\w*|мобільн\w*|почт\w*|пошт\w*|адрес\w*|"
    r"телеграм|ник)", r"(?:звоните|позвоните|пишите|напишите|звоніть|пишіть|напишіть) (?:мне|мені)\b",
    r"\b(?:numaram|telefonum|e-?postam|adresim|beni ara|bana ulaş)",
    r"(?:私|わたし|僕|ぼく|俺|自分)の(?:携帯|電話|番号|連絡先|メール|アドレス|LINE|ライン|アカウント|ID)",
    r"我的\s*(?:手机|手機|电话|電話|号码|號碼|微信|邮箱|郵箱|电邮|QQ|推特|账号|帳號|联系方式|聯繫方式|LINE|Telegram|IG|ID)",
    r"(?:联系|聯繫|联络|打给|打給|加)我|我是|我叫",
    r"(?<![가-힣])(?:제|내|저의|나의)\s*(?:번호|전화|휴대폰|핸드폰|연락처|이메일|메일|카톡|카카오톡|아이디|주소|트위터|인스타)",
    r"मेरा (?:नंबर|फ़ोन|फोन|मोबाइल|ईमेल)|मेरी ईमेल|मुझे (?:कॉल|फ़ोन|फोन)|मुझसे",
    r"\bmera (?:number|no\b|num|phone|mobile|whats ?app|mail|email|id)\b|\bmeri (?:email|id)\b",
    r"\bmujhe (?:call|phone|msg|message|whats ?app)\b|\bmujhse\b",
    r"رقمي|هاتفي|جوالي|بريدي|حسابي|تواصل(?:وا)? معي|التواصل معي|اتصل(?:وا)? بي|راسلوني",
    r"شماره(?: من|‌ام)|با من تماس|המספר שלי|הטלפון שלי|המייל שלי|תתקשרו אליי",
    # "find me at / as", in the languages above ("you can find me there as @…", "me encontráis como …").
    r"\b(?:can|could) find me\b|\b(?:find|follow) me (?:on|at|as|there|under)\b|\bfind(?:et|en sie|est du) mich\b|"
    r"\b(?:pouvez|peux|pourrez) me (?:trouver|suivre)\b|\bme (?:podéis|podeis|pueden|puedes|puede) (?:encontrar|ubicar)\b|"
    r"\bencu[ée]ntra(?:me|nme)\b|\bmi (?:trovate|trovi|potete trovare)\b|\b(?:vind|volg) (?:me|mij)\b",
    # Catalan: "em podeu trobar", "truqueu-me", "el meu número".
    r"\bem (?:podeu|pots|pot) (?:trobar|trucar|escriure|contactar|localitzar)\b|\bem trobar(?:eu|às)\b|"
    r"\b(?:truqu|truc|escrivi|escri|contact)\w*[-'’]m(?:e)?\b|\b(?:el meu|la meva) (?:número|telèfon|mòbil|correu|"
    r"compte|usuari|perfil|adreça)",
    # Nordic, Finnish, Estonian, Baltic: "mitt nummer", "ring meg", "númerið mitt", "numeroni", "minu number".
    r"\b(?:mitt|mit|min) (?:nummer|telefonnummer|mobilnummer|mobil|mail|e-?post)|\bring (?:mig|meg|til mig)\b|"
    r"\b(?:nå|na) (?:mig|meg)\b|\bnúmerið mitt\b|\bsíminn minn\b|\bnetfangið mitt\b|\bhringdu í mig\b|"
    r"\b(?:puhelin)?numeroni\b|\bsähköpostini\b|\bsoita minulle\b|\btavoitat minut\b|\bminu (?:number|telefon|e-?post)|"
    r"\bhelista mulle\b|\bmano (?:numeris|telefonas|el\. paštas)|\bman(?: var)? zvanīt|\bmans (?:numurs|tālrunis)",
    # Hungarian, Czech, Slovak, Slovenian, Croatian, Serbian, Romanian, Greek, Bulgarian.
    r"\b(?:a )?(?:telefon)?számom\b|\belérhetőségem\b|\bhívj(?:on|atok)?(?: fel)?\b|\belérhető vagyok\b|"
    r"\b(?:moje|môj|můj|moja|moj) (?:číslo|telefon|telefón|mobil|broj|številka|e-?mail)|"
    r"\bzavolej(?:te)? mi\b|\bzavolaj(?:te)? mi\b|\bpokličite me\b|\b(?:na|po)zovite me\b|\bnazovi me\b|"
    r"\bnumărul meu\b|\btelefonul meu\b|\bsunați-mă\b|\bsună-mă\b|\bcontactați-mă\b|\bmă puteți (?:contacta|găsi)\b|"
    r"(?:το )?(?:τηλέφωνό|κινητό|νούμερό|email) μου|ο αριθμός μου|καλέστε με|πάρτε με|επικοινωνήστε μαζί μου|"
    r"(?:моят|моя|мој|моја) (?:номер|телефон|број|имейл)|обадете ми се|позовите ме|јавите ми се",
    # Azerbaijani, Kazakh, Uzbek: "mənimlə əlaqə", "nömrəm", "menga qo'ng'iroq".
    r"\bmənimlə\b|\bmənə (?:zəng|yaz)\w*|\b(?:nömrəm|mənim nömrəm|telefon nömrəm)\b|\bbenimle iletişim\w*|"
    r"\bbana (?:yaz|ulaş)\w*|\bmening (?:raqamim|telefonim|raqamim)\b|\bmenga (?:qo['’]ng['’]iroq|yozing)|"
    r"менің нөмірім|маған (?:хабарласыңыз|қоңырау)",
    # Swahili: "nipigie" (call me), "namba yangu" (my number), "wasiliana nami" (contact me).
    r"\bni(?:pigie|tumie|andikie|pate)\b|\bwasiliana (?:nami|na mimi)\b|\b(?:namba|nambari|simu|barua pepe) yangu\b|"
    r"\b(?:mnaweza|unaweza) kunipata\b",
    # Indonesian and Malay: "nomor saya", "hubungi saya", "bisa dihubungi di".
    r"\b(?:nomor|nombor|no\.?|nomer|hp|telepon|telefon|ponsel|wa|whatsapp|email|e-mel|akun|ig|instagram)"
    r"(?:\s+(?:hp|wa|telepon|telefon|ponsel))?\s+(?:saya|aku|sy)\b|\bhubungi (?:saya|aku)\b|"
    r"\b(?:saya|aku) (?:bisa|boleh|dapat) dihubungi\b|\b(?:telepon|telpon|sms|chat|wa) (?:saya|aku)\b",
    # Vietnamese: "số điện thoại của tôi là", "gọi cho tôi", "liên hệ với tôi".
    r"(?:số điện thoại|số đt|sđt|sdt|số|zalo|email|điện thoại|tài khoản|địa chỉ(?: email)?|facebook) (?:của )?(?:tôi|em|mình)\b|"
    r"\b(?:gọi|nhắn tin|liên hệ|liên lạc) (?:cho |với |qua )?(?:tôi|em|mình)\b",
    # Filipino / Taglish: "pwede niyo po akong i-text sa", "tawagan niyo ako", "number ko".
    # ("sa", "at", is taken with the cue: French "sa" is a word about someone else.)
    r"\bakong (?:i-?)?(?:text|tawagan|call|message|email|contact|ma-?contact)\w*(?:\s+sa\b)?|"
    r"\b(?:i-?)?(?:text|tawagan|call|message|contact)(?:in)?\s+(?:niyo|nyo|mo)\s+(?:po\s+)?ako(?:\s+sa)?\b|"
    r"\b(?:number|numero|num|cp|cellphone|phone|fb|email|viber) ko\b|\bmatatawagan (?:niyo |nyo )?(?:po )?ako\b",
    # Thai: "ติดต่อดิฉันได้ที่" (contact me at), "เบอร์ของผม" (my number).
    r"(?:ติดต่อ|โทรหา|โทรถึง|โทรมาที่|แอดไลน์|ไลน์หา|ส่งข้อความหา)(?:ดิฉัน|ผม|ฉัน|หนู|เรา)|"
    r"(?:เบอร์|เบอร์โทร(?:ศัพท์)?|หมายเลขโทรศัพท์|โทรศัพท์|อีเมล|ไลน์|ไอดีไลน์)(?:ของ)?(?:ดิฉัน|ผม|ฉัน|หนู)",
    # Georgian, Armenian, Bengali, Urdu, Tamil, Nepali/Marathi: "my number", "call me".
    r"ჩემი (?:ნომერი|ტელეფონი|ელფოსტა)|დამირეკეთ|დამიკავშირდით|իմ (?:համարը|հեռախոսը)|զանգահարեք ինձ|"
    r"আমার (?:নম্বর|ফোন|মোবাইল|ইমেইল)|আমাকে (?:ফোন|কল)|میرا (?:نمبر|فون|موبائل|ای میل)|مجھے (?:کال|فون)|مجھ سے رابطہ|"
    r"(?:என்|எனது) (?:எண்|தொலைபேசி|கைபேசி|மின்னஞ்சல்)|என்னை அழைக்க|माझा (?:नंबर|फोन)|मेरो (?:नम्बर|फोन)",
]
# Words about someone else: "his", "Sam's" (not "it's", "here's"), 他, 彼女, 그의, uska, and the
# reported person named as such ("Reported person:\nTwitter: @…" is evidence).
OTHERS = (r"(?<=\w)(?<!\bit)(?<!\bthat)(?<!\bhere)(?<!\bthere)(?<!\bwhat)(?<!\bwho)(?<!\bwhere)(?<!\bnumber)"
          r"(?<!\bname)(?<!\bmine)(?<!\bone)(?<!\blet)['’]s\b|"
          r"\b(?:his|her|their|him|he|she|they|dele|dela|ele|ela|sein|seine|seiner|ihm|ihn|ihre?|lui|elle|son|sa|ses|"
          r"su|sus|él|ella|его|её|ее|него|нее|його|її|uska|uski|uske|unka|unki|unke|iska|iski|هو|هي|له|لها|رقمه|رقمها|"
          r"שלו|שלה|उसका|उसकी|उसके|reported person|(?:the|this|that|die|la|a) person[ae]?|person reported|harasser|offender|accused|perpetrator|täter\w*|"
          r"gemeldete person|personne signalée|agresseur|agresor\w*|persona denunciada|pessoa denunciada|agressor)\b|"
          r"\b(?:dia|beliau|nomornya|miliknya|yeye|yake|niya|nila|siya|kanyang|kaniyang|hắn|anh ấy|cô ấy|anh ta|cô ta|"
          r"của họ|hans|hennes|hennar|hänen|hann|hún|jeho|její|jej|njegov\w*|njen\w*|του|της|onun|onu|uning)\b|"
          r"他|她|彼|相手|さんの|그의|그녀|그 사람|씨의|가해자|加害者|被举报人|ของเขา|ของเธอ|მისი|նրա")

# CJK messengers and contact fields (g3): "我的微信：zxl_1990", "私のLINEのIDは…", "제 텔레그램: @…".
# A label glued to the word before it ("我的微信") is still one: no word boundary but a Latin letter
# ("online:" is no LINE).
CJK_LABELS = (r"(?<![A-Za-z])(?:微信号?|微信號|WeChat|QQ号?|QQ號|微博|脸书|臉書|抖音|小红书|小紅書|电报|電報|推特|Telegram|LINE|"
              r"ライン|カカオ(?:トーク)?|インスタ(?:グラム)?|ツイッター|テレグラム|フェイスブック|"
              r"카카오톡|카카오|카톡|라인|텔레그램|인스타그램|인스타|트위터|페이스북|위챗|디스코드|시그널)")
CJK_ID = r"(?:\s*の?\s*(?:ID|号码|號碼|号|號|账号|帳號|アカウント|아이디|계정))?"
CUES += [
    rf"我的\s*(?:{CJK_LABELS}|电话号码|電話號碼|手机号码?|手機號碼?)",
    rf"(?:私|わたし|僕|ぼく|俺|自分)の\s*(?:{CJK_LABELS}|電話番号|携帯番号|メアド)",
    rf"(?<![가-힣])(?:제|내|저의|나의)\s*(?:{CJK_LABELS}|전화번호|휴대폰 번호|핸드폰 번호|휴대전화|폰 번호)",
]
