"""Kompetenzaufbau for action groups: the formats (events, learning paths) that fit a group's
fields of action and the stage of its undertakings ("Passende Formate")."""


def suitable_formats(request, group):
    """What the group page shows under "Passende Formate"."""
    return {}
