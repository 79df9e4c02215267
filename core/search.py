"""Search text that ignores script, diacritics and the commonest Serbian endings.

Pages are indexed with `search_terms` of their text and queries go through the same function,
so "trgovina ljudima", "трговина људима" and "трговине људима" meet. PostgreSQL has no Serbian
dictionary, hence this small, predictable reduction instead of a real stemmer.
"""

import re
from functools import lru_cache

from .translit import fold

WORD = re.compile(r"\w+")
# Case endings, longest first; a word keeps at least four letters.
ENDINGS = ("ama", "ima", "om", "em", "og", "oj", "im", "ih", "a", "e", "i", "o", "u")


# Words repeat a great deal within a page and across pages; each is reduced once.
@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def search_terms(text: str) -> str:
    """Folded, stemmed words separated by spaces; punctuation never reaches the search engine."""
    return " ".join(stem(word) for word in WORD.findall(fold(text)))
