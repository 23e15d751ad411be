"""Editors see the comments in the admin (read-only) so that they can download them with the
proposals for the evaluation of a process; they still cannot moderate them."""

from django.db import migrations

from participation.migrations import _grants

GROUPS = ("Redaktion",)
PERMISSIONS = {("comment", "view_comment"): "Can view comment"}


def grant(apps, schema_editor):
    _grants.grant(apps, PERMISSIONS, GROUPS)


def revoke(apps, schema_editor):
    _grants.revoke(apps, PERMISSIONS, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("participation", "0021_guest_registrations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
