"""Places of the region: coworking spaces, makerspaces, third places and an innovation lab.

The names are invented and the addresses fictional; the coordinates lie in the real towns.
"""

from .blocks import heading, paragraph, quote

INDEX = {
    "slug": "orte",
    "de": {
        "title": "Orte",
        "intro": (
            "Coworking im Dorf, offene Werkstätten, Dritte Orte und Labore: Hier arbeiten, "
            "tüfteln und treffen sich Menschen in der Region. Finden Sie einen Ort in Ihrer Nähe."
        ),
    },
    "en": {
        "slug": "places",
        "title": "Places",
        "intro": (
            "Coworking in the village, open workshops, third places and labs: this is where "
            "people in the region work, tinker and meet. Find a place near you."
        ),
    },
}

PLACES = [
    {
        "slug": "dorfbuero-gadebusch",
        "kind": "coworking",
        "image": "dorf",
        "street": "Lindenplatz 4",
        "postcode": "19205",
        "municipality": "Gadebusch",
        "latitude": "53.70412",
        "longitude": "11.11803",
        "email": "dorfbuero@example.org",
        "fields": ["innovationsorte", "gruendungen"],
        "de": {
            "title": "Dorfbüro Gadebusch",
            "intro": (
                "Zwölf Arbeitsplätze, schnelles Internet und eine große Küche im ehemaligen "
                "Postamt: Das Dorfbüro erspart vielen Pendler:innen den Weg nach Hamburg oder "
                "Schwerin."
            ),
            "opening_hours": (
                "Montag bis Freitag 7:30–19:00 Uhr\n"
                "Mit Mitgliedskarte rund um die Uhr\n"
                "Offener Kaffee: jeden Mittwoch 15:00 Uhr"
            ),
            "body": [
                heading("Arbeiten, wo Sie wohnen"),
                paragraph(
                    "<p>Im Dorfbüro mieten Sie einen Schreibtisch für einen Tag, eine Woche oder "
                    "dauerhaft. Ein abgetrennter Raum steht für Videokonferenzen bereit, ein "
                    "Besprechungstisch für Gruppen bis acht Personen.</p>"
                ),
                heading("Mehr als Schreibtische"),
                paragraph(
                    "<p>Wer hier arbeitet, lernt schnell die anderen kennen: Eine Grafikerin, "
                    "ein Steuerberater und das Team einer Solargenossenschaft teilen sich die "
                    "Küche. Aus solchen Begegnungen sind schon zwei gemeinsame Projekte "
                    "entstanden.</p>"
                ),
            ],
            "image_alt": (
                "Gemaltes Dorf: Häuser mit roten Dächern und ein Kirchturm zwischen "
                "hellgrünen Feldern."
            ),
        },
        "en": {
            "slug": "village-office-gadebusch",
            "title": "Village Office Gadebusch",
            "intro": (
                "Twelve desks, fast internet and a big kitchen in the former post office: the "
                "Village Office saves many commuters the trip to Hamburg or Schwerin."
            ),
            "opening_hours": (
                "Monday to Friday 7.30 am – 7 pm\n"
                "Around the clock with a membership card\n"
                "Open coffee: every Wednesday at 3 pm"
            ),
            "body": [
                heading("Work where you live"),
                paragraph(
                    "<p>At the Village Office you rent a desk for a day, a week or permanently. A "
                    "separate room is ready for video calls, a meeting table for groups of up to "
                    "eight.</p>"
                ),
                heading("More than desks"),
                paragraph(
                    "<p>Whoever works here soon gets to know the others: a graphic designer, a "
                    "tax adviser and the team of a solar cooperative share the kitchen. Two joint "
                    "projects have already grown out of such encounters.</p>"
                ),
            ],
            "image_alt": (
                "Painted village: houses with red roofs and a church tower between light green "
                "fields."
            ),
        },
    },
    {
        "slug": "verwaltungslabor-ratzeburg",
        "kind": "lab",
        "image": "see",
        "street": "Am Seeufer 12",
        "postcode": "23909",
        "municipality": "Ratzeburg",
        "latitude": "53.69822",
        "longitude": "10.77154",
        "email": "labor@example.org",
        "fields": ["verwaltung"],
        "de": {
            "title": "Verwaltungslabor Ratzeburg",
            "intro": (
                "Ein Raum, in dem Mitarbeitende aus Ämtern, Bürger:innen und Gründer:innen "
                "gemeinsam Verwaltungsleistungen neu denken – mit Post-its, Prototypen und "
                "Geduld."
            ),
            "opening_hours": (
                "Dienstag und Donnerstag 9:00–16:00 Uhr\nWerkstatttage nach Vereinbarung"
            ),
            "body": [
                heading("Ausprobieren, bevor es Vorschrift wird"),
                paragraph(
                    "<p>Im Labor testen Verwaltungen neue Abläufe im Kleinen, bevor sie sie "
                    "einführen: ein einfacheres Formular, eine Sprechstunde im Dorfladen, ein "
                    "digitaler Antrag. Wer die Leistung später nutzt, sitzt von Anfang an mit "
                    "am Tisch.</p>"
                ),
                quote(
                    "Hier darf ein Entwurf scheitern. Dafür ist das Labor da.",
                    "Aus dem Team des Verwaltungslabors",
                ),
            ],
            "image_alt": (
                "Gemalter See: ruhiges blaues Wasser, am Ufer dunkler Nadelwald, vorn ein "
                "hölzerner Steg."
            ),
        },
        "en": {
            "slug": "public-service-lab-ratzeburg",
            "title": "Public Service Lab Ratzeburg",
            "intro": (
                "A room where local government staff, residents and founders rethink public "
                "services together – with sticky notes, prototypes and patience."
            ),
            "opening_hours": "Tuesday and Thursday 9 am – 4 pm\nWorkshop days by arrangement",
            "body": [
                heading("Try it out before it becomes a rule"),
                paragraph(
                    "<p>In the lab, administrations test new procedures on a small scale before "
                    "introducing them: a simpler form, office hours in the village shop, a "
                    "digital application. Those who will use the service later sit at the table "
                    "from the start.</p>"
                ),
                quote(
                    "Here a draft is allowed to fail. That is what the lab is for.",
                    "From the Public Service Lab team",
                ),
            ],
            "image_alt": (
                "Painted lake: calm blue water, dark coniferous forest on the shore and a "
                "wooden jetty in front."
            ),
        },
    },
    {
        "slug": "werkraum-moelln",
        "kind": "makerspace",
        "image": "herbst",
        "street": "Schmiedestraße 21",
        "postcode": "23879",
        "municipality": "Mölln",
        "latitude": "53.62731",
        "longitude": "10.68522",
        "email": "werkraum@example.org",
        "fields": ["innovationsorte"],
        "de": {
            "title": "Werkraum Mölln",
            "intro": (
                "Eine offene Werkstatt mit Holz- und Metallbereich, 3D-Druckern und einem "
                "Lasercutter. Ehrenamtliche zeigen Ihnen, wie die Maschinen funktionieren."
            ),
            "opening_hours": (
                "Donnerstag 16:00–21:00 Uhr (offene Werkstatt)\n"
                "Samstag 10:00–16:00 Uhr\n"
                "Reparaturcafé: jeden ersten Samstag im Monat"
            ),
            "body": [
                heading("Selber machen statt wegwerfen"),
                paragraph(
                    "<p>Ob Regal, Ersatzteil oder Prototyp für die eigene Geschäftsidee: Im "
                    "Werkraum finden Sie Werkzeug und Menschen, die weiterhelfen. Eine Einweisung "
                    "an den Maschinen ist kostenlos.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Herbstlandschaft: eine Allee mit orangefarbenen Bäumen zwischen "
                "abgeernteten Feldern."
            ),
        },
    },
    {
        "slug": "alte-molkerei-grevesmuehlen",
        "kind": "third_place",
        "image": "sommer",
        "street": "Molkereiweg 3",
        "postcode": "23936",
        "municipality": "Grevesmühlen",
        "latitude": "53.86194",
        "longitude": "11.18832",
        "email": "molkerei@example.org",
        "fields": ["innovationsorte", "gruendungen"],
        "de": {
            "title": "Alte Molkerei Grevesmühlen",
            "intro": (
                "Café, Veranstaltungssaal und Coworking unter einem Dach: Die Alte Molkerei ist "
                "Treffpunkt für Vereine, Selbstständige und alle, die Neues anstoßen wollen."
            ),
            "opening_hours": (
                "Café: Mittwoch bis Sonntag 11:00–18:00 Uhr\n"
                "Coworking: Montag bis Freitag 8:00–18:00 Uhr"
            ),
            "body": [
                heading("Ein Dritter Ort für die Region"),
                paragraph(
                    "<p>Zwischen Zuhause und Arbeitsplatz braucht es Orte, an denen man sich "
                    "ohne Anlass trifft. In der Alten Molkerei wird gestrickt, gestritten, "
                    "gegründet – und dienstags Skat gespielt.</p>"
                ),
            ],
            "image_alt": (
                "Gemaltes Sommerbild: ein goldenes Kornfeld, eine rote Scheune und runde Bäume "
                "unter hellblauem Himmel."
            ),
        },
    },
    {
        "slug": "hafenspeicher-wismar",
        "kind": "coworking",
        "image": "giebel",
        "street": "Am Alten Hafen 8",
        "postcode": "23966",
        "municipality": "Wismar",
        "latitude": "53.89661",
        "longitude": "11.45573",
        "email": "hafenspeicher@example.org",
        "fields": ["gruendungen", "innovationsorte"],
        "de": {
            "title": "Hafenspeicher Wismar",
            "intro": (
                "Coworking mit Blick aufs Wasser im Speicher am Alten Hafen. Hier sitzen "
                "Start-ups aus Wismar neben Rückkehrer:innen, die von hier aus für Kunden in "
                "ganz Europa arbeiten."
            ),
            "opening_hours": "Montag bis Freitag 8:00–20:00 Uhr\nSamstag 10:00–14:00 Uhr",
            "body": [
                paragraph(
                    "<p>Einmal im Monat lädt der Hafenspeicher zum Local-Buzz-Abend: Drei "
                    "Menschen stellen in je fünf Minuten ein Vorhaben vor, danach wird "
                    "gemeinsam gegessen und weitergedacht.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Hansestadt: eine Zeile bunter Backsteinhäuser mit Treppengiebeln vor "
                "blauem Himmel."
            ),
        },
    },
    {
        "slug": "elbwerkstatt-boizenburg",
        "kind": "makerspace",
        "image": "elbe",
        "street": "Deichstraße 17",
        "postcode": "19258",
        "municipality": "Boizenburg/Elbe",
        "latitude": "53.37851",
        "longitude": "10.72274",
        "email": "elbwerkstatt@example.org",
        "fields": ["innovationsorte"],
        "de": {
            "title": "Elbwerkstatt Boizenburg",
            "intro": (
                "Eine Werkstatt für Fahrräder, Lastenräder und Bootsbau in einer alten "
                "Fliesenhalle. Jugendliche und Rentner:innen schrauben hier Seite an Seite."
            ),
            "opening_hours": "Dienstag und Freitag 15:00–20:00 Uhr",
            "body": [
                paragraph(
                    "<p>Die Elbwerkstatt verleiht drei selbst gebaute Lastenräder an Menschen im "
                    "Amtsbereich – für den Einkauf, den Umzug oder den Markttag.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Flusslandschaft: ein breiter, ruhiger Fluss vor grünen Wiesen mit "
                "runden Bäumen."
            ),
        },
    },
    {
        "slug": "salzsalon-lueneburg",
        "kind": "third_place",
        "image": "scheune",
        "street": "Sülzwiese 5",
        "postcode": "21335",
        "municipality": "Lüneburg",
        "latitude": "53.24611",
        "longitude": "10.40196",
        "email": "salzsalon@example.org",
        "fields": ["innovationsorte"],
        "de": {
            "title": "Salzsalon Lüneburg",
            "intro": (
                "Ein Salon für Gespräche zwischen Stadt und Land: Lesungen, Themenabende und "
                "ein Tisch, an dem Initiativen aus den Dörfern ihre Ideen vorstellen."
            ),
            "opening_hours": "Donnerstag bis Samstag 17:00–23:00 Uhr",
            "body": [
                paragraph(
                    "<p>Der Salzsalon verbindet die Hochschulstadt mit ihrem Umland. Studierende "
                    "finden hier Praxisprojekte in Dörfern, Dörfer finden Menschen mit frischem "
                    "Blick.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Abendlandschaft: orangeroter Himmel mit tief stehender Sonne, dunkle "
                "Hügel und die Silhouette einer Scheune."
            ),
        },
    },
    {
        "slug": "werkbank-schwerin",
        "kind": "coworking",
        "image": "raps",
        "street": "Werderstraße 40",
        "postcode": "19055",
        "municipality": "Schwerin",
        "latitude": "53.63402",
        "longitude": "11.41688",
        "email": "werkbank@example.org",
        "fields": ["gruendungen"],
        "de": {
            "title": "Werkbank Schwerin",
            "intro": (
                "Coworking und Gründungsberatung an einem Ort: Jeden Dienstag beraten "
                "Gründungslots:innen kostenlos zu Förderung, Rechtsform und Finanzierung."
            ),
            "opening_hours": (
                "Montag bis Freitag 8:00–18:00 Uhr\nGründungssprechstunde: Dienstag 14:00–18:00 Uhr"
            ),
            "body": [
                paragraph(
                    "<p>Die Werkbank ist die erste Adresse für Gründer:innen aus dem Umland, die "
                    "in der Landeshauptstadt Termine haben – und einen ruhigen Platz für die "
                    "Stunden dazwischen suchen.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Landschaft: ein gelbes Rapsfeld unter blauem Himmel, dahinter grüne "
                "Hügel und eine Windmühle."
            ),
        },
    },
    {
        "slug": "gruendungswerft-luebeck",
        "kind": "lab",
        "image": "kueste",
        "street": "Kanalstraße 64",
        "postcode": "23552",
        "municipality": "Lübeck",
        "latitude": "53.87142",
        "longitude": "10.69358",
        "email": "werft@example.org",
        "fields": ["gruendungen", "verwaltung"],
        "de": {
            "title": "Gründungswerft Lübeck",
            "intro": (
                "Ein Innovationslabor für soziale Gründungen: Teams aus Stadt und Land "
                "entwickeln hier in zwölf Wochen aus einer Idee ein tragfähiges Vorhaben."
            ),
            "opening_hours": "Montag bis Donnerstag 9:00–17:00 Uhr",
            "body": [
                paragraph(
                    "<p>Die Gründungswerft arbeitet eng mit Kommunen zusammen: Oft steht am "
                    "Anfang eine Frage aus einem Amt – etwa, wie ältere Menschen ohne Auto zum "
                    "Arzt kommen –, auf die ein Team eine unternehmerische Antwort sucht.</p>"
                ),
            ],
            "image_alt": (
                "Gemalte Küste: blaue Ostsee unter hellem Himmel, ein Strandstreifen und ein "
                "rot-weißer Leuchtturm."
            ),
        },
    },
    {
        "slug": "begegnungsscheune-carlow",
        "kind": "third_place",
        "image": "nacht",
        "street": "Dorfstraße 28",
        "postcode": "19217",
        "municipality": "Carlow",
        "latitude": "53.68407",
        "longitude": "10.98471",
        "email": "scheune@example.org",
        "fields": ["gruendungen", "innovationsorte"],
        "de": {
            "title": "Begegnungsscheune Carlow",
            "intro": (
                "Eine umgebaute Feldscheune mit Dorfladen, Bühne und Gemeinschaftsküche – "
                "betrieben von einer Genossenschaft aus dem Dorf."
            ),
            "opening_hours": (
                "Dorfladen: Montag bis Samstag 8:00–12:00 Uhr\n"
                "Scheunenabend: jeden letzten Freitag im Monat ab 19:00 Uhr"
            ),
            "body": [
                paragraph(
                    "<p>Was als Idee am Küchentisch begann, trägt heute 140 Mitglieder. Die "
                    "Scheune zeigt, wie aus Ehrenamt ein kleines Unternehmen wird, das dem "
                    "ganzen Dorf gehört.</p>"
                ),
            ],
            "image_alt": (
                "Gemaltes Dorf bei Nacht: dunkelblauer Sternenhimmel mit Mond, Häuser mit warm "
                "erleuchteten Fenstern."
            ),
        },
    },
]
