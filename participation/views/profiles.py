"""Public profiles (helper "area")."""

from django.http import Http404


def profile(request, pk):
    raise Http404
