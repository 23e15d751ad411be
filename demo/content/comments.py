"""Comments, replies, reports and moderation decisions on the demo proposals and visions."""

# Comments on the running process's proposals and on the visions: (where, author, text,
# [(author, reply)], [residents who find it helpful]). "where" is a proposal title or a vision
# slug.
COMMENTS = [
    (
        "Coworking im alten Speicher am Hafen",
        "malte",
        "Gute Idee! In Ratzeburg suchen wir etwas Ähnliches. Wäre ein Modell mit "
        "Tagespässen denkbar, damit auch Gelegenheitsnutzer kommen?",
        [
            ("ida", "Ja, Tagespässe sind fest eingeplant – und ein günstiger Monatstarif."),
            ("karim", "Bitte auch an Steckdosen für Lastenräder denken."),
        ],
        ["sevgi", "lotte", "paul"],
    ),
    (
        "Coworking im alten Speicher am Hafen",
        "frieda",
        "Wichtig fände ich, dass der Ort auch abends für Vereine offen ist. Sonst steht er "
        "nach 18 Uhr leer.",
        [],
        ["henrik"],
    ),
    (
        "Ein Antrag, ein Ansprechpartner",
        "henrik",
        "Das würde Gründungen enorm helfen. Beim Gewerbeamt hatte ich drei verschiedene "
        "Zuständige für eine einzige Frage.",
        [("sevgi", "Genau das ist der Punkt – eine Lotsin, die den ganzen Weg kennt.")],
        ["malte", "frieda"],
    ),
    (
        "Dritter Ort in der alten Schule",
        "lotte",
        "Die Schule in Klütz hat sogar noch die alte Turnhalle. Die könnte der Sportverein "
        "mitnutzen.",
        [],
        ["ida", "paul"],
    ),
    (
        "Offene Werkstatt an der Elbe",
        "paul",
        "Wer würde die Werkstatt betreuen? Ohne feste Ansprechperson wird es schwierig mit "
        "Sicherheit und Versicherung.",
        [
            (
                "henrik",
                "Wir denken an Ehrenamtliche mit Einweisung, ergänzt durch eine Minijobstelle.",
            )
        ],
        [],
    ),
    (
        "dorfbuero-im-gemeindehaus",
        "karim",
        "Wir waren letzte Woche im Dorfbüro Klütz – sehr angenehm. Gibt es schon Pläne für "
        "einen zweiten Standort?",
        [],
        ["frieda"],
    ),
]

# Reports, so that the moderators' lists are not empty: (proposal title, author, comment text,
# [(reporter, reason, note)]). Three reports hide a comment until a moderator decides.
REPORTED_COMMENTS = [
    (
        "Gemeinsamer Hofladen mehrerer Betriebe",
        "bo",
        "Solaranlagen zum Sonderpreis! Nur diese Woche, einfach anrufen und Angebot sichern.",
        [
            ("anke", "spam", "Werbung, hat mit dem Vorschlag nichts zu tun."),
            ("clara", "spam", ""),
            ("dirk", "off_topic", ""),
        ],
    ),
    (
        "Bauanträge digital verfolgen",
        "elif",
        "Das klappt doch eh nie, die Verwaltung ist einfach zu langsam für so etwas.",
        [("finn", "other", "Nicht hilfreich, eher Stimmungsmache.")],
    ),
]


# A comment a moderator hid with a reason and a note (its author would get them by email), and
# an account that only advertised, blocked together with everything it wrote: so that the
# moderation log, the hidden tab of the queue and the list of blocked people are not empty.
MODERATED_COMMENTS = [
    (
        "Gemeinsamer Hofladen mehrerer Betriebe",
        "karim",
        "Wer bei so einem Hofladen mitmacht, will die Leute doch nur abzocken. Typisch.",
        "insult",
        "Kritik an der Idee ist willkommen, pauschale Vorwürfe gegen Menschen nicht.",
    ),
]
SPAM_ACCOUNT = ("angebote.nord@example.org", "Angebote Nord")
SPAM_COMMENTS = [
    ("Bauanträge digital verfolgen", "Kredit ohne Schufa in 24 Stunden! Schreiben Sie mir."),
    ("Gemeinsamer Hofladen mehrerer Betriebe", "Solarmodule direkt ab Lager, nur heute billig."),
]
SPAM_BLOCK = ("spam", "Dieses Konto hat ausschließlich Werbung veröffentlicht.")
