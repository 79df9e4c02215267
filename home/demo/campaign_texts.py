"""Demo content of the campaigns: the index page, the campaigns of 30 July and 18 October for
2026 (held) and 2027 (scheduled), and a leaflet to download.

Why these texts: the Centre marks both days every year (its 2023 work report, seed 003); the
facts about the two days are public record (the UN General Assembly proclaimed 30 July in 2013,
the European Commission 18 October in 2007). The events are generic demo events: no partner is
named and no figure is claimed. The leaflet repeats the guidance of the help section.

Only data, no Django imports. "{year}" and "{date}" are filled in for each campaign. Block
formats as in pages.py; a campaign's events, actions and materials are built by
home/demo/campaigns.py from CAMPAIGNS, ACTIONS and LEAFLET.
"""

INDEX = {
    "slug": "campaigns",
    "sr": {
        "title": "Кампање",
        "intro": (
            "Центар сваке године обележава Светски дан борбе против трговине људима, 30. јул, и "
            "Европски дан борбе против трговине људима, 18. октобар, активностима којима "
            "подиже свест о трговини људима."
        ),
    },
    "en": {
        "title": "Campaigns",
        "intro": (
            "Every year the Centre marks the World Day against Trafficking in Persons on 30 July "
            "and the EU Anti-Trafficking Day on 18 October with activities that raise awareness "
            "of human trafficking."
        ),
    },
}

# The texts of each observance; a campaign fills in its year and date.
OBSERVANCES = {
    "world-day": {
        "colour": (29, 79, 145),
        "sr": {
            "title": "Светски дан борбе против трговине људима {year}.",
            "key_message": (
                "Трговина људима може да погоди свакога: жене, мушкарце и децу, држављане "
                "Србије и странце. Ако препознаш знаке, потражи помоћ. Помоћ је бесплатна и "
                "поверљива."
            ),
            "hero_alt": "Датум {date} исписан белим бројевима на плавој подлози.",
            "share_description": (
                "30. јул, Светски дан борбе против трговине људима: препознај знаке и сазнај "
                "где се помоћ тражи."
            ),
            "body": [
                ("heading", "Зашто 30. јул"),
                (
                    "paragraph",
                    "<p>Генерална скупштина Уједињених нација прогласила је 2013. године 30. јул "
                    "Светским даном борбе против трговине људима. Тог дана се широм света "
                    "говори о правима жртава и о томе како се трговина људима спречава.</p>"
                    "<p>Центар за заштиту жртава трговине људима обележава овај дан сваке "
                    "године: разговара са грађанима и младима, држи предавања за стручњаке и "
                    "објашњава где се помоћ може потражити.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "Знаци на које треба обратити пажњу",
                        "text": "<ul>"
                        "<li>неко је особи узео пасош, личну карту или новац и не враћа их;</li>"
                        "<li>дуг за пут, смештај или посао само расте и не може да се врати;</li>"
                        "<li>особа не може слободно да оде са посла или из места где живи;</li>"
                        "<li>неко прети њој или њеној породици.</li>"
                        "</ul>"
                        "<p>И један од ових знакова је довољан разлог да се потражи савет.</p>",
                    },
                ),
            ],
        },
        "en": {
            "title": "World Day against Trafficking in Persons {year}",
            "key_message": (
                "Human trafficking can happen to anyone: women, men and children, citizens of "
                "Serbia and foreigners. If you recognise the signs, ask for help. Help is free "
                "and confidential."
            ),
            "hero_alt": "The date {date} in white figures on a blue background.",
            "share_description": (
                "30 July, World Day against Trafficking in Persons: recognise the signs and find "
                "out where to ask for help."
            ),
            "body": [
                ("heading", "Why 30 July"),
                (
                    "paragraph",
                    "<p>In 2013 the United Nations General Assembly proclaimed 30 July the World "
                    "Day against Trafficking in Persons. On that day people around the world "
                    "talk about the rights of victims and about how human trafficking can be "
                    "prevented.</p>"
                    "<p>The Centre for the Protection of Victims of Human Trafficking marks the "
                    "day every year: it talks with citizens and young people, gives lectures to "
                    "professionals and explains where help can be found.</p>",
                ),
                (
                    "callout",
                    {
                        "title": "Signs to look out for",
                        "text": "<ul>"
                        "<li>someone has taken a person's passport, identity card or money and "
                        "does not give them back;</li>"
                        "<li>a debt for travel, housing or a job only grows and can never be "
                        "repaid;</li>"
                        "<li>a person cannot freely leave their work or the place where they "
                        "live;</li>"
                        "<li>someone threatens them or their family.</li>"
                        "</ul>"
                        "<p>Even one of these signs is reason enough to ask for advice.</p>",
                    },
                ),
            ],
        },
    },
    "eu-day": {
        "colour": (75, 42, 123),
        "sr": {
            "title": "Европски дан борбе против трговине људима {year}.",
            "key_message": (
                "Трговина људима се дешава и у Србији. Стручњак који на време препозна знаке "
                "може да заштити жртву: сваку сумњу пријавите Центру."
            ),
            "hero_alt": "Датум {date} исписан белим бројевима на љубичастој подлози.",
            "share_description": (
                "18. октобар, Европски дан борбе против трговине људима: свака пријава сумње "
                "може да заштити жртву."
            ),
            "body": [
                ("heading", "Зашто 18. октобар"),
                (
                    "paragraph",
                    "<p>Европска комисија је 2007. године прогласила 18. октобар Европским даном "
                    "борбе против трговине људима. Центар га сваке године обележава "
                    "активностима намењеним пре свега стручњацима који у свом раду могу да се "
                    "сретну са жртвама.</p>",
                ),
                ("heading", "Прелиминарна идентификација"),
                (
                    "paragraph",
                    "<p>Жртву трговине људима често прво уочи неко ко није полицајац: "
                    "наставница, лекар, социјални радник, саветник у служби за запошљавање или "
                    "активисткиња удружења грађана. Листе индикатора помажу им да препознају "
                    "знаке и да пријаве сумњу.</p>"
                    "<p>Центар затим обавља формалну идентификацију и координира заштиту "
                    "жртве, заједно са центрима за социјални рад, полицијом, тужилаштвима, "
                    "судовима и удружењима грађана.</p>",
                ),
            ],
        },
        "en": {
            "title": "EU Anti-Trafficking Day {year}",
            "key_message": (
                "Human trafficking happens in Serbia too. A professional who recognises the "
                "signs in time can protect a victim: report every suspicion to the Centre."
            ),
            "hero_alt": "The date {date} in white figures on a purple background.",
            "share_description": (
                "18 October, EU Anti-Trafficking Day: every report of a suspicion can protect a "
                "victim."
            ),
            "body": [
                ("heading", "Why 18 October"),
                (
                    "paragraph",
                    "<p>In 2007 the European Commission proclaimed 18 October the EU "
                    "Anti-Trafficking Day. The Centre marks it every year with activities meant "
                    "above all for professionals who may meet victims in their work.</p>",
                ),
                ("heading", "Preliminary identification"),
                (
                    "paragraph",
                    "<p>A victim of human trafficking is often first noticed by someone who is "
                    "not a police officer: a teacher, a doctor, a social worker, an employment "
                    "adviser or an activist of a citizens' association. Lists of indicators "
                    "help them recognise the signs and report a suspicion.</p>"
                    "<p>The Centre then carries out the formal identification and coordinates "
                    "the protection of the victim, together with social work centres, the "
                    "police, prosecutors, courts and citizens' associations.</p>",
                ),
            ],
        },
    },
}

ONLINE_LECTURE = {
    "sr": {"title": "Онлајн предавање за стручњаке: знаци трговине људима", "place": ""},
    "en": {"title": "Online lecture for professionals: signs of human trafficking", "place": ""},
}
ONLINE_IDENTIFICATION = {
    "sr": {"title": "Онлајн предавање за стручњаке: прелиминарна идентификација", "place": ""},
    "en": {"title": "Online lecture for professionals: preliminary identification", "place": ""},
}
CENTRE_PREMISES = {"sr": "Београд, просторије Центра", "en": "Belgrade, the Centre's premises"}


def stand(town_sr, town_en):
    return {
        "sr": {"title": "Информативни штанд", "place": f"{town_sr}, градски трг"},
        "en": {"title": "Information stand", "place": f"{town_en}, the town square"},
    }


def school(town_sr, town_en):
    return {
        "sr": {"title": "Јавни час у средњој школи", "place": f"{town_sr}, средња школа"},
        "en": {
            "title": "Public lesson in a secondary school",
            "place": f"{town_en}, a secondary school",
        },
    }


# Each campaign: its slug, observance, year, events ((date, time, online, texts)) and, for one
# prepared in advance, when it goes live (local time).
CAMPAIGNS = [
    {
        "slug": "world-day-2026",
        "observance": "world-day",
        "year": 2026,
        "events": [
            ("2026-07-28", "11:00", True, ONLINE_LECTURE),
            ("2026-07-30", "10:00", False, stand("Нови Сад", "Novi Sad")),
            (
                "2026-07-30",
                "18:00",
                False,
                {
                    "sr": {
                        "title": "Трибина „Трговина људима није далеко од нас”",
                        "place": CENTRE_PREMISES["sr"],
                    },
                    "en": {
                        "title": "Public talk: human trafficking is closer than we think",
                        "place": CENTRE_PREMISES["en"],
                    },
                },
            ),
        ],
    },
    {
        "slug": "eu-day-2026",
        "observance": "eu-day",
        "year": 2026,
        "events": [
            ("2026-10-15", "11:00", True, ONLINE_IDENTIFICATION),
            ("2026-10-16", "10:00", False, school("Крагујевац", "Kragujevac")),
            (
                "2026-10-19",
                "13:00",
                False,
                {
                    "sr": {
                        "title": "Разговор са студентима социјалног рада",
                        "place": CENTRE_PREMISES["sr"],
                    },
                    "en": {
                        "title": "A talk with social work students",
                        "place": CENTRE_PREMISES["en"],
                    },
                },
            ),
        ],
    },
    {
        "slug": "world-day-2027",
        "observance": "world-day",
        "year": 2027,
        "go_live_at": "2027-06-18T09:00",
        "events": [
            ("2027-07-29", "11:00", True, ONLINE_LECTURE),
            ("2027-07-30", "10:00", False, stand("Суботица", "Subotica")),
        ],
    },
    {
        "slug": "eu-day-2027",
        "observance": "eu-day",
        "year": 2027,
        "go_live_at": "2027-09-06T09:00",
        "events": [
            ("2027-10-15", "10:00", False, school("Чачак", "Čačak")),
            ("2027-10-18", "11:00", True, ONLINE_IDENTIFICATION),
        ],
    },
]

# Calls to action: the slug of a help page (under the help section) and the button's text.
ACTIONS = [
    ("help", {"sr": "Потражи помоћ", "en": "Get help"}),
    ("whom-to-contact", {"sr": "Коме се обратити", "en": "Whom to contact"}),
]

# One leaflet for every campaign, in Serbian (both scripts: the Latin text is generated) and
# English, so every reader of every language version can read it.
LEAFLET = {
    "title": "Летак: Трговина људима — препознај и потражи помоћ",
    "filename": "letak-trgovina-ljudima.txt",
    "block": {
        "sr": {
            "title": "Летак: препознај трговину људима и потражи помоћ",
            "description": "На српском (ћирилица и латиница) и енглеском језику.",
        },
        "en": {
            "title": "Leaflet: recognise human trafficking and ask for help",
            "description": "In Serbian (Cyrillic and Latin script) and English.",
        },
    },
    "sr": (
        "ТРГОВИНА ЉУДИМА — ПРЕПОЗНАЈ И ПОТРАЖИ ПОМОЋ\n\n"
        "Трговина људима је злочин у коме неко врбује, превози или држи особу да би је "
        "искоришћавао: за рад, за сексуално искоришћавање, за просјачење или за вршење "
        "кривичних дела. Жртва може бити свако: жена, мушкарац или дете, држављанин Србије "
        "или странац.\n\n"
        "Знаци на које треба обратити пажњу:\n"
        "- неко је особи узео пасош, личну карту или новац и не враћа их;\n"
        "- дуг за пут, смештај или посао само расте и не може да се врати;\n"
        "- особа не може слободно да оде са посла или из места где живи;\n"
        "- неко прети њој или њеној породици.\n\n"
        "Где потражити помоћ:\n"
        "- у непосредној опасности: полиција 192 или јединствени број за хитне случајеве 112;\n"
        "- Национална дечја линија: 116 111;\n"
        "- Центар за заштиту жртава трговине људима: контакте Центра наћи ћете на његовом "
        "сајту.\n\n"
        "Помоћ Центра је бесплатна и поверљива. Не мораш да кажеш своје име када тражиш "
        "савет.\n"
    ),
    "en": (
        "HUMAN TRAFFICKING — RECOGNISE IT AND ASK FOR HELP\n\n"
        "Human trafficking is a crime in which someone recruits, moves or holds a person in "
        "order to exploit them: for work, for sexual exploitation, for begging or for "
        "committing crimes. Anyone can be a victim: a woman, a man or a child, a citizen of "
        "Serbia or a foreigner.\n\n"
        "Signs to look out for:\n"
        "- someone has taken a person's passport, identity card or money and does not "
        "give them back;\n"
        "- a debt for travel, housing or a job only grows and can never be repaid;\n"
        "- a person cannot freely leave their work or the place where they live;\n"
        "- someone threatens them or their family.\n\n"
        "Where to ask for help:\n"
        "- in immediate danger: the police on 192 or the single emergency number 112;\n"
        "- the national children's helpline: 116 111;\n"
        "- the Centre for the Protection of Victims of Human Trafficking: its contacts are on "
        "its website.\n\n"
        "The Centre's help is free and confidential. You do not have to give your name when "
        "you ask for advice.\n"
    ),
}
