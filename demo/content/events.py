"""Events, dated relative to the day the demo is loaded: some are over, most are still to come.

``days`` counts from today (negative: in the past), ``start`` is the local time in Berlin.
An event takes place at one of the demo places, at a free address or online. The event with
``registrations`` is fully booked by these demo accounts (the last one waits). ``suits`` names
the stages of action groups an event suits (``suits_founding`` … on the page). ``guests``: people
without an account may reserve a place (name and e-mail address, confirmed by a link).
"""

from .blocks import heading, paragraph

INDEX = {
    "slug": "veranstaltungen",
    "de": {
        "title": "Veranstaltungen",
        "intro": (
            "Werkstätten, Sprechstunden, Spaziergänge und Abende zum Kennenlernen: Bei unseren "
            "Veranstaltungen kommen Menschen aus Dörfern und Städten zusammen. Reservieren Sie "
            "einen Platz – die meisten Angebote sind kostenlos."
        ),
    },
    "en": {
        "slug": "events",
        "title": "Events",
        "intro": (
            "Workshops, advice sessions, walks and evenings to get to know each other: our "
            "events bring together people from villages and towns. Reserve a place – most of "
            "them are free."
        ),
    },
}

ORGANISER = "LANDVORTEIL e. V."

EVENTS = [
    {
        "slug": "scheunenabend-carlow",
        "days": -74,
        "start": "19:00",
        "hours": 3,
        "place": "begegnungsscheune-carlow",
        "organiser": "Genossenschaft Begegnungsscheune Carlow",
        "registration_enabled": False,
        "fields": ["gruendungen", "innovationsorte"],
        "image": "nacht",
        "de": {
            "title": "Scheunenabend: Zwei Jahre Begegnungsscheune",
            "intro": (
                "Die Genossenschaft feiert Geburtstag – mit Musik aus dem Dorf, Suppe aus dem "
                "Laden und Geschichten vom Umbau. Eine Reservierung ist nicht nötig."
            ),
            "body": [
                paragraph(
                    "<p>Kommen Sie vorbei und erfahren Sie, wie aus einer Idee am Küchentisch ein "
                    "Laden wurde, der dem ganzen Dorf gehört.</p>"
                ),
            ],
        },
    },
    {
        "slug": "auftakt-werkstatt-grevesmuehlen",
        "days": -45,
        "start": "10:00",
        "hours": 6,
        "place": "alte-molkerei-grevesmuehlen",
        "organiser": ORGANISER,
        "capacity": 40,
        "fields": ["gruendungen", "innovationsorte", "verwaltung"],
        "image": "sommer",
        "de": {
            "title": "Auftaktwerkstatt: Was braucht unsere Region?",
            "intro": (
                "Ein Tag, um gemeinsam Zielbilder für die Region zu entwickeln: Was soll in "
                "zehn Jahren anders sein, und wer packt mit an?"
            ),
            "body": [
                heading("Ablauf"),
                paragraph(
                    "<ul><li>10:00 Uhr Ankommen und Kennenlernen</li><li>11:00 Uhr Werkstätten "
                    "zu den drei Handlungsfeldern</li><li>13:00 Uhr Mittagessen</li><li>14:00 "
                    "Uhr Aktionsgruppen bilden</li><li>16:00 Uhr Abschluss</li></ul>"
                ),
            ],
        },
    },
    {
        "slug": "reparaturcafe-werkraum-moelln",
        "days": -16,
        "start": "10:00",
        "hours": 4,
        "place": "werkraum-moelln",
        "organiser": "Werkraum Mölln",
        "fields": ["innovationsorte"],
        "image": "herbst",
        "de": {
            "title": "Reparaturcafé im Werkraum Mölln",
            "intro": (
                "Bringen Sie mit, was kaputt ist: Toaster, Fahrrad, Lieblingshose. Ehrenamtliche "
                "reparieren gemeinsam mit Ihnen – bei Kaffee und Kuchen."
            ),
            "body": [
                paragraph(
                    "<p>Das Reparaturcafé ist kostenlos; über eine Spende für Ersatzteile freut "
                    "sich der Verein.</p>"
                ),
            ],
        },
    },
    {
        "slug": "online-sprechstunde-foerdermittel",
        "days": 5,
        "start": "17:30",
        "hours": 1.5,
        "online_url": "https://meet.example.org/landvorteil-sprechstunde",
        "organiser": ORGANISER,
        "capacity": 25,
        "fields": ["gruendungen"],
        "image": "raps",
        "de": {
            "title": "Online-Sprechstunde: Fördermittel für Initiativen",
            "intro": (
                "Welche Förderprogramme passen zu Ihrem Verein oder Ihrer Initiative? In der "
                "Sprechstunde beantworten Berater:innen des Bündnisses Ihre Fragen per Video."
            ),
            "body": [
                paragraph(
                    "<p>Sie brauchen nur einen Computer oder ein Smartphone mit Kamera. Den Link "
                    "zur Videokonferenz sehen Sie nach der Reservierung auf dieser Seite.</p>"
                ),
                heading("Themen"),
                paragraph(
                    "<ul><li>Kleine Förderungen bis 5.000 Euro für Vereine</li><li>Programme für "
                    "Dorfläden und Genossenschaften</li><li>Wie Sie einen Antrag verständlich "
                    "schreiben</li></ul>"
                ),
            ],
        },
        "en": {
            "slug": "online-advice-funding",
            "title": "Online advice: funding for initiatives",
            "intro": (
                "Which funding programmes suit your club or initiative? In this session the "
                "alliance's advisers answer your questions by video."
            ),
            "body": [
                paragraph(
                    "<p>All you need is a computer or smartphone with a camera. You will see the "
                    "link to the video call on this page once you have reserved a place.</p>"
                ),
                heading("Topics"),
                paragraph(
                    "<ul><li>Small grants of up to 5,000 euros for clubs</li><li>Programmes for "
                    "village shops and cooperatives</li><li>How to write an application that is "
                    "easy to understand</li></ul>"
                ),
            ],
        },
    },
    {
        "slug": "gruendungsberatung-am-kuechentisch",
        "days": 11,
        "start": "09:30",
        "hours": 2,
        "place": "dorfbuero-gadebusch",
        "organiser": ORGANISER,
        "capacity": 2,
        "fields": ["gruendungen"],
        "image": "dorf",
        # Jonas waits; when Paul deletes his account, Jonas gets the place.
        "registrations": ["bewohnerin@example.org", "paul@example.org", "jonas@example.org"],
        "de": {
            "title": "Gründungsberatung am Küchentisch",
            "intro": (
                "Zwei Plätze, zwei Stunden, eine Kanne Kaffee: Ein Gründungsberater des "
                "Bündnisses nimmt sich in der Küche des Dorfbüros Zeit für Ihre Idee."
            ),
            "body": [
                paragraph(
                    "<p>Das kleine Format ist bewusst gewählt: Jede Teilnehmerin und jeder "
                    "Teilnehmer bekommt eine Stunde für die eigenen Fragen. Wenn alle Plätze "
                    "vergeben sind, tragen Sie sich in die Warteliste ein – wir bieten weitere "
                    "Termine an.</p>"
                ),
            ],
        },
    },
    {
        "slug": "workshop-verwaltung-als-experimentierraum",
        "days": 19,
        "start": "09:00",
        "hours": 7,
        "place": "verwaltungslabor-ratzeburg",
        "organiser": ORGANISER,
        "capacity": 16,
        "deadline_days_before": 3,
        # Also for people without an account: the README's walk-through reserves a place here.
        "guests": True,
        "fields": ["verwaltung"],
        # Suits action groups that plan or run an undertaking ("Passende Formate").
        "suits": ["planning", "running"],
        "image": "see",
        "de": {
            "title": "Workshop: Verwaltung als Experimentierraum",
            "intro": (
                "Ein Tag für Mitarbeitende aus Ämtern und Gemeinden: Sie lernen Methoden kennen, "
                "mit denen Sie eine Verwaltungsleistung gemeinsam mit Bürger:innen verbessern."
            ),
            "body": [
                heading("Was Sie mitnehmen"),
                paragraph(
                    "<ul><li>Ein Verfahren, um einen Antrag aus Sicht der Nutzer:innen zu "
                    "prüfen</li><li>Ideen für kleine Experimente, die ohne Satzungsänderung "
                    "möglich sind</li><li>Kontakte zu Kolleg:innen aus anderen Kommunen</li></ul>"
                ),
                paragraph("<p>Bitte reservieren Sie bis drei Tage vor dem Termin einen Platz.</p>"),
            ],
        },
        "en": {
            "slug": "workshop-administration-as-a-space-to-experiment",
            "title": "Workshop: public administration as a space to experiment",
            "intro": (
                "A day for staff of local authorities: learn methods for improving a public "
                "service together with residents."
            ),
            "body": [
                heading("What you take home"),
                paragraph(
                    "<ul><li>A procedure for reviewing an application form from the users' point "
                    "of view</li><li>Ideas for small experiments that need no change in the "
                    "bylaws</li><li>Contacts with colleagues from other municipalities</li></ul>"
                ),
                paragraph("<p>Please reserve a place at least three days before the workshop.</p>"),
            ],
        },
    },
    {
        "slug": "dorfspaziergang-leerstand",
        "days": 30,
        "start": "14:00",
        "hours": 2.5,
        "address": "Treffpunkt am Kirchplatz 2, 19246 Zarrentin am Schaalsee",
        "organiser": ORGANISER,
        "capacity": 20,
        "guests": True,
        "fields": ["innovationsorte", "verwaltung"],
        "image": "winter",
        "de": {
            "title": "Dorfspaziergang: Leerstand als Möglichkeitsraum",
            "intro": (
                "Ein leerer Laden, eine alte Schule, eine ungenutzte Scheune: Auf einem "
                "Spaziergang schauen wir gemeinsam, was aus leeren Gebäuden werden könnte."
            ),
            "body": [
                paragraph(
                    "<p>Der Spaziergang ist etwa drei Kilometer lang und führt über ebene Wege. "
                    "Bitte denken Sie an wetterfeste Kleidung. Zum Abschluss gibt es warme "
                    "Getränke.</p>"
                ),
            ],
        },
    },
    {
        "slug": "local-buzz-abend-im-hafenspeicher",
        "days": 47,
        "start": "18:30",
        "hours": 3,
        "place": "hafenspeicher-wismar",
        "organiser": "Hafenspeicher Wismar",
        "capacity": 60,
        "fields": ["gruendungen", "innovationsorte"],
        "image": "giebel",
        "de": {
            "title": "Local-Buzz-Abend im Hafenspeicher",
            "intro": (
                "Drei Vorhaben aus der Region, je fünf Minuten, danach Suppe und Gespräche. "
                "Kommen Sie zum Zuhören, Mitdenken oder um selbst eine Idee vorzustellen."
            ),
            "body": [
                paragraph(
                    "<p>Sie möchten vortragen? Schreiben Sie bei der Reservierung zwei Sätze zu "
                    "Ihrem Vorhaben an hafenspeicher@example.org.</p>"
                ),
            ],
        },
    },
]
