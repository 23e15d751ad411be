"""The fields of action become the platform's taxonomy in ``cms``.

The table stays where it is (``db_table``): this migration only tells Django's model state that
the model now lives here. On a new database the table is created by the migration that first
created the model; ``home`` then drops the model from its own state and moves its content type.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_workflow_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FieldOfAction",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("name", models.CharField(max_length=80, verbose_name="name")),
                        (
                            "slug",
                            models.SlugField(
                                help_text="Used in filter links; the same in every language.",
                                max_length=80,
                                verbose_name="slug",
                            ),
                        ),
                        (
                            "description",
                            models.TextField(max_length=400, verbose_name="short description"),
                        ),
                        (
                            "colour",
                            models.CharField(
                                choices=[
                                    ("green", "Green"),
                                    ("blue", "Blue"),
                                    ("purple", "Purple"),
                                    ("red", "Red"),
                                    ("brown", "Brown"),
                                ],
                                default="green",
                                max_length=10,
                                verbose_name="colour",
                            ),
                        ),
                        (
                            "sort_order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="sort order"),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "field of action",
                        "verbose_name_plural": "fields of action",
                        "db_table": "home_fieldofaction",
                        "ordering": ["sort_order", "name"],
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("locale", "slug"), name="unique_field_of_action_slug"
                            )
                        ],
                        "unique_together": {("translation_key", "locale")},
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
