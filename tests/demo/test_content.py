"""The demo's data files (demo/content/*.toml) have the structure the loader relies on. Checked
without a database, so a slip in an edited text fails here, with its place named, rather than
deep inside `load_demo`."""

import pytest

from demo.loader import CONTENT_DIR, read

BLOCK_TYPES = {"heading", "paragraph", "callout", "contacts"}


def pages():
    """(place, page) of every entry with a Cyrillic and an English version."""
    site, news, campaigns = read("site"), read("news"), read("campaigns")
    found = [("site.toml home", site["home"])]
    found += [(f"site.toml {page['slug']}", page) for page in site["pages"]]
    found += [(f"forms.toml {page['slug']}", page) for page in read("forms")["pages"]]
    found += [("news.toml index", news["index"])]
    found += [(f"news.toml {item['slug']}", item) for item in news["news"]]
    found += [("campaigns.toml index", campaigns["index"])]
    found += [(f"campaigns.toml {key}", day) for key, day in campaigns["observances"].items()]
    found += [("publications.toml archive", read("publications")["archive"])]
    return found


def block_types(body):
    return [next(iter(block)) for block in body]


def test_every_data_file_is_read():
    names = {path.stem for path in CONTENT_DIR.glob("*.toml")}
    assert names == {"site", "news", "campaigns", "publications", "forms", "identification"}


@pytest.mark.parametrize("place, page", pages(), ids=[place for place, _page in pages()])
def test_english_has_the_fields_and_blocks_of_the_cyrillic_source(place, page):
    sr, en = page["sr"], page["en"]
    assert sr.keys() == en.keys(), place
    for block in sr.get("body", []) + en.get("body", []):
        assert len(block) == 1 and next(iter(block)) in BLOCK_TYPES, (place, block)
    # The English version is made block by block from the Cyrillic one's structure.
    assert block_types(sr.get("body", [])) == block_types(en.get("body", [])), place


@pytest.mark.parametrize("place, page", pages(), ids=[place for place, _page in pages()])
def test_texts_have_no_line_breaks(place, page):
    """A missing line-ending backslash would put a line break into a title or a paragraph."""
    for language in ("sr", "en"):
        texts = [value for value in page[language].values() if isinstance(value, str)]
        for block in page[language].get("body", []):
            value = next(iter(block.values()))
            texts += [value] if isinstance(value, str) else list(value.values())
        assert not [text for text in texts if "\n" in text], (place, language)


def test_parents_come_before_their_children():
    seen = set()
    for page in read("site")["pages"]:
        # Without a parent, a page hangs under the home page.
        assert page.get("parent") in seen | {None}, page["slug"]
        seen.add(page["slug"])


def test_campaigns_name_known_observances_and_help_pages():
    campaigns = read("campaigns")
    slugs = {page["slug"] for page in read("site")["pages"]}
    for campaign in campaigns["campaigns"]:
        assert campaign["observance"] in campaigns["observances"], campaign["slug"]
    for action in campaigns["actions"]:
        assert action["page"] in slugs, action["page"]
