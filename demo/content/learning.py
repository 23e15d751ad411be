"""Learning paths (Handlungspfade) and the checklist that one of their steps offers."""

from .blocks import step

INDEX = {
    "slug": "handlungspfade",
    "de": {
        "title": "Handlungspfade",
        "intro": (
            "Schritt für Schritt vom Einfall zum Handeln: Handlungspfade zeigen, wie Sie ein "
            "Vorhaben in der Region angehen – mit Beispielen, die zeigen, dass es geht."
        ),
    },
    "en": {
        "slug": "learning-paths",
        "title": "Learning paths",
        "intro": (
            "Step by step from an idea to action: learning paths show how to tackle a project "
            "in the region – with examples that show it can be done."
        ),
    },
}

# Plain-text documents, found again by title.
DOCUMENTS = {
    "checkliste-gruendung": {
        "title": "Checkliste: Gründen auf dem Land",
        "filename": "checkliste-gruenden-auf-dem-land.txt",
        "text": """Checkliste: Gründen auf dem Land
=================================

Die Idee
[ ] Ich kann meine Idee in zwei Sätzen erklären.
[ ] Ich habe mit mindestens drei Menschen aus der Region darüber gesprochen.
[ ] Ich weiß, wer mein Angebot braucht und was es ihnen wert ist.

Die Menschen
[ ] Ich kenne mindestens eine Person, die schon einmal gegründet hat.
[ ] Ich weiß, wer mich unterstützt – in der Familie, im Dorf, im Netzwerk.

Der Ort
[ ] Ich weiß, wo ich arbeiten werde (Zuhause, Coworking, eigener Raum).
[ ] Ich habe geklärt, ob ich für meine Räume eine Genehmigung brauche.

Geld und Form
[ ] Ich habe einen einfachen Finanzplan für das erste Jahr.
[ ] Ich habe mich zur Rechtsform beraten lassen (Einzelunternehmen, GmbH,
    Verein, Genossenschaft).
[ ] Ich kenne passende Förderprogramme und ihre Fristen.

Der Start
[ ] Ich habe einen Termin bei der Gründungssprechstunde des Bündnisses.
[ ] Ich weiß, wie ich von meinem Vorhaben erzähle – und wem zuerst.

LANDVORTEIL – Beispieldokument der Demo-Installation
""",
    },
    "checklist-start-up": {
        "title": "Checklist: starting up in the countryside",
        "filename": "checklist-starting-up-in-the-countryside.txt",
        "text": """Checklist: starting up in the countryside
=========================================

The idea
[ ] I can explain my idea in two sentences.
[ ] I have talked about it with at least three people from the region.
[ ] I know who needs my offer and what it is worth to them.

The people
[ ] I know at least one person who has started a business before.
[ ] I know who supports me – in my family, my village, my network.

The place
[ ] I know where I will work (at home, coworking, premises of my own).
[ ] I have checked whether my premises need a permit.

Money and legal form
[ ] I have a simple financial plan for the first year.
[ ] I have had advice on the legal form (sole trader, limited company,
    association, cooperative).
[ ] I know suitable funding programmes and their deadlines.

The start
[ ] I have an appointment at the alliance's start-up advice.
[ ] I know how to tell people about my project – and whom to tell first.

LANDVORTEIL – sample document of the demo installation
""",
    },
}

LEARNING_PATHS = [
    {
        "slug": "von-der-idee-zur-gruendung",
        "image": "sommer",
        "fields": ["gruendungen"],
        "de": {
            "title": "Von der Idee zur Gründung auf dem Land",
            "intro": (
                "Sie haben eine Idee für ein Unternehmen, einen Laden oder eine Initiative in "
                "Ihrem Ort? Dieser Pfad führt Sie in fünf Schritten vom ersten Gedanken bis zum "
                "Start."
            ),
            "audience": "Gründer:innen und Initiativen",
            "duration": "etwa 4 Stunden, verteilt auf einige Wochen",
            "steps": [
                step(
                    "Die Idee prüfen",
                    "<p>Erzählen Sie drei Menschen aus Ihrem Ort von Ihrer Idee und hören Sie "
                    "gut zu: Wer würde Ihr Angebot nutzen, und was fehlt noch? Oft zeigt sich im "
                    "Gespräch, dass die Idee größer ist, als Sie dachten.</p>",
                    stories=["geschichten/local-buzz-in-wismar"],
                ),
                step(
                    "Mitstreiter:innen finden",
                    "<p>Allein gründet es sich schwer. Suchen Sie Menschen, die Ihre Idee "
                    "teilen oder ergänzen – beim Local-Buzz-Abend, im Coworking-Raum oder in "
                    'einer <a href="/de/mitmachen/aktionsgruppen/">'
                    "Aktionsgruppe auf dieser Plattform</a>.</p>",
                    stories=["geschichten/vom-kuechentisch-zur-genossenschaft"],
                ),
                step(
                    "Einen Ort finden",
                    "<p>Ein Schreibtisch im Dorfbüro, eine Werkbank in der offenen Werkstatt "
                    "oder eine leere Scheune: Ländlichkeit heißt auch Platz. Prüfen Sie, welcher "
                    "Ort zu Ihrem Vorhaben passt.</p>",
                    stories=["geschichten/ein-jahr-dorfbuero-gadebusch"],
                ),
                step(
                    "Geld und Rechtsform klären",
                    "<p>Gehen Sie die Checkliste durch und lassen Sie sich beraten, bevor Sie "
                    "Geld sammeln oder Verträge schließen. Die Gründungssprechstunden des "
                    "Bündnisses sind kostenlos.</p>",
                    documents=["checkliste-gruendung"],
                ),
                step(
                    "Starten und erzählen",
                    "<p>Feiern Sie den Anfang und erzählen Sie davon: Jede Gründung macht "
                    "anderen Mut, zu bleiben oder zurückzukommen. Die Redaktion freut sich über "
                    "Ihre Geschichte.</p>",
                    stories=["geschichten/zurueck-aufs-land"],
                ),
            ],
        },
        "en": {
            "slug": "from-an-idea-to-a-rural-start-up",
            "title": "From an idea to a rural start-up",
            "intro": (
                "Do you have an idea for a business, a shop or an initiative in your village? "
                "This path takes you in five steps from the first thought to the launch."
            ),
            "audience": "Founders and initiatives",
            "duration": "about 4 hours, spread over a few weeks",
            "steps": [
                step(
                    "Test the idea",
                    "<p>Tell three people in your village about your idea and listen closely: "
                    "who would use what you offer, and what is still missing? Conversations "
                    "often show that the idea is bigger than you thought.</p>",
                    stories=["geschichten/local-buzz-in-wismar"],
                ),
                step(
                    "Find allies",
                    "<p>Starting up alone is hard. Look for people who share or complement your "
                    "idea – at a local buzz evening, in a coworking space or in an "
                    '<a href="/en/participation/action-groups/">'
                    "action group on this platform</a>.</p>",
                    stories=["geschichten/vom-kuechentisch-zur-genossenschaft"],
                ),
                step(
                    "Find a place",
                    "<p>A desk at the village office, a workbench in the open workshop or an "
                    "empty barn: the countryside has room. Check which place suits your "
                    "project.</p>",
                    stories=["geschichten/ein-jahr-dorfbuero-gadebusch"],
                ),
                step(
                    "Sort out money and legal form",
                    "<p>Go through the checklist and get advice before you collect money or sign "
                    "contracts. The alliance's start-up advice sessions are free.</p>",
                    documents=["checklist-start-up"],
                ),
                step(
                    "Launch and tell people",
                    "<p>Celebrate the start and talk about it: every new venture encourages "
                    "others to stay or come back. The editors look forward to your story.</p>",
                    stories=["geschichten/zurueck-aufs-land"],
                ),
            ],
        },
    },
    {
        "slug": "experimentierraum-in-der-verwaltung",
        "image": "see",
        "fields": ["verwaltung"],
        # Suits action groups that found themselves or plan ("Passende Formate").
        "suits": ["founding", "planning"],
        "de": {
            "title": "Einen Experimentierraum in der Verwaltung öffnen",
            "intro": (
                "Für alle in Ämtern, Gemeinden und Kommunalpolitik, die Neues ausprobieren "
                "möchten, ohne gleich alles umzuwerfen: vier Schritte zum ersten kleinen "
                "Experiment."
            ),
            "audience": "Mitarbeitende in Verwaltungen und Kommunalpolitik",
            "duration": "etwa 3 Stunden",
            "steps": [
                step(
                    "Eine Leistung auswählen",
                    "<p>Wählen Sie eine Leistung, über die sich Bürger:innen oft beschweren oder "
                    "die viele Rückfragen auslöst. Klein ist gut: ein Formular, eine "
                    "Genehmigung, eine Sprechstunde.</p>",
                    stories=["geschichten/bauantrag-ohne-papierstapel"],
                ),
                step(
                    "Die Nutzer:innen einladen",
                    "<p>Laden Sie drei bis fünf Menschen ein, die die Leistung nutzen, und gehen "
                    "Sie den Ablauf gemeinsam Schritt für Schritt durch. Notieren Sie jede Frage, "
                    "auf die niemand eine Antwort hat.</p>",
                    stories=["geschichten/wenn-das-amt-moeglich-macht"],
                ),
                step(
                    "Ein Experiment vereinbaren",
                    "<p>Legen Sie fest, was Sie für eine begrenzte Zeit anders machen – und woran "
                    "Sie erkennen, ob es besser ist. Holen Sie die Leitung früh ins Boot; ein "
                    "befristeter Versuch braucht selten eine neue Vorschrift.</p>",
                ),
                step(
                    "Auswerten und teilen",
                    "<p>Schauen Sie nach einigen Wochen gemeinsam auf das Ergebnis. Was sich "
                    "bewährt, wird zur Regel; was nicht funktioniert, war trotzdem ein Gewinn. "
                    "Erzählen Sie anderen Kommunen davon.</p>",
                    stories=["geschichten/wenn-das-amt-moeglich-macht"],
                ),
            ],
        },
        "en": {
            "slug": "a-space-to-experiment-in-public-administration",
            "title": "Opening a space to experiment in public administration",
            "intro": (
                "For everyone in local authorities and local politics who wants to try "
                "something new without turning everything upside down: four steps to a first "
                "small experiment."
            ),
            "audience": "Staff of public administrations and local politicians",
            "duration": "about 3 hours",
            "steps": [
                step(
                    "Choose a service",
                    "<p>Pick a service that residents often complain about or that causes many "
                    "queries. Small is good: a form, a permit, an office hour.</p>",
                    stories=["geschichten/bauantrag-ohne-papierstapel"],
                ),
                step(
                    "Invite the users",
                    "<p>Invite three to five people who use the service and go through the "
                    "procedure step by step together. Write down every question that nobody can "
                    "answer.</p>",
                    stories=["geschichten/wenn-das-amt-moeglich-macht"],
                ),
                step(
                    "Agree on an experiment",
                    "<p>Decide what you will do differently for a limited time – and how you "
                    "will know whether it is better. Bring your management on board early; a "
                    "time-limited trial rarely needs a new regulation.</p>",
                ),
                step(
                    "Evaluate and share",
                    "<p>After a few weeks, look at the result together. What works becomes the "
                    "rule; what doesn't was still worth it. Tell other municipalities about "
                    "it.</p>",
                    stories=["geschichten/wenn-das-amt-moeglich-macht"],
                ),
            ],
        },
    },
]
