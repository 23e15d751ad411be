"""Proposals and their versions point at the fields of action of ``cms``.

The foreign keys keep their columns and constraints (the table did not move), so only Django's
model state changes. The older migrations 0003 and 0005 still name the model's former place:
they ran on existing databases as they are, and a migration that has run must keep its
dependencies, so they stay a record of history; from here on participation depends on ``cms``.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_fieldofaction"),
        ("participation", "0014_poll_permissions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="proposal",
                    name="field_of_action",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cms.fieldofaction",
                        verbose_name="field of action",
                    ),
                ),
                migrations.AlterField(
                    model_name="proposalversion",
                    name="field_of_action",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cms.fieldofaction",
                        verbose_name="field of action",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
