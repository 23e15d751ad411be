"""Processes and visions are tagged with the fields of action of ``cms``.

The link tables keep their names and columns (the model's table did not move), so only Django's
model state changes. It must change before ``home`` drops the model from its state.
"""

import modelcluster.fields
from django.db import migrations


def fields_of_action():
    return modelcluster.fields.ParentalManyToManyField(
        blank=True, related_name="+", to="cms.fieldofaction", verbose_name="fields of action"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_fieldofaction"),
        ("visions", "0003_poll_block"),
    ]
    run_before = [("home", "0006_fieldofaction_to_cms")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="processpage", name="fields_of_action", field=fields_of_action()
                ),
                migrations.AlterField(
                    model_name="visionpage", name="fields_of_action", field=fields_of_action()
                ),
            ],
            database_operations=[],
        ),
    ]
