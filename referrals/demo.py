"""Demo step: the two form pages under the home page, in Serbian Cyrillic (published, so the
Latin pages follow) and English. Idempotent, and never overwrites an editor's change.

The texts are plain on purpose: a person reading the report page may be frightened, watched,
or reading in a second language. They say what happens to a report and how to stay safe; the
questions themselves come from referrals/forms.py.
"""

from django.db import transaction

from home.demo.loader import english_version, publish, source_home, stream

from .models import ProfessionalReferralPage, ReportPage

PAGES = [
    {
        "model": ReportPage,
        "slug": "report",
        "sr": {
            "title": "Пријави или потражи помоћ",
            "intro": (
                "Ако мислиш да си ти или неко кога знаш жртва трговине људима, можеш нам то "
                "рећи овде. Не мораш да кажеш своје име. Све што напишеш шифрује се чим стигне "
                "и могу да га прочитају само стручни радници Центра."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако је неко у опасности сада",
                        "text": "<p>Не чекај одговор на овај формулар: одмах позови полицију "
                        "на <b>192</b> или јединствени број за хитне случајеве <b>112</b>.</p>",
                    },
                ),
                ("heading", "Шта се дешава када пошаљеш пријаву"),
                (
                    "paragraph",
                    "<ul>"
                    "<li>Добићеш број пријаве и тајну шифру. Са њима касније можеш да видиш да "
                    "ли се пријава обрађује и да додаш нешто чега си се сетио или сетила.</li>"
                    "<li>Стручни радник Центра прочита сваку пријаву. Пријаве у којима је неко "
                    "у опасности или у којима је реч о детету читају се прве.</li>"
                    "<li>Ако желиш да те контактирамо, урадићемо то само на начин и у време "
                    "које ти одредиш.</li>"
                    "</ul>",
                ),
                ("heading", "Твоја безбедност"),
                (
                    "paragraph",
                    "<p>Ако неко други може да користи твој телефон или рачунар, отвори овај "
                    "сајт у приватном прозору прегледача. Дугме „Напусти страницу” на врху "
                    "одмах те води на други сајт. Не мораш да попуниш сва поља: напиши онолико "
                    "колико ти је безбедно.</p>",
                ),
            ],
        },
        "en": {
            "title": "Report or get help",
            "intro": (
                "If you think that you or someone you know is a victim of human trafficking, "
                "you can tell us here. You do not have to give your name. Everything you write "
                "is encrypted as soon as it arrives, and only the Centre's professionals can "
                "read it."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If someone is in danger now",
                        "text": "<p>Do not wait for an answer to this form: call the police on "
                        "<b>192</b> or the single emergency number <b>112</b> right away.</p>",
                    },
                ),
                ("heading", "What happens when you send a report"),
                (
                    "paragraph",
                    "<ul>"
                    "<li>You get a reference number and a secret code. With them you can later "
                    "see whether your report is being handled, and add something you "
                    "remembered.</li>"
                    "<li>A professional of the Centre reads every report. Reports where someone "
                    "is in danger or a child is involved are read first.</li>"
                    "<li>If you want us to contact you, we will do it only in the way and at "
                    "the times you choose.</li>"
                    "</ul>",
                ),
                ("heading", "Your safety"),
                (
                    "paragraph",
                    "<p>If someone else can use your phone or computer, open this site in a "
                    "private browser window. The “Leave this page” button at the top takes you "
                    "to another site at once. You do not have to fill in every field: write as "
                    "much as is safe for you.</p>",
                ),
            ],
        },
    },
    {
        "model": ProfessionalReferralPage,
        "slug": "professional-referral",
        "sr": {
            "title": "Упућивање за стручњаке",
            "intro": (
                "Ако у свом раду – у центру за социјални рад, полицији, тужилаштву, школи, "
                "здравственој установи, Националној служби за запошљавање или удружењу – "
                "препознате могућу жртву трговине људима, упутите је Центру овим формуларом. "
                "Упућивање се шифрује чим стигне и читају га само стручни радници Центра."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "Ако је особа у непосредној опасности",
                        "text": "<p>Прво позовите полицију на <b>192</b> или <b>112</b>, па "
                        "тек онда попуните формулар.</p>",
                    },
                ),
                ("heading", "Прелиминарна идентификација"),
                (
                    "paragraph",
                    "<p>Не морате да будете сигурни да је особа жртва трговине људима. Наведите "
                    "показатеље које сте приметили; формалну идентификацију спроводи Центар. "
                    "Ако узраст особе није познат или је споран, сматра се да је особа дете, а "
                    "упућивање се обрађује као хитно.</p>",
                ),
                ("heading", "После слања"),
                (
                    "paragraph",
                    "<p>Добићете број упућивања и тајну шифру. Са њима можете да проверите "
                    "статус и да накнадно пошаљете допуне и документа. Центар ће вас "
                    "контактирати преко службеног контакта који наведете.</p>",
                ),
            ],
        },
        "en": {
            "title": "Referral by professionals",
            "intro": (
                "If in your work – at a social work centre, the police, a prosecutor's office, "
                "a school, a health institution, the National Employment Service or a civil "
                "society organisation – you recognise a possible victim of human trafficking, "
                "refer them to the Centre with this form. The referral is encrypted as soon as "
                "it arrives and only the Centre's professionals read it."
            ),
            "body": [
                (
                    "callout",
                    {
                        "title": "If the person is in immediate danger",
                        "text": "<p>Call the police on <b>192</b> or <b>112</b> first, then "
                        "fill in the form.</p>",
                    },
                ),
                ("heading", "Preliminary identification"),
                (
                    "paragraph",
                    "<p>You do not need to be sure that the person is a victim of human "
                    "trafficking. List the indicators you noticed; the Centre carries out the "
                    "formal identification. If the person's age is unknown or disputed, they "
                    "are treated as a child and the referral is handled as urgent.</p>",
                ),
                ("heading", "After you send it"),
                (
                    "paragraph",
                    "<p>You will get a reference number and a secret code. With them you can "
                    "check the status and send additions and documents later. The Centre will "
                    "contact you through the work contact you give.</p>",
                ),
            ],
        },
    },
]


def form_page(home, entry):
    existing = home.get_children().filter(slug=entry["slug"]).first()
    if existing is not None:
        return existing.specific
    content = entry["sr"]
    page = entry["model"](
        title=content["title"],
        slug=entry["slug"],
        intro=content["intro"],
        body=stream(content["body"]),
        show_in_menus=False,
    )
    home.add_child(instance=page)
    return publish(page)


@transaction.atomic
def load():
    home = source_home()
    for entry in PAGES:
        page = form_page(home, entry)
        english_version(page, entry["en"])
    return f"{len(PAGES)} form pages in each language"
