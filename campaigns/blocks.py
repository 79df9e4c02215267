"""StreamField blocks of the campaign pages: calls to action, events and downloadable materials."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from core.validators import allowed_link, validate_link


class LinkURLBlock(blocks.URLBlock):
    """A link readers follow: https, http, mailto or tel only. The editor refuses other schemes;
    one that reached the database another way (a translator's override is stored without
    validation) reads back as no link, so it is never rendered, in the admin preview neither."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validators=[validate_link], **kwargs)

    def to_python(self, value):
        return allowed_link(value)


# Migrations name it as Wagtail's block: the check and the reading are code, not schema.
DECONSTRUCT_ALIASES = {LinkURLBlock: "wagtail.blocks.URLBlock"}


class ActionBlock(blocks.StructBlock):
    """A button to a page of the site: the help section now, the report form when it exists.
    The page is shown in the reader's language (its translation), whatever was chosen."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(
        label=_("Button text"),
        required=False,
        max_length=80,
        help_text=_("Leave empty to use the page's title."),
    )

    class Meta:
        icon = "link"
        label = _("Call to action")


class EventBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("What"), max_length=200)
    date = blocks.DateBlock(label=_("Date"))
    time = blocks.TimeBlock(label=_("Time"), required=False)
    place = blocks.CharBlock(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Town and venue. May be empty for an event that is online only."),
    )
    online = blocks.BooleanBlock(label=_("Online"), required=False)
    link = LinkURLBlock(
        label=_("Link"),
        required=False,
        help_text=_("Registration or the address of the online event."),
    )

    class Meta:
        icon = "date"
        label = _("Event")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("place") and not value.get("online"):
            raise StructBlockValidationError(
                block_errors={
                    "place": ValidationError(_("Say where the event is, or mark it online."))
                }
            )
        return value


class MaterialBlock(blocks.StructBlock):
    """A poster, leaflet or other document to download. The title is the block's own (and so
    translated with the page), not the document's file title."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Material")
