"""The participation pages: the process and vision index pages, the demo residents, and the two
processes (German, with their English translations).

Written for the platform in our own words from the alliance's self-description: its three fields
of action, the goal of an "enkeltaugliche" region, experimental spaces and the local buzz. Days are
counted from the day the demo is loaded, so one running process is always in its support phase
and the other collects proposals: residents can submit one right after loading.
"""

from .blocks import heading, paragraph

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
        "slug": "participation",
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
        "slug": "visions",
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

# The processes in the order the demo creates them (demo.management.commands.load_vision_demo).
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
    "slug": "a-region-fit-for-our-grandchildren-2040",
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
    "slug": "rethinking-the-village-centre-2025",
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

# The process that collects proposals now: every demo resident can submit one right after the
# demo is loaded. Its first phase ends some weeks after the load day.
COLLECTING = {
    "slug": "experimentierraeume-local-buzz",
    "title": "Experimentierräume für den Local Buzz",
    "question": "Wo sollen sich Menschen aus Dorf und Stadt begegnen, etwas ausprobieren und "
    "voneinander lernen?",
    "intro": (
        "Neues Wissen entsteht dort, wo Menschen ins Gespräch kommen: beim Werkeln, Ausprobieren "
        "und Zusammensitzen. Schlagen Sie Orte und Formate vor, die Dörfer und Städte unserer "
        "Region miteinander verbinden – bis zum Ende der Ideenphase nimmt das Bündnis Ihre "
        "Vorschläge entgegen."
    ),
    "body": [
        heading("Worum es geht"),
        paragraph(
            "<p>Kurzfristig will das Bündnis Experimentierräume schaffen und kreative Impulse "
            "setzen. Gemeint sind Gelegenheiten, bei denen Menschen aus verschiedenen Orten "
            "zusammenkommen und Verbindungen zwischen Land und Stadt entstehen. Das alltägliche "
            "Gespräch, der „Local Buzz“, ist eine der wichtigsten Quellen für neue Ideen – wir "
            "wollen ihm Räume geben.</p>"
        ),
        heading("So läuft der Prozess"),
        paragraph(
            "<p>Jetzt sammeln wir Ideen: Alle Bewohner:innen mit bestätigter E-Mail-Adresse "
            "können bis zu drei Vorschläge einreichen und kommentieren. Danach werden die "
            "Vorschläge diskutiert und unterstützt; Vorschläge mit mindestens acht "
            "Unterstützungen beantwortet das Bündnis öffentlich.</p>"
        ),
    ],
    "image": "dorf",
    "image_alt": "Gemaltes Dorf mit Kirchturm und roten Dächern zwischen grünen Feldern.",
    "support_budget": 3,
    "qualified_threshold": 8,
    "max_proposals_per_resident": 3,
    "edit_window_hours": 72,
    # title, description, first day, last day (relative to today), allows
    "phases": [
        (
            "Ideen einreichen",
            "Vorschläge einreichen, überarbeiten und kommentieren.",
            -10,
            24,
            {"submit", "edit", "comment"},
        ),
        ("Diskutieren", "Vorschläge kommentieren und schärfen.", 25, 45, {"comment"}),
        ("Unterstützen", "Bis zu drei Vorschläge unterstützen.", 46, 66, {"support", "comment"}),
        (
            "Auswahl",
            "Das Bündnis beantwortet die qualifizierten Vorschläge und plant die ersten "
            "Experimentierräume.",
            67,
            150,
            set(),
        ),
    ],
}

COLLECTING_EN = {
    "slug": "spaces-to-experiment-for-the-local-buzz",
    "title": "Spaces to experiment for the local buzz",
    "question": "Where should people from villages and towns meet, try things out and learn "
    "from each other?",
    "intro": (
        "New knowledge grows where people get talking: while tinkering, trying things out and "
        "sitting together. Suggest places and formats that connect the villages and towns of "
        "our region – the alliance takes your proposals until the end of the ideas phase."
    ),
    "body": [
        heading("What it is about"),
        paragraph(
            "<p>In the short term the alliance wants to create spaces to experiment and give "
            "creative impulses: occasions where people from different places come together and "
            "town and country connect. Everyday conversation, the “local buzz”, is one of the "
            "most important sources of new ideas – we want to give it room.</p>"
        ),
        heading("How the process works"),
        paragraph(
            "<p>Now we collect ideas: every resident with a confirmed email address can submit "
            "and comment on up to three proposals. Then the proposals are discussed and "
            "supported; the alliance answers proposals with at least eight supports "
            "publicly.</p>"
        ),
    ],
    "image_alt": "Painted village with a church tower and red roofs between green fields.",
    "phases": [
        ("Submitting ideas", "Submit, revise and comment on proposals."),
        ("Discussion", "Comment on proposals and sharpen them."),
        ("Support", "Support up to three proposals."),
        (
            "Selection",
            "The alliance answers the qualified proposals and plans the first spaces to "
            "experiment.",
        ),
    ],
}
