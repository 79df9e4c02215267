"""Media on S3-compatible storage (docs/operations.md, "Scale-out switches"): off unless
MEDIA_S3_BUCKET is set; when set, what editors upload in the admin lands in the bucket, documents
are still sent by Wagtail's view (its privacy and collection rules apply) and the renditions a
page shows are fetched from the storage's address. Against a real S3 server: moto's, started
here on a free port."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import requests
from django.conf import settings
from django.test import override_settings
from PIL import Image as Picture
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from config.storage import media_origin, media_storage
from news.models import NewsPage
from referrals.models import Attachment
from tests.referrals.support import (
    PDF,
    PROFESSIONAL_URL,
    form_token,
    professional_data,
    receipt_codes,
)
from tests.servers import free_port, internal_tier, wait_for

ROOT = Path(__file__).resolve().parents[2]
MOTO = shutil.which("moto_server", path=str(Path(sys.executable).parent)) or shutil.which(
    "moto_server"
)
BUCKET = "cpvht-media-test"
KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "testing", "MEDIA_S3_SECRET_ACCESS_KEY": "testing"}

pytestmark = [
    pytest.mark.skipif(not MOTO, reason="moto[server] is a dev dependency"),
    pytest.mark.django_db,
    # A news item of the demo gets its picture from the bucket.
    pytest.mark.usefixtures("demo"),
]


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    server = subprocess.Popen(
        [MOTO, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        wait_for(port, server)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106
        )
        client.create_bucket(Bucket=BUCKET)
        yield {"endpoint": endpoint, "client": client}
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def stored_keys(s3):
    listing = s3["client"].list_objects_v2(Bucket=BUCKET)
    return [item["Key"] for item in listing.get("Contents", [])]


def production_storage(extra):
    """STORAGES["default"]'s backend as production.py sets it with this environment."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 60,
        **internal_tier("centar.example"),
        **extra,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.STORAGES['default']['BACKEND']); "
            "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.split("\n")[:2]


def test_the_bucket_is_used_only_when_the_environment_names_one():
    backend, _ = production_storage({})
    assert backend == "django.core.files.storage.FileSystemStorage"
    backend, images = production_storage(
        {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": "https://s3.centar.example", **KEYS}
    )
    assert backend == "storages.backends.s3.S3Storage"
    # The pages' images come from the storage's address: the pages' policy names it.
    assert "https://s3.centar.example" in images.split()


def png(size=(1200, 675)):
    output = io.BytesIO()
    Picture.new("RGB", size, (20, 90, 160)).save(output, format="PNG")
    output.seek(0)
    output.name = "campaign-poster.png"
    return output


def s3_storages(s3, monkeypatch):
    """STORAGES with the default storage as production.py makes it for the test's bucket."""
    env = {"MEDIA_S3_BUCKET": BUCKET, "MEDIA_S3_ENDPOINT_URL": s3["endpoint"], **KEYS}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return {**settings.STORAGES, "default": media_storage()}


def test_what_editors_upload_is_stored_in_the_bucket_and_served(
    s3, editor_client, client, monkeypatch
):
    storages = s3_storages(s3, monkeypatch)
    with override_settings(STORAGES=storages):
        response = editor_client.post(
            "/admin/images/add/", {"title": "Плакат кампање", "file": png()}
        )
        assert response.status_code == 302, response.content.decode()[-2000:]
        text = io.BytesIO("План рада 2025.\n".encode())
        text.name = "plan-rada.txt"
        response = editor_client.post("/admin/documents/add/", {"title": "План рада", "file": text})
        assert response.status_code == 302, response.content.decode()[-2000:]

        keys = stored_keys(s3)
        assert any(re.fullmatch(r"original_images/campaign-poster\w*\.png", k) for k in keys)
        assert any(re.fullmatch(r"documents/plan-rada\w*\.txt", k) for k in keys)

        # The document, by Wagtail's view on the site's own address, read from the bucket.
        document = get_document_model().objects.get(title="План рада")
        assert document.url.startswith("/documents/")
        served = client.get(document.url)
        assert served.status_code == 200
        assert b"".join(served.streaming_content).decode() == "План рада 2025.\n"

        # The image on a published page: the rendition is made on publish, stored in the
        # bucket, and the page points the browser at it.
        page = NewsPage.objects.get(slug="shelter-2023", locale__language_code="sr")
        page.image = get_image_model().objects.get(title="Плакат кампање")
        page.image_alt = "Плакат"
        page.save_revision().publish()
        html = client.get("/news/shelter-2023/").content.decode()
        sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
        shown = [src.replace("&amp;", "&") for src in sources if "campaign-poster" in src]
        assert shown and all(src.startswith(media_origin() + "/") for src in shown), sources
        assert any(k.startswith("images/campaign-poster") for k in stored_keys(s3))
        picture = requests.get(shown[0], timeout=10)
        assert picture.status_code == 200
        assert picture.content.startswith(b"\x89PNG")


def test_a_referrals_attachments_stay_sealed_in_the_database_not_in_the_bucket(
    s3, client, monkeypatch
):
    """Referral attachments are sealed on arrival and kept in the database with the referral
    (referrals/models/referral.py): the media storage, local or S3, never holds one."""
    storages = s3_storages(s3, monkeypatch)
    before = set(stored_keys(s3))
    with override_settings(STORAGES=storages):
        page = client.get(PROFESSIONAL_URL)
        statement = io.BytesIO(PDF)
        statement.name = "statement-7QX2.pdf"
        data = {"token": form_token(page), **professional_data(), "attachments": [statement]}
        response = client.post(PROFESSIONAL_URL, data)
    assert response.status_code == 200 and len(receipt_codes(response)) == 2
    assert set(stored_keys(s3)) == before
    attachment = Attachment.objects.latest("pk")
    assert b"7QX2" not in bytes(attachment.sealed) and PDF not in bytes(attachment.sealed)
