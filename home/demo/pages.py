"""Demo content of the help section, the about page and the safety page (why: a person in danger
must find plain guidance and the emergency numbers on the very first run of the site, and editors
need real texts in Serbian Cyrillic and English to review the pages, the translation workflow and
the quick exit against; the about page is the Centre's own remit, Article 9 of its Statute).

Only data, no Django imports: the demo content command reads PAGES and builds the pages.
No phone number, e-mail or address of the Centre is written here: the ("contacts", None) block
renders them from the site settings, so they are kept in one place.
"""

# Each entry: key -> {"slug": ascii-slug, "parent": key of parent or None
#   (None = child of home page), "show_in_menus": bool, "sr": {...}, "en": {...}}
# where each language dict is
#   {"title": str, "intro": str (one or two plain sentences, no HTML), "body": [blocks]}
# and a block is one of:
#   ("heading", "text")  -> an h2
#   ("paragraph", "<p>..</p><ul><li>..</li></ul>")  -> rich text HTML: only <p>, <ul>, <ol>,
#       <li>, <b>, <i>, <a href="...">
#   ("callout", {"title": "text", "text": "<p>..</p>"})  -> a highlighted box
#   ("contacts", None)  -> the site renders the emergency numbers and the Centre's contacts
#       from its settings here
# "en" has the same sequence of block types as "sr".
# Parents come before their children, so the pages can be created in this order.

PAGES = {
    # ------------------------------------------------------------------ help section
    "help": {
        "slug": "help",
        "parent": None,
        "show_in_menus": True,
        "sr": {
            "title": "Потребна ти је помоћ?",
            "intro": (
                "Ако мислиш да си ти или неко кога познајеш у ситуацији трговине људима, "
                "помоћ постоји и бесплатна је. Овде ћеш сазнати шта да урадиш, коме да се "
                "обратиш и који је најкраћи пут до помоћи."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Ако си у непосредној опасности, одмах позови полицију на <b>192</b> "
                    "или јединствени број за хитне случајеве <b>112</b>.</p>"
                    "<p>У овом одељку ћеш наћи три кратка "
                    "упутства: шта радити, коме се обратити и који је најкраћи пут до помоћи. "
                    "Написана су за особу која је можда жртва трговине људима, али и за "
                    "свакога ко брине за некога другог.</p>"
                    "<p>Центар за заштиту жртава трговине људима помаже женама, мушкарцима и "
                    "деци, држављанима Србије и странцима. Помоћ је бесплатна и поверљива. "
                    "Не мораш да кажеш своје име када тражиш савет.</p>",
                ),
                ("contacts", None),
            ],
        },
        "en": {
            "title": "Need help?",
            "intro": (
                "If you think that you or someone you know is in a human trafficking situation, "
                "help is available and it is free. Here you will find out what to do, whom to "
                "contact and the shortest way to help."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>If you are in immediate danger, call the police on <b>192</b> "
                    "or the single emergency number <b>112</b> right away.</p>"
                    "<p>This section has three short guides: "
                    "what to do, whom to contact and the shortest way to help. They are written "
                    "for a person who may be a victim of human trafficking, and also for anyone "
                    "who is worried about someone else.</p>"
                    "<p>The Centre for the Protection of Victims of Human Trafficking helps women, "
                    "men and children, citizens of Serbia and foreigners. Help is free and "
                    "confidential. You do not have to give your name when you ask for advice.</p>",
                ),
                ("contacts", None),
            ],
        },
    },
    "what-to-do": {
        "slug": "what-to-do",
        "parent": "help",
        "show_in_menus": True,
        "sr": {
            "title": "Шта радити?",
            "intro": (
                "Ако мислиш да те неко искоришћава, или се плашиш за некога, ово су први "
                "кораци. Не мораш све да урадиш сам или сама: помоћ постоји."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако си у непосредној опасности",
                        "text": "<p>Одмах позови полицију на <b>192</b> или јединствени број "
                        "за хитне случајеве <b>112</b>. Ако ти је потребна хитна медицинска "
                        "помоћ, позови <b>194</b>.</p>",
                    },
                ),
                ("heading", "Знаци да си можда у ситуацији трговине људима"),
                (
                    "paragraph",
                    "<p>Трговину људима није увек лако препознати. Особа која те искоришћава "
                    "може бити непознат човек, али и познаник, партнер или неко из породице. "
                    "Можда је реч о трговини људима ако ти се дешава нешто од овога:</p>"
                    "<ul>"
                    "<li>неко ти је узео пасош, личну карту или друга документа и не враћа ти "
                    "их;</li>"
                    "<li>кажу ти да дугујеш новац за пут, смештај, храну или посао, а дуг само "
                    "расте и не можеш да га вратиш;</li>"
                    "<li>не можеш слободно да одеш са посла или из места где живиш;</li>"
                    "<li>приморавају те да радиш, да пружаш сексуалне услуге, да просиш или да "
                    "чиниш кривична дела;</li>"
                    "<li>прете теби или твојој породици;</li>"
                    "<li>неко други држи твој новац или телефон и одлучује с ким смеш да "
                    "разговараш.</li>"
                    "</ul>"
                    "<p>Не мора да се дешава све од овога. И један од ових знакова је довољан "
                    "разлог да потражиш савет.</p>",
                ),
                ("heading", "Шта можеш безбедно да урадиш"),
                (
                    "paragraph",
                    "<ul>"
                    "<li>Твоја безбедност је на првом месту. Не ради ништа што би те довело у "
                    "опасност.</li>"
                    "<li>Запамти важне бројеве телефона или их запиши тамо где их особа која те "
                    "контролише неће видети.</li>"
                    "<li>Сачекај тренутак када си насамо, или са особом којој верујеш, па тада "
                    "позови или затражи помоћ.</li>"
                    "<li>Ако можеш без ризика, запамти имена, адресе и догађаје који ти се чине "
                    "важним.</li>"
                    "<li>Ако можеш, користи телефон или рачунар коме особа која те контролише "
                    "нема приступ. Више о томе прочитај на страници о безбедном прегледању.</li>"
                    "<li>Не мораш одмах све да испричаш. Можеш прво само да питаш за савет.</li>"
                    "</ul>",
                ),
                ("heading", "Помоћ је бесплатна и поверљива"),
                (
                    "paragraph",
                    "<p>Помоћ Центра за заштиту жртава трговине људима је бесплатна и "
                    "поверљива. Могу да је добију држављани Србије и странци, жене, мушкарци и "
                    "деца, без обзира на то да ли имају документа.</p>"
                    "<p>Не мораш да кажеш своје име када тражиш савет. Ти одлучујеш шта ћеш и "
                    "колико рећи. Стручни радници Центра ће те саслушати, објаснити ти која су "
                    "твоја права и заједно с тобом размотрити шта може да буде следећи "
                    "корак.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "Безбедно место",
                        "text": "<p>Ако немаш где безбедно да останеш, Центар може да "
                        "организује ургентни прихват и безбедан смештај, на пример у "
                        "прихватилишту.</p>",
                    },
                ),
                ("contacts", None),
            ],
        },
        "en": {
            "title": "What to do?",
            "intro": (
                "If you think someone is exploiting you, or you fear for someone, these are the "
                "first steps. You do not have to do it all on your own: help is available."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If you are in immediate danger",
                        "text": "<p>Call the police on <b>192</b> or the single emergency "
                        "number <b>112</b> right away. If you need emergency medical help, call "
                        "<b>194</b>.</p>",
                    },
                ),
                ("heading", "Signs that you may be in a trafficking situation"),
                (
                    "paragraph",
                    "<p>Human trafficking is not always easy to recognise. The person who "
                    "exploits you may be a stranger, but also an acquaintance, a partner or "
                    "someone in your family. It may be human trafficking if any of this is "
                    "happening to you:</p>"
                    "<ul>"
                    "<li>someone has taken your passport, ID card or other documents and will "
                    "not give them back;</li>"
                    "<li>you are told that you owe money for the journey, housing, food or the "
                    "job, and the debt only grows and you cannot repay it;</li>"
                    "<li>you are not free to leave your work or the place where you live;</li>"
                    "<li>you are forced to work, to provide sexual services, to beg or to commit "
                    "crimes;</li>"
                    "<li>you or your family are being threatened;</li>"
                    "<li>someone else keeps your money or your phone and decides whom you may "
                    "talk to.</li>"
                    "</ul>"
                    "<p>Not all of this has to be happening. Even one of these signs is reason "
                    "enough to ask for advice.</p>",
                ),
                ("heading", "What you can do safely"),
                (
                    "paragraph",
                    "<ul>"
                    "<li>Your safety comes first. Do not do anything that could put you in "
                    "danger.</li>"
                    "<li>Memorise important phone numbers, or write them down where the person "
                    "who controls you will not see them.</li>"
                    "<li>Wait for a moment when you are alone, or with someone you trust, and "
                    "then call or ask for help.</li>"
                    "<li>If you can do it without risk, remember names, addresses and events "
                    "that seem important to you.</li>"
                    "<li>If you can, use a phone or computer that the person who controls you "
                    "cannot access. Read more about this on the page about browsing "
                    "safely.</li>"
                    "<li>You do not have to tell everything at once. You can start by just "
                    "asking for advice.</li>"
                    "</ul>",
                ),
                ("heading", "Help is free and confidential"),
                (
                    "paragraph",
                    "<p>Help from the Centre for the Protection of Victims of Human Trafficking "
                    "is free and confidential. It is available to citizens of Serbia and "
                    "foreigners, women, men and children, whether or not they have "
                    "documents.</p>"
                    "<p>You do not have to give your name when you ask for advice. You decide "
                    "what to say and how much. The Centre's professionals will listen to you, "
                    "explain your rights and think through with you what the next step could "
                    "be.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "A safe place",
                        "text": "<p>If you have nowhere safe to stay, the Centre can arrange "
                        "urgent reception and safe accommodation, for example in a "
                        "shelter.</p>",
                    },
                ),
                ("contacts", None),
            ],
        },
    },
    "whom-to-contact": {
        "slug": "whom-to-contact",
        "parent": "help",
        "show_in_menus": True,
        "sr": {
            "title": "Коме се обратити?",
            "intro": (
                "Помоћ можеш да потражиш на више места. Овде је објашњено коме можеш да се "
                "обратиш и шта ти свако од њих може пружити."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако си у непосредној опасности",
                        "text": "<p>Одмах позови полицију на <b>192</b> или јединствени број "
                        "за хитне случајеве <b>112</b>.</p>",
                    },
                ),
                ("heading", "Центар за заштиту жртава трговине људима"),
                (
                    "paragraph",
                    "<p>Центар је установа социјалне заштите која брине о заштити жртава "
                    "трговине људима на целој територији Републике Србије. Када се обратиш "
                    "Центру, његови стручни радници:</p>"
                    "<ul>"
                    "<li>разговарају с тобом и процењују твоју ситуацију, потребе и "
                    "ризике;</li>"
                    "<li>утврђују да ли си жртва трговине људима (то се зове "
                    "идентификација);</li>"
                    "<li>заједно с тобом праве план заштите и подршке;</li>"
                    "<li>могу да организују ургентни прихват и безбедан смештај;</li>"
                    "<li>сарађују са центром за социјални рад, полицијом, јавним тужилаштвом, "
                    "судовима и удружењима грађана, како би сви који ти помажу радили "
                    "усклађено и у твом најбољем интересу.</li>"
                    "</ul>",
                ),
                ("heading", "Хитни бројеви"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>192</b> — полиција: ако си у опасности или ти неко прети.</li>"
                    "<li><b>194</b> — хитна медицинска помоћ: ако је теби или некоме другом "
                    "хитно потребан лекар.</li>"
                    "<li><b>112</b> — јединствени број за хитне случајеве: ако не знаш кога да "
                    "позовеш.</li>"
                    "</ul>"
                    "<p>Полиција сарађује са Центром у заштити жртава трговине људима.</p>",
                ),
                ("heading", "Центар за социјални рад"),
                (
                    "paragraph",
                    "<p>Центри за социјални рад раде у градовима и општинама широм Србије. "
                    "Можеш да се обратиш центру за социјални рад у месту у којем се налазиш. "
                    "Стручни радници центра могу да ти пруже прву подршку и да те упуте "
                    "Центру за заштиту жртава трговине људима, са којим сарађују.</p>",
                ),
                ("heading", "Деца и млади"),
                (
                    "paragraph",
                    "<p>Ако си дете или млада особа, или бринеш за неко дете, можеш да позовеш "
                    "националну дечју линију <b>116 111</b>. Можеш да се обратиш и наставнику, "
                    "школском психологу или педагогу, лекару или некој другој одраслој особи "
                    "којој верујеш. Они могу да обавесте Центар и да ти помогну да дођеш "
                    "до заштите.</p>",
                ),
                ("heading", "Удружења грађана"),
                (
                    "paragraph",
                    "<p>Можеш да се обратиш и удружењима грађана која помажу жртвама трговине "
                    "људима. Центар сарађује и са њима.</p>",
                ),
                ("heading", "Бројеви телефона и контакти"),
                ("contacts", None),
            ],
        },
        "en": {
            "title": "Whom to contact?",
            "intro": (
                "There are several places where you can look for help. This page explains whom "
                "you can contact and what each of them can offer you."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If you are in immediate danger",
                        "text": "<p>Call the police on <b>192</b> or the single emergency "
                        "number <b>112</b> right away.</p>",
                    },
                ),
                ("heading", "The Centre for the Protection of Victims of Human Trafficking"),
                (
                    "paragraph",
                    "<p>The Centre is a social protection institution that looks after the "
                    "protection of victims of human trafficking throughout the Republic of "
                    "Serbia. When you contact the Centre, its professionals:</p>"
                    "<ul>"
                    "<li>talk with you and assess your situation, needs and risks;</li>"
                    "<li>establish whether you are a victim of human trafficking (this is called "
                    "identification);</li>"
                    "<li>make a plan of protection and support together with you;</li>"
                    "<li>can arrange urgent reception and safe accommodation;</li>"
                    "<li>work with the social work centre, the police, the public prosecutor's "
                    "office, the courts and civil society organisations, so that everyone who "
                    "helps you works in a coordinated way and in your best interest.</li>"
                    "</ul>",
                ),
                ("heading", "Emergency numbers"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>192</b> — police: if you are in danger or someone is threatening "
                    "you.</li>"
                    "<li><b>194</b> — ambulance: if you or someone else urgently needs a "
                    "doctor.</li>"
                    "<li><b>112</b> — single emergency number: if you do not know whom to "
                    "call.</li>"
                    "</ul>"
                    "<p>The police work with the Centre to protect victims of human "
                    "trafficking.</p>",
                ),
                ("heading", "Social work centre"),
                (
                    "paragraph",
                    "<p>Social work centres work in towns and municipalities all over Serbia. "
                    "You can go to the social work centre in the place where you are. Its "
                    "professionals can give you first support and refer you to the Centre for "
                    "the Protection of Victims of Human Trafficking, with which they "
                    "cooperate.</p>",
                ),
                ("heading", "Children and young people"),
                (
                    "paragraph",
                    "<p>If you are a child or a young person, or you are worried about a child, "
                    "you can call the national children's helpline <b>116 111</b>. You can also "
                    "turn to a teacher, the school psychologist or counsellor, a doctor or another "
                    "adult you trust. They can inform the Centre and help you get "
                    "protection.</p>",
                ),
                ("heading", "Civil society organisations"),
                (
                    "paragraph",
                    "<p>You can also turn to civil society organisations that help victims of "
                    "human trafficking. The Centre works with them too.</p>",
                ),
                ("heading", "Phone numbers and contacts"),
                ("contacts", None),
            ],
        },
    },
    "shortest-way-to-help": {
        "slug": "shortest-way-to-help",
        "parent": "help",
        "show_in_menus": True,
        "sr": {
            "title": "Најкраћи пут до помоћи?",
            "intro": (
                "Најбржи пут до помоћи зависи од тога колико је ситуација хитна. Ево шта "
                "можеш да урадиш, корак по корак."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако је опасност непосредна",
                        "text": "<p>Позови полицију на <b>192</b> или јединствени број за "
                        "хитне случајеве <b>112</b>. Не чекај.</p>",
                    },
                ),
                ("heading", "Обрати се директно Центру"),
                (
                    "paragraph",
                    "<p>Ако опасност није непосредна, најкраћи пут до помоћи је да се директно "
                    "обратиш Центру за заштиту жртава трговине људима. Не мораш да кажеш своје "
                    "име када тражиш савет. Бројеви телефона и остали контакти Центра су "
                    "овде:</p>",
                ),
                ("contacts", None),
                ("heading", "Или реци некоме коме верујеш"),
                (
                    "paragraph",
                    "<p>Ако ти је тако лакше, обрати се било ком стручњаку коме верујеш: "
                    "социјалном раднику, лекару или медицинској сестри, наставнику, "
                    "полицијском службенику или некоме из удружења грађана. Они могу да те "
                    "упуте Центру и да ти помогну да ступиш у контакт са њим.</p>",
                ),
                ("heading", "Шта се дешава када се обратиш Центру"),
                (
                    "paragraph",
                    "<ol>"
                    "<li>Стручни радник Центра разговара с тобом и пажљиво те слуша. "
                    "Можеш да говориш својим темпом и не "
                    "мораш одмах све да испричаш.</li>"
                    "<li>Стручни радник процењује твоју ситуацију: шта ти је сада потребно и "
                    "шта ти прети.</li>"
                    "<li>Заједно с тобом прави план заштите: безбедност, смештај ако је "
                    "потребан, психолошка и правна подршка.</li>"
                    "<li>О сваком кораку се разговара с тобом, а ти одлучујеш да ли прихваташ "
                    "понуђену помоћ.</li>"
                    "<li>Ако је ситуација хитна, Центар настоји да реагује истог дана.</li>"
                    "</ol>",
                ),
                ("heading", "Ако желиш да помогнеш некоме другом"),
                (
                    "paragraph",
                    "<p>Ако мислиш да је неко други жртва трговине људима:</p>"
                    "<ul>"
                    "<li>не супротстављај се особи за коју мислиш да га искоришћава и не "
                    "говори јој шта знаш;</li>"
                    "<li>не доводи у опасност особу којој желиш да помогнеш: не разговарај с "
                    "њом о томе тамо где вас неко може чути и не шаљи јој поруке на телефон "
                    "који неко други може да прегледа;</li>"
                    "<li>запиши шта се дешавало: када, где, ко је био присутан и шта ти је "
                    "привукло пажњу;</li>"
                    "<li>пријави то Центру, а ако је неко у непосредној опасности, позови "
                    "полицију на <b>192</b> или <b>112</b>.</li>"
                    "</ul>"
                    "<p>За пријаву ти нису потребни докази. Довољно је да кажеш шта те брине, "
                    "а стручни радници Центра ће проценити ситуацију.</p>",
                ),
            ],
        },
        "en": {
            "title": "The shortest way to help",
            "intro": (
                "The fastest way to help depends on how urgent the situation is. Here is what "
                "you can do, step by step."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If the danger is immediate",
                        "text": "<p>Call the police on <b>192</b> or the single emergency "
                        "number <b>112</b>. Do not wait.</p>",
                    },
                ),
                ("heading", "Contact the Centre directly"),
                (
                    "paragraph",
                    "<p>If the danger is not immediate, the shortest way to help is to contact "
                    "the Centre for the Protection of Victims of Human Trafficking directly. You "
                    "do not have to give your name when you ask for advice. The Centre's phone "
                    "numbers and other contacts are here:</p>",
                ),
                ("contacts", None),
                ("heading", "Or tell someone you trust"),
                (
                    "paragraph",
                    "<p>If that is easier for you, turn to any professional you trust: a social "
                    "worker, a doctor or nurse, a teacher, a police officer or someone from a "
                    "civil society organisation. They can refer you to the Centre and help you "
                    "get in touch with it.</p>",
                ),
                ("heading", "What happens when you contact the Centre"),
                (
                    "paragraph",
                    "<ol>"
                    "<li>A professional from the Centre talks with you and listens carefully. "
                    "You can speak at your "
                    "own pace and you do not have to tell everything at once.</li>"
                    "<li>The professional assesses your situation: what you need now and what "
                    "threatens you.</li>"
                    "<li>Together with you, they make a protection plan: safety, accommodation "
                    "if needed, psychological and legal support.</li>"
                    "<li>Every step is discussed with you, and you decide whether to accept the "
                    "help offered.</li>"
                    "<li>If the situation is urgent, the Centre tries to respond the same "
                    "day.</li>"
                    "</ol>",
                ),
                ("heading", "If you want to help someone else"),
                (
                    "paragraph",
                    "<p>If you think someone else is a victim of human trafficking:</p>"
                    "<ul>"
                    "<li>do not confront the person you think is exploiting them, and do not "
                    "tell that person what you know;</li>"
                    "<li>do not put the person you want to help at risk: do not talk with them "
                    "about it where others can hear you, and do not send messages to a phone "
                    "that someone else can check;</li>"
                    "<li>write down what happened: when, where, who was there and what caught "
                    "your attention;</li>"
                    "<li>report it to the Centre, and if someone is in immediate danger, call "
                    "the police on <b>192</b> or <b>112</b>.</li>"
                    "</ul>"
                    "<p>You do not need proof to report. It is enough to say what worries you; "
                    "the Centre's professionals will assess the situation.</p>",
                ),
            ],
        },
    },
    # ------------------------------------------------------------------ about
    "about": {
        "slug": "about",
        "parent": None,
        "show_in_menus": True,
        "sr": {
            "title": "О Центру",
            "intro": (
                "Центар за заштиту жртава трговине људима је установа у систему социјалне "
                "заштите чија је основна делатност усмерена ка свеобухватној заштити жртава "
                "трговине људима."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Центар за заштиту жртава трговине људима је установа у систему "
                    "социјалне заштите чија је основна делатност усмерена ка свеобухватној "
                    "заштити жртава трговине људима. Заштита жртава трговине људима је од "
                    "општег интереса, јер трговина људима представља најтежи облик кршења "
                    "људских права и једну од најпрофитабилнијих криминалних активности. "
                    "Делатност Центра подразумева како идентификацију и утврђивање статуса "
                    "жртве трговине људима, тако и свеобухватну координацију активности свих "
                    "субјеката на националном нивоу, активности које се тичу заштите права и "
                    "интереса жртава трговине људима.</p>"
                    "<p>У том смислу, Центар координира активностима пружања услуга социјалне "
                    "заштите жртвама трговине људима, сарађује са центрима за социјални рад, "
                    "установама за смештај корисника, МУП-ом, јавним тужилаштвима, судовима, "
                    "удружењима грађана и другим службама и организацијама, с циљем "
                    "обезбеђивања најбољег интереса и безбедности жртава трговине људима.</p>",
                ),
                ("heading", "Делатност Центра"),
                (
                    "paragraph",
                    "<p>Делатност Центра прецизно је дефинисана чланом 9. Статута, према којем "
                    "Центар, покривајући целу територију Републике Србије:</p>"
                    "<ul>"
                    "<li>врши процену стања, потреба, снага и ризика жртава трговине људима "
                    "и, на основу показатеља који указују да је лице жртва, идентификацију, у "
                    "складу са законским овлашћењима у домену регистроване делатности, с "
                    "циљем обезбеђења одговарајуће помоћи и подршке, као и процену других "
                    "значајних особа у њиховом окружењу;</li>"
                    "<li>израђује индивидуалне планове пружања услуга и заштите жртава "
                    "трговине људима;</li>"
                    "<li>врши праћење реализације планова услуга и заштите, као и исхода "
                    "заштите и подршке жртава;</li>"
                    "<li>координира активностима пружања услуга социјалне заштите жртвама "
                    "трговине људима, у складу са утврђеним потребама и приоритетима и са "
                    "законским овлашћењима у домену регистроване делатности, и сарађује са "
                    "центрима за социјални рад, другим органима, службама и организацијама, с "
                    "циљем реинтеграције, добровољног повратка у државу порекла, односно "
                    "другог начина обезбеђивања најбољег интереса и безбедности жртава "
                    "трговине људима;</li>"
                    "<li>иницира активности у циљу успостављања и унапређења сарадње и "
                    "механизама за заштиту жртава трговине људима на националном и "
                    "међународном нивоу;</li>"
                    "<li>пружа услуге ургентног прихвата жртвама трговине људима;</li>"
                    "<li>води евиденцију и документацију о корисницима и пруженим услугама "
                    "помоћи и подршке жртвама, у оквиру регистроване делатности, у складу са "
                    "законом;</li>"
                    "<li>учествује у истраживањима у области трговине људима и заштите жртава "
                    "трговине људима;</li>"
                    "<li>учествује у пројектним активностима и иницира унапређења "
                    "система;</li>"
                    "<li>израђује и издаје стручну литературу од значаја за заштиту жртава "
                    "трговине људима;</li>"
                    "<li>информише заједницу о својим пословима и промовише свој рад путем "
                    "годишњих извештаја, интернет сајта, брошура и слично, у складу са својим "
                    "програмом рада и стратегијом информисања;</li>"
                    "<li>организује конференције и семинаре с циљем унапређења заштите жртава "
                    "трговине људима;</li>"
                    "<li>обавља и друге послове у складу са законом, стандардима и другим "
                    "прописима.</li>"
                    "</ul>"
                    "<p>У складу са нормама о класификацији делатности, претежна делатност "
                    "Центра је 88.99 „Остала непоменута социјална заштита без смештаја“.</p>",
                ),
                ("heading", "Организација"),
                (
                    "paragraph",
                    "<p>Центар за заштиту жртава трговине људима обавља своју делатност кроз "
                    "две организационе јединице, чији се међусобни односи заснивају на "
                    "начелима сарадње, одговорности и правовременог информисања, уз "
                    "усклађивање стручних поступака, приступа и процедура у раду са "
                    "корисницима. Организационе јединице Центра су:</p>"
                    "<ul>"
                    "<li>Служба за координацију заштите жртава трговине људима;</li>"
                    "<li>Прихватилиште за жртве трговине људима, које ради од фебруара 2019. "
                    "године.</li>"
                    "</ul>",
                ),
            ],
        },
        "en": {
            "title": "About the Centre",
            "intro": (
                "The Centre for the Protection of Victims of Human Trafficking is an institution "
                "of the social protection system whose core activity is the comprehensive "
                "protection of victims of human trafficking."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>The Centre for the Protection of Victims of Human Trafficking is an "
                    "institution of the social protection system whose core activity is the "
                    "comprehensive protection of victims of human trafficking. The protection of "
                    "victims of human trafficking is in the general interest, because human "
                    "trafficking is the gravest form of human rights violation and one of the "
                    "most profitable criminal activities. The Centre's work covers both the "
                    "identification of victims and the establishing of the status of a victim of "
                    "human trafficking, and the comprehensive coordination of the activities of "
                    "all actors at national level that concern the protection of the rights and "
                    "interests of victims of human trafficking.</p>"
                    "<p>To this end, the Centre coordinates the provision of social protection "
                    "services to victims of human trafficking and cooperates with social work "
                    "centres, residential care institutions, the Ministry of Internal Affairs, "
                    "public prosecutor's offices, courts, civil society organisations and other "
                    "services and organisations, in order to secure the best interests and the "
                    "safety of victims of human trafficking.</p>",
                ),
                ("heading", "What the Centre does"),
                (
                    "paragraph",
                    "<p>The Centre's activities are set out precisely in Article 9 of its "
                    "Statute, under which the Centre, covering the whole territory of the "
                    "Republic of Serbia:</p>"
                    "<ul>"
                    "<li>assesses the situation, needs, strengths and risks of victims of human "
                    "trafficking and, on the basis of indicators that a person is a victim, "
                    "carries out identification, in line with its legal powers within its "
                    "registered activity, in order to provide appropriate help and support, and "
                    "also assesses other significant persons in their environment;</li>"
                    "<li>draws up individual plans of services and protection for victims of "
                    "human trafficking;</li>"
                    "<li>monitors the implementation of the service and protection plans, and the "
                    "outcomes of the protection and support of victims;</li>"
                    "<li>coordinates the provision of social protection services to victims of "
                    "human trafficking, in line with the needs and priorities established and "
                    "with its legal powers within its registered activity, and cooperates with "
                    "social work centres and other authorities, services and organisations, with "
                    "the aim of reintegration, voluntary return to the country of origin, or "
                    "another way of securing the best interests and the safety of victims of "
                    "human trafficking;</li>"
                    "<li>initiates activities to establish and improve cooperation and "
                    "mechanisms for the protection of victims of human trafficking at national "
                    "and international level;</li>"
                    "<li>provides urgent reception services to victims of human "
                    "trafficking;</li>"
                    "<li>keeps records and documentation on its service users and on the help "
                    "and support services provided to victims, within its registered activity "
                    "and in accordance with the law;</li>"
                    "<li>takes part in research on human trafficking and on the protection of "
                    "victims of human trafficking;</li>"
                    "<li>takes part in project activities and initiates improvements of the "
                    "system;</li>"
                    "<li>prepares and publishes professional literature relevant to the "
                    "protection of victims of human trafficking;</li>"
                    "<li>informs the community about its work and promotes it through annual "
                    "reports, its website, brochures and the like, in line with its work "
                    "programme and its communication strategy;</li>"
                    "<li>organises conferences and seminars to improve the protection of victims "
                    "of human trafficking;</li>"
                    "<li>carries out other tasks in accordance with the law, standards and other "
                    "regulations.</li>"
                    "</ul>"
                    "<p>Under the rules on the classification of activities, the Centre's main "
                    "activity is 88.99 “Other social work activities without accommodation "
                    "n.e.c.”.</p>",
                ),
                ("heading", "Organisation"),
                (
                    "paragraph",
                    "<p>The Centre for the Protection of Victims of Human Trafficking carries "
                    "out its activities through two organisational units, whose relations are "
                    "based on the principles of cooperation, responsibility and timely "
                    "information, with professional procedures, approaches and methods of work "
                    "with service users kept in line with each other. The organisational units "
                    "of the Centre are:</p>"
                    "<ul>"
                    "<li>the Service for the Coordination of the Protection of Victims of Human "
                    "Trafficking;</li>"
                    "<li>the Shelter for Victims of Human Trafficking, open since February "
                    "2019.</li>"
                    "</ul>",
                ),
            ],
        },
    },
    # ------------------------------------------------------------------ safety
    "safety": {
        "slug": "safety",
        "parent": None,
        "show_in_menus": False,
        "sr": {
            "title": "Безбедно прегледање",
            "intro": (
                "Ако неко контролише твој телефон или рачунар, може да види које странице "
                "посећујеш. Ево како да овај сајт прегледаш безбедније."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако си у непосредној опасности",
                        "text": "<p>Позови полицију на <b>192</b> или јединствени број за "
                        "хитне случајеве <b>112</b>.</p>",
                    },
                ),
                ("heading", "Дугме „Напусти страницу“"),
                (
                    "paragraph",
                    "<p>На страницама овог сајта налази се дугме <b>„Напусти страницу“</b>. "
                    "Када га притиснеш, прегледач одмах прелази на неутралну страницу која "
                    "нема везе са овим сајтом.</p>"
                    "<p>На рачунару исто можеш да урадиш ако три пута заредом притиснеш тастер "
                    "<b>Шифт</b> (⇧) на тастатури.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "Брзи излаз не брише историју",
                        "text": "<p>Дугме „Напусти страницу“ не брише историју прегледања. "
                        "Странице овог сајта које су биле отворене и даље се могу видети у "
                        "историји прегледача. Зато прочитај и савете испод.</p>",
                    },
                ),
                ("heading", "Приватни прозор"),
                (
                    "paragraph",
                    "<p>Већина прегледача има приватни прозор. У неким прегледачима се зове "
                    "„анонимни режим“ или „прозор без архивирања“. Отвараш га из менија "
                    "прегледача, који је обично иконица са три тачке или три црте у углу "
                    "екрана. Када затвориш приватни прозор, странице које су у њему биле "
                    "отворене не остају у историји прегледача.</p>"
                    "<p>Приватни прозор не скрива шта радиш од програма за праћење који су "
                    "инсталирани на уређају, нити од мреже коју неко други надзире. Датотеке "
                    "које преузмеш остају на уређају.</p>",
                ),
                ("heading", "Брисање историје"),
                (
                    "paragraph",
                    "<p>Ако странице нису биле отворене у приватном прозору, историју "
                    "прегледања можеш да обришеш у подешавањима прегледача, обично под "
                    "„Историја“ или "
                    "„Приватност“. Можеш да обришеш само поједине странице, а не целу "
                    "историју. То је понекад безбедније, јер потпуно обрисана историја може "
                    "да изазове сумњу код особе која прегледа твој уређај.</p>",
                ),
                ("heading", "Заједнички или надзирани телефон или рачунар"),
                (
                    "paragraph",
                    "<p>Ако телефон или рачунар делиш са неким, или мислиш да неко прати шта "
                    "на њему радиш, посете овом сајту могу да остану забележене. Бројеви које "
                    "позовеш и поруке које пошаљеш остају забележени на уређају ако их не "
                    "обришеш.</p>"
                    "<p>Безбедније је да користиш уређај коме особа која те контролише нема "
                    "приступ, на пример телефон особе којој верујеш или рачунар у јавној "
                    "библиотеци.</p>",
                ),
            ],
        },
        "en": {
            "title": "Browsing safely",
            "intro": (
                "If someone controls your phone or computer, they may see which pages you visit. "
                "Here is how to browse this site more safely."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If you are in immediate danger",
                        "text": "<p>Call the police on <b>192</b> or the single emergency "
                        "number <b>112</b>.</p>",
                    },
                ),
                ("heading", "The “Leave this page” button"),
                (
                    "paragraph",
                    "<p>The pages of this site have a <b>“Leave this page”</b> button. When you "
                    "press it, the browser at once goes to a neutral page that has nothing to do "
                    "with this site.</p>"
                    "<p>On a computer you can do the same by pressing the <b>Shift</b> key (⇧) "
                    "three times in a row.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "Quick exit does not erase your history",
                        "text": "<p>The “Leave this page” button does not erase your browsing "
                        "history. The pages of this site that were open can still be seen in the "
                        "browser's history. So please read the advice below as well.</p>",
                    },
                ),
                ("heading", "Private window"),
                (
                    "paragraph",
                    "<p>Most browsers have a private window. In some browsers it is called "
                    "“incognito mode” or “private browsing”. You open it from the browser's "
                    "menu, which is usually an icon with three dots or three lines in a corner "
                    "of the screen. When you close the private window, the pages that were open "
                    "in it do not stay in the browser's history.</p>"
                    "<p>A private window does not hide what you do from monitoring programs "
                    "installed on the device, or from a network that someone else watches. "
                    "Files you download stay on the device.</p>",
                ),
                ("heading", "Deleting your history"),
                (
                    "paragraph",
                    "<p>If the pages were not open in a private window, you can delete "
                    "your browsing "
                    "history in the browser's settings, usually under “History” or "
                    "“Privacy”. You can delete only some pages instead of the whole history. "
                    "That is sometimes safer, because a completely deleted history can make the "
                    "person who checks your device suspicious.</p>",
                ),
                ("heading", "A shared or monitored phone or computer"),
                (
                    "paragraph",
                    "<p>If you share your phone or computer with someone, or you think someone "
                    "watches what you do on it, your visits to this site may be recorded. The "
                    "numbers you call and the messages you send stay recorded on the device "
                    "unless you delete them.</p>"
                    "<p>It is safer to use a device that the person who controls you cannot "
                    "access, for example the phone of someone you trust or a computer in a "
                    "public library.</p>",
                ),
            ],
        },
    },
}
