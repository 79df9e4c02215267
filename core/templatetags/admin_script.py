"""Text typed in Cyrillic, shown in the script of the admin being rendered."""

from django import template

from core.admin.language import in_admin_script

register = template.Library()
register.filter("in_admin_script", in_admin_script)
