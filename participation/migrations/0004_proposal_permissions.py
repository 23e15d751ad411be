"""Editors answer proposals, moderators approve or hide them; both see them in the admin.

``view`` and ``change`` open the admin's proposal listing; ``answer_proposal`` (set the state
with an official answer) and ``moderate_proposal`` (approve or hide) say which change a group
may make. Django creates model permissions only after all migrations have run, so they are
created here.
"""

from django.db import migrations

EDITORS = "Redaktion"
LEAD_EDITORS = "Chefredaktion"
MODERATORS = "Moderation"

PERMISSIONS = {
    "view_proposal": ("Can view proposal", [EDITORS, LEAD_EDITORS, MODERATORS]),
    "change_proposal": ("Can change proposal", [EDITORS, LEAD_EDITORS, MODERATORS]),
    "answer_proposal": ("Can answer proposals officially", [EDITORS, LEAD_EDITORS]),
    "moderate_proposal": ("Can approve or hide proposals", [LEAD_EDITORS, MODERATORS]),
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="participation", model="proposal")
    for codename, (name, groups) in PERMISSIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group_name in groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for codename, (_name, groups) in PERMISSIONS.items():
        permissions = Permission.objects.filter(
            content_type__app_label="participation", codename=codename
        )
        for group in Group.objects.filter(name__in=groups):
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0003_proposals"),
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
