"""Editors and lead editors see the participation statistics in the admin (superusers have every
permission); moderators and residents do not. The permission hangs on proposals, the first of
the things counted; Django creates model permissions only after all migrations have run, so it
is created here."""

from django.db import migrations

from participation.migrations import _grants

GROUPS = ("Redaktion", "Chefredaktion")
PERMISSIONS = {("proposal", "view_statistics"): "Can view the participation statistics"}


def grant(apps, schema_editor):
    _grants.grant(apps, PERMISSIONS, GROUPS)


def revoke(apps, schema_editor):
    _grants.revoke(apps, PERMISSIONS, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0023_proposal_api_orderings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
