"""The professional form and its receipt speak to professionals formally (Serbian "ви"), where
the public form speaks to a victim informally ("ти"); and the receipt says how many documents
arrived, with Serbian plural forms, from what is already stored (one sealed row per document),
for a repeated submit too.

The Serbian tests read the project's catalogue: they pass once the translations listed for it
are merged into locale/sr (the lead's step)."""

import io
import re

import pytest

from tests.referrals.support import (
    JPEG,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    REPORT_URL,
    form_token,
    professional_data,
    receipt_codes,
    report_data,
)

pytestmark = pytest.mark.django_db

SERBIAN_PROFESSIONAL_URL = "/professional-referral/"
SERBIAN_REPORT_URL = "/report/"

# Second person singular ("ти") in what these pages say: verbs, imperatives and pronouns.
INFORMAL = re.compile(
    r"\b(ти|теби|твој\w*|си|можеш|пошаљеш|написао/ла|навео/ла|тражио/ла|"
    r"изабери|пошаљи|провери|додај|позови|сачекај|остави|потврди|уклони|чувај|немој)\b",
    re.IGNORECASE,
)


def named(data, name):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # The header, the footer and the quick exit are the site's own, the same on every page.
    main = re.search(r"<main\b.*?</main>", html, re.S)
    html = main.group(0) if main else html
    html = re.sub(r'<[^>]*\b(?:aria-label|title|placeholder)="([^"]*)"[^>]*>', r" \1 ", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def send(client, url, files, **overrides):
    token = form_token(client.get(url))
    data = {"token": token, **professional_data(**overrides)}
    if files is not None:
        data["attachments"] = files
    return client.post(url, data), token


def documents_line(response):
    match = re.search(
        r'<p class="receipt__documents"[^>]*>(.*?)</p>', response.content.decode(), re.S
    )
    assert match, "the receipt says how many documents arrived"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.mark.parametrize(
    ("files", "said"),
    [
        ([], "No documents were attached."),
        ([PDF], "1 document received."),
        ([PDF, PNG], "2 documents received."),
        ([PDF, PNG, JPEG, PDF, PNG], "5 documents received."),
    ],
)
def test_the_receipt_says_how_many_documents_arrived(client, files, said):
    response, _ = send(
        client, PROFESSIONAL_URL, [named(data, f"{i}.bin") for i, data in enumerate(files)]
    )
    assert response.status_code == 200
    assert len(receipt_codes(response)) == 2, "the receipt"
    assert documents_line(response) == said


def test_a_repeated_submit_says_the_same_count(client):
    token = form_token(client.get(PROFESSIONAL_URL))
    data = {"token": token, **professional_data()}
    first = client.post(
        PROFESSIONAL_URL, {**data, "attachments": [named(PDF, "a.pdf"), named(PNG, "b.png")]}
    )
    again = client.post(
        PROFESSIONAL_URL, {**data, "attachments": [named(PDF, "a.pdf"), named(PNG, "b.png")]}
    )
    assert receipt_codes(again)[0] == receipt_codes(first)[0], "the same referral"
    assert documents_line(again) == "2 documents received."


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "Примљен је 1 документ."),
        (2, "Примљена су 2 документа."),
        (4, "Примљена су 4 документа."),
        (5, "Примљено је 5 докумената."),
    ],
)
def test_the_count_in_serbian_has_its_plural_forms(client, count, said):
    files = [named([PDF, PNG, JPEG][i % 3], f"{i}.bin") for i in range(count)]
    response, _ = send(client, SERBIAN_PROFESSIONAL_URL, files)
    assert documents_line(response) == said


def test_the_professional_form_speaks_formally(client):
    text = visible_text(client.get(SERBIAN_PROFESSIONAL_URL))
    assert not INFORMAL.findall(text), INFORMAL.findall(text)
    assert "Пошаљите упућивање" in text


def test_the_professional_form_with_errors_speaks_formally(client):
    # Files are dropped while the form has errors; the form says so, and its errors.
    response, _ = send(
        client, SERBIAN_PROFESSIONAL_URL, [named(PDF, f"{i}.pdf") for i in range(6)], narrative=""
    )
    text = visible_text(response)
    assert "Уклоните вишак" in text, "the too-many-files error"
    assert "изаберите их поново" in text, "the files-dropped notice"
    assert not INFORMAL.findall(text), INFORMAL.findall(text)


def test_the_professional_receipt_speaks_formally(client):
    response, _ = send(client, SERBIAN_PROFESSIONAL_URL, [], danger_now="yes")
    text = visible_text(response)
    assert "позовите" in text, "the urgent box"
    assert not INFORMAL.findall(text), INFORMAL.findall(text)


def test_the_public_form_still_speaks_to_a_victim_informally(client):
    # The formal words are the professional form's own: the public form keeps its "ти".
    assert INFORMAL.findall(visible_text(client.get(SERBIAN_REPORT_URL)))
    html = client.get(REPORT_URL).content.decode()
    assert "Already sent a report?" in html


# --- the follow-up pages ------------------------------------------------------------------

# The follow-up pages' own informal words besides those of the form; not "потврди", which is
# also "on the receipt" there (the follow-up asks for no captcha to confirm).
FOLLOW_UP_INFORMAL = re.compile(
    INFORMAL.pattern.replace("|потврди", "")
    + r"|\b(унеси|напиши|желиш|додаш|настави|изгубио/ла)\b",
    re.IGNORECASE,
)


def follow_up_pages(client, form_url, data):
    """The follow-up of a referral sent on `form_url`: the look-up page, the look-up with a
    wrong secret, the status page, the addition with its errors, and after an addition."""
    reference, secret = receipt_codes(client.post(form_url, data))
    url = form_url + "follow-up/"
    codes = {"reference": reference, "secret": secret}
    status = client.post(url, codes)
    token = form_token(status)
    add = {**codes, "action": "add", "token": token}
    files = [named(PDF, f"{i}.pdf") for i in range(6)]
    return {
        "look-up": client.get(url),
        "wrong secret": client.post(url, {**codes, "secret": "A" * 20}),
        "status": status,
        "errors": client.post(url, {**add, "information": "", "attachments": files}),
        "added": client.post(url, {**add, "information": "Особа је премештена у Чачак."}),
    }


def test_a_professionals_follow_up_pages_speak_formally(client):
    data = {"token": form_token(client.get(SERBIAN_PROFESSIONAL_URL)), **professional_data()}
    pages = follow_up_pages(client, SERBIAN_PROFESSIONAL_URL, data)
    said = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        text = visible_text(response)
        said[name] = text
        assert not FOLLOW_UP_INFORMAL.findall(text), (name, FOLLOW_UP_INFORMAL.findall(text))
    assert "Унесите број пријаве" in said["look-up"]
    assert "Проверите обоје" in said["wrong secret"]
    assert "Ваше упућивање" in said["status"]
    assert "Уклоните вишак" in said["errors"] and "Напишите" in said["errors"]
    assert "Хвала вам" in said["added"]


def test_a_public_reporters_follow_up_pages_keep_their_register(client):
    data = {"token": form_token(client.get(SERBIAN_REPORT_URL)), **report_data()}
    pages = follow_up_pages(client, SERBIAN_REPORT_URL, data)
    assert "Унеси број пријаве" in visible_text(pages["look-up"])
    assert "Провери обоје" in visible_text(pages["wrong secret"])
    assert "Твоја пријава" in visible_text(pages["status"])
    assert "Напиши шта желиш да додаш" in visible_text(pages["errors"])
    assert "Хвала: твоји подаци" in visible_text(pages["added"])
