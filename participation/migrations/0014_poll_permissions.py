"""Editors and lead editors write, change and delete polls."""

from django.db import migrations

from participation.migrations import _grants

GROUPS = ("Redaktion", "Chefredaktion")
PERMISSIONS = {
    ("poll", "add_poll"): "Can add poll",
    ("poll", "change_poll"): "Can change poll",
    ("poll", "delete_poll"): "Can delete poll",
    ("poll", "view_poll"): "Can view poll",
}


def grant(apps, schema_editor):
    _grants.grant(apps, PERMISSIONS, GROUPS)


def revoke(apps, schema_editor):
    _grants.revoke(apps, PERMISSIONS, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0013_polls"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
