"""The platform's roles as Wagtail groups.

Wagtail's initial data creates "Editors" (add and edit pages, images, documents) and "Moderators"
(also publish and approve in the default workflow). We keep their permissions and give them the
platform's names, so that "Moderation" can mean moderating residents' contributions.
"""

from django.db import migrations

RENAMES = {"Editors": "Redaktion", "Moderators": "Chefredaktion"}
TASK_RENAMES = {"Moderators approval": "Freigabe durch die Chefredaktion"}


def access_admin_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
        Group.objects.get_or_create(name=new)
    for old, new in TASK_RENAMES.items():
        Task.objects.filter(name=old).update(name=new)

    access_admin = access_admin_permission(apps)
    moderation, _ = Group.objects.get_or_create(name="Moderation")
    moderation.permissions.add(access_admin)
    Group.objects.get_or_create(name="Bewohner:innen")


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Group.objects.filter(name__in=["Moderation", "Bewohner:innen"]).delete()
    for old, new in RENAMES.items():
        Group.objects.filter(name=new).update(name=old)
    for old, new in TASK_RENAMES.items():
        Task.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_footersettings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
