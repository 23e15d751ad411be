"""The visions that accepted proposals of the finished process became, with their updates."""

from .blocks import paragraph

# proposal title, slug, status, intro, body, field slugs, updates (date, title, text)
VISIONS = [
    {
        "proposal": "Dorfbüro im Gemeindehaus",
        "slug": "dorfbuero-im-gemeindehaus",
        "status": "done",
        "intro": (
            "In jedem größeren Dorf gibt es einen Arbeitsplatz mit schnellem Internet, an dem "
            "man sich trifft – und nicht mehr jeden Tag pendeln muss."
        ),
        "body": [
            paragraph(
                "<p>Das erste Dorfbüro ist im Gemeindehaus Klütz entstanden: sechs "
                "Schreibtische, ein Besprechungstisch und eine Kaffeeküche. Gebucht wird "
                "online, bezahlt nach Tagen.</p>"
            ),
        ],
        "fields": ["innovationsorte"],
        "updates": [
            (
                "2025-08-15",
                "Raum und Ausstattung gesichert",
                "<p>Die Gemeindevertretung hat den Raum für drei Jahre zur Verfügung gestellt; "
                "die Möbel kommen aus einer Büroauflösung.</p>",
            ),
            (
                "2025-10-01",
                "Glasfaser liegt",
                "<p>Der Anschluss ist geschaltet. Die ersten Testtage waren ausgebucht.</p>",
            ),
            (
                "2025-11-03",
                "Das Dorfbüro ist eröffnet",
                "<p>Seit November ist das Büro an vier Tagen die Woche geöffnet. Zwölf "
                "Menschen nutzen es regelmäßig.</p>",
            ),
        ],
        "en": {
            "slug": "a-village-office-in-the-community-hall",
            "title": "A village office in the community hall",
            "intro": (
                "Every larger village has a workplace with fast internet where people meet – "
                "and no longer have to commute every day."
            ),
            "body": [
                paragraph(
                    "<p>The first village office opened in the community hall of Klütz: six "
                    "desks, a meeting table and a small kitchen. Desks are booked online and "
                    "paid by the day.</p>"
                ),
            ],
            "updates": [
                (
                    "Room and furniture secured",
                    "<p>The municipal council provides the room for three years; the furniture "
                    "comes from an office clearance.</p>",
                ),
                (
                    "Fibre is in",
                    "<p>The connection is live. The first trial days were fully booked.</p>",
                ),
                (
                    "The village office is open",
                    "<p>Since November the office has been open four days a week. Twelve "
                    "people use it regularly.</p>",
                ),
            ],
        },
    },
    {
        "proposal": "Wochenmarkt mit Gründerstand",
        "slug": "gruenderstand-auf-dem-wochenmarkt",
        "status": "in_progress",
        "intro": (
            "Wer etwas Neues anbietet, bekommt auf den Wochenmärkten der Region einen Platz "
            "zum Ausprobieren – ohne Standgebühr und ohne Papierkrieg."
        ),
        "body": [
            paragraph(
                "<p>Den Anfang macht Mölln: Ein Stand auf dem Wochenmarkt wird jeden Monat neu "
                "vergeben. Das Bündnis berät die Betriebe, die Stadt kümmert sich um die "
                "Marktordnung.</p>"
            ),
        ],
        "fields": ["gruendungen", "verwaltung"],
        "updates": [
            (
                "2025-08-20",
                "Marktordnung angepasst",
                "<p>Die Stadt hat die Marktordnung um einen Gründerstand ergänzt.</p>",
            ),
            (
                "2025-09-12",
                "Erste Bewerbungen",
                "<p>Neun Betriebe haben sich beworben, von Kräutersalz bis Fahrradreparatur. "
                "Die ersten drei stehen im Oktober auf dem Markt.</p>",
            ),
        ],
        "en": {
            "slug": "a-start-up-stall-at-the-weekly-market",
            "title": "A start-up stall at the weekly market",
            "intro": (
                "Whoever offers something new gets a place to try it out at the region's weekly "
                "markets – without a stall fee and without paperwork."
            ),
            "body": [
                paragraph(
                    "<p>Mölln makes the start: one stall at the weekly market is given to a new "
                    "business every month. The alliance advises the businesses, the town takes "
                    "care of the market rules.</p>"
                ),
            ],
            "updates": [
                (
                    "Market rules changed",
                    "<p>The town has added a start-up stall to its market rules.</p>",
                ),
                (
                    "First applications",
                    "<p>Nine businesses have applied, from herb salt to bicycle repairs. The "
                    "first three will be at the market in October.</p>",
                ),
            ],
        },
    },
]
