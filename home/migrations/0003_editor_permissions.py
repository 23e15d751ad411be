"""Editors and lead editors manage the snippets that pages are tagged with, and translate.

Django creates model permissions only after all migrations have run, so they are created here.
"""

from django.db import migrations

EDITOR_GROUPS = ["Redaktion", "Chefredaktion"]
SNIPPETS = {"fieldofaction": "field of action", "person": "person"}
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for model, verbose_name in SNIPPETS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="home", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            permissions.append(permission)
    translation_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    submit, _ = Permission.objects.get_or_create(
        content_type=translation_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    permissions.append(submit)
    for name in EDITOR_GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_editorial_content"),
        ("cms", "0003_roles"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
