"""Joining and leaving action groups, requests that leads accept or decline, leads, and the
undertakings (Vorhaben) and progress updates leads keep."""

urlpatterns = []


def group_panel(request, group):
    """What the group page shows about membership, leads, undertakings and updates."""
    return {}
