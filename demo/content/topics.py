"""The overview of the fields of action and one topic page for each field."""

from .blocks import heading, paragraph, quote

INDEX = {
    "slug": "handlungsfelder",
    "de": {
        "title": "Handlungsfelder",
        "intro": (
            "Ein Innovationsökosystem lebt davon, dass Verwaltung, Wirtschaft, Zivilgesellschaft "
            "und Wissenschaft Wissen und Ressourcen teilen. Das Bündnis setzt dafür in drei "
            "Handlungsfeldern an."
        ),
        "body": [
            paragraph(
                "<p>In allen drei Feldern gilt: Wir stärken, was schon da ist, und die Menschen, "
                "die vor Ort Neues möglich machen. Jedes Feld hat eine eigene Seite mit den "
                "aktuellen Geschichten, Veranstaltungen und Orten.</p>"
            ),
            quote(
                "Ländlichkeit ist kein Nachteil, den man ausgleichen muss, sondern ein "
                "Standortvorteil, den man nutzen kann.",
                "Aus dem Leitbild des Bündnisses",
            ),
        ],
    },
    "en": {
        "slug": "topics",
        "title": "Fields of action",
        "intro": (
            "An innovation ecosystem thrives when public administration, business, civil "
            "society and research share knowledge and resources. The alliance works in three "
            "fields of action to make that happen."
        ),
        "body": [
            paragraph(
                "<p>In all three fields we strengthen what already exists and the people who "
                "make new things possible locally. Each field has a page of its own with its "
                "latest stories, events and places.</p>"
            ),
            quote(
                "Rural life is not a drawback to make up for but an advantage to build on.",
                "From the alliance's mission statement",
            ),
        ],
    },
}

TOPICS = [
    {
        "slug": "gruendungen",
        "field": "gruendungen",
        "de": {
            "title": "Ländliche Gründungen und Initiativen",
            "intro": (
                "Ob Hofladen, Softwarefirma oder Bürgerbus-Verein: Wer auf dem Land etwas "
                "gründet, findet Platz, bezahlbare Räume und Nachbar:innen, die mitziehen. Wir "
                "sorgen dafür, dass auch Beratung und Netzwerke nicht weit weg sind."
            ),
            "body": [
                heading("Was wir tun"),
                paragraph(
                    "<ul><li>Gründungssprechstunden in Coworking-Räumen der Region statt nur in "
                    "der Kreisstadt</li><li>Stammtische, auf denen Gründer:innen einander "
                    "kennenlernen und Erfahrungen teilen</li><li>Unterstützung für "
                    "Initiativen, die aus dem Ehrenamt ein tragfähiges Vorhaben machen wollen, "
                    "etwa eine Genossenschaft</li></ul>"
                ),
                heading("Warum es sich lohnt"),
                paragraph(
                    "<p>Jede Gründung schafft einen Grund, zu bleiben oder zurückzukommen. Das ist "
                    "für uns Enkeltauglichkeit: eine Region, in der auch die nächste Generation "
                    "ihre Chancen sieht.</p>"
                ),
            ],
        },
        "en": {
            "slug": "start-ups",
            "title": "Rural start-ups and initiatives",
            "intro": (
                "Whether a farm shop, a software company or a community bus association: anyone "
                "founding something in the countryside finds space, affordable premises and "
                "neighbours who join in. We make sure advice and networks are close at hand, "
                "too."
            ),
            "body": [
                heading("What we do"),
                paragraph(
                    "<ul><li>Start-up advice in the region's coworking spaces, not only in the "
                    "district town</li><li>Regular meet-ups where founders get to know each "
                    "other and share their experience</li><li>Support for initiatives that want "
                    "to turn volunteering into a lasting venture, such as a cooperative</li></ul>"
                ),
                heading("Why it matters"),
                paragraph(
                    "<p>Every new venture creates a reason to stay or to come back. That is what "
                    "we mean by a region fit for our grandchildren: a place where the next "
                    "generation sees its opportunities too.</p>"
                ),
            ],
        },
    },
    {
        "slug": "innovationsorte",
        "field": "innovationsorte",
        "de": {
            "title": "Kreativ- und Innovationsorte",
            "intro": (
                "Neue Ideen entstehen dort, wo Menschen einander begegnen. Coworking-Räume, "
                "offene Werkstätten und Dritte Orte sind die Experimentierräume der Region – und "
                "der Ort, an dem der Local Buzz entsteht."
            ),
            "body": [
                heading("Orte, die verbinden"),
                paragraph(
                    "<p>Im Dorfbüro trifft die Grafikerin auf den Landwirt, in der offenen "
                    "Werkstatt die Schülerin auf den Rentner. Aus solchen zufälligen Gesprächen – "
                    "dem kommunikativen Grundrauschen einer Region – entsteht neues Wissen.</p>"
                ),
                heading("Was wir tun"),
                paragraph(
                    "<p>Wir vernetzen die Betreiber:innen der Orte, helfen bei Förderanträgen und "
                    "machen die Orte mit Veranstaltungen bekannt. Wer selbst einen Ort eröffnen "
                    "möchte, findet bei uns Beratung und Erfahrungen anderer.</p>"
                ),
            ],
        },
        "en": {
            "slug": "innovation-spaces",
            "title": "Creative and innovation spaces",
            "intro": (
                "New ideas emerge where people meet. Coworking spaces, open workshops and third "
                "places are the region's spaces to experiment – and where the local buzz begins."
            ),
            "body": [
                heading("Places that connect"),
                paragraph(
                    "<p>At the village office the graphic designer meets the farmer; in the open "
                    "workshop the schoolgirl meets the pensioner. Such chance conversations – a "
                    "region's everyday background hum – are where new knowledge comes from.</p>"
                ),
                heading("What we do"),
                paragraph(
                    "<p>We connect the people who run these places, help with funding "
                    "applications and make the places known through events. If you want to open "
                    "a place yourself, we offer advice and the experience of others.</p>"
                ),
            ],
        },
    },
    {
        "slug": "verwaltung",
        "field": "verwaltung",
        "de": {
            "title": "Innovative Verwaltung",
            "intro": (
                "Eine Verwaltung, die ermöglicht statt verhindert, ist einer der größten "
                "Standortvorteile, den eine Region haben kann. Wir unterstützen Ämter und "
                "Gemeinden dabei, Möglichmacherinnen zu werden."
            ),
            "body": [
                heading("Was wir tun"),
                paragraph(
                    "<p>Mitarbeitende aus Ämtern probieren im Verwaltungslabor neue Abläufe aus, "
                    "gemeinsam mit den Menschen, die sie nutzen. Wir bringen Kommunen zusammen, "
                    "die voneinander lernen wollen, und übersetzen gute Beispiele in "
                    "Handlungspfade für andere.</p>"
                ),
                quote(
                    "Die beste Förderung ist manchmal ein Amt, das zurückruft.",
                    "Eine Gründerin aus Nordwestmecklenburg",
                ),
            ],
        },
        "en": {
            "slug": "public-administration",
            "title": "Innovative public administration",
            "intro": (
                "An administration that enables rather than prevents is one of the greatest "
                "advantages a region can have. We help local authorities to become enablers."
            ),
            "body": [
                heading("What we do"),
                paragraph(
                    "<p>In the public service lab, local government staff try out new procedures "
                    "together with the people who use them. We bring together municipalities that "
                    "want to learn from each other and turn good examples into learning paths "
                    "for others.</p>"
                ),
                quote(
                    "Sometimes the best support is an office that calls you back.",
                    "A founder from north-west Mecklenburg",
                ),
            ],
        },
    },
]
