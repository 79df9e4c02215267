"""The root page's title is Wagtail's "Root"; staff read it as the first breadcrumb of the page
tree, in an admin that speaks Serbian Cyrillic (issue 21). Self-contained (no import from the
project), so that it survives the app's migrations being regenerated or squashed."""

from django.db import migrations

WAGTAIL_DEFAULT = "Root"
SERBIAN = "Корен"


def rename(old, new):
    def run(apps, schema_editor):
        Page = apps.get_model("wagtailcore", "Page")
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_locales"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(rename(WAGTAIL_DEFAULT, SERBIAN), rename(SERBIAN, WAGTAIL_DEFAULT))
    ]
