"""The maps that load on request (places, proposals, the place picker of the proposal form).

Leaflet is served by us; only the tiles come from the server ``PLACES_MAP_TILE_URL`` names, and
only after the reader asks for a map. Pages that may show a map allow that server's origin in
their content security policy (``allow_map_tiles``); all others never do.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.safestring import mark_safe


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


def map_context(legend=()):
    """What ``components/map.html`` and the place picker need besides their texts; ``legend``:
    the kinds of points the map shows, as [(marker, label), …] (see ``MARKERS``)."""
    return {
        "map_tile_url": settings.PLACES_MAP_TILE_URL,
        "map_tile_host": map_tile_host(),
        "map_attribution": settings.PLACES_MAP_ATTRIBUTION,
        "map_legend": map_legend(legend),
    }


def allow_map_tiles(response):
    """Let ``response`` (a page that may show a map) load images from the tile server."""
    origin = map_tile_origin()
    if origin:
        response._csp_update = {"img-src": [origin]}
    return response


# How each kind of point looks on a map and in its legend: a shape and a colour, so that kinds
# differ by shape, not by colour alone. Drawn in a 24 × 24 box with a white outline that keeps
# them visible on any tile.
SHAPES = {
    "circle": '<circle cx="12" cy="12" r="8.5"/>',
    "square": '<rect x="4" y="4" width="16" height="16" rx="1.5"/>',
    "triangle": '<path d="M12 2.5 22 20.5H2z"/>',
    "diamond": '<path d="M12 1.5 22.5 12 12 22.5 1.5 12z"/>',
    "hexagon": '<path d="M6.5 2.5h11L23 12l-5.5 9.5h-11L1 12z"/>',
    "star": (
        '<path d="M12 2.3 14.7 9.1 22 9.6 16.4 14.2 18.2 21.3 12 17.4 5.8 21.3 7.6 14.2 2 9.6 '
        '9.3 9.1z"/>'
    ),
    "pentagon": '<path d="M12 2 22.5 9.6 18.5 21.5h-13L1.5 9.6z"/>',
}
MARKERS = {
    "proposal": ("circle", "#b3261e"),
    "group": ("hexagon", "#6a1b9a"),
    "coworking": ("square", "#0b5cad"),
    "makerspace": ("triangle", "#8a4b00"),
    "third_place": ("star", "#1d5e2c"),
    "lab": ("diamond", "#00697a"),
    "other": ("pentagon", "#4a524e"),
}


def marker_symbol(marker):
    """The marker of kind ``marker`` as inline SVG (hidden from screen readers: the legend's
    text and each marker's title say what it is)."""
    shape, colour = MARKERS.get(marker, MARKERS["other"])
    return mark_safe(  # noqa: S308 - our own constant markup
        f'<svg class="map-symbol" data-marker-symbol="{marker}" aria-hidden="true" '
        f'focusable="false" width="24" height="24" viewBox="0 0 24 24" fill="{colour}" '
        f'stroke="#fff" stroke-width="2" stroke-linejoin="round">{SHAPES[shape]}</svg>'
    )


def map_legend(entries):
    """The legend of a map: [(marker, label), …] → what ``components/map.html`` shows, the
    same symbols the map's markers are drawn with (places-map.js takes them from it)."""
    return [{"symbol": marker_symbol(marker), "label": label} for marker, label in entries]
