"""The proposals of the running process (some under review), the first proposals of the process
that collects them now, and the answered proposals of the finished one."""

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

# The first proposals of the process in its proposal phase (demo.content.processes.COLLECTING):
# author, field, municipality, (latitude, longitude) or None, days after the phase began, title,
# summary, text. Nobody supports yet: that phase comes later.
COLLECTING_PROPOSALS = [
    (
        "karim",
        "innovationsorte",
        "Geesthacht",
        ("53.43750", "10.36760"),
        1,
        "Wandernde Werkstatt im Leerstand",
        "Ein leerer Laden wird für drei Monate zur offenen Werkstatt und zieht dann in den "
        "nächsten Ort weiter.",
        "In fast jeder Kleinstadt stehen Läden leer. Eine Werkstatt mit Werkzeug, Nähmaschinen "
        "und einem großen Tisch braucht nicht viel – nur jemanden, der aufschließt.\n\nNach "
        "drei Monaten packen wir alles in einen Anhänger und ziehen weiter: So lernt jeder Ort "
        "die Idee kennen, und wer Feuer gefangen hat, macht vor Ort weiter.",
    ),
    (
        "frieda",
        "innovationsorte",
        "Klütz",
        None,
        2,
        "Stadt-Land-Tandems auf dem Hof",
        "Kreative aus Lübeck, Schwerin oder Wismar verbringen eine Woche auf einem Hof und "
        "arbeiten mit Menschen aus dem Dorf an einer gemeinsamen Frage.",
        "Die Städte sind nah, aber wir begegnen uns selten. Ein Tandem bringt eine Person aus "
        "der Stadt und eine aus dem Dorf für eine Woche zusammen.\n\nAm Ende steht ein kleines "
        "Ergebnis, das alle sehen können: ein Plakat, ein Prototyp, ein Fest.",
    ),
    (
        "lotte",
        "gruendungen",
        "Zarrentin am Schaalsee",
        ("53.55290", "10.91580"),
        4,
        "Probierladen für Gründungsideen",
        "Wer ein Produkt hat, testet es einen Monat lang in einem gemeinsamen Laden, für eine "
        "kleine Miete.",
        "Bevor man einen eigenen Laden eröffnet, möchte man wissen, ob die Idee ankommt. Ein "
        "Probierladen am Schaalsee bietet Regalmeter und Schaufenster auf Zeit.\n\nDie "
        "Gründer:innen wechseln sich beim Verkauf ab und lernen voneinander.",
    ),
    (
        "henrik",
        "verwaltung",
        "Boizenburg/Elbe",
        None,
        6,
        "Ein kleines Experimentierbudget für jedes Amt",
        "Jedes Amt bekommt einen festen Betrag, um Ideen von Bewohner:innen ohne lange Verfahren "
        "auszuprobieren.",
        "Oft fehlen nur ein paar hundert Euro und eine schnelle Entscheidung. Ein "
        "Experimentierbudget gibt den Ämtern die Freiheit, Ja zu sagen.\n\nWas ausprobiert "
        "wurde, wird einmal im Jahr öffentlich vorgestellt – auch das, was nicht geklappt hat.",
    ),
    (
        "sevgi",
        "innovationsorte",
        "Hagenow",
        ("53.43020", "11.19010"),
        8,
        "Der Bahnhof als Treffpunkt für Pendler:innen",
        "Im leeren Wartesaal entstehen ein paar Arbeitsplätze, ein Tauschregal und ein "
        "Kaffeeautomat.",
        "Jeden Morgen warten in Hagenow Dutzende auf den Zug, jede für sich. Ein offener "
        "Wartesaal mit Tischen, Steckdosen und einem Tauschregal macht daraus einen Ort, an dem "
        "man sich kennenlernt.\n\nAn einem Abend im Monat könnte es dort Vorträge aus der "
        "Region geben.",
    ),
]
