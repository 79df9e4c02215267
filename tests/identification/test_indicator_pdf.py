"""Each sector's list as a PDF for training: made from the same data as the printable page,
every indicator in it, in the page's language and script."""

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def indicators(page):
    return [item["text"] for group in page.groups for item in group.value["indicators"]]


def test_the_pdf_has_every_indicator_of_the_list(client, indicator_sets):
    schools = indicator_sets["schools"]
    listed = client.get(schools.url).content.decode()
    assert f'href="{schools.url}pdf/"' in listed
    text = pdf_text(client.get(f"{schools.url}pdf/"))
    assert schools.title in text
    assert indicators(schools)
    for indicator in indicators(schools):
        assert " ".join(indicator.split()) in text
    with translation.override("sr"):
        notice = gettext("Demo list, to be replaced by the Centre's official list.")
    assert notice != "Demo list, to be replaced by the Centre's official list."
    assert " ".join(notice.split()) in text


def test_the_latin_pdf_is_in_latin_letters(client, indicator_sets):
    latin = Page.objects.get(
        translation_key=indicator_sets["schools"].translation_key, locale__language_code="sr-latn"
    ).specific
    text = pdf_text(client.get(f"{latin.url}pdf/"))
    assert not any("а" <= letter <= "я" for letter in text.lower())
    for indicator in indicators(latin):
        assert " ".join(indicator.split()) in text


def test_without_the_font_the_page_says_so_and_does_not_fail(client, indicator_sets, settings):
    settings.INDICATOR_PDF_FONTS = ("/nonexistent/Sans.ttf", "/nonexistent/Sans-Bold.ttf")
    response = client.get(f"{indicator_sets['schools'].url}pdf/")
    assert response.status_code == 503
    assert "PDF" in response.content.decode()
