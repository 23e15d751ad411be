"""The fields of action move to ``cms`` without moving their data.

The table, its rows and the link tables stay; the pages' foreign keys change in Django's model
state only. The content type row moves with the model (its app label changes), so translation
sources, revisions, references, log entries and permissions (``add_fieldofaction`` …, with the
editor groups that hold them) keep pointing at it.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

MODEL = "fieldofaction"


def fields_of_action():
    return modelcluster.fields.ParentalManyToManyField(
        blank=True, related_name="+", to="cms.fieldofaction", verbose_name="fields of action"
    )


def move_content_type(apps, schema_editor, source="home", target="cms"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    content_types = ContentType.objects.using(db)
    moving = content_types.filter(app_label=source, model=MODEL).first()
    if moving is None:
        # A new database: Django creates the row for the new place after migrating.
        return
    stale = content_types.filter(app_label=target, model=MODEL).first()
    if stale is not None:
        # Created for the new place before this ran (e.g. a partial migrate). Whatever points
        # at it joins the moving row; its permissions that the moving row has too are dropped.
        codenames = Permission.objects.using(db).filter(content_type=moving)
        Permission.objects.using(db).filter(
            content_type=stale, codename__in=codenames.values("codename")
        ).delete()
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is ContentType:
                    model._default_manager.using(db).filter(**{field.name: stale}).update(
                        **{field.name: moving}
                    )
        stale.delete()
    moving.app_label = target
    moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="cms", target="home")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_fieldofaction"),
        ("home", "0005_poll_block"),
        ("participation", "0015_field_of_action_in_cms"),
        # visions/0004_fields_of_action_in_cms runs before this one (its ``run_before``).
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="topicpage",
                    name="field_of_action",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cms.fieldofaction",
                        verbose_name="field of action",
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage", name="fields_of_action", field=fields_of_action()
                ),
                migrations.AlterField(
                    model_name="learningpathpage",
                    name="fields_of_action",
                    field=fields_of_action(),
                ),
                migrations.AlterField(
                    model_name="placepage", name="fields_of_action", field=fields_of_action()
                ),
                migrations.AlterField(
                    model_name="storypage", name="fields_of_action", field=fields_of_action()
                ),
                migrations.DeleteModel(name="FieldOfAction"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
