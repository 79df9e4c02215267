"""The index pages of the demo's sections (campaigns, news), in Cyrillic and English."""

from .loader import english_version, publish


def section_index(home, model, entry):
    """The `model` index page with `entry["slug"]` under the Cyrillic home page, made and
    published (with its English version) if it is missing; an existing one is left alone."""
    page = home.get_children().filter(slug=entry["slug"]).first()
    if page is None:
        content = entry["sr"]
        page = model(
            title=content["title"], slug=entry["slug"], intro=content["intro"], show_in_menus=True
        )
        home.add_child(instance=page)
        page = publish(page)
    page = page.specific
    english_version(page, entry["en"])
    return page
