"""The maps that load on request (places, proposals, the place picker of the proposal form).

Leaflet is served by us; only the tiles come from the server ``PLACES_MAP_TILE_URL`` names, and
only after the reader asks for a map. Pages that may show a map allow that server's origin in
their content security policy (``allow_map_tiles``); all others never do.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings


def map_tile_origin(tile_url=None):
    """The tile server as a CSP source (scheme and host), or None if the tiles are our own.

    A ``{s}`` subdomain placeholder becomes the wildcard ``*``.
    """
    parts = urlsplit(tile_url if tile_url is not None else settings.PLACES_MAP_TILE_URL)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    return f"{parts.scheme}://{'.'.join(labels)}"


def map_tile_host():
    """The tile server's name as readers should see it, without a subdomain placeholder."""
    host = urlsplit(settings.PLACES_MAP_TILE_URL).hostname or ""
    return re.sub(r"^\{[a-z]\}\.", "", host)


def map_context():
    """What ``components/map.html`` and the place picker need besides their texts."""
    return {
        "map_tile_url": settings.PLACES_MAP_TILE_URL,
        "map_tile_host": map_tile_host(),
        "map_attribution": settings.PLACES_MAP_ATTRIBUTION,
    }


def allow_map_tiles(response):
    """Let ``response`` (a page that may show a map) load images from the tile server."""
    origin = map_tile_origin()
    if origin:
        response._csp_update = {"img-src": [origin]}
    return response
