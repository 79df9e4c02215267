"""What every step of the demo shares: reading a data file and making pages from its texts.

The content is in TOML files in demo/content/, one per step, read with the standard library's
tomllib. Why TOML: the demo is mostly prose in two languages with a little structure (pages,
blocks, dates, an order). TOML keeps that prose readable: a long text is wrapped with TOML's
line-ending backslash, which leaves no line break in the text, so the loaded site stays the
same; it has real dates and times, and comments that say why a text is there. JSON has no
comments and no wrapped strings; Markdown would need a front-matter parser and a convention of
our own for the blocks. The format of the files is described at the top of content/site.toml.

Every step creates what is missing and never overwrites a page that exists, so `load_demo` is
safe to run on every `make run` and never undoes an editor's work. The Latin pages are not made
here: publishing a Cyrillic page makes them (home/latin.py).
"""

import json
import tomllib
import uuid
from collections import defaultdict
from pathlib import Path

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.latin import publish_revision, save_translation
from home.models import HomePage

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def read(name):
    """The data file content/`name`.toml as a dict (its tables in the order written)."""
    with (CONTENT_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def stream(blocks, ids=None):
    """The raw JSON a StreamField stores for `blocks`, written as in the data files: one table
    per block, whose only key is the block type. An empty table is a block without a value."""
    ids = ids or [str(uuid.uuid4()) for _ in blocks]
    raw = []
    for block, id in zip(blocks, ids, strict=True):
        ((kind, value),) = block.items()
        raw.append({"type": kind, "value": None if value == {} else value, "id": id})
    return json.dumps(raw)


def publish(page):
    publish_revision(page.save_revision().pk)
    return page.specific_class.objects.get(pk=page.pk)


def source_home():
    """The Cyrillic home page, created in place of Wagtail's welcome page on the first run."""
    locale = Locale.objects.get(language_code="sr")
    home = HomePage.objects.filter(locale=locale).first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's installation leaves a welcome page with the slug we want; it holds nothing.
    for welcome in root.get_children().filter(slug="home", content_type__model="page"):
        welcome.delete()
    content = read("site")["home"]["sr"]
    home = HomePage(
        title=content["title"],
        slug="home",
        locale=locale,
        lead=content["lead"],
        body=stream(content["body"]),
    )
    root.add_child(instance=home)
    return publish(home)


def english_version(page, content):
    """The English translation of a Cyrillic page, made once from the demo's English text as a
    wagtail-localize translation, so editors keep it in step with the translation editor."""
    locale = Locale.objects.get(language_code="en")
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    # An unsaved English twin with the same block ids gives the English text of every segment
    # at the same place (context path) as the Cyrillic source's.
    twin = type(page)(title=content["title"], slug=page.slug)
    for name, value in content.items():
        if name == "title":
            continue
        if isinstance(page._meta.get_field(name), StreamField):
            value = stream(value, ids=[block.id for block in getattr(page, name)])
        setattr(twin, name, value)
    english = defaultdict(list)
    for segment in extract_segments(twin):
        if isinstance(segment, StringSegmentValue):
            english[segment.path].append(segment.string.data)
    used = defaultdict(int)

    def translate(segment):
        path = segment.context.path
        used[path] += 1
        return english[path][used[path] - 1]

    return save_translation(page, locale, translate, tool_name="demo").specific


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
