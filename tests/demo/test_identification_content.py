"""The demo's indicator sets (demo/content/identification.toml) have what the loader and the
check rely on: both languages for every text, known weights and people, no stray line breaks."""

from demo.loader import read

CONTENT = read("identification")
TEXTS = ("text", "explanation", "example")


def indicators():
    for entry in CONTENT["sets"]:
        for group in entry["groups"]:
            for indicator in group["indicators"]:
                yield entry["slug"], indicator


def test_six_sectors_each_with_groups_and_strong_and_general_indicators():
    slugs = [entry["slug"] for entry in CONTENT["sets"]]
    assert slugs == [
        "schools",
        "health-care",
        "social-work",
        "labour-inspection",
        "police-and-border",
        "work-with-migrants",
    ]
    for entry in CONTENT["sets"]:
        weights = {i["weight"] for g in entry["groups"] for i in g["indicators"]}
        assert weights == {"strong", "general"}, entry["slug"]
        assert entry["sr"].keys() == entry["en"].keys() == {"title", "intro"}
        assert all(group["sr"] and group["en"] for group in entry["groups"]), entry["slug"]


def test_every_indicator_has_its_texts_in_both_languages_and_known_values():
    for slug, indicator in indicators():
        assert indicator["weight"] in ("general", "strong"), slug
        assert indicator["applies_to"] in ("children", "adults", "both"), slug
        for language in ("sr", "en"):
            assert set(indicator[language]) == set(TEXTS), (slug, indicator[language])
            assert all(indicator[language].values()), (slug, indicator[language])


def test_texts_have_no_line_breaks():
    texts = [CONTENT["index"][lang]["intro"] for lang in ("sr", "en")]
    for _slug, indicator in indicators():
        texts += [indicator[lang][name] for lang in ("sr", "en") for name in TEXTS]
    assert not [text for text in texts if "\n" in text]
