"""Text cleaning: the two scripts and their look-alike letters, whitespace and punctuation,
lines broken inside a sentence, CAPS headings, and the opening sentences that make a summary."""

import re

UP = "A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ"
LOW = "a-zčćžšđа-яђјљњћџ"
CYR_LOW = "а-яђјљњћџ"
UPPER_START = re.compile(rf"[„\"(«]?[{UP}]")

# Latin and Cyrillic letters that look the same; PDFs mix them inside one word.
_LAT_TO_CYR = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "J": "Ј", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У",
    "a": "а", "c": "с", "e": "е", "j": "ј", "o": "о", "p": "р", "x": "х", "y": "у",
}  # fmt: skip
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def number_value(s: str) -> int | None:
    s = s.strip().rstrip(".")
    return int(s) if s.isdigit() else _roman_to_int(s)


# --------------------------------------------------------------------------- normalisation


def _majority_cyrillic(text: str) -> bool:
    cyr = sum(1 for c in text if is_cyr(c))
    lat = sum(1 for c in text if c.isascii() and c.isalpha())
    return cyr >= lat


def _fix_mixed_words(text: str, cyrillic: bool) -> str:
    """Replace look-alike letters of the minority script inside mixed-script words."""
    table = _LAT_TO_CYR if cyrillic else _CYR_TO_LAT

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        has_cyr = any(is_cyr(c) for c in word)
        has_lat = any(c.isascii() and c.isalpha() for c in word)
        if not (has_cyr and has_lat):
            return word
        foreign = [c for c in word if (c.isascii() and c.isalpha() if cyrillic else is_cyr(c))]
        # Only a word whose foreign letters all have a twin is an artefact; "ОЕБС-ову"
        # style hybrids with real foreign letters are left alone.
        if all(c in table for c in foreign):
            return "".join(table.get(c, c) for c in word)
        return word

    return re.sub(r"[^\W\d_]+", fix, text)


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\u00ad", "")
    text = re.sub(r"[\u00a0\u2007\u202f\t\f\v]", " ", text)
    # Symbol-font bullets land in the Private Use Area.
    text = re.sub(r"[\ue000-\uf8ff]", "•", text)
    # Stray backticks are keyboard slips in the source documents.
    text = text.replace("`", "")
    text = _fix_mixed_words(text, _majority_cyrillic(text))
    # A footnote number glued between two Cyrillic words ("људима1је").
    text = re.sub(rf"(?<=[{CYR_LOW}])\d{{1,2}}(?=[{CYR_LOW}])", " ", text)
    return text


def clean(s: str) -> str:
    """Whitespace and punctuation spacing of one paragraph."""
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"([(„«])\s+", r"\1", s)
    s = re.sub(r"\s+([)“»])", r"\1", s)
    s = re.sub(r"\s+([,;!?])", r"\1", s)
    s = re.sub(r"(?<=[^\W_])([,;])(?=[^\W\d_])", r"\1 ", s)
    s = re.sub(r"(?<=[^\W\d_])(:)(?=[^\W\d_])", r"\1 ", s)
    return s


def join(lines: list[str]) -> str:
    """Join lines broken inside a sentence; undo a hyphenation split across lines."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if (
            len(out) > 1
            and out[-1] in "-–"
            and out[-2].isalpha()
            and line[0].isalpha()
            and line[0].islower()
        ):
            out = out[:-1] + line
        elif out:
            out += " " + line
        else:
            out = line
    return clean(out)


def is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 3:
        return False
    return sum(1 for c in letters if c.isupper()) / len(letters) >= 0.9


_PROPER = re.compile(
    r"центар|центра|центру|центром|centar|centra|centru|centrom"
    r"|стратегиј\w*|strategij\w*|републик\w*|republik\w*"
    r"|србиј\w*|srbij\w*"
)


def sentence_case(s: str) -> str:
    """Mostly-CAPS heading -> sentence case, keeping the names the documents capitalise."""
    words = re.findall(r"[^\W\d_]+", s)
    caps = [w for w in words if len(w) > 1 and w.isupper()]
    if not words or len(caps) * 2 < len(words):
        return s
    cyrillic = any(is_cyr(c) for c in s)

    def lower_caps(m: re.Match[str]) -> str:
        w = m.group(0)
        if not w.isupper():
            return w
        if set(w) <= set("IVXLC") and (len(w) > 1 or cyrillic):
            return w  # Roman numeral; a lone Latin "I" is the conjunction "i"
        low = w.lower()
        return low[0].upper() + low[1:] if _PROPER.fullmatch(low) else low

    return capitalise(re.sub(r"[^\W\d_]+", lower_caps, s))


def capitalise(s: str) -> str:
    for i, c in enumerate(s):
        if c.isalpha():
            return s[:i] + c.upper() + s[i + 1 :]
    return s


def fix_title(s: str) -> str:
    s = sentence_case(clean(s))
    # "за 2021 годину" -> "за 2021. годину": Serbian ordinal dot after a year.
    return re.sub(r"\b((?:19|20)\d{2})(?!\.)(\s+(?:годин|godin))", r"\1.\2", s, flags=re.I)


_SENT_END = re.compile(rf"(?<=[.!?…])\s+(?=[„\"(]?[{UP}])")


def _sentences(par: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(par):
        before = par[start : m.start()]
        last_word = re.search(r"(\S+)[.!?…]$", before)
        word = last_word.group(1) if last_word else ""
        # "члана 9. Статута", "Њ. К. В." - a number or initial is not a sentence end.
        if word and (word[-1].isdigit() or (len(word) <= 1 and word.isalpha())):
            continue
        out.append(before.strip())
        start = m.end()
    tail = par[start:].strip()
    if tail:
        out.append(tail)
    return out


def summary(paragraphs: list[str], fallback: str) -> str:
    for par in paragraphs:
        if par.startswith("•") or len(par) < 40:
            continue
        chosen: list[str] = []
        for sent in _sentences(par):
            if chosen and (len(chosen) >= 3 or len(" ".join(chosen)) + len(sent) > 400):
                break
            chosen.append(sent)
        return " ".join(chosen)
    return fallback
