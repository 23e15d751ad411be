"""Moderators and lead editors see action groups, their updates, the board and the relay's
records in the admin and moderate them; editors and lead editors feature groups on the home
page."""

from django.db import migrations

from participation.migrations import _grants

MODERATING = ("Chefredaktion", "Moderation")
MODERATE = {
    ("actiongroup", "view_actiongroup"): "Can view action group",
    ("actiongroup", "moderate_actiongroup"): "Can approve or hide action groups",
    ("groupupdate", "view_groupupdate"): "Can view group update",
    ("groupupdate", "moderate_groupupdate"): "Can approve or hide group updates",
    ("boardentry", "view_boardentry"): "Can view need or offer",
    ("boardentry", "moderate_boardentry"): "Can approve or hide needs and offers",
    ("relaymessage", "view_relaymessage"): "Can view relayed message",
    ("relaymessage", "moderate_relaymessage"): "Can review relayed messages",
}
EDITING = ("Redaktion", "Chefredaktion")
FEATURE = {
    ("actiongroup", "view_actiongroup"): "Can view action group",
    ("actiongroup", "feature_actiongroup"): "Can feature action groups on the home page",
}


def grant(apps, schema_editor):
    _grants.grant(apps, MODERATE, MODERATING)
    _grants.grant(apps, FEATURE, EDITING)


def revoke(apps, schema_editor):
    _grants.revoke(apps, MODERATE, MODERATING)
    _grants.revoke(apps, FEATURE, EDITING)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0016_action_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
