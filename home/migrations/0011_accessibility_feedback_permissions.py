from django.db import migrations


def grant(apps, schema_editor):
    """Editors and lead editors read accessibility feedback and mark it as handled."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="home", model="accessibilityfeedback"
    )
    for codename, name in (
        ("view_accessibilityfeedback", "Can view accessibility feedback"),
        ("change_accessibilityfeedback", "Can change accessibility feedback"),
    ):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for group_name in ("Redaktion", "Chefredaktion"):
            Group.objects.get_or_create(name=group_name)[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0010_easy_read_and_accessibility_statement"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
