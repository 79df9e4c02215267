"""The Roles tab of a staff member's account says what each group may do, next to its box, in
the admin's language: whoever gives someone a role sees what it opens (referrals or content).
The four groups are made in referrals/migrations/0004_staff_groups.py."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

ROLES = {
    "Editor": (
        _("Editor"),
        _(
            "Writes news, campaigns and pages and submits them for publication; cannot publish "
            "and sees no referral."
        ),
    ),
    "Moderator": (
        _("Moderator"),
        _(
            "Approves and publishes what editors submit, or publishes directly; manages the "
            "contacts, social media settings and redirects. Sees no referral."
        ),
    ),
    "Triage": (
        _("Triage"),
        _("Opens referrals and handles them: status, notes, replies."),
    ),
    "Coordinator": (
        _("Coordinator"),
        _(
            "Everything Triage does, and also assigns referrals, reads the statistics and the "
            "audit log."
        ),
    ),
}


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    # In the app's folder: widgets are drawn by the form renderer, which reads apps' templates.
    option_template_name = "users/widgets/role_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        group_name = getattr(getattr(value, "instance", None), "name", str(label))
        if group_name in ROLES:
            option["label"], option["description"] = ROLES[group_name]
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-description"
        return option


class RolesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].widget = RoleCheckboxes(choices=self.fields["groups"].choices)


class CentreUserEditForm(RolesMixin, UserEditForm):
    pass


class CentreUserCreationForm(RolesMixin, UserCreationForm):
    pass


def role_label(group):
    """A group's name as its role is called in the admin's language (the stored name is English:
    code refers to it)."""
    return ROLES[group.name][0] if group.name in ROLES else group.name


class RolesFilterSet(UserFilterSet):
    """The users list's filter by group, with the roles' names in the admin's language."""

    @property
    def form(self):
        form = super().form
        if "group" in form.fields:
            form.fields["group"].label_from_instance = role_label
        return form


class UserViewSet(WagtailUserViewSet):
    filterset_class = RolesFilterSet

    def get_form_class(self, for_update=False):
        return CentreUserEditForm if for_update else CentreUserCreationForm
