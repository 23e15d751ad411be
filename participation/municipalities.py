"""Municipalities of the WIR! region that proposals can name (towns, offices and their villages
between Hamburg, Lübeck, Schwerin, Wismar and Lüneburg)."""

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
