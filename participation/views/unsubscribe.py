"""One-click unsubscribe (helper "delivery")."""

from django.http import Http404


def unsubscribe(request, token):
    raise Http404
