"""Stories from the region: reports, portraits and good examples.

``days_ago`` spreads the dates over the last months. Stories are created oldest first, so a story
links only to older stories (and to places, topics and events, which exist before them). The main
image's alternative text comes from :mod:`demo.content.scenes` unless a story gives its own.
"""

from .blocks import (
    call_to_action,
    heading,
    image,
    paragraph,
    quote,
    related_pages,
    video,
)
from .scenes import SCENES

INDEX = {
    "slug": "geschichten",
    "de": {
        "title": "Geschichten",
        "intro": (
            "Menschen, Orte und Ideen, die zeigen, dass Ländlichkeit ein Standortvorteil ist: "
            "Berichte und gute Beispiele aus der Region."
        ),
    },
    "en": {
        "slug": "stories",
        "title": "Stories",
        "intro": (
            "People, places and ideas that show rural life as an advantage: reports and good "
            "examples from the region."
        ),
    },
}

STORIES = [
    {
        "slug": "ein-jahr-dorfbuero-gadebusch",
        "days_ago": 8,
        "authors": ["tobias-kroeger"],
        "tags": ["coworking", "gruendung"],
        "fields": ["innovationsorte", "gruendungen"],
        "image": "winter",
        "de": {
            "title": "Pendeln war gestern: Ein Jahr Dorfbüro Gadebusch",
            "intro": (
                "Vor einem Jahr hat im ehemaligen Postamt das Dorfbüro eröffnet. Heute arbeiten "
                "dort regelmäßig dreißig Menschen – und sparen zusammen jede Woche mehr als "
                "zehntausend Kilometer Arbeitsweg."
            ),
            "body": [
                paragraph(
                    "<p>Früher stand Katrin Wendt jeden Morgen um halb sechs auf, um rechtzeitig "
                    "in ihrem Hamburger Büro zu sein. Heute geht sie zu Fuß zur Arbeit: vier "
                    "Minuten bis zum Lindenplatz, wo im alten Postamt das Dorfbüro Gadebusch "
                    "seine Türen öffnet. „Ich habe mein Leben zurück“, sagt sie.</p>"
                ),
                heading("Vom Leerstand zum Treffpunkt"),
                paragraph(
                    "<p>Das Gebäude stand drei Jahre leer, bevor eine kleine Gruppe aus dem Ort "
                    "die Idee hatte, dort Arbeitsplätze zu vermieten. Die Stadt stellte die "
                    "Räume günstig zur Verfügung, das Bündnis half bei der Förderung und der "
                    "Suche nach den ersten Mieter:innen. Inzwischen ist das Dorfbüro an vier "
                    "Tagen in der Woche ausgebucht.</p>"
                ),
                quote(
                    "Am Anfang ging es uns um schnelles Internet. Heute geht es um die "
                    "Menschen, die man in der Küche trifft.",
                    "Katrin Wendt, Mieterin der ersten Stunde",
                ),
                image(
                    "dorf",
                    SCENES["dorf"].alt["de"],
                    "Das Dorfbüro liegt mitten im Ort – wie hier auf der Illustration.",
                ),
                heading("Was als Nächstes kommt"),
                paragraph(
                    "<p>Im Frühjahr soll eine Kinderecke dazukommen, damit Eltern auch in den "
                    "Ferien arbeiten können. Außerdem plant das Team eine monatliche "
                    "Gründungssprechstunde mit den Berater:innen des Bündnisses.</p>"
                ),
                call_to_action(
                    "Sie möchten das Dorfbüro ausprobieren? Ein Probetag ist kostenlos.",
                    "Das Dorfbüro kennenlernen",
                    page="orte/dorfbuero-gadebusch",
                ),
                related_pages(
                    "Mehr zum Thema",
                    "handlungsfelder/innovationsorte",
                    "geschichten/local-buzz-in-wismar",
                    "orte/hafenspeicher-wismar",
                ),
            ],
        },
        "en": {
            "slug": "a-year-of-the-village-office-gadebusch",
            "title": "No more commuting: a year of the Village Office in Gadebusch",
            "intro": (
                "A year ago the Village Office opened in the former post office. Today thirty "
                "people work there regularly – and together they save more than ten thousand "
                "kilometres of commuting every week."
            ),
            "body": [
                paragraph(
                    "<p>Katrin Wendt used to get up at half past five every morning to be at her "
                    "office in Hamburg on time. Today she walks to work: four minutes to "
                    "Lindenplatz, where the Village Office Gadebusch opens its doors in the old "
                    "post office. “I have got my life back,” she says.</p>"
                ),
                heading("From empty building to meeting place"),
                paragraph(
                    "<p>The building had stood empty for three years before a small group of "
                    "locals had the idea of renting out desks there. The town offered the rooms "
                    "at a low rent, and the alliance helped with funding and with finding the "
                    "first tenants. The Village Office is now fully booked four days a week.</p>"
                ),
                quote(
                    "At first we were after fast internet. Today it is about the people you "
                    "meet in the kitchen.",
                    "Katrin Wendt, one of the first tenants",
                ),
                image(
                    "dorf",
                    SCENES["dorf"].alt["en"],
                    "The Village Office is right in the middle of town – as in this illustration.",
                ),
                heading("What comes next"),
                paragraph(
                    "<p>In spring a children's corner is to be added so that parents can work "
                    "during the school holidays too. The team is also planning monthly start-up "
                    "advice with the alliance's advisers.</p>"
                ),
                call_to_action(
                    "Would you like to try the Village Office? A trial day is free.",
                    "Get to know the Village Office",
                    page="orte/dorfbuero-gadebusch",
                ),
                related_pages(
                    "More on this topic",
                    "handlungsfelder/innovationsorte",
                    "geschichten/local-buzz-in-wismar",
                    "orte/hafenspeicher-wismar",
                ),
            ],
        },
    },
    {
        "slug": "wenn-das-amt-moeglich-macht",
        "days_ago": 23,
        "authors": ["aylin-demir"],
        "tags": ["verwaltung"],
        "fields": ["verwaltung"],
        "image": "see",
        "de": {
            "title": "Wenn das Amt zur Möglichmacherin wird",
            "intro": (
                "Im Verwaltungslabor Ratzeburg entwickeln Sachbearbeiter:innen und Bürger:innen "
                "gemeinsam einfachere Wege durch die Behörde. Ein Besuch an einem Werkstatttag."
            ),
            "body": [
                paragraph(
                    "<p>Auf dem großen Tisch liegen ausgedruckte Formulare, übersät mit gelben "
                    "Zetteln. „Warum fragen wir hier nach der Steuernummer?“, steht auf einem. "
                    "Niemand im Raum kann die Frage beantworten – und genau darum geht es im "
                    "Verwaltungslabor.</p>"
                ),
                heading("Perspektiven tauschen"),
                paragraph(
                    "<p>Einmal im Monat kommen hier Mitarbeitende aus drei Ämtern mit Menschen "
                    "zusammen, die deren Leistungen nutzen: Vereinsvorsitzende, "
                    "Gründer:innen, Eltern. Gemeinsam gehen sie einen Antrag Schritt für Schritt "
                    "durch und streichen, was niemand braucht. Das Ergebnis testen sie in der "
                    "folgenden Woche mit echten Anträgen.</p>"
                ),
                video(
                    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "Beispielvideo der Demo-Installation",
                    "Platzhalter: An dieser Stelle zeigt die Redaktion ein Video aus dem "
                    "Verwaltungslabor. In der Demo steht hier ein frei lizenzierter "
                    "Animationsfilm.",
                ),
                quote(
                    "Wir haben gelernt, dass ein Formular ein Gespräch ist. Und in einem guten "
                    "Gespräch stellt man keine überflüssigen Fragen.",
                    "Sachbearbeiterin aus einem beteiligten Amt",
                ),
                heading("Was sich schon geändert hat"),
                paragraph(
                    "<p>Der Antrag auf Zuschüsse für Vereinsfeste ist von sechs Seiten auf eine "
                    "geschrumpft. Anfragen zu Genehmigungen für Märkte beantwortet das Amt jetzt "
                    "innerhalb einer Woche – mit einem Anruf statt eines Briefes.</p>"
                ),
                call_to_action(
                    "Sie arbeiten in einer Verwaltung und möchten selbst etwas ausprobieren? "
                    "Kommen Sie zu unserem Workshop.",
                    "Zum Workshop anmelden",
                    page="veranstaltungen/workshop-verwaltung-als-experimentierraum",
                ),
                related_pages(
                    "Mehr zum Thema",
                    "handlungsfelder/verwaltung",
                    "orte/verwaltungslabor-ratzeburg",
                    "geschichten/bauantrag-ohne-papierstapel",
                ),
            ],
        },
        "en": {
            "slug": "when-the-local-authority-enables",
            "title": "When the local authority becomes an enabler",
            "intro": (
                "At the Public Service Lab in Ratzeburg, case workers and residents work out "
                "simpler ways through the authorities together. A visit on a workshop day."
            ),
            "body": [
                paragraph(
                    "<p>Printed forms lie on the big table, covered in yellow sticky notes. “Why "
                    "do we ask for the tax number here?” one of them says. Nobody in the room can "
                    "answer the question – and that is exactly the point of the lab.</p>"
                ),
                heading("Swapping perspectives"),
                paragraph(
                    "<p>Once a month, staff from three local authorities meet people who use "
                    "their services: chairs of clubs, founders, parents. Together they go "
                    "through an application step by step and strike out whatever nobody needs. "
                    "The following week they test the result with real applications.</p>"
                ),
                video(
                    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "Sample video of the demo installation",
                    "Placeholder: here the editors show a video from the lab. In the demo this "
                    "is a freely licensed animated film.",
                ),
                quote(
                    "We have learnt that a form is a conversation. And in a good conversation "
                    "you don't ask unnecessary questions.",
                    "Case worker from one of the participating authorities",
                ),
                heading("What has changed already"),
                paragraph(
                    "<p>The application for grants for club festivals has shrunk from six pages "
                    "to one. The authority now answers enquiries about market permits within a "
                    "week – with a phone call instead of a letter.</p>"
                ),
                call_to_action(
                    "Do you work in public administration and want to try something yourself? "
                    "Join our workshop.",
                    "Register for the workshop",
                    page="veranstaltungen/workshop-verwaltung-als-experimentierraum",
                ),
                related_pages(
                    "More on this topic",
                    "handlungsfelder/verwaltung",
                    "orte/verwaltungslabor-ratzeburg",
                    "geschichten/bauantrag-ohne-papierstapel",
                ),
            ],
        },
    },
    {
        "slug": "vom-kuechentisch-zur-genossenschaft",
        "days_ago": 47,
        "authors": ["jan-ole-petersen", "merle-hansen"],
        "tags": ["ehrenamt", "gruendung"],
        "fields": ["gruendungen"],
        "image": "nacht",
        "de": {
            "title": "Vom Küchentisch zur Genossenschaft: Wie Carlow seinen Dorfladen zurückholte",
            "intro": (
                "Als der letzte Laden im Dorf schloss, wollten sich einige Carlower:innen nicht "
                "damit abfinden. Zwei Jahre später gehört die Begegnungsscheune 140 "
                "Genoss:innen."
            ),
            "body": [
                paragraph(
                    "<p>Es begann mit einem Zettel am Schwarzen Brett: „Wer will einen Laden "
                    "zurück?“ Zum ersten Treffen kamen elf Menschen, zum zweiten dreißig. Bald "
                    "war klar, dass Ehrenamt allein nicht reicht, um einen Laden dauerhaft zu "
                    "führen.</p>"
                ),
                heading("Aus Engagement wird ein Unternehmen"),
                paragraph(
                    "<p>Mit Unterstützung der Gründungsberatung des Bündnisses entschied sich die "
                    "Gruppe für eine Genossenschaft. Jeder Anteil kostet 250 Euro, jedes Mitglied "
                    "hat eine Stimme – egal, wie viele Anteile es hält. Von dem Geld wurde eine "
                    "alte Feldscheune umgebaut.</p>"
                ),
                quote(
                    "Wir haben nicht nur einen Laden gegründet, sondern einen Ort, an dem das "
                    "Dorf sich wieder trifft.",
                    "Vorstand der Genossenschaft",
                ),
                heading("Was andere Dörfer lernen können"),
                paragraph(
                    "<ol><li>Fragen Sie früh, was die Menschen im Ort wirklich brauchen.</li>"
                    "<li>Holen Sie sich Beratung zur Rechtsform, bevor Sie Geld sammeln.</li>"
                    "<li>Planen Sie bezahlte Stunden ein: Ehrenamt trägt den Anfang, nicht jeden "
                    "Alltag.</li></ol>"
                ),
                image("sommer", SCENES["sommer"].alt["de"], "Die Scheune vor dem Umbau."),
                call_to_action(
                    "Besuchen Sie die Begegnungsscheune beim nächsten Scheunenabend.",
                    "Zur Begegnungsscheune",
                    page="orte/begegnungsscheune-carlow",
                ),
                related_pages(
                    "Mehr zum Thema",
                    "handlungsfelder/gruendungen",
                    "geschichten/zurueck-aufs-land",
                ),
            ],
        },
        "en": {
            "slug": "from-kitchen-table-to-cooperative",
            "title": "From kitchen table to cooperative: how Carlow got its village shop back",
            "intro": (
                "When the last shop in the village closed, some people in Carlow would not "
                "accept it. Two years later the Community Barn belongs to 140 members."
            ),
            "body": [
                paragraph(
                    "<p>It started with a note on the notice board: “Who wants a shop back?” "
                    "Eleven people came to the first meeting, thirty to the second. It soon "
                    "became clear that volunteering alone would not keep a shop going.</p>"
                ),
                heading("Commitment becomes a business"),
                paragraph(
                    "<p>With the support of the alliance's start-up advice, the group opted for "
                    "a cooperative. Each share costs 250 euros, and every member has one vote – "
                    "however many shares they hold. The money paid for converting an old field "
                    "barn.</p>"
                ),
                quote(
                    "We didn't just start a shop, we created a place where the village meets "
                    "again.",
                    "Board of the cooperative",
                ),
                heading("What other villages can learn"),
                paragraph(
                    "<ol><li>Ask early what people in the village really need.</li><li>Get advice "
                    "on the legal form before you collect money.</li><li>Plan for paid hours: "
                    "volunteers carry the start, not every working day.</li></ol>"
                ),
                image("sommer", SCENES["sommer"].alt["en"], "The barn before the conversion."),
                call_to_action(
                    "Visit the Community Barn at its next barn evening.",
                    "Go to the Community Barn",
                    page="orte/begegnungsscheune-carlow",
                ),
                related_pages(
                    "More on this topic",
                    "handlungsfelder/gruendungen",
                    "geschichten/zurueck-aufs-land",
                ),
            ],
        },
    },
    {
        "slug": "zu-besuch-im-werkraum-moelln",
        "days_ago": 66,
        "authors": ["tobias-kroeger"],
        "tags": ["makerspace", "ehrenamt"],
        "fields": ["innovationsorte"],
        "image": "herbst",
        "de": {
            "title": "Reparieren, tüfteln, teilen: Zu Besuch im Werkraum Mölln",
            "intro": (
                "Donnerstagabend in der Schmiedestraße: Ein Toaster wird gerettet, ein "
                "Vogelhaus entsteht und jemand druckt das Ersatzteil für eine Kaffeemühle."
            ),
            "body": [
                paragraph(
                    "<p>Der Werkraum ist aus einer Idee von vier Ehrenamtlichen entstanden, die "
                    "ihre Werkzeuge nicht länger allein im Keller nutzen wollten. Heute hat der "
                    "Verein 85 Mitglieder, und an offenen Abenden ist jeder Platz besetzt.</p>"
                ),
                heading("Lernen an der Werkbank"),
                paragraph(
                    "<p>Wer zum ersten Mal kommt, bekommt eine Einweisung und eine Patin oder "
                    "einen Paten. Manche bleiben beim Reparieren, andere bauen Prototypen für "
                    "ihr eigenes Geschäft – wie der Tischler, der hier seine ersten "
                    "Möbel für Tiny Houses entworfen hat.</p>"
                ),
                quote(
                    "Bei uns lernt die Schülerin vom Rentner und der Rentner von der Schülerin.",
                    "Vorstand des Werkraums",
                ),
                call_to_action(
                    "Kommen Sie zum nächsten Reparaturcafé – Sie brauchen nichts mitzubringen "
                    "außer dem, was kaputt ist.",
                    "Zum Werkraum Mölln",
                    page="orte/werkraum-moelln",
                ),
                related_pages(
                    "Mehr zum Thema",
                    "handlungsfelder/innovationsorte",
                    "orte/elbwerkstatt-boizenburg",
                ),
            ],
        },
    },
    {
        "slug": "local-buzz-in-wismar",
        "days_ago": 88,
        "authors": ["merle-hansen"],
        "tags": ["gruendung", "coworking", "netzwerk"],
        "fields": ["gruendungen", "innovationsorte"],
        "image": "giebel",
        "de": {
            "title": "Fünf Minuten für eine Idee: Local Buzz in Wismar",
            "intro": (
                "Einmal im Monat stellen im Hafenspeicher drei Menschen ihre Vorhaben vor. "
                "Was danach beim Essen passiert, ist mindestens so wichtig wie die Vorträge."
            ),
            "body": [
                paragraph(
                    "<p>Wissen entsteht nicht nur in Seminaren, sondern im Gespräch am Rande: "
                    "Wer kennt jemanden, der schon mal eine Förderung beantragt hat? Wer hat einen "
                    "Transporter übrig? Genau dieses Grundrauschen – den Local Buzz – will der "
                    "Abend im Hafenspeicher stärken.</p>"
                ),
                heading("So läuft ein Abend"),
                paragraph(
                    "<ul><li>Drei Vorhaben, je fünf Minuten, keine Folien</li><li>Zu jedem "
                    "Vorhaben eine Frage an das Publikum</li><li>Danach Suppe und Gespräche, so "
                    "lange es dauert</li></ul>"
                ),
                quote(
                    "An einem Abend habe ich eine Steuerberaterin, einen Vermieter und meine "
                    "erste Kundin kennengelernt.",
                    "Gründerin eines Lastenrad-Verleihs",
                ),
                image("kueste", SCENES["kueste"].alt["de"]),
                call_to_action(
                    "Sie möchten selbst ein Vorhaben vorstellen? Melden Sie sich für einen der "
                    "nächsten Abende an.",
                    "Zum nächsten Local-Buzz-Abend",
                    page="veranstaltungen/local-buzz-abend-im-hafenspeicher",
                ),
                related_pages(
                    "Mehr zum Thema",
                    "orte/hafenspeicher-wismar",
                    "geschichten/zurueck-aufs-land",
                ),
            ],
        },
    },
    {
        "slug": "bauantrag-ohne-papierstapel",
        "days_ago": 112,
        "authors": ["aylin-demir"],
        "tags": ["verwaltung", "digitalisierung"],
        "fields": ["verwaltung"],
        "image": "raps",
        "de": {
            "title": "Weniger Papier, mehr Gespräch: Ein Amt testet den digitalen Bauantrag",
            "intro": (
                "Ein Amt im Nordwesten Mecklenburgs nimmt Bauanträge für Scheunenumbauten jetzt "
                "digital an – und ruft jede Antragstellerin vorher an."
            ),
            "body": [
                paragraph(
                    "<p>Viele leere Scheunen in der Region könnten Werkstätten, Wohnungen oder "
                    "Hofläden werden. Oft scheitert es nicht am Geld, sondern am Weg durch die "
                    "Genehmigung. Das Amt hat deshalb ausprobiert, was passiert, wenn es den "
                    "Ablauf umdreht: erst reden, dann Unterlagen.</p>"
                ),
                heading("Ein Anruf spart drei Briefe"),
                paragraph(
                    "<p>Vor jedem Antrag gibt es ein halbstündiges Gespräch per Telefon oder "
                    "Video. Danach wissen beide Seiten, welche Unterlagen wirklich nötig sind. "
                    "Die Zahl der Rückfragen hat sich im Testhalbjahr halbiert.</p>"
                ),
                quote(
                    "Wir sind keine Verhinderungsbehörde. Wir wollen, dass in den Scheunen "
                    "wieder Leben ist.",
                    "Leiter des Bauamts",
                ),
                image("windpark", SCENES["windpark"].alt["de"]),
                related_pages("Mehr zum Thema", "handlungsfelder/verwaltung"),
            ],
        },
    },
    {
        "slug": "zurueck-aufs-land",
        "days_ago": 140,
        "authors": ["merle-hansen", "jan-ole-petersen"],
        "tags": ["rueckkehr", "coworking", "gruendung"],
        "fields": ["gruendungen"],
        "image": "kueste",
        "de": {
            "title": "Zurück aufs Land: Drei Rückkehrerinnen erzählen",
            "intro": (
                "Sie sind zum Studium nach Berlin, Hamburg und Leipzig gegangen – und wieder "
                "zurückgekommen. Was hat sie bewogen, und was hat gefehlt?"
            ),
            "body": [
                paragraph(
                    "<p>Jana ist Softwareentwicklerin und arbeitet für eine Firma in Berlin. "
                    "Mareike hat in Wismar ein Planungsbüro für Holzbau gegründet. Sophie führt "
                    "den Hof ihrer Eltern weiter und verkauft Gemüse im Abo. Alle drei sind in "
                    "den letzten fünf Jahren in die Region zurückgekehrt.</p>"
                ),
                heading("Was sie zurückgeholt hat"),
                paragraph(
                    "<p>Platz, Ruhe, bezahlbarer Wohnraum und die Nähe zur Familie – aber auch "
                    "das Gefühl, hier etwas bewegen zu können. „In der Stadt war ich eine von "
                    "vielen. Hier fragt man mich, wenn etwas Neues entstehen soll“, sagt "
                    "Mareike.</p>"
                ),
                heading("Was noch fehlt"),
                paragraph(
                    "<p>Alle drei nennen dasselbe: verlässliche Busse, Kinderbetreuung am "
                    "Nachmittag und Orte, an denen man andere Selbstständige trifft. Am letzten "
                    "Punkt arbeitet das Bündnis bereits – mit Coworking-Räumen in kleinen "
                    "Städten und Dörfern.</p>"
                ),
                quote(
                    "Wenn die Gründe zu bleiben wachsen, kommen auch andere zurück.",
                    "Sophie, Gemüsebäuerin",
                ),
                call_to_action(
                    "Finden Sie einen Coworking-Raum oder Treffpunkt in Ihrer Nähe.",
                    "Orte in der Region entdecken",
                    page="orte",
                ),
            ],
        },
    },
]
