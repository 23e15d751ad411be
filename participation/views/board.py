"""The region's board of needs and offers ("Gesucht" / "Geboten") and the contact relay."""

from .shared import not_yet

urlpatterns = []


def group_needs(request, group):
    """What the group page shows of the group's needs and how to answer them."""
    return {}


board = not_yet
