"""Editors and lead editors see event registrations and download them as CSV.

Django creates model permissions only after all migrations have run, so it is created here.
"""

from django.db import migrations

EDITOR_GROUPS = ["Redaktion", "Chefredaktion"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="participation", model="eventregistration"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_eventregistration",
        defaults={"name": "Can view event registration"},
    )
    for name in EDITOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="participation", codename="view_eventregistration"
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
