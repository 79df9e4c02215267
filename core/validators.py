"""What editors and translators may store in plain text and in links, and the matching clean-up
where such values are shown: one place, so the admin, the feeds and the templates agree."""

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

# Characters XML 1.0 cannot carry (every C0 control but tab, line feed and carriage return, and
# the two non-characters): one of them in a feed makes Django refuse to write it (a 500).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Schemes a link may have wherever it is shown: none of them runs anything in the browser.
LINK_SCHEMES = ("https", "http", "mailto", "tel")


def strip_xml_illegal(text):
    """`text` without them; a vertical tab or form feed, which separate words, becomes a space."""
    if not isinstance(text, str):
        return text
    return XML_ILLEGAL.sub("", text.replace("\x0b", " ").replace("\x0c", " "))


def validate_plain_text(value):
    """Refuses control characters in the text editors type (titles, summaries...): they are
    invisible in the admin and break the feeds."""
    if isinstance(value, str) and XML_ILLEGAL.search(value):
        raise ValidationError(
            _("The text contains a control character (often pasted from another program)."),
            code="control_character",
        )


PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")


def page_text_errors(page, names=PAGE_TEXT_FIELDS):
    """{field: error} of validate_plain_text for the fields every page has (Wagtail's own,
    which take no validators of ours), for the page models' clean()."""
    errors = {}
    for name in names:
        try:
            validate_plain_text(getattr(page, name, ""))
        except ValidationError as error:
            errors[name] = error
    return errors


def validate_page_text(page, names=PAGE_TEXT_FIELDS):
    errors = page_text_errors(page, names)
    if errors:
        raise ValidationError(errors)


def link_schemes(url):
    """The schemes a browser could see in `url`, lower case; none for a relative URL. Browsers
    drop tabs and line breaks anywhere and control characters or spaces in front
    ("java\\tscript:"), and read an href in raw HTML after its character references
    ("javascript&colon;"): both readings count."""
    schemes = set()
    for candidate in (url, html.unescape(url)):
        try:
            # urlsplit removes what browsers remove (WHATWG), so its scheme is theirs.
            schemes.add(urlsplit(candidate).scheme.lower())
        except ValueError:
            # Not a URL (an unbalanced "[", say): refused rather than guessed at.
            schemes.add("invalid")
    schemes.discard("")
    return schemes


def allowed_link(url, schemes=LINK_SCHEMES):
    """`url` if every scheme a browser could see in it is one of `schemes` (or it has none: a
    path on this site), else ""."""
    if not url or not isinstance(url, str):
        return ""
    return url if link_schemes(url) <= set(schemes) else ""


def web_link(url):
    """`url` if it is the absolute address of a web page elsewhere (https: or http:, not a path,
    no other scheme), else "". What is rendered; what may be saved is stricter
    (validate_https)."""
    if not url or not isinstance(url, str):
        return ""
    return url if link_schemes(url) in ({"https"}, {"http"}) else ""


# An opening <a> tag, quoted attribute values and all (a ">" inside quotes does not end it).
A_TAG = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


class _StartTag(HTMLParser):
    """The attributes of one start tag, read as a browser reads them (any quoting, character
    references decoded)."""

    attrs = ()

    def handle_starttag(self, tag, attrs):
        self.attrs = attrs


def drop_unsafe_links(markup):
    """Rich text `markup` with the href taken off every link whose scheme allowed_link refuses
    (the text stays, as a link to nothing); all else unchanged."""

    def rewrite(match):
        parser = _StartTag()
        parser.feed(match.group(0))
        parser.close()
        attrs = parser.attrs
        if not any(name == "href" and value and not allowed_link(value) for name, value in attrs):
            return match.group(0)
        kept = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"'
            for name, value in attrs
            if name != "href"
        )
        return f"<a{kept}>"

    return A_TAG.sub(rewrite, markup) if markup else markup


def validate_link(value):
    if value and not allowed_link(value):
        raise ValidationError(
            _("Only https:, http:, mailto: and tel: links are allowed."), code="link_scheme"
        )


def validate_https(value):
    """For the quick exit and the social links: a page elsewhere, reached privately."""
    if value and link_schemes(value) != {"https"}:
        raise ValidationError(_("Only https: links are allowed here."), code="https_only")


def refuse_unsafe_override(sender, instance, **kwargs):
    """pre_save of wagtail-localize's SegmentOverride: the value a translator gives for a link
    (an event's link, a link in rich text) is stored without the field's validation and ends up
    in the translated page. Overrides that are not text (images, documents) pass.

    Raises Django REST framework's ValidationError: the only place that saves overrides is
    wagtail-localize's edit_override API view, which answers it with a 400 and the message;
    anywhere else it stops the save like any error."""
    from rest_framework.exceptions import ValidationError as APIValidationError

    try:
        value = json.loads(instance.data_json)
    except ValueError:
        return
    if isinstance(value, str) and value and not allowed_link(value):
        raise APIValidationError(str(_("Only https:, http:, mailto: and tel: links are allowed.")))


# Connected here, where the models that use these validators import them, so it is in place
# whenever the site runs; the sender is named lazily as wagtail-localize loads after this app.
pre_save.connect(
    refuse_unsafe_override,
    sender="wagtail_localize.SegmentOverride",
    dispatch_uid="core.validators.refuse_unsafe_override",
)
