"""Demo text of the home page, in Serbian Cyrillic (the source) and English. The lead says in
two sentences who the Centre helps and that help is free; the body is the Centre's remit in
brief, from the seed 004 (its Statute, Article 9)."""

HOME = {
    "sr": {
        "title": "Центар за заштиту жртава трговине људима",
        "lead": (
            "Помажемо женама, мушкарцима и деци који су жртве трговине људима, држављанима "
            "Србије и странцима. Помоћ је бесплатна и поверљива."
        ),
        "body": [
            ("heading", "Шта Центар ради"),
            (
                "paragraph",
                "<p>Центар је установа социјалне заштите за целу територију Републике Србије. "
                "Процењује потребе и ризике, идентификује жртве трговине људима, израђује "
                "индивидуалне планове заштите и пружа услуге ургентног прихвата.</p>"
                "<p>Центар координира рад центара за социјални рад, полиције, јавних "
                "тужилаштава, судова, удружења грађана и других служби, како би свака жртва "
                "добила заштиту у свом најбољем интересу.</p>",
            ),
        ],
    },
    "en": {
        "title": "Centre for the Protection of Victims of Human Trafficking",
        "lead": (
            "We help women, men and children who are victims of human trafficking, citizens "
            "of Serbia and foreigners alike. Help is free and confidential."
        ),
        "body": [
            ("heading", "What the Centre does"),
            (
                "paragraph",
                "<p>The Centre is a social protection institution covering the whole territory "
                "of the Republic of Serbia. It assesses needs and risks, identifies victims of "
                "human trafficking, draws up individual protection plans and provides urgent "
                "reception.</p>"
                "<p>The Centre coordinates the work of social work centres, the police, public "
                "prosecutors, courts, citizens' associations and other services, so that every "
                "victim is protected in their best interest.</p>",
            ),
        ],
    },
}
