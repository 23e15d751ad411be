"""Following and unfollowing (helper "area")."""

from django.http import Http404


def follow(request, kind, pk):
    raise Http404
