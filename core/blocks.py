"""StreamField blocks for the content pages, smallest first."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .translit import to_latin
from .validators import drop_unsafe_links

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkSafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose links never run script: a translator's override of a link's address is
    stored without validation (wagtail-localize), and Wagtail renders a link it does not
    recognise (javascript:, data:...) as it is. Such an href is dropped when the text is read."""

    def to_python(self, value):
        return super().to_python(drop_unsafe_links(value))


# Migrations name it as Wagtail's block: it differs only in how a stored value is read, and the
# apps whose pages embed these blocks (publications, referrals) need no migration for that.
DECONSTRUCT_ALIASES = {LinkSafeRichTextBlock: "wagtail.blocks.RichTextBlock"}


class HeadingBlock(blocks.CharBlock):
    """A section heading (h2) with a stable ASCII anchor, so sections can be linked to."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(to_latin(value))
        return context

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        label = _("Heading")


class CalloutBlock(blocks.StructBlock):
    """A highlighted box for what a reader must not miss."""

    title = blocks.CharBlock(label=_("Title"))
    text = LinkSafeRichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        template = "components/blocks/callout.html"
        label = _("Callout")


class ContactsBlock(blocks.StaticBlock):
    """Shows the emergency numbers and the Centre's contacts from the one site setting."""

    class Meta:
        icon = "mail"
        template = "components/blocks/contacts.html"
        label = _("Emergency numbers and contacts")
        admin_text = _("Shows the numbers and contacts from Settings → Contacts.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = LinkSafeRichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", label=_("Paragraph")
    )
    callout = CalloutBlock()
    contacts = ContactsBlock()
