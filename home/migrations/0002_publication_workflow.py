"""The Centre's publishing path (issue 21): one workflow, "Објава" (Publication), with one step
in which a Moderator approves, and approving publishes. It covers the whole tree from the root,
so news, campaigns, the home page and every other page in every language go through it. Editors
submit to it; Moderators (and superusers) approve it or publish directly with their own right to
publish. Wagtail's default "Moderators approval" workflow, which pointed at a group that the
staff groups renamed, is switched off once nothing uses it (docs/publishing.md).

The names are the Centre's own words (Serbian): workflow and task names are data, not
interface strings, and the staff read the admin in Serbian.
"""

from django.db import migrations

WORKFLOW = "Објава"
TASK = "Одобрење модератора"
WAGTAIL_DEFAULT = "Moderators approval"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    moderator = Group.objects.filter(name="Moderator").first()
    root = Page.objects.filter(depth=1).first()
    if moderator is None or root is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([moderator])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    # Two workflows in the admin's list would leave staff guessing which one applies.
    for old in Workflow.objects.filter(name=WAGTAIL_DEFAULT, active=True):
        in_use = (
            WorkflowPage.objects.filter(workflow=old).exists()
            or WorkflowState.objects.filter(workflow=old, status="in_progress").exists()
        )
        if not in_use:
            old.active = False
            old.save(update_fields=["active"])


def backwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    root = Page.objects.filter(depth=1).first()
    old = Workflow.objects.filter(name=WAGTAIL_DEFAULT).first()
    if root is not None and old is not None:
        old.active = True
        old.save(update_fields=["active"])
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": old})
    else:
        WorkflowPage.objects.filter(workflow__name=WORKFLOW).delete()
    Workflow.objects.filter(name=WORKFLOW).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("referrals", "0004_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
