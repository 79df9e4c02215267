"""Serbian script conversion. The Latin site is derived from the Cyrillic one with these
functions and never typed a second time."""

import re
import unicodedata

import cyrtranslit

CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
# Љ, Њ, Џ become Lj, Nj, Dž; inside a word in capitals they must be LJ, NJ, DŽ.
CAPITAL_DIGRAPH = re.compile(r"(Lj|Nj|Dž)(?=[A-ZČĆĐŠŽ])")


def to_latin(text: str) -> str:
    """Serbian Cyrillic to Latin, one to one (љ → lj, њ → nj, џ → dž). Other text is unchanged,
    so HTML tags, numbers and URLs pass through as they are."""
    if not text or not CYRILLIC.search(text):
        return text
    latin = cyrtranslit.to_latin(text, "sr")
    return CAPITAL_DIGRAPH.sub(lambda match: match.group(1).upper(), latin)


def to_cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic, for matching a Latin query against Cyrillic text."""
    return cyrtranslit.to_cyrillic(text, "sr") if text else text


def has_cyrillic(text: str) -> bool:
    return bool(CYRILLIC.search(text or ""))


class _WithoutCombining(dict):
    """A str.translate table that drops combining marks, filled as characters are met: one C
    loop per text instead of a Python call per character (pages are folded on every save)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


def fold(text: str) -> str:
    """Script- and diacritic-insensitive form for search: Cyrillic to Latin, then č/ć → c,
    š → s, ž → z, đ → dj, lower case. "трговина људима", "trgovina ljudima" and "trgovina
    ljudima" typed without diacritics all fold to the same words."""
    latin = to_latin(text or "").lower().replace("đ", "dj")
    decomposed = unicodedata.normalize("NFKD", latin)
    return decomposed.translate(_WITHOUT_COMBINING)
