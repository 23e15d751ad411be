"""Texts of the demo processes, proposals and visions (German; the pages also in English).

Written for the platform in our own words from the alliance's self-description: its three fields
of action, the goal of an "enkeltaugliche" region, experimental spaces and the local buzz. Plain
data; ``load_vision_demo`` creates what is missing from it. Days are counted from the day the
command runs, so the running process is always in its support phase.
"""

from home.demo.blocks import heading, paragraph

PROCESS_INDEX = {
    "slug": "beteiligung",
    "de": {
        "title": "Beteiligung",
        "intro": (
            "Hier entwickeln Sie gemeinsam mit Nachbarinnen, Vereinen, Betrieben und Verwaltung "
            "Zielbilder für unsere Region: Vorschläge einreichen, diskutieren, unterstützen."
        ),
    },
    "en": {
        "title": "Participation",
        "intro": (
            "Develop visions for our region together with neighbours, associations, businesses "
            "and local government: submit proposals, discuss them, support them."
        ),
    },
}

VISION_INDEX = {
    "slug": "zielbilder",
    "de": {
        "title": "Zielbilder",
        "intro": (
            "Aus Vorschlägen werden Vorhaben: Diese Zielbilder hat das Bündnis aus der Beteiligung "
            "übernommen. Hier lesen Sie, wie weit die Umsetzung ist."
        ),
    },
    "en": {
        "title": "Visions",
        "intro": (
            "From proposals to projects: the alliance adopted these visions from the "
            "participation processes. Read here how far their implementation has come."
        ),
    },
}

# key, email, display name
RESIDENTS = [
    ("ida", "ida.wismar@example.org", "Ida aus Wismar"),
    ("malte", "malte.ratzeburg@example.org", "Malte aus Ratzeburg"),
    ("sevgi", "sevgi.hagenow@example.org", "Sevgi aus Hagenow"),
    ("henrik", "henrik.boizenburg@example.org", "Henrik aus Boizenburg"),
    ("lotte", "lotte.zarrentin@example.org", "Lotte aus Zarrentin"),
    ("karim", "karim.geesthacht@example.org", "Karim aus Geesthacht"),
    ("frieda", "frieda.kluetz@example.org", "Frieda aus Klütz"),
    ("paul", "paul.moelln@example.org", "Paul aus Mölln"),
    # They only support: the budget of five supports each spreads the counts.
    ("anke", "anke.rehna@example.org", "Anke aus Rehna"),
    ("bo", "bo.lauenburg@example.org", "Bo aus Lauenburg"),
    ("clara", "clara.schoenberg@example.org", "Clara aus Schönberg"),
    ("dirk", "dirk.wittenburg@example.org", "Dirk aus Wittenburg"),
    ("elif", "elif.bad-oldesloe@example.org", "Elif aus Bad Oldesloe"),
    ("finn", "finn.carlow@example.org", "Finn aus Carlow"),
    ("greta", "greta.luetzow@example.org", "Greta aus Lützow"),
    ("hauke", "hauke.buechen@example.org", "Hauke aus Büchen"),
]

RUNNING = {
    "slug": "enkeltaugliche-region-2040",
    "title": "Enkeltaugliche Region 2040",
    "question": "Was braucht unsere Region, damit auch unsere Enkel hier gut leben, lernen und "
    "arbeiten wollen?",
    "intro": (
        "Wenn die Gründe zu bleiben oder wiederzukommen wachsen, ist die Region bereit für die "
        "nächsten Generationen. Sammeln Sie mit uns Ideen für Gründungen, Innovationsorte und "
        "eine Verwaltung, die möglich macht – und unterstützen Sie die, die Sie überzeugen."
    ),
    "body": [
        heading("Worum es geht"),
        paragraph(
            "<p>Enkeltauglich heißt für uns: eine Region, die bei Bildung, Arbeit und "
            "Gründungsklima mit der Stadt mithalten kann und dabei Platz, Ruhe und kreativen "
            "Freiraum behält. Ihre Vorschläge zeigen, wo Sie anfangen würden.</p>"
        ),
        heading("So läuft der Prozess"),
        paragraph(
            "<p>Erst haben wir Ideen gesammelt und besprochen. Jetzt können alle Bewohnerinnen "
            "und Bewohner mit bestätigter E-Mail-Adresse bis zu fünf Vorschläge unterstützen. "
            "Vorschläge mit mindestens zehn Unterstützungen gelten als qualifiziert: Das "
            "Bündnis prüft sie und antwortet öffentlich.</p>"
        ),
    ],
    "image": "raps",
    "image_alt": "Gemalte Landschaft: ein gelbes Rapsfeld mit Windmühle unter blauem Himmel.",
    "support_budget": 5,
    "qualified_threshold": 10,
    "max_proposals_per_resident": 5,
    "edit_window_hours": 72,
    # title, description, first day, last day (relative to today), allows
    "phases": [
        ("Ideen sammeln", "Vorschläge einreichen und überarbeiten.", -70, -36, {"submit", "edit"}),
        ("Diskutieren", "Vorschläge kommentieren und schärfen.", -35, -15, {"comment"}),
        (
            "Unterstützen",
            "Bis zu fünf Vorschläge unterstützen; Kommentieren bleibt möglich.",
            -14,
            21,
            {"support", "comment"},
        ),
        (
            "Auswahl und Umsetzung",
            "Das Bündnis beantwortet die Vorschläge und übernimmt die besten als Zielbilder.",
            22,
            120,
            set(),
        ),
    ],
}

# The English translation of the running process; phase titles and descriptions in the same order.
RUNNING_EN = {
    "title": "A region fit for our grandchildren 2040",
    "question": "What does our region need so that our grandchildren, too, want to live, learn "
    "and work here?",
    "intro": (
        "When the reasons to stay or to come back grow, the region is ready for the next "
        "generations. Collect ideas with us for start-ups, places of innovation and a local "
        "government that makes things possible – and support the ones that convince you."
    ),
    "body": [
        heading("What it is about"),
        paragraph(
            "<p>Fit for our grandchildren means to us: a region that can keep up with the city "
            "in education, work and the climate for start-ups while keeping its space, quiet and "
            "creative freedom. Your proposals show where you would start.</p>"
        ),
        heading("How the process works"),
        paragraph(
            "<p>First we collected and discussed ideas. Now every resident with a confirmed "
            "email address can support up to five proposals. Proposals with at least ten "
            "supports are qualified: the alliance examines them and answers publicly.</p>"
        ),
    ],
    "image_alt": "Painted landscape: a yellow rapeseed field with a windmill under a blue sky.",
    "phases": [
        ("Collecting ideas", "Submit and revise proposals."),
        ("Discussion", "Comment on proposals and sharpen them."),
        ("Support", "Support up to five proposals; commenting is still possible."),
        (
            "Selection and implementation",
            "The alliance answers the proposals and adopts the best ones as visions.",
        ),
    ],
}

# author, field, municipality, (latitude, longitude) or None, popularity (weight for supports),
# title, summary, text
RUNNING_PROPOSALS = [
    (
        "ida",
        "innovationsorte",
        "Wismar",
        ("53.89190", "11.46560"),
        9,
        "Coworking im alten Speicher am Hafen",
        "Ein Speicher am Wismarer Hafen steht halb leer. Dort könnten Schreibtische, eine "
        "Werkstatt und ein Café für Pendlerinnen entstehen.",
        "Viele aus Wismar fahren jeden Tag nach Lübeck oder Hamburg, obwohl sie von zu Hause "
        "arbeiten könnten – wenn es einen Ort dafür gäbe.\n\nIm Speicher wäre Platz für 20 "
        "Arbeitsplätze, einen Besprechungsraum und eine kleine Werkstatt. Wer mag, bringt seine "
        "Kinder in die Kita nebenan und spart sich die Pendelei.",
    ),
    (
        "malte",
        "gruendungen",
        "Ratzeburg",
        None,
        7,
        "Gründungsstammtisch in jeder Amtsgemeinde",
        "Einmal im Monat treffen sich Menschen, die etwas gründen wollen, mit solchen, die es "
        "schon geschafft haben.",
        "Wer auf dem Land gründet, fühlt sich oft allein. Ein fester Stammtisch, reihum in den "
        "Gemeinden, bringt Erfahrung und Mut zusammen.\n\nDie Wirtschaftsförderung könnte "
        "einladen, die Gastgeber wechseln: mal die Dorfkneipe, mal ein Hofladen.",
    ),
    (
        "sevgi",
        "verwaltung",
        "Hagenow",
        None,
        10,
        "Ein Antrag, ein Ansprechpartner",
        "Wer ein Vorhaben anmeldet, bekommt im Amt eine feste Lotsin, die alle Stellen "
        "koordiniert.",
        "Für ein kleines Café brauchte ich Genehmigungen von vier Stellen, die nichts "
        "voneinander wussten. Das hat Monate gekostet.\n\nEine Lotsin im Amt, die den Antrag "
        "einmal aufnimmt und weiterreicht, würde Gründerinnen viel Zeit und Nerven sparen.",
    ),
    (
        "henrik",
        "innovationsorte",
        "Boizenburg/Elbe",
        ("53.38140", "10.72310"),
        6,
        "Offene Werkstatt an der Elbe",
        "Eine Werkstatt mit Holz- und Metallbereich, in der Jung und Alt reparieren, bauen und "
        "voneinander lernen.",
        "In Boizenburg gibt es viele, die handwerklich etwas können, aber keine Werkstatt mehr "
        "haben. Und Jugendliche, die es lernen wollen.\n\nEin Verein könnte die Werkstatt "
        "tragen, Betriebe spenden ausgemusterte Maschinen.",
    ),
    (
        "lotte",
        "gruendungen",
        "Zarrentin am Schaalsee",
        ("53.55290", "10.91580"),
        5,
        "Gemeinsamer Hofladen mehrerer Betriebe",
        "Fünf Höfe rund um den Schaalsee verkaufen ihre Produkte in einem Laden, der rund um "
        "die Uhr offen hat.",
        "Jeder Hof für sich schafft keinen eigenen Laden. Zusammen könnten wir einen "
        "Selbstbedienungsladen mit Kühlfächern betreiben.\n\nGesucht sind ein Standort an der "
        "Durchgangsstraße und Hilfe bei Hygiene- und Kassenfragen.",
    ),
    (
        "karim",
        "verwaltung",
        "Geesthacht",
        None,
        8,
        "Bauanträge digital verfolgen",
        "Antragstellende sehen online, in welchem Schritt ihr Bauantrag ist und was noch fehlt.",
        "Heute ruft man an und hofft, dass jemand Zeit hat. Ein einfacher Status im Netz würde "
        "Anrufe sparen und Vertrauen schaffen.\n\nAndere Kreise machen das schon; wir könnten "
        "ihre Lösung übernehmen.",
    ),
    (
        "frieda",
        "innovationsorte",
        "Klütz",
        ("53.96470", "11.16880"),
        4,
        "Dritter Ort in der alten Schule",
        "Die leere Dorfschule wird zum Treffpunkt mit Bibliothek, Café und Räumen für Vereine.",
        "Seit die Schule zu ist, fehlt im Dorf ein Ort, an dem man sich ohne Anlass trifft.\n\n"
        "Mit ein paar Umbauten könnte die Schule wieder Leben haben: nachmittags Hausaufgaben, "
        "abends Chor und Kino, am Wochenende Repair-Café.",
    ),
    (
        "paul",
        "gruendungen",
        "Mölln",
        None,
        3,
        "Gründungsstipendium für Rückkehrer",
        "Wer nach Studium oder Ausbildung zurückkommt und hier gründet, bekommt ein Jahr lang "
        "eine kleine Unterstützung.",
        "Viele würden gern zurückkommen, trauen sich aber den Schritt in die Selbstständigkeit "
        "ohne Polster nicht zu.\n\nEin Stipendium, finanziert von Kommunen und Betrieben, "
        "könnte genau diese Lücke schließen.",
    ),
    (
        "ida",
        "verwaltung",
        "Wismar",
        None,
        6,
        "Experimentierklausel für Zwischennutzungen",
        "Leerstehende Läden dürfen ein Jahr lang ohne Nutzungsänderung für Kultur und Gründungen "
        "genutzt werden.",
        "Viele Ideen scheitern nicht am Geld, sondern an der Nutzungsänderung. Ein Jahr zum "
        "Ausprobieren würde reichen, um zu sehen, ob etwas trägt.\n\nDie Stadt könnte eine "
        "Liste geeigneter Flächen führen.",
    ),
    (
        "malte",
        "innovationsorte",
        "Ratzeburg",
        ("53.69960", "10.77310"),
        5,
        "Makerspace für Schülerinnen und Schüler",
        "3D-Drucker, Lötkolben und Nähmaschinen für die Schulen der Inselstadt, offen auch am "
        "Nachmittag.",
        "Die Schulen haben einzeln kein Geld für gute Ausstattung. Gemeinsam schon.\n\nEin Raum "
        "in der Stadtmitte, tagsüber für den Unterricht, nachmittags offen für alle.",
    ),
    (
        "sevgi",
        "gruendungen",
        "Hagenow",
        ("53.43020", "11.19010"),
        4,
        "Markthalle für kleine Manufakturen",
        "Eine überdachte Halle, in der regionale Manufakturen an festen Tagen verkaufen.",
        "Seife, Keramik, Brot, Honig – es gibt so viele kleine Betriebe, aber keinen Ort, an "
        "dem man sie gesammelt findet.\n\nEine Markthalle am Bahnhof wäre auch für Pendler "
        "praktisch.",
    ),
    (
        "henrik",
        "verwaltung",
        "Boizenburg/Elbe",
        None,
        2,
        "Bürgersprechstunde im Dorfgemeinschaftshaus",
        "Das Amt kommt einmal im Monat in die Dörfer, statt dass alle in die Stadt fahren.",
        "Ohne Auto ist der Weg ins Amt eine Tagesreise. Eine mobile Sprechstunde mit Laptop "
        "würde das meiste erledigen.\n\nDazu gehört ein fester Termin, der im Gemeindeblatt "
        "steht.",
    ),
    (
        "lotte",
        "innovationsorte",
        "Zarrentin am Schaalsee",
        None,
        3,
        "Naturerlebnis-Labor am Schaalsee",
        "Ein Lernort, an dem Schulklassen und Forschende gemeinsam Daten zum See sammeln.",
        "Das Biosphärenreservat ist ein Schatz, den viele Kinder aus der Region nie richtig "
        "kennenlernen.\n\nEin kleines Labor mit Booten und Messgeräten würde Wissenschaft und "
        "Heimat verbinden.",
    ),
    (
        "karim",
        "gruendungen",
        "Geesthacht",
        ("53.43750", "10.37880"),
        5,
        "Gründerinnenzentrum mit Kinderbetreuung",
        "Bürofläche und Beratung für Gründerinnen, mit einer flexiblen Betreuung für Kinder "
        "im selben Haus.",
        "Viele Frauen gründen später als sie wollen, weil die Betreuung fehlt.\n\nEin Zentrum "
        "mit Spielzimmer und Tagesmutter im Haus würde das ändern – und wäre auch für Väter "
        "offen.",
    ),
    (
        "frieda",
        "verwaltung",
        "Klütz",
        None,
        3,
        "Offene Daten der Gemeinden",
        "Haushalte, Beschlüsse und Flächen der Gemeinden werden maschinenlesbar veröffentlicht.",
        "Wer etwas verbessern will, braucht Zahlen. Heute stecken sie in PDF-Dateien oder "
        "Aktenordnern.\n\nMit offenen Daten könnten Vereine und Schulen eigene Auswertungen "
        "machen.",
    ),
    (
        "paul",
        "innovationsorte",
        "Mölln",
        ("53.62870", "10.68920"),
        7,
        "Kulturbahnhof Mölln",
        "Der alte Güterschuppen wird zur Bühne, zum Probenraum und zum Atelierhaus.",
        "Bands aus der Gegend proben in Garagen, Künstlerinnen in Küchen. Der Güterschuppen "
        "steht leer.\n\nMit einer Trägergenossenschaft könnten wir ihn Schritt für Schritt "
        "herrichten.",
    ),
    (
        "ida",
        "gruendungen",
        "Grevesmühlen",
        None,
        2,
        "Mentoring durch erfahrene Handwerksmeister",
        "Meisterinnen und Meister im Ruhestand begleiten junge Betriebe bei der Übernahme.",
        "Viele Betriebe finden keine Nachfolge, viele Junge trauen sich die Übernahme nicht "
        "zu.\n\nEin Mentoring-Programm bringt beide Seiten zusammen, bevor der Betrieb "
        "schließt.",
    ),
    (
        "malte",
        "verwaltung",
        "Ratzeburg",
        None,
        4,
        "Ehrenamtskarte mit echten Vorteilen",
        "Wer sich engagiert, fährt günstiger Bus und bekommt Rabatt in Bädern und Museen.",
        "Das Ehrenamt trägt das Dorfleben. Eine Karte, die im ganzen Kreis gilt, wäre ein "
        "Dankeschön, das man merkt.\n\nDie Verwaltung kann das mit wenig Aufwand einführen.",
    ),
    (
        "sevgi",
        "innovationsorte",
        "Wittenburg",
        ("53.50550", "11.07210"),
        3,
        "Repair-Café in jeder Kleinstadt",
        "Ein fester Termin im Monat, an dem Freiwillige Geräte und Kleidung reparieren.",
        "Reparieren spart Geld und Müll und bringt Menschen ins Gespräch.\n\nWir brauchen "
        "einen Raum, etwas Werkzeug und eine Haftpflichtversicherung über einen Verein.",
    ),
    (
        "henrik",
        "gruendungen",
        "Lauenburg/Elbe",
        None,
        2,
        "Leerstandsbörse für die Altstadt",
        "Eine Website zeigt alle freien Läden und Wohnungen der Altstadt mit Ansprechpartner.",
        "Wer einen Laden sucht, findet heute nur Schilder in Schaufenstern.\n\nEine einfache "
        "Börse, gepflegt von der Stadt und den Eigentümern, würde Gründungen in die Altstadt "
        "holen.",
    ),
    (
        "lotte",
        "verwaltung",
        "Zarrentin am Schaalsee",
        None,
        1,
        "Gemeinderatssitzungen im Livestream",
        "Sitzungen werden übertragen und aufgezeichnet, damit auch Berufstätige folgen können.",
        "Sitzungen um 18 Uhr sind für Pendlerinnen kaum zu schaffen.\n\nEin Livestream mit "
        "Aufzeichnung macht Entscheidungen nachvollziehbar und kostet wenig.",
    ),
    (
        "karim",
        "innovationsorte",
        "Schwarzenbek",
        ("53.50460", "10.47930"),
        4,
        "Co-Living für Fachkräfte auf Probe",
        "Möblierte Zimmer mit Arbeitsplatz, in denen Fachkräfte aus der Stadt die Region drei "
        "Monate ausprobieren.",
        "Wer überlegt, aufs Land zu ziehen, will es erst testen.\n\nEin Haus mit Zimmern, "
        "Küche und Coworking, dazu Kontakte zu Betrieben, macht den Umzug leichter.",
    ),
    (
        "frieda",
        "gruendungen",
        "Klütz",
        None,
        2,
        "Sommerakademie für Gründungsideen",
        "Eine Woche an der Küste, in der Teams aus Stadt und Land an ländlichen "
        "Geschäftsideen arbeiten.",
        "Gute Ideen entstehen, wenn sich Menschen mischen. Eine Sommerakademie bringt "
        "Studierende, Landwirtinnen und Handwerker zusammen.\n\nAm Ende stehen Prototypen, "
        "die jemand weiterführt.",
    ),
    (
        "paul",
        "verwaltung",
        "Mölln",
        None,
        2,
        "Ideenbriefkasten der Verwaltung",
        "Mitarbeitende und Bürger reichen Verbesserungsideen ein; jede bekommt eine Antwort.",
        "In der Verwaltung arbeiten viele mit guten Ideen, die nie gehört werden.\n\nEin "
        "Briefkasten mit Antwortpflicht innerhalb eines Monats würde das ändern.",
    ),
    (
        "ida",
        "innovationsorte",
        "Rehna",
        None,
        1,
        "Dorfkino mit Diskussion",
        "Monatliche Filmabende zu Zukunftsthemen, danach Gespräch mit Menschen aus der Region.",
        "Ein Film ist ein guter Anlass, über die eigene Zukunft zu reden.\n\nBeamer und "
        "Leinwand gibt es schon im Gemeindehaus, es fehlen die Rechte und ein Team.",
    ),
    (
        "malte",
        "gruendungen",
        "Büchen",
        ("53.48070", "10.61950"),
        2,
        "Genossenschaftlicher Dorfladen",
        "Bewohnerinnen gründen eine Genossenschaft und betreiben den Laden, der sonst schließt.",
        "Der letzte Laden im Ort schließt im Frühjahr. Ohne ihn fehlt nicht nur Milch, "
        "sondern auch der Treffpunkt.\n\nAls Genossenschaft mit 200 Mitgliedern wäre er "
        "tragfähig.",
    ),
    (
        "sevgi",
        "verwaltung",
        "Hagenow",
        None,
        1,
        "Mehrsprachige Formulare",
        "Die wichtigsten Formulare gibt es auch auf Englisch, Arabisch, Türkisch und Ukrainisch.",
        "Wer neu in die Region kommt, scheitert oft an der Sprache der Formulare.\n\n"
        "Übersetzte Ausfüllhilfen wären ein einfacher erster Schritt.",
    ),
    (
        "henrik",
        "innovationsorte",
        "Boizenburg/Elbe",
        None,
        1,
        "Fliesenmuseum als Lernwerkstatt",
        "Das Museum öffnet eine Werkstatt, in der Schulklassen selbst Fliesen gestalten.",
        "Die Geschichte der Fliesenfabrik ist Teil der Stadt. Mit einer Werkstatt wird sie "
        "lebendig.\n\nDie Fliesen könnten später eine Wand am Bahnhof schmücken.",
    ),
    (
        "lotte",
        "gruendungen",
        "Gadebusch",
        None,
        1,
        "Gründungsberatung am Wochenende",
        "Beratungstermine auch samstags, für alle, die neben dem Beruf gründen.",
        "Wer im Nebenerwerb gründet, hat unter der Woche keine Zeit für Termine.\n\nEin "
        "Beratungssamstag im Monat würde genau diese Menschen erreichen.",
    ),
    (
        "karim",
        "verwaltung",
        "Schwerin",
        None,
        3,
        "Regionales Innovationsbudget",
        "Ein kleiner Topf, über den Bürgerinnen jedes Jahr für Projekte in ihrer Gemeinde "
        "abstimmen.",
        "Oft fehlen für gute Ideen nur ein paar tausend Euro.\n\nEin Bürgerbudget, über das "
        "die Menschen selbst entscheiden, stärkt das Vertrauen in die Verwaltung.",
    ),
]

# Proposal titles of the running process that the alliance already looks at more closely.
UNDER_REVIEW = {"Ein Antrag, ein Ansprechpartner", "Coworking im alten Speicher am Hafen"}

FINISHED = {
    "slug": "dorfmitte-neu-denken-2025",
    "title": "Dorfmitte neu denken 2025",
    "question": "Wie wird die Mitte unserer Dörfer wieder zum Treffpunkt?",
    "intro": (
        "2025 haben Bewohnerinnen und Bewohner Ideen für lebendige Dorfmitten gesammelt und "
        "unterstützt. Das Bündnis hat alle Vorschläge beantwortet; zwei wurden zu Zielbildern."
    ),
    "body": [
        paragraph(
            "<p>Der Prozess ist abgeschlossen. Was aus den angenommenen Vorschlägen geworden "
            "ist, lesen Sie bei den Zielbildern.</p>"
        ),
    ],
    "image": "dorf",
    "image_alt": "Gemaltes Dorf mit Kirchturm und roten Dächern zwischen grünen Feldern.",
    "support_budget": 3,
    "qualified_threshold": 5,
    "max_proposals_per_resident": 3,
    "edit_window_hours": 72,
    # title, description, first day, last day (dates), allows
    "phases": [
        ("Ideen sammeln", "Vorschläge einreichen.", "2025-03-01", "2025-04-15", {"submit", "edit"}),
        ("Diskutieren", "Vorschläge besprechen.", "2025-04-16", "2025-05-15", {"comment"}),
        ("Unterstützen", "Vorschläge unterstützen.", "2025-05-16", "2025-06-15", {"support"}),
        (
            "Auswahl und Umsetzung",
            "Das Bündnis beantwortet alle Vorschläge.",
            "2025-06-16",
            "2025-09-30",
            set(),
        ),
    ],
}

FINISHED_EN = {
    "title": "Rethinking the village centre 2025",
    "question": "How does the centre of our villages become a meeting place again?",
    "intro": (
        "In 2025 residents collected and supported ideas for lively village centres. The "
        "alliance answered every proposal; two of them became visions."
    ),
    "body": [
        paragraph(
            "<p>The process is finished. What became of the accepted proposals you can read "
            "among the visions.</p>"
        ),
    ],
    "image_alt": "Painted village with a church tower and red roofs between green fields.",
    "phases": [
        ("Collecting ideas", "Submit proposals."),
        ("Discussion", "Talk about the proposals."),
        ("Support", "Support proposals."),
        ("Selection and implementation", "The alliance answers every proposal."),
    ],
}

# author, field, municipality, location, supporters, state, title, summary, text, answer, answered
FINISHED_PROPOSALS = [
    (
        "frieda",
        "innovationsorte",
        "Klütz",
        ("53.96470", "11.16880"),
        9,
        "implemented",
        "Dorfbüro im Gemeindehaus",
        "Ein Raum im Gemeindehaus wird zum Coworking-Büro mit schnellem Internet.",
        "Im Gemeindehaus steht ein Raum die meiste Zeit leer.\n\nMit Schreibtischen und "
        "Glasfaser könnten dort Menschen aus dem Dorf arbeiten, statt zu pendeln.",
        "<p>Wir übernehmen den Vorschlag als Zielbild. Die Gemeinde stellt den Raum, das "
        "Bündnis die Ausstattung. Das Dorfbüro ist seit Herbst geöffnet.</p>",
        "2025-07-01",
    ),
    (
        "paul",
        "gruendungen",
        "Mölln",
        None,
        7,
        "accepted",
        "Wochenmarkt mit Gründerstand",
        "Auf dem Wochenmarkt gibt es einen Stand, an dem junge Betriebe kostenlos einen Monat "
        "verkaufen dürfen.",
        "Neue Betriebe brauchen Kundschaft, bevor sie Miete zahlen können.\n\nEin "
        "kostenloser Stand auf dem Markt ist ein Schaufenster ohne Risiko.",
        "<p>Angenommen. Der Gründerstand startet mit der Marktsaison; die Stadt vergibt ihn "
        "monatlich.</p>",
        "2025-07-03",
    ),
    (
        "malte",
        "verwaltung",
        "Ratzeburg",
        None,
        5,
        "accepted",
        "Bänke und Schatten für den Dorfplatz",
        "Mehr Sitzplätze, Bäume und ein Trinkbrunnen machen den Platz im Sommer nutzbar.",
        "Im Sommer ist der Dorfplatz leer, weil es keinen Schatten gibt.\n\nEin paar Bäume, "
        "Bänke und ein Brunnen würden ihn wieder zum Treffpunkt machen.",
        "<p>Angenommen. Die Gemeinde nimmt Bäume und Bänke in den Haushalt auf; den "
        "Trinkbrunnen prüft der Wasserverband.</p>",
        "2025-07-03",
    ),
    (
        "ida",
        "innovationsorte",
        "Wismar",
        None,
        2,
        "rejected",
        "Parkhaus unter dem Marktplatz",
        "Eine Tiefgarage schafft oben Platz für Menschen statt Autos.",
        "Die Autos nehmen die halbe Dorfmitte ein.\n\nUnter dem Platz wäre Raum für eine Garage.",
        "<p>Danke für die Idee. Eine Tiefgarage ist für eine Dorfmitte dieser Größe zu teuer "
        "und baulich kaum möglich. Wir verfolgen stattdessen den Vorschlag mit Bänken und "
        "Schatten.</p>",
        "2025-07-05",
    ),
    (
        "sevgi",
        "gruendungen",
        "Hagenow",
        None,
        3,
        "rejected",
        "Imbisswagen-Platz am Kirchplatz",
        "Ein fester Stellplatz mit Strom für wechselnde Imbisswagen.",
        "Abends ist die Dorfmitte tot. Imbisswagen würden Leben bringen.\n\nEin Stromanschluss "
        "wäre alles, was es braucht.",
        "<p>Der Kirchplatz steht unter Denkmalschutz; ein fester Stellplatz ist dort nicht "
        "erlaubt. Die Gemeinde bietet den Platz am Feuerwehrhaus an.</p>",
        "2025-07-05",
    ),
]

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


# Polls (participation.Poll): an open one on the home page that the demo residents have voted
# in, and a closed one with its results in the finished process ("Diskutieren" phase).
# Answers as (German, English); votes as (resident key, answer indexes, own answer).
HOME_POLL = {
    "question": ("Was braucht Ihr Ort am dringendsten?", "What does your village need most?"),
    "description": (
        "Wählen Sie bis zu zwei Antworten. Das Bündnis nimmt die Ergebnisse in die Planung der "
        "nächsten Kreativ- und Innovationsorte auf.",
        "Choose up to two answers. The alliance takes the results into planning the next "
        "creative and innovation places.",
    ),
    "answers": [
        ("Schnelles Internet", "Fast internet"),
        ("Coworking-Räume", "Coworking spaces"),
        ("Bessere Busverbindungen", "Better bus connections"),
        ("Treffpunkte für alle Generationen", "Meeting places for all generations"),
        ("Kinderbetreuung am Nachmittag", "Afternoon childcare"),
    ],
    "other": ("Etwas anderes", "Something else"),
    "votes": [
        ("ida", [0, 1], ""),
        ("malte", [2], ""),
        ("sevgi", [0, 4], ""),
        ("henrik", [2, 3], ""),
        ("lotte", [1], "Ein Dorfladen mit Café"),
        ("karim", [0], ""),
        ("frieda", [3, 4], ""),
        ("paul", [0, 2], ""),
        ("anke", [3], ""),
        ("bo", [0, 1], ""),
    ],
}

FINISHED_POLL = {
    "question": (
        "Wo soll die neue Dorfmitte entstehen?",
        "Where should the new village centre be?",
    ),
    "description": (
        "Die Umfrage lief während der Diskussionsphase.",
        "The poll ran during the discussion phase.",
    ),
    "answers": [
        ("Am alten Bahnhof", "At the old station"),
        ("Rund um die Kirche", "Around the church"),
        ("Auf dem Schulhof", "On the school yard"),
    ],
    # first and last day (in the phase "Diskutieren")
    "opens": "2025-04-16",
    "closes": "2025-05-15",
    "votes": [
        ("ida", [0], ""),
        ("malte", [0], ""),
        ("sevgi", [1], ""),
        ("henrik", [0], ""),
        ("lotte", [2], ""),
        ("karim", [1], ""),
        ("frieda", [0], ""),
    ],
}
