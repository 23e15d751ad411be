"""The section in Leichte Sprache (easy-to-read German) and its English counterpart "Easy read".

Written after the rules of Leichte Sprache: one statement per sentence, every sentence on its own
line, active voice, digits, no abbreviations, hard words explained in a word list.
"""


def text(*lines):
    return {"type": "text", "value": "\n".join(lines)}


def picture(pictogram, *lines):
    return {
        "type": "pictogram_text",
        "value": {"pictogram": pictogram, "image": None, "alt_text": "", "text": "\n".join(lines)},
    }


def glossary(heading, entries):
    return {
        "type": "glossary",
        "value": {
            "heading": heading,
            "entries": [
                {"word": word, "explanation": explanation} for word, explanation in entries
            ],
        },
    }


def heading(value):
    return {"type": "heading", "value": {"text": value, "level": "h2"}}


SECTION = {
    "slug": "leichte-sprache",
    "pictogram": "read",
    "de": {
        "title": "Leichte Sprache",
        "intro": "Hier erklären wir LANDVORTEIL in Leichter Sprache.",
        "body": [
            text(
                "Auf diesen Seiten steht alles in Leichter Sprache.",
                "Die Sätze sind kurz.",
                "Schwere Wörter erklären wir.",
                "Sie können die Seiten in dieser Reihenfolge lesen.",
            ),
            glossary(
                "Schwere Wörter",
                [
                    (
                        "LANDVORTEIL",
                        "So heißt unser Bündnis.\nIn dem Wort stecken 2 Wörter: Land und Vorteil.\n"
                        "Wir meinen: Auf dem Land zu leben ist gut.",
                    ),
                    (
                        "Bündnis",
                        "Ein Bündnis ist eine Gruppe.\nIn der Gruppe arbeiten viele zusammen.\n"
                        "Sie haben ein gemeinsames Ziel.",
                    ),
                    (
                        "Region",
                        "Eine Region ist ein Gebiet mit vielen Orten.\n"
                        "Unsere Region liegt zwischen den Städten Hamburg, Lübeck, Schwerin, "
                        "Wismar und Lüneburg.",
                    ),
                    (
                        "Vorschlag",
                        "Ein Vorschlag ist eine Idee.\nSie schreiben die Idee auf.\n"
                        "Andere Menschen können die Idee lesen.",
                    ),
                    (
                        "Konto",
                        "Ein Konto ist Ihr eigener Bereich auf dieser Internet-Seite.\n"
                        "Sie brauchen dafür eine E-Mail-Adresse und ein Passwort.",
                    ),
                ],
            ),
        ],
    },
    "en": {
        "slug": "easy-read",
        "title": "Easy read",
        "intro": "Here we explain LANDVORTEIL in easy words.",
        "body": [
            text(
                "These pages are written in easy words.",
                "The sentences are short.",
                "We explain hard words.",
                "You can read the pages in this order.",
            ),
            glossary(
                "Hard words",
                [
                    (
                        "LANDVORTEIL",
                        "This is the name of our alliance.\n"
                        "It is German and means: the countryside is an advantage.",
                    ),
                    (
                        "Alliance",
                        "An alliance is a group.\nMany people in the group work together.\n"
                        "They have the same goal.",
                    ),
                    (
                        "Region",
                        "A region is an area with many towns and villages.\n"
                        "Our region lies between the cities Hamburg, Lübeck, Schwerin, Wismar "
                        "and Lüneburg.",
                    ),
                    (
                        "Proposal",
                        "A proposal is an idea.\nYou write the idea down.\n"
                        "Other people can read the idea.",
                    ),
                    (
                        "Account",
                        "An account is your own area on this website.\n"
                        "You need an email address and a password for it.",
                    ),
                ],
            ),
        ],
    },
}

PAGES = [
    {
        "slug": "was-ist-landvorteil",
        "pictogram": "info",
        "de": {
            "title": "Was ist LANDVORTEIL?",
            "intro": "Hier lesen Sie: Wer wir sind. Und was wir wollen.",
            "body": [
                picture(
                    "people",
                    "LANDVORTEIL ist ein Bündnis.",
                    "Im Bündnis sind Menschen aus Dörfern und Städten.",
                    "Im Bündnis sind Firmen, Vereine und Ämter.",
                    "Im Bündnis sind auch Hochschulen.",
                ),
                picture(
                    "idea",
                    "Wir wollen das Leben auf dem Land besser machen.",
                    "Auf dem Land gibt es viel Platz.",
                    "Auf dem Land gibt es viel Natur.",
                    "Das ist gut.",
                    "Wir wollen gute Arbeit auf dem Land.",
                    "Wir wollen gute Schulen auf dem Land.",
                ),
                picture(
                    "group",
                    "Wir wollen: Auch Ihre Enkel leben gerne hier.",
                    "Darum planen wir gemeinsam.",
                    "Sie können mitmachen.",
                ),
            ],
        },
        "en": {
            "slug": "what-is-landvorteil",
            "title": "What is LANDVORTEIL?",
            "intro": "Here you read: who we are. And what we want.",
            "body": [
                picture(
                    "people",
                    "LANDVORTEIL is an alliance.",
                    "People from villages and towns are in the alliance.",
                    "Companies, clubs and public offices are in the alliance.",
                    "Universities are in the alliance too.",
                ),
                picture(
                    "idea",
                    "We want to make life in the countryside better.",
                    "There is a lot of space in the countryside.",
                    "There is a lot of nature in the countryside.",
                    "That is good.",
                    "We want good jobs in the countryside.",
                    "We want good schools in the countryside.",
                ),
                picture(
                    "group",
                    "We want your grandchildren to like living here too.",
                    "That is why we plan together.",
                    "You can take part.",
                ),
            ],
        },
    },
    {
        "slug": "mitmachen",
        "pictogram": "people",
        "de": {
            "title": "So machen Sie mit",
            "intro": "Es gibt 6 Wege zum Mitmachen. Sie können alle Wege nutzen.",
            "body": [
                picture(
                    "read",
                    "1. Lesen",
                    "Lesen Sie unsere Geschichten.",
                    "Lesen Sie die Vorschläge von anderen Menschen.",
                    "Zum Lesen brauchen Sie kein Konto.",
                ),
                picture(
                    "idea",
                    "2. Einen Vorschlag machen",
                    "Sie haben eine Idee für Ihren Ort?",
                    "Schreiben Sie Ihre Idee auf.",
                    "Dafür brauchen Sie ein Konto.",
                ),
                picture(
                    "support",
                    "3. Einen Vorschlag unterstützen",
                    "Ihnen gefällt ein Vorschlag?",
                    "Dann klicken Sie auf: Unterstützen.",
                    "So sehen alle: Viele Menschen finden die Idee gut.",
                ),
                picture(
                    "comment",
                    "4. Einen Kommentar schreiben",
                    "Ein Kommentar ist Ihre Meinung zu einem Vorschlag.",
                    "Schreiben Sie freundlich.",
                    "Andere Menschen können Ihnen antworten.",
                ),
                picture(
                    "group",
                    "5. In einer Gruppe mitmachen",
                    "Eine Aktions-Gruppe arbeitet an einer Idee.",
                    "Sie können in einer Gruppe mitmachen.",
                    "Sie können auch selbst eine Gruppe anfangen.",
                ),
                picture(
                    "event",
                    "6. Zu einer Veranstaltung kommen",
                    "Eine Veranstaltung ist ein Treffen.",
                    "Dort lernen Sie andere Menschen kennen.",
                    "Im Kalender stehen alle Treffen.",
                    "Für manche Treffen melden Sie sich vorher an.",
                ),
            ],
        },
        "en": {
            "slug": "taking-part",
            "title": "How to take part",
            "intro": "There are 6 ways to take part. You can use all of them.",
            "body": [
                picture(
                    "read",
                    "1. Read",
                    "Read our stories.",
                    "Read the proposals of other people.",
                    "You do not need an account to read.",
                ),
                picture(
                    "idea",
                    "2. Make a proposal",
                    "Do you have an idea for your village or town?",
                    "Write your idea down.",
                    "You need an account for this.",
                ),
                picture(
                    "support",
                    "3. Support a proposal",
                    "Do you like a proposal?",
                    "Then click on: Support.",
                    "Now everybody sees: many people like the idea.",
                ),
                picture(
                    "comment",
                    "4. Write a comment",
                    "A comment is what you think about a proposal.",
                    "Write in a friendly way.",
                    "Other people can answer you.",
                ),
                picture(
                    "group",
                    "5. Join a group",
                    "An action group works on an idea.",
                    "You can join a group.",
                    "You can also start a group yourself.",
                ),
                picture(
                    "event",
                    "6. Come to an event",
                    "An event is a meeting.",
                    "There you meet other people.",
                    "All meetings are in the calendar.",
                    "For some meetings you register first.",
                ),
            ],
        },
    },
    {
        "slug": "anmelden",
        "pictogram": "register",
        "de": {
            "title": "So melden Sie sich an",
            "intro": "Für manche Dinge brauchen Sie ein Konto. So bekommen Sie ein Konto.",
            "body": [
                picture(
                    "register",
                    "Klicken Sie oben auf der Seite auf: Registrieren.",
                    "Schreiben Sie Ihre E-Mail-Adresse in das Feld.",
                    "Denken Sie sich ein Passwort aus.",
                    "Ein Passwort ist ein geheimes Wort.",
                    "Nur Sie kennen das Passwort.",
                ),
                picture(
                    "mail",
                    "Sie bekommen dann eine E-Mail von uns.",
                    "In der E-Mail ist ein Link.",
                    "Klicken Sie auf den Link.",
                    "Jetzt ist Ihr Konto fertig.",
                ),
                picture(
                    "info",
                    "Das Konto kostet nichts.",
                    "Sie können Ihr Konto jederzeit löschen.",
                ),
            ],
        },
        "en": {
            "slug": "registering",
            "title": "How to register",
            "intro": "For some things you need an account. This is how you get an account.",
            "body": [
                picture(
                    "register",
                    "Click on Sign up at the top of the page.",
                    "Write your email address in the box.",
                    "Think of a password.",
                    "A password is a secret word.",
                    "Only you know the password.",
                ),
                picture(
                    "mail",
                    "Then we send you an email.",
                    "There is a link in the email.",
                    "Click on the link.",
                    "Now your account is ready.",
                ),
                picture(
                    "info",
                    "The account is free.",
                    "You can delete your account at any time.",
                ),
            ],
        },
    },
    {
        "slug": "hilfe",
        "pictogram": "help",
        "de": {
            "title": "So bekommen Sie Hilfe",
            "intro": "Sie haben eine Frage? Wir helfen Ihnen gerne.",
            "body": [
                picture(
                    "mail",
                    "Schreiben Sie uns eine E-Mail.",
                    "Unsere Adresse ist: kontakt@example.org",
                    "Wir antworten Ihnen in 2 Wochen.",
                ),
                picture(
                    "people",
                    "Sie können auch jemanden um Hilfe bitten.",
                    "Zum Beispiel Ihre Familie oder Ihre Nachbarn.",
                    "Diese Person kann die Seiten mit Ihnen lesen.",
                ),
                picture(
                    "help",
                    "Etwas auf dieser Internet-Seite geht nicht?",
                    "Dann sagen Sie es uns.",
                    "Ganz unten auf jeder Seite steht: Erklärung zur Barrierefreiheit.",
                    "Dort gibt es ein Formular.",
                    "Schreiben Sie in das Formular: Was geht nicht?",
                ),
            ],
        },
        "en": {
            "slug": "getting-help",
            "title": "How to get help",
            "intro": "Do you have a question? We are happy to help you.",
            "body": [
                picture(
                    "mail",
                    "Write us an email.",
                    "Our address is: kontakt@example.org",
                    "We answer you within 2 weeks.",
                ),
                picture(
                    "people",
                    "You can also ask somebody for help.",
                    "For example your family or your neighbours.",
                    "This person can read the pages with you.",
                ),
                picture(
                    "help",
                    "Does something on this website not work?",
                    "Then tell us.",
                    "At the bottom of every page there is a link: Accessibility statement.",
                    "There you find a form.",
                    "Write in the form: what does not work?",
                ),
            ],
        },
    },
]
