"""What every page's frame shows (main menu, footer links, the home page of each language, a
page's translations and breadcrumbs, the fields of action), computed once per site and language
and kept in the cache until content changes.

Any saved, published, unpublished, moved or deleted page, any saved setting or site, and any
saved or deleted field of action (``home.signals``) starts a new cache generation, so nothing
stale survives an edit; entries also expire after an hour.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language

from wagtail.models import Site

GENERATION_KEY = "layout:generation"
TIMEOUT = 60 * 60


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def start_new_generation(**kwargs):
    cache.set(GENERATION_KEY, time.time_ns(), None)


def cached(request, name, compute):
    """``compute()`` for this request's site and language, from the cache where possible.

    ``compute`` must return plain data (titles, URLs) or model instances with everything they
    are asked for already loaded: the cache holds copies, detached from the database.
    """
    site = Site.find_for_request(request)
    key = f"layout:{name}:{site.pk if site else 0}:{get_language()}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
