"""The three fields of action and the people who write the stories."""

FIELDS_OF_ACTION = [
    {
        "slug": "gruendungen",
        "colour": "green",
        "sort_order": 1,
        "de": {
            "name": "Ländliche Gründungen und Initiativen",
            "description": (
                "Wer auf dem Land ein Unternehmen, einen Verein oder eine Initiative startet, "
                "bekommt hier Beratung, Mitstreiter:innen und Strukturen – für nachhaltige "
                "Geschäftsideen und gesellschaftliches Engagement vor Ort."
            ),
        },
        "en": {
            "name": "Rural start-ups and initiatives",
            "description": (
                "Anyone starting a business, an association or an initiative in the countryside "
                "finds advice, allies and structures here – for sustainable business ideas and "
                "civic engagement on the ground."
            ),
        },
    },
    {
        "slug": "innovationsorte",
        "colour": "purple",
        "sort_order": 2,
        "de": {
            "name": "Kreativ- und Innovationsorte",
            "description": (
                "Coworking-Räume, offene Werkstätten und Dritte Orte sind Experimentierräume: "
                "Hier treffen sich Menschen aus Dorf und Stadt, probieren Neues aus und sorgen "
                "für den Local Buzz, aus dem Ideen entstehen."
            ),
        },
        "en": {
            "name": "Creative and innovation spaces",
            "description": (
                "Coworking spaces, open workshops and third places are spaces to experiment: "
                "people from villages and towns meet, try out new things and create the local "
                "buzz that ideas grow from."
            ),
        },
    },
    {
        "slug": "verwaltung",
        "colour": "blue",
        "sort_order": 3,
        "de": {
            "name": "Innovative Verwaltung",
            "description": (
                "Ämter und Gemeinden werden zu Möglichmacherinnen: mit politischen und "
                "administrativen Rahmenbedingungen, die neue Ideen zulassen, statt sie "
                "auszubremsen."
            ),
        },
        "en": {
            "name": "Innovative public administration",
            "description": (
                "Local authorities become enablers: with political and administrative conditions "
                "that let new ideas happen instead of slowing them down."
            ),
        },
    },
]

# Person has no slug; the German name finds an existing person again.
PEOPLE = [
    {
        "key": "merle-hansen",
        "name": "Merle Hansen",
        "de": {"role": "Redakteurin bei LANDVORTEIL"},
        "en": {"role": "Editor at LANDVORTEIL"},
    },
    {
        "key": "tobias-kroeger",
        "name": "Tobias Kröger",
        "de": {"role": "Netzwerk der Kreativ- und Innovationsorte"},
        "en": {"role": "Network of creative and innovation spaces"},
    },
    {
        "key": "aylin-demir",
        "name": "Aylin Demir",
        "de": {"role": "Referentin für innovative Verwaltung"},
        "en": {"role": "Adviser on innovative public administration"},
    },
    {
        "key": "jan-ole-petersen",
        "name": "Jan-Ole Petersen",
        "de": {"role": "Gründungsberater im Bündnis"},
        "en": {"role": "Start-up adviser in the alliance"},
    },
]
