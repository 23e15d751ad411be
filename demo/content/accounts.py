"""Paul (paul@example.org), a resident whose account a newcomer may delete to see what stays:
he supports two proposals of the running process, comments on one (and Ida answers him), is a
member of the repair-café network and holds one of the two places of the fully booked
counselling while Jonas waits (events.py).

People are the keys of ``processes.RESIDENTS``.
"""

EMAIL = "paul@example.org"
DISPLAY_NAME = "Paul aus Büchen"

# Titles of proposals of the running process.
SUPPORTS = ["Coworking im alten Speicher am Hafen", "Gründungsstammtisch in jeder Amtsgemeinde"]

# (proposal title, his comment, (who answers, the reply))
COMMENT = (
    "Coworking im alten Speicher am Hafen",
    "Ich pendle jeden Tag nach Hamburg. Zwei Tage die Woche im Speicher wären ein Gewinn – "
    "gibt es dort auch Spinde?",
    ("ida", "Spinde sind eingeplant, und ein Fahrradraum auch. Komm gern zum nächsten Treffen!"),
)

GROUP = "Netzwerk Reparaturcafés"
