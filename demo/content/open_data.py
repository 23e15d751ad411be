"""The open data page in German and English."""

PAGE = {
    "slug": "offene-daten",
    "de": {
        "title": "Offene Daten",
        "listing_summary": "Vorschläge, Abstimmungen, Veranstaltungen und Orte zum Herunterladen "
        "– als CSV, JSON und GeoJSON, unter einer offenen Lizenz.",
        "intro": "<p>Was auf der Plattform geschieht, gehört allen: Gemeinden, Kreis, "
        "Forschung und Presse können die öffentlichen Daten herunterladen und weiterverwenden. "
        "Die Dateien werden neu erzeugt, sobald sich etwas ändert, und enthalten nur, was "
        "jede und jeder auf der Website lesen kann.</p>",
    },
    "en": {
        "title": "Open data",
        "slug": "open-data",
        "listing_summary": "Proposals, polls, events and places to download – as CSV, JSON "
        "and GeoJSON, under an open licence.",
        "intro": "<p>What happens on the platform belongs to everybody: municipalities, the "
        "district, researchers and journalists can download the public data and reuse it. "
        "The files are generated anew whenever something changes and hold only what anybody "
        "can read on the website.</p>",
    },
}
