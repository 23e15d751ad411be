"""What the demo resident Hanna (bewohnerin@example.org) hears back: her own proposal in the
running process, which the alliance answered; a comment on it; a reply to a comment of hers; an
update of the action group she is a member of. She follows the running process and chose the
daily summary for what she follows.

People are the keys of ``processes.RESIDENTS`` or ``"bewohnerin"``.
"""

# Her proposal in "Enkeltaugliche Region 2040", submitted in the collecting phase.
PROPOSAL = {
    "author": "bewohnerin",
    "field": "verwaltung",
    "municipality": "Gadebusch",
    "submitted": -37,
    "title": "Bürgersprechstunde im Dorfladen",
    "summary": (
        "Einmal im Monat kommt jemand aus dem Amt in den Dorfladen und hilft bei Anträgen – "
        "ohne Fahrt in die Kreisstadt."
    ),
    "text": (
        "Viele Ältere in unseren Dörfern haben kein Auto mehr, und der Bus fährt selten. Für "
        "einen Antrag beim Amt geht oft ein halber Tag verloren.\n\n"
        "Der Dorfladen ist ohnehin der Treffpunkt. Ein fester Termin im Monat, ein Laptop und "
        "jemand aus der Verwaltung würden vielen den Weg sparen – und die Verwaltung erfährt "
        "nebenbei, wo es hakt."
    ),
}

# The alliance's answer; the proposal is under review since.
ANSWER = (
    "<p>Danke für den Vorschlag! Wir sprechen mit dem Amt Gadebusch über einen Probetermin im "
    "Frühjahr und melden uns hier, sobald es einen Termin gibt.</p>"
)

# (author, text) on her proposal.
COMMENT_ON_HER_PROPOSAL = (
    "lotte",
    "In Zarrentin würden wir sofort mitmachen. Vielleicht lässt sich der Termin mit dem "
    "Bücherbus verbinden?",
)

# Her comment on another proposal of the running process (by title), and the reply to it.
HER_COMMENT = (
    "Ein Antrag, ein Ansprechpartner",
    "Genau das fehlt! Am besten mit einer Telefonnummer, unter der wirklich jemand abnimmt.",
)
REPLY_TO_HER = (
    "karim",
    "Stimmt – und mit Rückruf, wenn gerade niemand frei ist. So macht es Geesthacht schon.",
)

# An update the leads of her group post (group name, lead, title, text).
GROUP_UPDATE = (
    "Coworking im Hafenspeicher",
    "ida",
    "Schlüsselübergabe für den Probebetrieb",
    "Ab dem ersten Montag im Monat sind vier Schreibtische im Speicher nutzbar. Wer einen Tag "
    "ausprobieren möchte, trägt sich in die Liste am Eingang ein.",
)
