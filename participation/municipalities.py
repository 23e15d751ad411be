"""Municipalities of the WIR! region that proposals can name (towns, offices and their villages
between Hamburg, Lübeck, Schwerin, Wismar and Lüneburg)."""

import math

MUNICIPALITIES = [
    "Bad Oldesloe",
    "Boizenburg/Elbe",
    "Büchen",
    "Carlow",
    "Gadebusch",
    "Geesthacht",
    "Grevesmühlen",
    "Hagenow",
    "Klütz",
    "Lauenburg/Elbe",
    "Lübeck",
    "Lüneburg",
    "Lützow",
    "Mölln",
    "Ratzeburg",
    "Rehna",
    "Schönberg",
    "Schwerin",
    "Schwarzenbek",
    "Wismar",
    "Wittenburg",
    "Zarrentin am Schaalsee",
]

MUNICIPALITY_CHOICES = [(name, name) for name in MUNICIPALITIES]

# The town centres (latitude, longitude), to name a point on the map by the nearest of them.
CENTRES = {
    "Bad Oldesloe": (53.8117, 10.3742),
    "Boizenburg/Elbe": (53.3810, 10.7233),
    "Büchen": (53.4800, 10.6170),
    "Carlow": (53.6833, 10.8833),
    "Gadebusch": (53.7031, 11.1167),
    "Geesthacht": (53.4375, 10.3675),
    "Grevesmühlen": (53.8633, 11.1869),
    "Hagenow": (53.4308, 11.1886),
    "Klütz": (53.9650, 11.1683),
    "Lauenburg/Elbe": (53.3758, 10.5600),
    "Lübeck": (53.8655, 10.6866),
    "Lüneburg": (53.2464, 10.4115),
    "Lützow": (53.6528, 11.1803),
    "Mölln": (53.6269, 10.6847),
    "Ratzeburg": (53.6995, 10.7725),
    "Rehna": (53.7797, 11.0478),
    "Schönberg": (53.8500, 10.9333),
    "Schwerin": (53.6355, 11.4012),
    "Schwarzenbek": (53.5042, 10.4800),
    "Wismar": (53.8925, 11.4650),
    "Wittenburg": (53.5053, 11.0811),
    "Zarrentin am Schaalsee": (53.5500, 10.9167),
}
# Farther than this from every centre, a point is named by no municipality.
NEAR_KM = 25
KM_PER_DEGREE = 111.2


def nearest_municipality(latitude, longitude):
    """The municipality whose centre is closest to the point, or None if none is within
    ``NEAR_KM``. A flat approximation: at this latitude and these distances it is exact to a
    few hundred metres, and it costs no query."""
    if latitude is None or longitude is None:
        return None
    latitude, longitude = float(latitude), float(longitude)
    shrink = math.cos(math.radians(latitude))

    def distance(centre):
        return math.hypot(centre[0] - latitude, (centre[1] - longitude) * shrink)

    name, centre = min(CENTRES.items(), key=lambda item: distance(item[1]))
    return name if distance(centre) * KM_PER_DEGREE <= NEAR_KM else None
