"""Demo news: five items drawn from the Centre's work report for 2023 (seed 003), in Serbian
Cyrillic and English. Every statement is in the report; nothing is added to it. The dates are
the demo's publication dates (the items report on 2023 looking back).

Only data, no Django imports. Block formats as in pages.py. Tags are typed in Cyrillic; TAGS
gives each its English name.
"""

INDEX = {
    "slug": "news",
    "sr": {
        "title": "Вести",
        "intro": "Новости о раду Центра за заштиту жртава трговине људима.",
    },
    "en": {
        "title": "News",
        "intro": "News about the work of the Centre for the Protection of Victims of Human "
        "Trafficking.",
    },
}

TAGS = {
    "извештаји": "reports",
    "идентификација": "identification",
    "Прихватилиште": "the Shelter",
    "обуке": "training",
    "публикације": "publications",
    "статистика": "statistics",
    "планови": "plans",
}

REPORT = "Извештај о раду Центра за 2023. годину"

# Oldest first: the order in which they are created.
NEWS = [
    {
        "slug": "plans-for-2024",
        "date": "2026-11-02",
        "tags": ["планови", "идентификација"],
        "sr": {
            "title": "Планови за 2024. годину: систем брзог реаговања на пријаве",
            "summary": (
                "Ослањајући се на резултате из 2023. године, Центар је за 2024. годину "
                "планирао нове правилнике о идентификацији и координацији заштите жртава и "
                "систем брзог реаговања на пријаве."
            ),
            "body": [
                (
                    "paragraph",
                    f"<p>Према документу „{REPORT}”, Центар је у 2024. години очекивао да:</p>"
                    "<ul>"
                    "<li>заврши нове правилнике о идентификацији и координацији заштите жртава "
                    "и успостави систем брзог реаговања на пријаве;</li>"
                    "<li>изради алате за адекватно информисање корисница и корисника;</li>"
                    "<li>заврши апликацију за прелиминарну идентификацију;</li>"
                    "<li>додатно унапреди софтвер који користи, а тиме и статистичку анализу "
                    "података;</li>"
                    "<li>акредитује нове обуке за различите системе;</li>"
                    "<li>повећа проактивност, прошири капацитете Прихватилишта, подстиче развој "
                    "нових услуга и помаже рад већег броја организација и установа.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>Током 2023. године Центар је активно учествовао у изради предлога новог "
                    "програмског документа и акционог плана за његово спровођење, у којима су "
                    "се нашле бројне активности значајне за заштиту жртава и за рад Центра. "
                    "Заговарао је и доношење нових законских решења, како би установа била "
                    "адекватно позиционирана.</p>",
                ),
            ],
        },
        "en": {
            "title": "Plans for 2024: a rapid response system for referrals",
            "summary": (
                "Building on its results in 2023, the Centre planned new rulebooks on the "
                "identification of victims and the coordination of their protection for 2024, "
                "and a system for responding rapidly to referrals."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>According to the Centre's work report for 2023, in 2024 the Centre "
                    "expected to:</p>"
                    "<ul>"
                    "<li>finish new rulebooks on identification and on the coordination of "
                    "victim protection, and set up a rapid response system for referrals;</li>"
                    "<li>develop tools to inform its beneficiaries properly;</li>"
                    "<li>finish the application for preliminary identification;</li>"
                    "<li>further improve the software it uses, and with it the statistical "
                    "analysis of data;</li>"
                    "<li>accredit new trainings for different systems;</li>"
                    "<li>be more proactive, expand the capacity of the Shelter, encourage new "
                    "services and support the work of more organisations and institutions.</li>"
                    "</ul>",
                ),
                (
                    "paragraph",
                    "<p>During 2023 the Centre took an active part in drafting a proposal for a "
                    "new strategic document and the action plan for carrying it out, which "
                    "include many activities important for the protection of victims and for "
                    "the Centre's work. It also advocated new legislation that would give the "
                    "institution an adequate position.</p>",
                ),
            ],
        },
    },
    {
        "slug": "guide-for-findings-and-opinions",
        "date": "2026-11-06",
        "tags": ["публикације", "статистика"],
        "sr": {
            "title": "Водич за писање налаза и мишљења и унапређени статистички извештај",
            "summary": (
                "Један од најважнијих резултата Центра у 2023. години је Водич за писање "
                "налаза и мишљења, израђен уз учешће чланова експертске радне групе."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Водич би требало да унапреди не само квалитет извештаја које пишу "
                    "стручни радници Центра, већ и цео процес идентификације, подршку жртвама "
                    "за учешће у правосудним поступцима и третман који Центар има пред судовима "
                    "и тужилаштвима. Центру је основа за даље унапређење процедура стручних "
                    "поступака које спроводи.</p>",
                ),
                ("heading", "Статистички извештај"),
                (
                    "paragraph",
                    "<p>Статистички извештај Центра у 2023. години додатно је унапређен и "
                    "садржи више података него икада од оснивања Центра. На основу њега може "
                    "квалитетно да се анализира постојеће стање и праве планови за унапређење "
                    "система.</p>",
                ),
            ],
        },
        "en": {
            "title": "A guide for writing findings and opinions, and an improved statistical "
            "report",
            "summary": (
                "One of the Centre's most important results in 2023 is its Guide for writing "
                "findings and opinions, prepared with the members of an expert working group."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>The guide is meant to improve not only the quality of the reports the "
                    "Centre's professionals write, but the whole process of identification, the "
                    "support given to victims who take part in court proceedings, and the way "
                    "courts and prosecutors treat the Centre. It is the basis on which the "
                    "Centre will further improve the procedures it follows.</p>",
                ),
                ("heading", "The statistical report"),
                (
                    "paragraph",
                    "<p>In 2023 the Centre's statistical report was further improved and holds "
                    "more data than ever since the Centre was founded. It allows a sound "
                    "analysis of the current situation and plans for improving the "
                    "system.</p>",
                ),
            ],
        },
    },
    {
        "slug": "training-for-professionals-2023",
        "date": "2026-11-10",
        "tags": ["обуке"],
        "sr": {
            "title": "Више стотина обучених стручњака и четири нова радника",
            "summary": (
                "Стручни радници Центра су током 2023. године, као предавачи и тренери, обучили "
                "више стотина стручњака из правосуђа, полиције, социјалне заштите, здравства, "
                "образовања, невладиног сектора, инспекције рада и других области."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Крајем 2023. године Центар је запослио четири нова радника: два стручна "
                    "радника у Служби за координацију заштите жртава трговине људима и једног "
                    "стручног радника и једног сарадника у Прихватилишту. Стручни радници "
                    "Центра наставили су стално усавршавање и прошли велики број обука за "
                    "директан рад са жртвама трговине људима.</p>"
                    "<p>Саветодавним радом, менторском подршком и умрежавањем Центар је "
                    "подржавао велики број установа и организација у заштити жртава. Иницирао "
                    "је поновно успостављање локалног тима за борбу против трговине људима у "
                    "Смедереву и настојао да допринесе развоју других локалних тимова.</p>"
                    "<p>Стручњаци Центра учествовали су као предавачи на великом броју домаћих "
                    "и међународних стручних скупова, од којих је неке организовао сам "
                    "Центар.</p>",
                ),
            ],
        },
        "en": {
            "title": "Hundreds of professionals trained, and four new staff",
            "summary": (
                "During 2023 the Centre's professionals, as lecturers and trainers, trained "
                "several hundred professionals from the judiciary, the police, social "
                "protection, health care, education, the non-governmental sector, labour "
                "inspection and other fields."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>At the end of 2023 the Centre hired four new staff: two professionals "
                    "in the Service for the Coordination of the Protection of Victims of Human "
                    "Trafficking, and one professional and one assistant in the Shelter. The "
                    "Centre's professionals continued their training and took many courses on "
                    "working directly with victims of human trafficking.</p>"
                    "<p>Through advice, mentoring and networking the Centre supported many "
                    "institutions and organisations in protecting victims. It initiated the "
                    "re-establishment of the local anti-trafficking team in Smederevo and worked "
                    "to help other local teams develop.</p>"
                    "<p>The Centre's professionals spoke at many national and international "
                    "professional meetings, some of which the Centre organised itself.</p>",
                ),
            ],
        },
    },
    {
        "slug": "shelter-2023",
        "date": "2026-11-13",
        "tags": ["Прихватилиште"],
        "sr": {
            "title": "Прихватилиште: највише корисница од 2019. године и нов програм рада",
            "summary": (
                "У 2023. години Центар је у Прихватилиште сместио највећи број корисница од "
                "када је ова услуга успостављена, 2019. године. Израђен је и нов програм рада "
                "Прихватилишта, који помоћ пружа кроз три фазе."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>Нови програм рада Прихватилишта већ се примењује. Подразумева "
                    "интензивну помоћ кроз три фазе, након којих би корисница требало да буде "
                    "оснажена и припремљена за самосталан живот или за други облик смештаја, "
                    "који захтева мањи степен подршке.</p>"
                    "<p>Кроз пројекат „Ментално здравље жртава трговине људима и пружаоца "
                    "услуга” свим корисницама Прихватилишта обезбеђена је психотерапија, за "
                    "њих су израђене специјализоване радионице, а запослени су прошли "
                    "усавршавање. Израђен је и кратак филм који представља систем рада у "
                    "Прихватилишту и који ће служити за информисање будућих корисница.</p>"
                    "<p>Уз помоћ бројних партнера, Центар је налазио смештај и за кориснике "
                    "којима је био потребан другачији концепт услуге.</p>",
                ),
            ],
        },
        "en": {
            "title": "The Shelter: the most residents since 2019, and a new programme",
            "summary": (
                "In 2023 the Centre placed more women in the Shelter than in any year since the "
                "service was set up in 2019. A new programme of work for the Shelter was also "
                "written, which provides help in three phases."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>The Shelter's new programme is already in use. It provides intensive "
                    "help in three phases, after which a resident should be empowered and "
                    "prepared for independent living or for another kind of accommodation that "
                    "needs less support.</p>"
                    "<p>Through the project “Mental health of victims of human trafficking and "
                    "service providers”, every resident of the Shelter received psychotherapy, "
                    "specialised workshops were developed for them, and the staff received "
                    "further training. A short film was also made that presents how the Shelter "
                    "works; it will be used to inform future residents.</p>"
                    "<p>With the help of many partners, the Centre also found accommodation for "
                    "beneficiaries who needed a different kind of service.</p>",
                ),
            ],
        },
    },
    {
        "slug": "work-report-2023",
        "date": "2026-11-17",
        "tags": ["извештаји", "идентификација"],
        "sr": {
            "title": "Извештај о раду за 2023. годину: највише пријава у последњих пет година",
            "summary": (
                "У 2023. години Центар је добио највећи број пријава и идентификовао највећи "
                "број жртава трговине људима у последњих пет година. Сви циљеви постављени за "
                "ту годину остварени су у потпуности или већим делом."
            ),
            "body": [
                (
                    "paragraph",
                    f"<p>Према документу „{REPORT}”, све претпостављене жртве добиле су "
                    "саветодавну подршку и информације о својим правима, а све идентификоване "
                    "жртве психолошку и правну подршку Центра. Центар је обавио велики број "
                    "теренских посета, организовао конференције случаја и настојао да за сваку "
                    "идентификовану жртву изгради мрежу подршке са актерима из социјалне "
                    "заштите, образовања, правосуђа, здравства и невладиног сектора.</p>"
                    "<p>Центар је улагао напоре да свака корисница и сваки корисник који "
                    "учествује у правосудном поступку има адвоката, пратњу и психолошку "
                    "подршку приликом давања изјаве.</p>",
                ),
                ("heading", "Пример добре праксе"),
                (
                    "paragraph",
                    "<p>Систем идентификације жртава који Центар примењује представљен је као "
                    "пример добре праксе на међународном нивоу у публикацији ОЕБС-а „Putting "
                    "Victims First – Social path to identification and assistance”.</p>"
                    "<p>У 2023. години започета је и промена система рада у Центру, која би "
                    "требало да буде завршена почетком 2024. године и да до краја те године "
                    "почне да даје конкретне резултате.</p>",
                ),
            ],
        },
        "en": {
            "title": "Work report for 2023: the most referrals in five years",
            "summary": (
                "In 2023 the Centre received the largest number of referrals and identified "
                "the largest number of victims of human trafficking in the last five years. All "
                "the goals set for the year were achieved in full or in large part."
            ),
            "body": [
                (
                    "paragraph",
                    "<p>According to the Centre's work report for 2023, every presumed victim "
                    "received counselling and information about their rights, and every "
                    "identified victim received psychological and legal support from the "
                    "Centre. The Centre made many field visits, organised case conferences and "
                    "worked to build, for every identified victim, a network of support with "
                    "people from social protection, education, the judiciary, health care and "
                    "the non-governmental sector.</p>"
                    "<p>The Centre made every effort so that each beneficiary taking part in "
                    "court proceedings had a lawyer, someone to accompany them and "
                    "psychological support when giving a statement.</p>",
                ),
                ("heading", "An example of good practice"),
                (
                    "paragraph",
                    "<p>The Centre's system for identifying victims was presented as an example "
                    "of good practice at the international level in the OSCE publication "
                    "“Putting Victims First – Social path to identification and "
                    "assistance”.</p>"
                    "<p>In 2023 the Centre also began to change the way it works, a change that "
                    "was to be completed early in 2024 and to start showing concrete results "
                    "by the end of that year.</p>",
                ),
            ],
        },
    },
]
