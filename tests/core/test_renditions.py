"""Images on the public tier: an image too large to decode safely is refused at upload with a
message to the editor, and the renditions a page shows are made when it is published (on the
internal tier), so no anonymous request pays for decoding and resizing an original."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db.models import ForeignKey
from django.test import override_settings
from PIL import Image as Picture
from wagtail.images import get_image_model
from wagtail.models import get_page_models

from campaigns.models import CampaignPage
from news.models import NewsPage
from tests.conftest import parse_page
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Rendition = Image.get_rendition_model()


def stored_image(title="Слика вести", size=(1600, 900)):
    picture = Picture.new("RGB", size, (120, 40, 60))
    output = io.BytesIO()
    picture.save(output, format="PNG")
    image = Image(title=title, file=ImageFile(output, name="news.png"))
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.fixture
def news_page(site_pages):
    """A news item without an image yet, in Cyrillic and Latin."""
    return NewsPageFactory(parent=site_pages.page("news"), slug="shelter-2023")


@pytest.fixture
def campaign_page(site_pages):
    """A campaign with its hero and share images, under the campaign index."""
    return CampaignPageFactory(parent=CampaignIndexPageFactory(parent=site_pages.home))


def image_urls(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    parsed = parse_page(response.content.decode())
    return [url for url in parsed.resources if url.startswith("/media/images/")]


# ---------------------------------------------------------------- huge images


# Pillow warns (DecompressionBombWarning, a RuntimeWarning) about an image this large; the test
# settings turn that warning into an error, which Wagtail would report as "too many pixels"
# whatever our limit. Ignored here, so only WAGTAILIMAGES_MAX_IMAGE_PIXELS can refuse it.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_huge_image_is_refused_with_a_message_to_the_editor(editor_client, tmp_path):
    # 11300 × 11300 = 127.69 megapixels, just under Wagtail's default limit of 128; blank and
    # one bit a pixel, so the file itself is only some kilobytes.
    path = Path(tmp_path) / "huge.png"
    Picture.new("1", (11300, 11300)).save(path, format="PNG")
    assert path.stat().st_size < 100_000
    count = Image.objects.count()

    with path.open("rb") as upload:
        response = editor_client.post(
            "/admin/images/add/", {"title": "Огромна слика", "file": upload}
        )

    assert response.status_code == 200
    assert (
        "This file has too many pixels (127690000). Maximum pixels 40000000."
        in response.content.decode()
    )
    assert Image.objects.count() == count


def test_a_phone_photo_is_within_the_limit():
    # A 24-megapixel photo (6000 × 4000), as phones take them, must still be accepted.
    assert 6000 * 4000 <= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


# ---------------------------------------------------------------- renditions made on publish


@pytest.mark.usefixtures("news_page")
def test_publishing_a_news_page_makes_the_renditions_its_visitors_see(client):
    page = NewsPage.objects.get(slug="shelter-2023", locale__language_code="sr")
    page.image = stored_image()
    page.image_alt = "Опис слике"
    page.save_revision().publish()
    made = Rendition.objects.count()

    # Anonymous visitors: the page (Cyrillic and Latin) and the news list, with the image in
    # each and in what the page tells social networks.
    shown = []
    for path in ["/news/shelter-2023/", "/sr-latn/news/shelter-2023/", "/news/", "/sr-latn/news/"]:
        shown += image_urls(client, path)
    html = client.get("/news/shelter-2023/").content.decode()
    assert re.search(r'property="og:image" content="http://testserver/media/images/[^"]+"', html)

    assert Rendition.objects.count() == made
    assert shown and all(url.startswith("/media/images/news.") for url in shown)


@pytest.mark.usefixtures("campaign_page")
def test_prepare_renditions_makes_what_is_missing_once(client):
    page = CampaignPage.objects.live().filter(locale__language_code="sr").first()
    Rendition.objects.all().delete()

    out = io.StringIO()
    call_command("prepare_renditions", stdout=out)
    made = Rendition.objects.count()
    assert made > 0
    assert f"{made} renditions made" in out.getvalue()

    image_urls(client, page.url)
    image_urls(client, "/")
    image_urls(client, page.get_parent().url)
    assert Rendition.objects.count() == made

    again = io.StringIO()
    call_command("prepare_renditions", stdout=again)
    assert "0 renditions made" in again.getvalue()
    assert Rendition.objects.count() == made


@pytest.mark.usefixtures("news_page")
def test_publishing_on_the_public_tier_makes_no_renditions():
    # Pages are published in the admin, on the internal tier; the public tier does not write
    # images (its database role need not allow it).
    page = NewsPage.objects.get(slug="shelter-2023", locale__language_code="sr")
    page.image = stored_image()
    before = Rendition.objects.count()
    with override_settings(SITE_ROLE="public"):
        page.save_revision().publish()
    assert Rendition.objects.count() == before


def test_every_image_a_page_shows_has_its_renditions_listed():
    from core.renditions import FIELDS, PLACES

    # A new image field on a page model must say where it is shown (core/renditions.py).
    image_fields = {
        (model._meta.label, field.name)
        for model in get_page_models()
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey) and field.related_model is Image
    }
    listed = {(label, name) for label, fields in FIELDS.items() for name in fields}
    assert image_fields == listed
    shown_in = {place for fields in FIELDS.values() for each in fields.values() for place in each}
    assert shown_in <= set(PLACES)

    # Templates show images only through the tag that reads the same list, never with a filter
    # spec of their own that publishing would not know about.
    templates = Path(settings.BASE_DIR) / "templates"
    for template in templates.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"{%\s*(image|srcset_image|picture)\s", text), template
        for place in re.findall(r'{%\s*responsive_image\s+\S+\s+"([^"]+)"', text):
            assert place in PLACES, (template, place)
