"""What a page shows when it is shared: Open Graph and Twitter card metadata.

Every URL is absolute and on the host the page was requested from, so a shared link never
points a reader's browser (or a preview bot) at a third party.
"""

# The size social networks show large previews at (1.91:1).
SHARE_IMAGE_FILTER = "fill-1200x630"


def share_metadata(request, page, *, description, image=None, image_alt="", kind="article"):
    """The metadata of `page` for templates/components/share_meta.html."""
    data = {
        "title": page.seo_title or page.title,
        "description": " ".join((description or "").split()),
        "url": request.build_absolute_uri(page.get_url(request)),
        "type": kind,
        "card": "summary",
    }
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_FILTER)
        data.update(
            image=request.build_absolute_uri(rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=image_alt,
            card="summary_large_image",
        )
    return data
