"""What a member of staff reads on an admin page, and which of it is in the wrong script.

A Serbian Cyrillic admin must show no word in Latin letters, and a Serbian Latin admin no
Cyrillic letter. Codes are not words of a language and are allowed in both: case references
(CZ-2026-0001, PTJP…), abbreviations (PDF, CSV, URL, ID), numbers, e-mail addresses, file
names, time-zone names, the names of the three languages and whatever the caller adds (the
staff member's own username, titles of content). The same functions serve the HTTP tests and
the browser walk-through (pass them `page.content()`, or the text the browser reports).
"""

import json
import re
import zoneinfo
from html.parser import HTMLParser

from django.conf import settings
from django.utils.translation import get_language_info

# What a person reads besides text: hints, tooltips, names read by screen readers.
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "data-w-tooltip-content-value")
BUTTON_INPUTS = {"submit", "button", "reset"}
# Wagtail draws its sidebar in the browser from JSON props; its labels are read all the same.
SIDEBAR_PROPS_ID = "wagtail-sidebar-props"
SIDEBAR_TEXT_KEYS = {"label", "text", "name_text"}
# Keys as printed on the keyboard ("Ctrl + Alt + m"), and a count badge that stays hidden until
# a script writes a number into it.
SKIPPED = {("kbd", None), ("div", "data-side-panel-toggle-counter")}

LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
TOKEN = re.compile(r"\S+")
# A token may carry punctuation around it: "(PDF)", "ago.", "„Naslov“".
EDGE_PUNCTUATION = "\"'«»„“”‘’‚()[]{}<>.,:;!?…·–—-/|*#%+=&"

# Names printed on the keys and of a programming language: Serbian writes them in Latin too.
NAMES = {"Ctrl", "Alt", "Shift", "Esc", "Cmd", "Tab", "JavaScript"}

CODE_PATTERNS = [
    re.compile(r"^[A-Z0-9][A-Z0-9_./-]*$"),  # PDF, CSV, XLSX, URL, ID, UTC, CZ-2026-0001, PTJP12
    re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"),  # e-mail address
    re.compile(r"^(https?://|/)\S*$"),  # URL or path
    re.compile(r"^[\w.-]+\.[A-Za-z0-9]{2,5}$"),  # file name: report.pdf, photo_1.jpg
    re.compile(r"^\d[\d.,:]*[A-Za-z]{0,2}$"),  # 12, 5.0, 3x, 10px
    re.compile(r"^[A-Z][a-z]+(/[A-Za-z_+-]+)+$"),  # time zone: Europe/Belgrade
]


def _is_code(token, allowed):
    if token in NAMES or token in allowed or token.lower() in allowed:
        return True
    if token in _time_zones():
        return True
    return any(pattern.match(token) for pattern in CODE_PATTERNS)


_zones = None


def _time_zones():
    global _zones
    if _zones is None:
        _zones = zoneinfo.available_timezones()
    return _zones


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._skip = 0
        self._skipped = []  # open elements whose text is not read
        self._sidebar = False
        self._sidebar_json = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
            if tag == "script" and attrs.get("id") == SIDEBAR_PROPS_ID:
                self._sidebar = True
            return
        if (tag, None) in SKIPPED or any((tag, name) in SKIPPED for name in attrs):
            self._skipped.append(tag)
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        is_button_input = tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUTS
        # A <button>'s value is sent, not shown (its content is its label).
        if is_button_input and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._skipped and self._skipped[-1] == tag:
            self._skipped.pop()
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
            if self._sidebar:
                self._sidebar = False
                self.texts.extend(_sidebar_labels("".join(self._sidebar_json)))
                self._sidebar_json = []

    def handle_data(self, data):
        if self._sidebar:
            self._sidebar_json.append(data)
        elif not self._skip and not self._skipped and data.strip():
            self.texts.append(" ".join(data.split()))


def _sidebar_labels(raw):
    try:
        props = json.loads(raw)
    except ValueError:
        return []
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in SIDEBAR_TEXT_KEYS and isinstance(value, str) and value.strip():
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(props)
    return found


def visible_text(html):
    """The strings a person reads on the page, in document order: text nodes outside script and
    style, placeholders, titles, accessible names, tooltips, button values and the labels of
    Wagtail's sidebar menu."""
    parser = _VisibleText()
    parser.feed(html if isinstance(html, str) else html.decode())
    parser.close()
    return parser.texts


def _allowed_set(allow):
    # A language is named in its own script in every admin language ("Srpski", "English").
    names = {name for _code, name in settings.LANGUAGES}
    for code, _name in settings.LANGUAGES:
        names.update(re.findall(r"\w+", get_language_info(code)["name_local"]))
    words = {word.strip(EDGE_PUNCTUATION) for item in allow for word in str(item).split()}
    return names | words | {word.lower() for word in words}


def latin_words(html, allow=()):
    """{word: the text it was read in} for every word in Latin letters that is not a code. A
    Serbian Cyrillic admin must give {}."""
    allowed = _allowed_set(allow)
    found = {}
    for text in visible_text(html):
        for token in TOKEN.findall(text):
            word = token.strip(EDGE_PUNCTUATION)
            if not word or not LATIN_LETTER.search(word) or _is_code(word, allowed):
                continue
            found.setdefault(word, text)
    return found


def cyrillic_texts(html, allow=()):
    """The visible strings holding a Cyrillic letter, except the allowed ones (the names of the
    languages, content titles the caller names). A Serbian Latin admin must give []."""
    allowed = _allowed_set(allow)
    found = []
    for text in visible_text(html):
        if not CYRILLIC_LETTER.search(text):
            continue
        words = [t.strip(EDGE_PUNCTUATION) for t in TOKEN.findall(text)]
        if all(not CYRILLIC_LETTER.search(w) or w in allowed for w in words):
            continue
        found.append(text)
    return found
