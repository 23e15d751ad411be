"""Mein Bereich (helper "area")."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


overview = proposals = supports = comments = groups = ballots = following = _missing
notifications = mark_read = notification_settings = profile = _missing
