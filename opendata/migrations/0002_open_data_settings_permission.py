from django.db import migrations


def grant(apps, schema_editor):
    """Editors and lead editors choose the open data licence (Settings → Open data); other
    roles do not see the setting."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="opendata", model="opendatasettings"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="change_opendatasettings",
        defaults={"name": "Can change Open data"},
    )
    for group_name in ("Redaktion", "Chefredaktion"):
        Group.objects.get_or_create(name=group_name)[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("opendata", "0001_open_data_page_settings_files"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
