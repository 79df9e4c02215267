"""Settings editors change in one place and every page shows."""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from ..validators import validate_https, web_link


def default_quick_exit_url():
    return settings.QUICK_EXIT_DEFAULT_URL


class SiteSetting(BaseSiteSetting):
    """A site setting read with all the others on a request's first need of one: the header,
    footer and home page read three of them, one query (not three) on a cold render. Wagtail
    keeps each on the request (`for_request`), so later reads cost nothing either."""

    # Relations every page shows with the setting: read in the same query.
    related_on_request = ()

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        if not hasattr(request, cls.get_cache_attr_name()):
            read_site_settings(request)
        return super().for_request(request)


def read_site_settings(request):
    """Every SiteSetting of the request's site, in one query, kept on the request as Wagtail's
    `for_request` keeps them; a setting not saved yet is left to `for_site` (which creates it)."""
    site = Site.find_for_request(request)
    if site is None:
        return
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, SiteSetting) and not hasattr(request, model.get_cache_attr_name())
    ]
    names = {model: model.site.field.related_query_name() for model in models}
    related = [
        f"{names[model]}__{relation}" for model in models for relation in model.related_on_request
    ]
    row = Site.objects.select_related(*names.values(), *related).get(pk=site.pk)
    for model, name in names.items():
        try:
            instance = getattr(row, name)
        except model.DoesNotExist:
            continue
        instance._request = request
        setattr(request, model.get_cache_attr_name(), instance)


@register_setting(icon="mail")
class ContactSettings(SiteSetting):
    """Emergency numbers and the Centre's contacts, shown in the header and footer of every
    page and wherever a page has a contacts block."""

    police = models.CharField(_("police"), max_length=20, default="192")
    ambulance = models.CharField(_("ambulance"), max_length=20, default="194")
    emergency = models.CharField(_("general emergency number"), max_length=20, default="112")
    child_helpline = models.CharField(
        _("children's helpline"), max_length=20, blank=True, default="116 111"
    )
    centre_phone = models.CharField(_("the Centre's phone"), max_length=40, blank=True)
    centre_phone_hours = models.CharField(
        _("when the phone is answered"), max_length=120, blank=True
    )
    centre_email = models.EmailField(_("the Centre's e-mail"), blank=True)
    centre_address = models.TextField(_("the Centre's address"), blank=True)
    quick_exit_url = models.URLField(
        _("quick exit destination"),
        default=default_quick_exit_url,
        help_text=_("A neutral page that the quick exit opens in place of this site."),
        validators=[validate_https],
    )
    safety_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("safety page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Explains the quick exit and how to browse without leaving traces."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("police"),
                FieldPanel("ambulance"),
                FieldPanel("emergency"),
                FieldPanel("child_helpline"),
            ],
            heading=_("Emergency numbers"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("centre_phone"),
                FieldPanel("centre_phone_hours"),
                FieldPanel("centre_email"),
                FieldPanel("centre_address"),
            ],
            heading=_("The Centre"),
        ),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), FieldPanel("safety_page")], heading=_("Quick exit")
        ),
    ]

    related_on_request = ("safety_page",)

    class Meta:
        verbose_name = _("contacts")

    @property
    def exit_url(self):
        """Where the quick exit goes: the setting if it is a web address (a value stored without
        the form's validation must not become a script link on every page), else the
        default."""
        return web_link(self.quick_exit_url) or default_quick_exit_url()


@register_setting(icon="site")
class SocialSettings(SiteSetting):
    """ "Follow us" links in the footer: plain links, no third-party widgets or icons."""

    facebook = models.URLField(_("Facebook"), blank=True, validators=[validate_https])
    instagram = models.URLField(_("Instagram"), blank=True, validators=[validate_https])
    x = models.URLField(_("X (Twitter)"), blank=True, validators=[validate_https])
    youtube = models.URLField(_("YouTube"), blank=True, validators=[validate_https])
    linkedin = models.URLField(_("LinkedIn"), blank=True, validators=[validate_https])

    class Meta:
        verbose_name = _("social media")

    def links(self):
        names = ["facebook", "instagram", "x", "youtube", "linkedin"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in names
            # Web addresses only, also for a value stored without the form's validation.
            if web_link(getattr(self, name))
        ]
