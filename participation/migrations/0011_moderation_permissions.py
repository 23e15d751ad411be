"""Moderators and lead editors block and unblock people and read the moderation log."""

from django.db import migrations

from participation.migrations import _grants

GROUPS = ("Chefredaktion", "Moderation")
PERMISSIONS = {
    ("block", "view_block"): "Can view block",
    ("block", "add_block"): "Can add block",
    ("moderationlogentry", "view_moderationlogentry"): "Can view moderation log entry",
}


def grant(apps, schema_editor):
    _grants.grant(apps, PERMISSIONS, GROUPS)


def revoke(apps, schema_editor):
    _grants.revoke(apps, PERMISSIONS, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0010_moderation_log_and_blocks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
