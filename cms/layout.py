"""What every page's frame shows (main menu, footer links, the home page of each language, a
page's translations and breadcrumbs, the fields of action), computed once per site and language
and kept in the cache until content changes.

Any saved, published, unpublished, moved or deleted page, any saved setting or site, and any
saved or deleted field of action (``cms.apps``) starts a new cache generation, so nothing
stale survives an edit; entries also expire after an hour.
"""

import threading
import time

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.translation import get_language

from wagtail.models import Site

GENERATION_KEY = "layout:generation"
TIMEOUT = 60 * 60


# The generation as this thread's request read it (SiteMiddleware): one cache call per request
# instead of one per frame part.
_request = threading.local()


def generation():
    value = getattr(_request, "generation", None)
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def start_new_generation(**kwargs):
    value = time.time_ns()
    cache.set(GENERATION_KEY, value, None)
    if getattr(_request, "active", False):
        _request.generation = value


def cached(request, name, compute):
    """``compute()`` for this request's site and language, from the cache where possible.

    ``compute`` must return plain data (titles, URLs) or model instances with everything they
    are asked for already loaded: the cache holds copies, detached from the database.
    """
    site = Site.find_for_request(request)
    return cached_everywhere(f"{name}:{site.pk if site else 0}:{get_language()}", compute)


def cached_everywhere(name, compute):
    """``compute()`` from the cache, the same for every site and language."""
    key = f"layout:{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


_NO_SITE = "none"


def find_site(request):
    """``Site.find_for_request`` from the cache: Wagtail asks the database on every request.

    The answer (also "no site") is kept per host name and port for the current generation;
    saving a site or any page starts a new one. Wagtail keeps it on the request as
    ``_wagtail_site``, where ``Site.find_for_request`` looks first.
    """
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"layout:site:{hostname}:{request.get_port()}:{generation()}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        cache.set(key, site or _NO_SITE, TIMEOUT)
    else:
        request._wagtail_site = None if site == _NO_SITE else site
    return request._wagtail_site


class SiteMiddleware:
    """Looks the site up once per request from the cache (:func:`find_site`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.generation = True, None
        try:
            find_site(request)
            return self.get_response(request)
        finally:
            _request.active, _request.generation = False, None
