"""Wagtail's page view, with the start of the route from the page-frame cache.

Wagtail begins every route at the site's root page in the reader's language, which costs a
query for the active locale, one for the translation and one for the specific root page before
the path is even looked at. The root page's place in the tree is the same for every request
of a site and language until content changes, so it comes from the layout cache
(``cms/layout.py``), and :func:`cms.models.route_below` finds the rest of the path with two
queries.
"""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, re_path
from django.utils import translation

from wagtail import urls as wagtail_urls
from wagtail import views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from cms import layout
from cms.models import BasePage, load_specific, route_below


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's own lookup reads the route from here (Page.route_for_request).
        request._wagtail_route_for_request = _route(request, path)
        if request._wagtail_route_for_request is None:
            response = _serve_from_other_language(request, path)
            if response is not None:
                return response
    return views.serve(request, path)


def _serve_from_other_language(request, path):
    """A path that does not route in the reader's language, routed in the other languages
    (the default language first): to the translation where there is one (301, also for old
    addresses with the other language's slugs), else the nearest translated ancestor with a
    notice that the page exists only in the other language (``request.translation_notice``).
    """
    language = translation.get_language()
    others = sorted(
        (code for code, _name in settings.LANGUAGES if code != language),
        key=lambda code: code != settings.LANGUAGE_CODE,
    )
    for other in others:
        with translation.override(other):
            found = _route(request, path)
            match = request.__dict__.pop("routable_resolver_match", None)
            if found is None:
                continue
            page = found.page
            page_url = page.get_url(request)
        if page_url is None:
            continue
        route, args, kwargs = (None, (), {})
        if match is not None:
            route, args, kwargs = match.url_name, match.args, match.kwargs
        target = (
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale__language_code=language)
            .first()
        )
        if target is not None:
            url = _route_url(target.specific, request, route, args, kwargs)
            if url is not None:
                query = request.META.get("QUERY_STRING")
                return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
        ancestor = _nearest_translated_ancestor(page, language)
        if ancestor is None:
            return None
        with translation.override(other):
            original_url = _route_url(page, request, route, args, kwargs) or page_url
        request.translation_notice = {
            "title": page.title,
            "url": original_url,
            "language": other,
        }
        request._wagtail_route_for_request = RouteResult(load_specific(ancestor))
        return _uncached(views.serve(request, path))
    return None


def _route_url(page, request, route, args, kwargs):
    """The address of ``route`` (with ``args``/``kwargs``) below ``page``; the page's own
    address without a route; None where the page has no such route."""
    url = page.get_url(request)
    if url is None or route is None:
        return url
    if not isinstance(page, RoutablePageMixin):
        return None
    try:
        return url + page.reverse_subpage(route, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _nearest_translated_ancestor(page, language):
    """The deepest live translation in ``language`` of an ancestor of ``page`` (below the
    tree's root), or None."""
    keys = page.get_ancestors().filter(depth__gte=2).values("translation_key")
    return (
        Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .order_by("-depth")
        .first()
    )


def _uncached(response):
    """A notice belongs to the address it was asked for only until the page is translated: no
    shared cache keeps it, and search engines index the page it points to instead."""

    def mark(response):
        response.headers["Cache-Control"] = "private, no-cache"
        response.headers["X-Robots-Tag"] = "noindex"
        return response

    if getattr(response, "is_rendered", True):
        return mark(response)
    response.add_post_render_callback(mark)
    return mark(response)


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
