"""Demo step: the news section with five items drawn from the Centre's work report for 2023
(content/news.toml), each in Cyrillic (Latin follows) and English. Idempotent: what exists is
left alone."""

from django.db import transaction

from news.models import NewsIndexPage, NewsPage, NewsTag

from .loader import english_version, publish, read, section_index, source_home, stream

CONTENT = read("news")
NEWS = CONTENT["news"]


def tags():
    """The demo's tags; an English name an editor has changed is kept."""
    found = {}
    for name, english in CONTENT["tags"].items():
        tag, _created = NewsTag.objects.get_or_create(name=name)
        if not tag.name_en:
            tag.name_en = english
            tag.save(update_fields=["name_en"])
        found[name] = tag
    return found


def news_item(index, entry, known_tags):
    page = index.get_children().filter(slug=entry["slug"]).first()
    made = page is None
    if made:
        content = entry["sr"]
        page = NewsPage(
            title=content["title"],
            slug=entry["slug"],
            date=entry["date"],
            summary=content["summary"],
            body=stream(content["body"]),
        )
        page.tags.add(*(known_tags[name] for name in entry["tags"]))
        index.add_child(instance=page)
        page = publish(page)
    english_version(page.specific, entry["en"])
    return made


@transaction.atomic
def load():
    home = source_home()
    index = section_index(home, NewsIndexPage, CONTENT["index"])
    known_tags = tags()
    made = sum(news_item(index, entry, known_tags) for entry in NEWS)
    return f"{len(NEWS)} news items, {made} new"
