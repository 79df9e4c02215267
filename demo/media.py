"""Images and documents of the demo, made here: plain generated pictures (a colour and a date,
no third-party image) and text documents, stored as Wagtail images and documents. Each is
found again by its title, so a second run makes nothing new."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def date_picture(size, colour, big, small):
    """A PNG of `colour` with `big` (e.g. "30.07.") and `small` (e.g. "2026") in white.
    Figures only, so the picture reads the same in every language and script."""
    width, height = size
    picture = Picture.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    # Pillow's own font: no font file of the system is needed.
    big_font = ImageFont.load_default(size=height // 3)
    small_font = ImageFont.load_default(size=height // 8)
    draw.text((width // 2, height // 2), big, font=big_font, fill="white", anchor="md")
    draw.text(
        (width // 2, height // 2 + height // 12), small, font=small_font, fill="white", anchor="ma"
    )
    # A band along the bottom edge, a shade lighter than the background.
    band = tuple(min(255, channel + 40) for channel in colour)
    draw.rectangle((0, height - height // 20, width, height), fill=band)
    output = io.BytesIO()
    picture.save(output, format="PNG", optimize=True)
    return output.getvalue()


def stored_image(title, filename, make):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(io.BytesIO(make()), name=filename))
        image._set_image_file_metadata()
        image.save()
    return image


def stored_document(title, filename, text):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, file=ContentFile(text.encode("utf-8"), name=filename))
        document._set_document_file_metadata()
        document.save()
    return document
