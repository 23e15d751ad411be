"""Wagtail's page view, with the start of the route from the page-frame cache.

Wagtail begins every route at the site's root page in the reader's language, which costs a
query for the active locale, one for the translation and one for the specific root page before
the path is even looked at. The root page's place in the tree is the same for every request
of a site and language until content changes, so it comes from the layout cache
(``cms/layout.py``), and :func:`cms.models.route_below` finds the rest of the path with two
queries.
"""

from django.http import Http404
from django.urls import re_path

from wagtail import urls as wagtail_urls
from wagtail import views
from wagtail.models import Page, Site

from cms import layout
from cms.models import BasePage, load_specific, route_below


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's own lookup reads the route from here (Page.route_for_request).
        request._wagtail_route_for_request = _route(request, path)
    return views.serve(request, path)


def _route(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = layout.cached(request, "route-root", lambda: _localized_root(site))
    components = [component for component in path.split("/") if component]
    try:
        if (
            components
            and root.specific_class is not None
            and (root.specific_class.route is BasePage.route)
        ):
            return route_below(root, request, components)
        return load_specific(root).route(request, components)
    except Http404:
        return None


def _localized_root(site):
    """The site's root page in the active language (itself where that translation is not
    live), with what routing below it reads."""
    root = site.root_page.localized
    return Page.objects.only("url_path", "path", "depth", "content_type", "live").get(pk=root.pk)


urlpatterns = [
    re_path(pattern.pattern.regex.pattern, serve, name="wagtail_serve")
    if pattern.name == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]
