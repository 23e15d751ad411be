"""The platform's roles, kept as Wagtail groups.

Names are German because editors see them in the admin. A data migration creates them; later
features add their permissions there too.
"""

EDITORS = "Redaktion"
LEAD_EDITORS = "Chefredaktion"
MODERATORS = "Moderation"
RESIDENTS = "Bewohner:innen"
