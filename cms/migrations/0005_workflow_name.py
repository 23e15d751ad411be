"""Wagtail's default workflow gets the platform's name; its task was renamed in 0003."""

from django.db import migrations

OLD, NEW = "Moderators approval", "Redaktionelle Freigabe"


def rename(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    if not Workflow.objects.filter(name=NEW).exists():
        Workflow.objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_navigationsettings")]

    operations = [migrations.RunPython(rename, rename_back)]
