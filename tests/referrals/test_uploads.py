"""Attachments: PDF, JPEG and PNG by their content, at most five of 10 MB, clear errors."""

import io

import pytest

from referrals.intake import uploads
from referrals.models import Attachment, Referral
from tests.referrals.support import (
    JPEG,
    PDF,
    PNG,
    PROFESSIONAL_URL,
    form_token,
    professional_data,
    receipt_codes,
)

pytestmark = pytest.mark.django_db


def named(data, name):
    stream = io.BytesIO(data)
    stream.name = name
    return stream


def send(client, files):
    token = form_token(client.get(PROFESSIONAL_URL))
    return client.post(
        PROFESSIONAL_URL, {"token": token, **professional_data(), "attachments": files}
    )


def test_types_are_recognised_by_content_not_by_name(client):
    response = send(client, [named(PDF, "scan.txt"), named(JPEG, "photo"), named(PNG, "x.PNG")])
    assert len(receipt_codes(response)) == 2
    referral = Referral.objects.get()
    assert referral.attachments.count() == 3
    for attachment in referral.attachments.all():
        assert PDF[:8] not in bytes(attachment.sealed)


@pytest.mark.parametrize(
    "data, name",
    [
        (b"MZ\x90\x00 an executable", "invoice.pdf"),
        (b"<html><script>alert(1)</script>", "photo.jpg"),
        (b"GIF89a....", "image.png"),
        (b"PK\x03\x04 a zip or docx", "statement.pdf"),
    ],
)
def test_anything_else_is_refused_with_its_name(client, data, name):
    response = send(client, [named(data, name)])
    html = response.content.decode()
    assert f"“{name}” is not a PDF, JPEG or PNG file." in html
    assert 'href="#id_attachments"' in html
    assert "choose your files again" in html
    assert Referral.objects.count() == 0
    assert "Jelena" in html  # what was typed is still there


def test_an_empty_file_is_refused(client):
    response = send(client, [named(b"", "empty.pdf")])
    assert "“empty.pdf” is empty." in response.content.decode()
    assert Referral.objects.count() == 0


def test_more_than_five_files_are_refused(client):
    response = send(client, [named(PDF, f"{i}.pdf") for i in range(6)])
    assert b"at most 5 files" in response.content
    assert Referral.objects.count() == 0


def test_a_file_over_10_mb_is_refused_and_not_kept_in_memory(client):
    too_big = PDF + b"0" * (uploads.MAX_FILE_SIZE + 1 - len(PDF))
    response = send(client, [named(too_big, "big.pdf"), named(PNG, "small.png")])
    assert "“big.pdf” is larger than 10 MB." in response.content.decode()
    assert Referral.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_five_files_of_exactly_10_mb_are_accepted(client):
    exactly = PDF + b"0" * (uploads.MAX_FILE_SIZE - len(PDF))
    response = send(client, [named(exactly, f"{i}.pdf") for i in range(5)])
    assert len(receipt_codes(response)) == 2
    assert Attachment.objects.count() == 5


def test_file_names_lose_their_folders():
    from referrals.intake.fields import display_name

    assert display_name("C:\\Users\\ana\\passport.pdf") == "passport.pdf"
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("") == "file"
