"""The home page and the standard pages (about, imprint, privacy, accessibility)."""

import datetime

from .blocks import PageRef, card, cards, heading, paragraph, quote

HOME = {
    "de": {
        "title": "Ländlichkeit als Standortvorteil",
        "seo_title": "Innovation auf dem Land gemeinsam gestalten",
        "search_description": (
            "Das Bündnis LANDVORTEIL gestaltet mit den Menschen der WIR!-Region zwischen Hamburg, "
            "Lübeck, Schwerin, Wismar und Lüneburg eine enkeltaugliche Zukunft auf dem Land."
        ),
        "intro": (
            "LANDVORTEIL ist ein Bündnis aus Verwaltung, Wirtschaft, Zivilgesellschaft und "
            "Wissenschaft in der WIR!-Region zwischen Hamburg, Lübeck, Schwerin, Wismar und "
            "Lüneburg. Gemeinsam machen wir aus den Stärken des ländlichen Raums neue Ideen – "
            "und laden Sie ein, mitzumachen."
        ),
        "body": [
            heading("Unsere Vision: eine enkeltaugliche Region"),
            paragraph(
                "<p>Wir arbeiten für eine Region, in der Bildung, Arbeitsplätze und das Klima für "
                "Gründungen städtischen Ansprüchen genügen – und in der zugleich hohe "
                "Lebensqualität und kreativer Freiraum erhalten bleiben. <b>Enkeltauglich</b> "
                "nennen wir eine Entwicklung, die nachhaltig ist und auch kommenden Generationen "
                "gute Gründe gibt, hier zu bleiben oder zurückzukehren.</p>"
            ),
            heading("Ländlichkeit ist ein Standortvorteil"),
            paragraph(
                "<p>Auf dem Land gibt es Platz, Ruhe, Natur vor der Haustür und Wohnraum, der "
                "weniger kostet als in der Stadt. Kreative finden hier Rückzugsorte, um zu "
                "arbeiten und sich inspirieren zu lassen. Gleichzeitig liegen Hamburg und Berlin, "
                "Lübeck, Lüneburg, Rostock, Schwerin und Wismar nah genug, um Stadt und Land "
                "miteinander zu verbinden. Oft entstehen gerade aus den Herausforderungen des "
                "ländlichen Raums soziale Innovationen.</p>"
            ),
            cards(
                "Fünf Wege, mitzumachen",
                "Beteiligung ist der Kern des Bündnisses. So können Sie sich einbringen:",
                [
                    (
                        "Information",
                        "Erfahren Sie, was in der Region entsteht, welche Chancen sich für Sie "
                        "ergeben und wo Sie mitwirken können.",
                    ),
                    (
                        "Bildung",
                        "Handlungspfade und Beispiele zeigen, wie ein nachhaltiger Wandel in der "
                        "Region gelingen kann.",
                    ),
                    (
                        "Visionsentwicklung",
                        "In gemeinsamen Beteiligungsformaten entwickeln Sie neue Zielbilder für "
                        "die Region – mit der Aussicht, sie auch umzusetzen.",
                    ),
                    (
                        "Vernetzung",
                        "Finden Sie Mitstreiter:innen und gründen Sie Aktionsgruppen für neue "
                        "Vorhaben oder für bestehende Projekte.",
                    ),
                    (
                        "Kompetenzaufbau",
                        "Workshops und andere Formate vermitteln das Können, mit dem "
                        "Aktionsgruppen ihre Ziele erreichen.",
                    ),
                ],
            ),
            cards(
                "Drei Handlungsfelder",
                "Das Bündnis stärkt vorhandene Strukturen und die Menschen, die Innovation vor "
                "Ort möglich machen – in drei Feldern:",
                [
                    card(
                        "Ländliche Gründungen und Initiativen",
                        "Wir unterstützen Gründer:innen und Initiativen mit Beratung, Netzwerken "
                        "und Strukturen für nachhaltige Geschäftsideen und gesellschaftliches "
                        "Engagement.",
                        PageRef("handlungsfelder/gruendungen"),
                        "Mehr über Gründungen und Initiativen",
                    ),
                    card(
                        "Kreativ- und Innovationsorte",
                        "Coworking-Räume, Werkstätten und Dritte Orte werden zu "
                        "Experimentierräumen, in denen Begegnung und neue Ideen entstehen.",
                        PageRef("handlungsfelder/innovationsorte"),
                        "Mehr über Kreativ- und Innovationsorte",
                    ),
                    card(
                        "Innovative Verwaltung",
                        "Kommunen schaffen politische und administrative Rahmenbedingungen, die "
                        "Möglichmacher:innen den Weg ebnen.",
                        PageRef("handlungsfelder/verwaltung"),
                        "Mehr über innovative Verwaltung",
                    ),
                ],
            ),
            heading("Schritt für Schritt"),
            paragraph(
                "<ul><li><b>Kurzfristig</b> schaffen wir Experimentierräume und setzen kreative "
                "Impulse: Veranstaltungen bringen Menschen aus Dörfern und Städten zusammen und "
                "stärken den „Local Buzz“, das alltägliche Gespräch, aus dem neues Wissen "
                "entsteht.</li><li><b>Mittelfristig</b> bauen wir Strukturen auf, die Gründungen, "
                "Initiativen und Orte der Zusammenarbeit dauerhaft tragen.</li><li><b>Langfristig"
                "</b> wächst eine gelebte Innovationskultur, in der alle erfahren, dass sie etwas "
                "bewirken können – und die Region widerstandsfähig für neue Herausforderungen "
                "macht.</li></ul>"
            ),
            quote(
                "Wenn die Gründe fortzugehen kleiner werden und die Gründe zu bleiben wachsen, "
                "ist unsere Region bereit für die nächsten Generationen.",
                "Leitgedanke des Bündnisses LANDVORTEIL",
            ),
        ],
    },
    "en": {
        "title": "Rural life as an advantage",
        "seo_title": "Shaping rural innovation together",
        "search_description": (
            "The LANDVORTEIL alliance works with the people of the WIR! region between Hamburg, "
            "Lübeck, Schwerin, Wismar and Lüneburg towards a rural future fit for our "
            "grandchildren."
        ),
        "intro": (
            "LANDVORTEIL is an alliance of public administration, business, civil society and "
            "research in the WIR! region between Hamburg, Lübeck, Schwerin, Wismar and Lüneburg. "
            "Together we turn the strengths of rural areas into new ideas – and invite you to "
            "take part."
        ),
        "body": [
            heading("Our vision: a region fit for our grandchildren"),
            paragraph(
                "<p>We work for a region whose education, jobs and climate for founders meet "
                "urban standards – while keeping a high quality of life and room for "
                "creativity. We call a development <b>fit for our grandchildren</b> "
                "(“enkeltauglich”) when it is sustainable and gives future generations good "
                "reasons to stay or to come back.</p>"
            ),
            heading("Rural life is an advantage"),
            paragraph(
                "<p>The countryside offers space, quiet, nature on the doorstep and homes that "
                "cost less than in the city. Creative people find places to retreat, work and be "
                "inspired. At the same time Hamburg and Berlin, Lübeck, Lüneburg, Rostock, "
                "Schwerin and Wismar are close enough to connect town and country. Social "
                "innovation often grows out of the very challenges of rural areas.</p>"
            ),
            cards(
                "Five ways to take part",
                "Participation is at the heart of the alliance. This is how you can get involved:",
                [
                    (
                        "Information",
                        "Find out what is happening in the region, which opportunities it opens "
                        "up for you and where you can contribute.",
                    ),
                    (
                        "Education",
                        "Learning paths and examples show how a sustainable transformation of "
                        "the region can succeed.",
                    ),
                    (
                        "Developing visions",
                        "In co-creative formats you develop new visions for the region – with "
                        "the prospect of putting them into practice.",
                    ),
                    (
                        "Networking",
                        "Find fellow campaigners and start action groups for new ventures or "
                        "existing projects.",
                    ),
                    (
                        "Building skills",
                        "Workshops and other formats teach the skills action groups need to "
                        "reach their goals.",
                    ),
                ],
            ),
            cards(
                "Three fields of action",
                "The alliance strengthens existing structures and the people who make innovation "
                "possible locally – in three fields:",
                [
                    card(
                        "Rural start-ups and initiatives",
                        "We support founders and initiatives with advice, networks and "
                        "structures for sustainable business ideas and civic engagement.",
                        PageRef("handlungsfelder/gruendungen"),
                        "More about start-ups and initiatives",
                    ),
                    card(
                        "Creative and innovation spaces",
                        "Coworking spaces, workshops and third places become places to "
                        "experiment, where people meet and new ideas emerge.",
                        PageRef("handlungsfelder/innovationsorte"),
                        "More about creative and innovation spaces",
                    ),
                    card(
                        "Innovative public administration",
                        "Municipalities create the political and administrative conditions that "
                        "clear the way for enablers.",
                        PageRef("handlungsfelder/verwaltung"),
                        "More about innovative public administration",
                    ),
                ],
            ),
            heading("Step by step"),
            paragraph(
                "<ul><li>In the <b>short term</b> we create spaces to experiment and give "
                "creative impulses: events bring together people from villages and towns and "
                "strengthen the “local buzz”, the everyday conversation in which new knowledge "
                "arises.</li><li>In the <b>medium term</b> we build structures that give "
                "founders, initiatives and places of collaboration lasting support.</li><li>In "
                "the <b>long term</b> a living culture of innovation grows, in which everyone "
                "experiences that they can make a difference – and which makes the region "
                "resilient to new challenges.</li></ul>"
            ),
            quote(
                "When the reasons to leave shrink and the reasons to stay grow, our region is "
                "ready for the generations to come.",
                "Guiding idea of the LANDVORTEIL alliance",
            ),
        ],
    },
}

# Where the five "ways to take part" cards of the home page lead: a German page (slugs below the
# home page, shown in the reader's language) or a section of the platform
# (settings.MAIN_MENU_AREAS), with the link text in German and English. Keyed by the cards'
# titles in both languages; demo.loaders.site links cards that have no link yet, also on home
# pages of an earlier demo.
WAYS_TO_TAKE_PART = [
    # (German title, English title), ("page", path) or ("area", name), (German, English) label
    (
        ("Information", "Information"),
        ("page", "geschichten"),
        ("Zu den Geschichten", "Read the stories"),
    ),
    (
        ("Bildung", "Education"),
        ("page", "handlungspfade"),
        ("Zu den Handlungspfaden", "Explore the learning paths"),
    ),
    (
        ("Visionsentwicklung", "Developing visions"),
        ("page", "beteiligung"),
        ("Zu den Beteiligungsprozessen", "Take part in a process"),
    ),
    (
        ("Vernetzung", "Networking"),
        ("area", "action_groups"),
        ("Zu den Aktionsgruppen", "Find an action group"),
    ),
    (
        ("Kompetenzaufbau", "Building skills"),
        ("page", "veranstaltungen"),
        ("Zu den Veranstaltungen", "See the events"),
    ),
]

ABOUT = {
    "slug": "ueber-das-buendnis",
    "show_in_menus": True,
    "de": {
        "title": "Über das Bündnis",
        "intro": (
            "LANDVORTEIL verbindet Menschen und Organisationen, die den ländlichen Raum zwischen "
            "den großen Städten Norddeutschlands zukunftsfähig machen wollen."
        ),
        "body": [
            heading("Wer wir sind"),
            paragraph(
                "<p>Ein Innovationsökosystem lebt vom Austausch. Verwaltung, Wirtschaft, "
                "Zivilgesellschaft, Wissenschaft und viele, die zwischen ihnen vermitteln, teilen "
                "Wissen, Ressourcen und Fachkräfte und lernen voneinander. Unser Bündnis bringt "
                "ihre Kompetenzen und Blickwinkel zusammen; ein gemeinsamer Verein koordiniert "
                "die Zusammenarbeit.</p>"
            ),
            heading("Was wir vorhaben"),
            paragraph(
                "<p>Wir wollen das Innovationsökosystem unserer WIR!-Region grundlegend "
                "verändern. Unsere Verbundvorhaben fördern die vorhandenen Strukturen und die "
                "Menschen, die Innovation vor Ort möglich machen – in den Handlungsfeldern "
                "Ländliche Gründungen und Initiativen, Kreativ- und Innovationsorte sowie "
                "Innovative Verwaltung.</p>"
            ),
            heading("Warum wir auf Beteiligung setzen"),
            paragraph(
                "<p>Eine Innovationskultur lässt sich nicht verordnen. Sie braucht die "
                "Beteiligung möglichst vieler, damit neue Ideen Rückhalt finden und Menschen "
                "Lust bekommen, selbst anzupacken. Der Wandel der Region und die gemeinsame "
                "Verbundenheit mit ihr sind die Grundlage dafür. Deshalb laden wir alle "
                "gesellschaftlichen Gruppen ein, sich einzubringen – auf dieser Plattform und "
                "bei unseren Veranstaltungen.</p>"
            ),
        ],
    },
    "en": {
        "slug": "about-the-alliance",
        "title": "About the alliance",
        "intro": (
            "LANDVORTEIL brings together people and organisations who want to make the "
            "countryside between northern Germany's big cities fit for the future."
        ),
        "body": [
            heading("Who we are"),
            paragraph(
                "<p>An innovation ecosystem thrives on exchange. Public administration, "
                "business, civil society, research and the many who mediate between them share "
                "knowledge, resources and skilled people and learn from each other. Our alliance "
                "brings their skills and perspectives together; a joint association coordinates "
                "the cooperation.</p>"
            ),
            heading("What we set out to do"),
            paragraph(
                "<p>We want to change the innovation ecosystem of our WIR! region at its roots. "
                "Our joint projects support existing structures and the people who make "
                "innovation possible locally – in the fields of rural start-ups and initiatives, "
                "creative and innovation spaces, and innovative public administration.</p>"
            ),
            heading("Why we rely on participation"),
            paragraph(
                "<p>A culture of innovation cannot be decreed. It needs as many people as "
                "possible to take part, so that new ideas find support and people feel like "
                "tackling things themselves. The transformation of the region and a shared bond "
                "with it are the foundation. That is why we invite every part of society to get "
                "involved – on this platform and at our events.</p>"
            ),
        ],
    },
}

IMPRINT = {
    "slug": "impressum",
    "show_in_menus": False,
    "de": {
        "title": "Impressum",
        "intro": "Angaben nach § 5 Digitale-Dienste-Gesetz und § 18 Medienstaatsvertrag.",
        "body": [
            paragraph(
                "<p><b>Hinweis:</b> Dies sind Beispielangaben der Demo-Installation. Vor dem "
                "Betrieb ersetzt die Redaktion sie in der Verwaltung durch die echten Angaben "
                "des Trägervereins.</p>"
            ),
            heading("Anbieter"),
            paragraph(
                "<p>LANDVORTEIL e. V. (Beispiel)<br/>Dorfstraße 1<br/>19000 Musterdorf</p>"
                "<p>Vertreten durch den Vorstand<br/>E-Mail: kontakt@example.org</p>"
            ),
            heading("Verantwortlich für den Inhalt"),
            paragraph(
                "<p>Die Redaktion von LANDVORTEIL, Anschrift wie oben. Beiträge von "
                "Bewohner:innen geben die Meinung ihrer Verfasser:innen wieder.</p>"
            ),
        ],
    },
    "en": {
        "slug": "imprint",
        "title": "Imprint",
        "intro": "Legal notice under German law (§ 5 DDG and § 18 MStV).",
        "body": [
            paragraph(
                "<p><b>Note:</b> these are sample details of the demo installation. Before going "
                "live, the editors replace them in the admin with the real details of the "
                "association that runs the platform.</p>"
            ),
            heading("Provider"),
            paragraph(
                "<p>LANDVORTEIL e. V. (sample)<br/>Dorfstraße 1<br/>19000 Musterdorf, Germany</p>"
                "<p>Represented by the board<br/>Email: kontakt@example.org</p>"
            ),
            heading("Responsible for the content"),
            paragraph(
                "<p>The LANDVORTEIL editorial team, address as above. Contributions by residents "
                "reflect the views of their authors.</p>"
            ),
        ],
    },
}

PRIVACY = {
    "slug": "datenschutz",
    "show_in_menus": False,
    "de": {
        "title": "Datenschutz",
        "intro": "Wie diese Plattform mit Ihren Daten umgeht – kurz und vollständig.",
        "body": [
            heading("Lesen ohne Spuren"),
            paragraph(
                "<p>Wer nur liest, bekommt von uns kein Cookie. Alle Schriften, Stylesheets und "
                "Skripte liefern wir selbst aus; beim Aufruf einer Seite wird nichts von "
                "anderen Anbietern geladen. Unser Server verarbeitet technisch notwendige Daten "
                "(IP-Adresse, Zeitpunkt, aufgerufene Adresse) nur, um die Seite auszuliefern "
                "und vor Missbrauch zu schützen (Art. 6 Abs. 1 lit. f DSGVO).</p>"
            ),
            heading("Cookies bei Formularen und Anmeldung"),
            paragraph(
                "<p>Sobald Sie ein Formular öffnen, setzen wir ein Sicherheits-Cookie gegen "
                "gefälschte Anfragen (CSRF). Wenn Sie sich anmelden, hält ein Sitzungs-Cookie "
                "Sie angemeldet. Beide Cookies sind technisch notwendig und enthalten keine "
                "Daten zur Auswertung Ihres Verhaltens.</p>"
            ),
            heading("Ihr Benutzerkonto"),
            paragraph(
                "<p>Für ein Konto speichern wir Ihre E-Mail-Adresse, Ihren frei wählbaren "
                "Anzeigenamen und Ihr Passwort (nur als sicherer Hash). Öffentlich erscheint "
                "nur der Anzeigename. Rechtsgrundlage ist die Nutzung der Plattform, für die "
                "Sie sich registrieren (Art. 6 Abs. 1 lit. b DSGVO). Zum Schutz vor Missbrauch "
                "begrenzen wir fehlgeschlagene Anmeldeversuche.</p>"
            ),
            heading("Was wir speichern, wenn Sie mitmachen"),
            paragraph(
                "<p>Ihre Vorschläge, Kommentare, Unterstützungen, Stimmen, Anmeldungen zu "
                "Veranstaltungen, Mitgliedschaften in Aktionsgruppen, was Sie verfolgen, Ihre "
                "Benachrichtigungen und Ihre Einstellungen. Ein zweiter Anmeldefaktor "
                "(Authentifizierungs-App oder Sicherheitsschlüssel) ist freiwillig; für die "
                "Redaktion und die Moderation ist er Pflicht.</p>"
            ),
            heading("Wie lange wir Daten speichern"),
            paragraph(
                "<p>Nicht bestätigte Registrierungen löschen wir nach 7 Tagen. Ihr Datenexport "
                "ist 24 Stunden lang einmal abrufbar und wird danach gelöscht. Versandte "
                "E-Mails (mit Adresse und Text) und technische Protokolle des Hintergrunddienstes "
                "löschen wir nach 30 Tagen, abgelaufene Sitzungen sofort. IP-Adressen speichern "
                "wir nicht in der Datenbank; zur Begrenzung von Missbrauch werden sie wenige "
                "Minuten im Zwischenspeicher gezählt, die Protokolle des Webservers löschen wir "
                "nach spätestens 30 Tagen. Bei Meldungen rechtswidriger Inhalte löschen wir Name "
                "und E-Mail-Adresse der meldenden Person sechs Monate nach der Entscheidung; die "
                "Meldung selbst bleibt als Nachweis. Name und Adresse nicht angemeldeter "
                "Absender über das Kontaktformular löschen wir nach 90 Tagen. Wer sich zwei "
                "Jahre nicht angemeldet hat, erhält eine E-Mail: Eine Anmeldung genügt, um das "
                "Konto zu behalten.</p>"
            ),
            heading("Ihre Daten herunterladen und Ihr Konto löschen"),
            paragraph(
                "<p>Unter „Mein Bereich → Konto und Daten“ laden Sie alles herunter, was wir über "
                "Sie speichern (eine ZIP-Datei mit JSON- und CSV-Dateien; der Link gilt einmal, "
                "nur für Sie, 24 Stunden lang), und löschen Ihr Konto selbst. Dabei entfernen "
                "wir Ihre E-Mail-Adressen, Ihren Namen, Ihr Profil, Ihre Unterstützungen, "
                "Anmeldungen und Mitgliedschaften; Ihre Stimmen zählen weiter, ohne Ihren "
                "Namen. Ihre Vorschläge und Kommentare bleiben unter „Gelöschtes Konto“ stehen, "
                "damit die Diskussionen anderer lesbar bleiben. Auch ein gesperrtes Konto können "
                "Sie löschen; den Vermerk über die Sperre behält die Moderation ohne Ihren "
                "Namen.</p>"
            ),
            heading("Ihre Rechte"),
            paragraph(
                "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der "
                "Verarbeitung, Datenübertragbarkeit und Widerspruch (Art. 15 bis 21 DSGVO) sowie "
                "das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren. Auskunft "
                "und Löschung erledigen Sie selbst unter „Mein Bereich → Konto und Daten“; für "
                "alles andere schreiben Sie uns an die im Impressum genannte Adresse.</p>"
            ),
        ],
    },
    "en": {
        "slug": "privacy",
        "title": "Privacy",
        "intro": "How this platform handles your data – short and complete.",
        "body": [
            heading("Reading leaves no trace"),
            paragraph(
                "<p>If you only read, we set no cookie. We serve all fonts, style sheets and "
                "scripts ourselves; opening a page loads nothing from other providers. Our "
                "server processes technically necessary data (IP address, time, requested "
                "address) only to deliver the page and to protect it from abuse (Art. 6(1)(f) "
                "GDPR).</p>"
            ),
            heading("Cookies with forms and signing in"),
            paragraph(
                "<p>As soon as you open a form, we set a security cookie against forged "
                "requests (CSRF). When you sign in, a session cookie keeps you signed in. Both "
                "cookies are technically necessary and contain no data for analysing your "
                "behaviour.</p>"
            ),
            heading("Your account"),
            paragraph(
                "<p>For an account we store your email address, a display name of your choice "
                "and your password (only as a secure hash). Only the display name is shown "
                "publicly. The legal basis is the use of the platform you register for "
                "(Art. 6(1)(b) GDPR). To prevent abuse we limit failed sign-in attempts.</p>"
            ),
            heading("What we store when you take part"),
            paragraph(
                "<p>Your proposals, comments, supports, votes, event registrations, memberships "
                "of action groups, what you follow, your notifications and your settings. A "
                "second sign-in factor (authenticator app or security key) is optional; editors "
                "and moderators must use one.</p>"
            ),
            heading("How long we keep data"),
            paragraph(
                "<p>We delete sign-ups that were never confirmed after 7 days. Your data download "
                "can be fetched once within 24 hours and is deleted afterwards. We delete sent "
                "e-mails (with address and text) and the background service's technical records "
                "after 30 days, expired sessions at once. We store no IP addresses in the "
                "database; to limit abuse they are counted for a few minutes in the cache, and "
                "we delete the web server's logs after 30 days at the latest. For notices of "
                "illegal content we erase the sender's name and e-mail address six months after "
                "the decision; the notice itself stays as a record. We erase the name and "
                "address of visitors who wrote through the contact form after 90 days. Whoever "
                "has not signed in for two years gets an e-mail: signing in once keeps the "
                "account.</p>"
            ),
            heading("Downloading your data and deleting your account"),
            paragraph(
                "<p>Under “My area → Account and data” you download everything we store about "
                "you (a ZIP file with JSON and CSV files; the link works once, only for you, for "
                "24 hours) and delete your account yourself. We then remove your e-mail "
                "addresses, name, profile, supports, registrations and memberships; your votes "
                "keep counting, without your name. Your proposals and comments stay under "
                "“Deleted account”, so that other people's discussions stay readable. You may "
                "delete a blocked account too; the moderators keep the record of the block "
                "without your name.</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>You have the right of access, rectification, erasure, restriction of "
                "processing, data portability and objection (Art. 15 to 21 GDPR) and the right "
                "to lodge a complaint with a data protection authority. You download and delete "
                "your data yourself under “My area → Account and data”; for everything else "
                "write to us at the address given in the imprint.</p>"
            ),
        ],
    },
}

ACCESSIBILITY = {
    "slug": "barrierefreiheit",
    "show_in_menus": False,
    # The fields of the statement page (home.AccessibilityStatementPage), the same in both
    # languages.
    "statement": {
        "last_reviewed": datetime.date(2026, 12, 1),
        "enforcement_body_name": (
            "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten "
            "der Bundesregierung für die Belange von Menschen mit Behinderungen"
        ),
        "enforcement_body_address": "Mauerstraße 53\n10117 Berlin",
        "enforcement_body_url": "https://www.schlichtungsstelle-bgg.de/",
        "enforcement_body_email": "info@schlichtungsstelle-bgg.de",
    },
    "de": {
        "title": "Erklärung zur Barrierefreiheit",
        "intro": (
            "LANDVORTEIL möchte, dass alle Menschen diese Plattform nutzen können. Diese "
            "Erklärung beschreibt, wie weit uns das gelingt."
        ),
        "body": [
            heading("Stand der Vereinbarkeit"),
            paragraph(
                "<p>Die Plattform soll die Web Content Accessibility Guidelines (WCAG) 2.1 auf "
                "Stufe AA erfüllen. Jede Änderung wird automatisch in einem echten Browser mit "
                "dem Prüfwerkzeug axe getestet; Änderungen, bei denen es Fehler findet, werden "
                "nicht übernommen. Die Seiten sind mit der Tastatur bedienbar, funktionieren ohne "
                "JavaScript und passen sich Bildschirmen ab 320 Pixeln Breite an.</p>"
            ),
            heading("Bekannte Einschränkungen"),
            paragraph(
                "<p>Die Verwaltungsoberfläche für die Redaktion stammt aus dem CMS Wagtail und "
                "ist nicht Teil dieser Prüfung. Von Bewohner:innen hochgeladene Bilder können "
                "unzureichende Alternativtexte haben.</p>"
            ),
            heading("Feedback und Kontakt"),
            paragraph(
                "<p>Ist Ihnen eine Barriere aufgefallen? Melden Sie sie uns mit dem Formular "
                "unten auf dieser Seite, auch ohne Konto. Wir antworten innerhalb von zwei "
                "Wochen.</p>"
            ),
        ],
    },
    "en": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "intro": (
            "LANDVORTEIL wants everyone to be able to use this platform. This statement "
            "describes how far we succeed."
        ),
        "body": [
            heading("Compliance status"),
            paragraph(
                "<p>The platform aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 "
                "at level AA. Every change is tested automatically in a real browser with the "
                "axe testing tool; changes in which it finds errors are not accepted. Pages can "
                "be used with the keyboard, work without JavaScript and adapt to screens from "
                "320 pixels wide.</p>"
            ),
            heading("Known limitations"),
            paragraph(
                "<p>The editors' admin interface comes from the Wagtail CMS and is not part of "
                "this testing. Images uploaded by residents may lack adequate text "
                "alternatives.</p>"
            ),
            heading("Feedback and contact"),
            paragraph(
                "<p>Have you come across a barrier? Report it with the form at the bottom of this "
                "page, also without an account. We answer within two weeks.</p>"
            ),
        ],
    },
}

STANDARD_PAGES = [ABOUT, IMPRINT, PRIVACY, ACCESSIBILITY]
