"""Moderators and lead editors block and unblock people and read the moderation log.

Django creates model permissions only after all migrations have run, so they are created here.
"""

from django.db import migrations

GROUPS = ("Chefredaktion", "Moderation")
PERMISSIONS = {
    ("block", "view_block"): "Can view block",
    ("block", "add_block"): "Can add block",
    ("moderationlogentry", "view_moderationlogentry"): "Can view moderation log entry",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for (model, codename), name in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(
            app_label="participation", model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group_name in GROUPS:
            Group.objects.get_or_create(name=group_name)[0].permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="participation",
        codename__in=[codename for _, codename in PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0010_moderation_log_and_blocks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
