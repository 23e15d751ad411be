"""The polls: an open one on the home page and a closed one in the finished process."""

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
