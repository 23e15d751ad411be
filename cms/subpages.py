"""Routes of routable pages whose segments are words in the page's language
(``vorschlaege/neu/`` on a German page, ``proposals/new/`` on an English one).

A translated route is registered once per language under ``<name>@<language>``;
:class:`cms.models.RoutableBasePage` reverses ``<name>`` to the segment of the page's own
language and answers the other language's segment with a permanent redirect, so that links
from before a translation or a language switch keep working.
"""

from wagtail.contrib.routable_page.models import path

SEPARATOR = "@"


def translated_path(name, **segments):
    """Decorate a route view with one pattern per language, e.g.
    ``@translated_path("submit", de="vorschlaege/neu/", en="proposals/new/")``."""

    def decorator(view):
        for language, pattern in segments.items():
            view = path(pattern, name=f"{name}{SEPARATOR}{language}")(view)
        return view

    return decorator


def split_route_name(name):
    """(route name, language) of a registered route name; language None for a route that has
    the same segment in every language."""
    base, _, language = (name or "").partition(SEPARATOR)
    return base, language or None
