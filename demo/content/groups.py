"""The action groups (Aktionsgruppen) of the demo: four groups across the three fields of action,
with their members, undertakings (Vorhaben), dated updates, needs and offers, a few comments and
one reported update.

Groups, updates, needs and offers are contributions that residents write, like proposals and
comments: they are kept in the language they were written in (German) and shown as written on
the English pages too. Only what editors write is translated. Days count from the day the demo
is loaded (negative: in the past), so the groups always look active.

People are the keys of ``processes.RESIDENTS`` or the demo accounts ``"bewohnerin"``
(bewohnerin@example.org) and ``"jonas"`` (jonas@example.org).
"""

# The demo accounts that take part in groups, by key.
ACCOUNTS = {
    "bewohnerin": "bewohnerin@example.org",
    "jonas": "jonas@example.org",
}

# Each group:
#   key, name, purpose, fields (slugs), municipality ("" = region-wide), point or None,
#   joining ("open" / "request"), seeks_members, featured, founded (days), vision (slug or
#   None), proposal (title or None),
#   members: [(person, role, state, days, message)] (the founder is the first lead),
#   undertakings: [(title, description, status, vision slug or None, updates)]
#       updates: [(author, days, title, text)]
#   needs: [(author, category, field, title, description, met days or None)]
#   offers: [(author, on the group's behalf, category, field, municipality, title, description)]
GROUPS = [
    {
        "key": "hafenspeicher",
        "name": "Coworking im Hafenspeicher",
        "purpose": (
            "Wir machen aus dem halb leeren Speicher am Alten Hafen in Wismar einen Ort zum "
            "Arbeiten, Lernen und Treffen – für alle, die nicht mehr jeden Tag nach Lübeck oder "
            "Hamburg pendeln wollen.\n\n"
            "Vorbild ist das Dorfbüro im Gemeindehaus Klütz: erst ein Probebetrieb mit wenigen "
            "Schreibtischen, dann Schritt für Schritt mehr. Weil der Platz knapp ist, nehmen wir "
            "neue Mitglieder auf Anfrage auf und sprechen vorher kurz miteinander."
        ),
        "fields": ["innovationsorte", "gruendungen"],
        "municipality": "Wismar",
        # The demo place "Hafenspeicher Wismar" (demo/content/places.py).
        "point": ("53.89661", "11.45573"),
        "joining": "request",
        "seeks_members": True,
        "featured": True,
        "founded": -60,
        "vision": "dorfbuero-im-gemeindehaus",
        "proposal": "Coworking im alten Speicher am Hafen",
        "members": [
            ("ida", "lead", "active", -60, ""),
            ("frieda", "lead", "active", -58, ""),
            ("bewohnerin", "member", "active", -50, ""),
            ("malte", "member", "active", -41, ""),
            ("paul", "member", "active", -30, ""),
            (
                "jonas",
                "member",
                "requested",
                -2,
                "Ich pendle jeden Tag von Mölln nach Lübeck und würde gern zwei Tage die Woche "
                "im Speicher arbeiten. Beim Aufbau helfe ich gern mit, ich kann Netzwerke "
                "einrichten.",
            ),
        ],
        "undertakings": [
            (
                "Probebetrieb im Erdgeschoss",
                "Zwölf Schreibtische, ein Besprechungstisch und eine Kaffeeküche im Erdgeschoss "
                "des Speichers, gebucht nach Tagen. Drei Monate Probebetrieb zeigen, ob genug "
                "Menschen kommen.",
                "running",
                "dorfbuero-im-gemeindehaus",
                [
                    (
                        "ida",
                        -34,
                        "Mietvertrag für den Probebetrieb unterschrieben",
                        "Die Eigentümerin überlässt uns das Erdgeschoss für sechs Monate zu "
                        "einer kleinen Miete. Jetzt geht es an Möbel und Internet.",
                    ),
                    (
                        "frieda",
                        -12,
                        "Die ersten Schreibtische stehen",
                        "Acht Schreibtische aus einer Büroauflösung sind da, vier fehlen noch. "
                        "Der Glasfaseranschluss ist geschaltet.\n\nAb dem Ersten kann gebucht "
                        "werden.",
                    ),
                ],
            ),
            (
                "Werkstatt unter dem Dach",
                "Im Dachgeschoss könnte eine kleine Werkstatt für Prototypen entstehen. Erst "
                "wenn der Probebetrieb läuft, prüfen wir Statik und Brandschutz.",
                "idea",
                None,
                [],
            ),
        ],
        "needs": [
            (
                "ida",
                "material",
                "innovationsorte",
                "Vier Schreibtische und Bürostühle",
                "Für den Probebetrieb fehlen noch vier Schreibtische und Stühle. Wir holen sie "
                "in der Region ab.",
                None,
            ),
            (
                "frieda",
                "funding",
                "gruendungen",
                "Beratung zu Fördermitteln für den Umbau",
                "Wer kennt sich mit Förderprogrammen für Umnutzung und Coworking aus? Wir "
                "wollen einen Antrag für das Dachgeschoss vorbereiten.",
                None,
            ),
            (
                "ida",
                "knowhow",
                "innovationsorte",
                "Hilfe beim Glasfaseranschluss",
                "Wer kann uns sagen, welcher Anschluss für zwölf Arbeitsplätze reicht?",
                -20,
            ),
        ],
        "offers": [
            (
                "ida",
                True,
                "room",
                "innovationsorte",
                "Wismar",
                "Besprechungsraum für Initiativen am Abend",
                "Nach 18 Uhr steht unser Besprechungstisch im Hafenspeicher Vereinen und "
                "Initiativen kostenlos zur Verfügung. Bitte vorher anfragen.",
            ),
        ],
        "comments": [],
    },
    {
        "key": "reparaturcafes",
        "name": "Netzwerk Reparaturcafés",
        "purpose": (
            "Reparieren statt wegwerfen, und dabei ins Gespräch kommen: Wir verbinden die "
            "Reparaturcafés der Region, teilen Werkzeug, Ersatzteile und Erfahrung und helfen "
            "neuen Cafés beim Start.\n\n"
            "Zu Hause sind wir im Werkraum Mölln. Jede und jeder kann mitmachen – auch ohne "
            "handwerkliche Erfahrung, Kaffee kochen ist genauso wichtig."
        ),
        "fields": ["innovationsorte"],
        "municipality": "Mölln",
        # The demo place "Werkraum Mölln".
        "point": ("53.62731", "10.68522"),
        "joining": "open",
        "seeks_members": True,
        "featured": True,
        "founded": -120,
        "vision": None,
        "proposal": None,
        "members": [
            ("paul", "lead", "active", -120, ""),
            ("henrik", "lead", "active", -115, ""),
            ("sevgi", "member", "active", -90, ""),
            ("anke", "member", "active", -70, ""),
            ("clara", "member", "active", -44, ""),
            ("hauke", "member", "active", -10, ""),
        ],
        "undertakings": [
            (
                "Reparaturcafé an jedem dritten Samstag",
                "Im Werkraum Mölln reparieren Ehrenamtliche gemeinsam mit Besucherinnen und "
                "Besuchern Elektrogeräte, Fahrräder und Kleidung.",
                "running",
                None,
                [
                    (
                        "paul",
                        -40,
                        "Über 60 Reparaturen im ersten Halbjahr",
                        "Zwei Drittel der Geräte liefen danach wieder. Am häufigsten: Toaster, "
                        "Staubsauger und Fahrradbremsen.",
                    ),
                    (
                        "henrik",
                        -15,
                        "Rückblick auf das Reparaturcafé im Werkraum",
                        "Volles Haus am Samstag: 23 Gäste, 18 Reparaturen und ein Kuchenbuffet, "
                        "das bis zum Schluss gereicht hat. Danke an alle Helferinnen!",
                    ),
                ],
            ),
            (
                "Gemeinsames Ersatzteillager",
                "Die Reparaturcafés in Mölln, Ratzeburg und Büchen legen ihre Ersatzteile "
                "zusammen und verleihen Spezialwerkzeug untereinander.",
                "planning",
                None,
                [
                    (
                        "paul",
                        -5,
                        "Ratzeburg und Büchen sind dabei",
                        "Die beiden Cafés machen beim Lager mit. Jetzt suchen wir Regale und "
                        "eine Liste, wer was hat.",
                    ),
                ],
            ),
        ],
        "needs": [
            (
                "paul",
                "people",
                "innovationsorte",
                "Menschen, die Elektrogeräte reparieren können",
                "Für die Elektro-Ecke suchen wir Verstärkung. Eine Einweisung in die "
                "Sicherheitsprüfung bekommt ihr von uns.",
                None,
            ),
            (
                "henrik",
                "material",
                "innovationsorte",
                "Regale für das Ersatzteillager",
                "Stabile Schwerlastregale, gern gebraucht.",
                None,
            ),
        ],
        "offers": [
            (
                "henrik",
                True,
                "knowhow",
                "innovationsorte",
                "Mölln",
                "Starthilfe für neue Reparaturcafés",
                "Ihr wollt in eurem Ort ein Reparaturcafé eröffnen? Wir kommen vorbei und "
                "erzählen, was man braucht – von der Versicherung bis zum Kuchenplan.",
            ),
            (
                "hauke",
                False,
                "material",
                "innovationsorte",
                "Büchen",
                "Lötstation und Messgeräte zum Ausleihen",
                "Ich habe eine gute Lötstation und zwei Multimeter, die meist im Schrank "
                "liegen. Gern an Initiativen in der Region zu verleihen.",
            ),
        ],
        "comments": [
            (
                "lotte",
                "Gibt es so etwas auch am Schaalsee? In Zarrentin fragen viele nach einem "
                "Reparaturcafé.",
            ),
            (
                "bewohnerin",
                "Wir waren beim letzten Termin mit einem Radio da – es spielt wieder. Danke!",
            ),
            (
                "greta",
                "Könntet ihr die Termine auch im Veranstaltungskalender eintragen lassen?",
            ),
        ],
    },
    {
        "key": "bauantrag",
        "name": "Digitaler Bauantrag jetzt",
        "purpose": (
            "Wer in unserer Region baut, soll den Bauantrag online stellen und verfolgen können "
            "– ohne Papierstapel und ohne dreimal nachzufragen, wo er gerade liegt.\n\n"
            "Wir sind Bauherrinnen, Handwerker, Architektinnen und Menschen aus der Verwaltung. "
            "Wir sammeln, wo es hakt, und probieren mit einem Amt aus, was schon heute geht."
        ),
        "fields": ["verwaltung"],
        "municipality": "",
        "point": None,
        "joining": "open",
        "seeks_members": True,
        "featured": False,
        "founded": -80,
        "vision": None,
        "proposal": "Bauanträge digital verfolgen",
        "members": [
            ("bewohnerin", "lead", "active", -80, ""),
            ("karim", "lead", "active", -79, ""),
            ("sevgi", "member", "active", -60, ""),
            ("elif", "member", "active", -33, ""),
            ("dirk", "member", "active", -21, ""),
        ],
        "undertakings": [
            (
                "Checkliste für vollständige Bauanträge",
                "Eine verständliche Checkliste, die vor dem Einreichen zeigt, welche Unterlagen "
                "fehlen. Die meisten Verzögerungen entstehen durch Nachforderungen.",
                "done",
                None,
                [
                    (
                        "bewohnerin",
                        -45,
                        "Die Checkliste ist fertig",
                        "Das Bauamt hat die Checkliste geprüft und legt sie ab sofort jedem "
                        "Antragsformular bei.",
                    ),
                ],
            ),
            (
                "Pilot: Bauantrag online verfolgen",
                "Gemeinsam mit einem Amt testen wir, wie Antragstellende online sehen, in "
                "welchem Schritt ihr Antrag ist und was noch fehlt.",
                "planning",
                None,
                [
                    (
                        "karim",
                        -9,
                        "Gespräch mit dem Bauamt",
                        "Das Amt ist offen für einen Pilot mit zehn Anträgen. Die zuständige "
                        "Sachbearbeiterin hat uns schon zugesagt, ihre private Handynummer "
                        "weiterzugeben.",
                    ),
                    (
                        "bewohnerin",
                        -3,
                        "Wer testet mit?",
                        "Für den Pilot suchen wir fünf Bauherrinnen und Bauherren, die in den "
                        "nächsten Monaten einen Antrag stellen.",
                    ),
                ],
            ),
        ],
        "needs": [
            (
                "bewohnerin",
                "people",
                "verwaltung",
                "Bauherrinnen und Bauherren für den Pilot",
                "Sie stellen bald einen Bauantrag? Testen Sie mit uns, wie man ihn online "
                "verfolgt.",
                None,
            ),
            (
                "karim",
                "knowhow",
                "verwaltung",
                "Erfahrung mit Onlinezugangsgesetz und Fachverfahren",
                "Wer kennt sich mit den Fachverfahren der Bauämter aus und kann uns erklären, "
                "was technisch schon möglich ist?",
                None,
            ),
        ],
        "offers": [],
        "comments": [],
    },
    {
        "key": "makerspace",
        "name": "Jugend-Makerspace Boizenburg",
        "purpose": (
            "Jugendliche aus Boizenburg und Umgebung bauen sich ihre eigene Werkstatt: mit "
            "3D-Drucker, Lötkolben und Holzwerkzeug – und mit Erwachsenen, die zeigen, wie es "
            "geht.\n\n"
            "Wer weiß, vielleicht entsteht hier das nächste Unternehmen der Region. Alle ab 12 "
            "Jahren sind willkommen."
        ),
        "fields": ["innovationsorte", "gruendungen"],
        "municipality": "Boizenburg/Elbe",
        "point": ("53.38140", "10.72310"),
        "joining": "open",
        "seeks_members": True,
        "featured": False,
        "founded": -25,
        "vision": None,
        "proposal": "Offene Werkstatt an der Elbe",
        "members": [
            ("henrik", "lead", "active", -25, ""),
            ("finn", "member", "active", -20, ""),
            ("greta", "member", "active", -18, ""),
        ],
        "undertakings": [
            (
                "Werkstatt im alten Jugendclub",
                "Der alte Jugendclub steht leer. Wir wollen ihn mit der Stadt zu einem "
                "Makerspace für Jugendliche umbauen.",
                "idea",
                None,
                [
                    (
                        "henrik",
                        -7,
                        "Erster Ortstermin im Jugendclub",
                        "Mit der Stadt haben wir uns den Jugendclub angesehen: trocken, hell, "
                        "Strom ist da. Die Heizung muss repariert werden.",
                    ),
                ],
            ),
        ],
        "needs": [
            (
                "henrik",
                "material",
                "innovationsorte",
                "Ein 3D-Drucker, gern gebraucht",
                "Für den Anfang reicht ein einfaches Gerät. Wir holen es ab.",
                None,
            ),
            (
                "henrik",
                "people",
                "gruendungen",
                "Erwachsene, die ihr Handwerk zeigen",
                "Tischlerinnen, Elektroniker, Programmiererinnen: Wer hat einmal im Monat "
                "zwei Stunden Zeit für einen Workshop?",
                None,
            ),
        ],
        "offers": [
            (
                "malte",
                False,
                "knowhow",
                "gruendungen",
                "Ratzeburg",
                "Gründungsberatung für junge Leute",
                "Ich habe selbst zwei Firmen gegründet und erzähle Jugendlichen gern, wie man "
                "aus einer Bastelidee ein Produkt macht.",
            ),
        ],
        "comments": [],
    },
]

# The update that a resident reported (one report, below the threshold that hides it): the
# moderators find it in the queue with an open report. (group key, update title, reporter,
# reason, note)
REPORTED_UPDATE = (
    "bauantrag",
    "Gespräch mit dem Bauamt",
    "finn",
    "privacy",
    "Hier wird die private Handynummer einer Mitarbeiterin angekündigt.",
)

# A lead registers their group for an event (EventRegistration with group and places).
# (event slug below the events index, group key, lead, places, note)
GROUP_REGISTRATION = (
    "workshop-verwaltung-als-experimentierraum",
    "bauantrag",
    "bewohnerin",
    3,
    "Wir kommen zu dritt aus der Aktionsgruppe „Digitaler Bauantrag jetzt“.",
)
