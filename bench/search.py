"""Benchmark: the site search (/de/suche/) over 100,000 proposals and 2,000 pages of German text
about the region; prints, for 50 different searches through the search view, the median time,
the number of results and of queries, then the median and 95th percentile over the 50, and the
same for the suggestions while typing (/de/suche/vorschlaege/). Target: a 95th percentile under
100 ms on our 2-core machines. Per search the table shows the median and slowest of the timed
requests, the time in SQL, how many index rows match the words (what the database reads; the
page counts at most 1,000), the results the page reports and shows, and the queries.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/search.py

PostgreSQL only: there the search is PostgreSQL's full-text search; on SQLite it is a substring
search in Python that only serves local development. Without a PostgreSQL DATABASE_URL the
benchmark says so and stops, successfully, so that `make bench` goes on with the others.

The database is migrated and gets the demo content plus, created once and reused on later runs:
four processes "Benchmark: Suche …" (translated into English like the demo's, so that the English
search meets the proposals too) with 100,000 proposals by 500 residents over the last two years,
about 3 % of them hidden or awaiting moderation and some answered; and 2,000 pages: a standard
page "Benchmark: Suche" below the German home page with 18 sections of about 80 pages, and 500
stories in the demo's story index, dated before the demo's stories so that the first page of the
story listing stays the same. The text comes from word lists and sentence templates about the
region, nouns in all their cases, drawn with a fixed seed. Proposals are inserted in bulk and
pages one by one (treebeard) without revisions; then ``search.documents.rebuild()`` indexes
everything once (timed); VACUUM FULL ANALYZE then compacts the index tables, so that a rebuild
(--rebuild, which deletes and inserts every row) leaves them as a first build does.

Each search is a request through Django's test client in this process, anonymous: every search
once to warm up, then --repeat timed requests each; a search's figure is their median, and the
median and 95th percentile are taken over the 50 figures. With --explain the queries of the
slowest search are run again with EXPLAIN ANALYZE, slowest first, and the --explain-top slowest
plans printed.
"""

import argparse
import datetime
import io
import itertools
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="landvorteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
# The test settings: DEBUG off like production, the demo content allowed.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from wagtail.models import Locale, Page  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402

from bench.explaining import explain  # noqa: E402
from cms.roles import RESIDENTS  # noqa: E402
from cms.taxonomy import FieldOfAction  # noqa: E402
from home.models import HomePage, StandardPage, StoryIndexPage, StoryPage  # noqa: E402
from participation.models import Moderation, Proposal  # noqa: E402
from participation.municipalities import MUNICIPALITIES  # noqa: E402
from search import documents  # noqa: E402
from search.models import SearchDocument, SearchTerm  # noqa: E402
from search.query import spellings, words_of  # noqa: E402
from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase  # noqa: E402

SLUG = "benchmark-suche"  # the marker page and the first process
PROPOSALS = 100_000
PAGES = 2_000  # the marker page, its sections and their pages, and the stories
STORY_SHARE = 4  # every fourth page is a story
SECTION_SIZE = 80  # pages per section
RESIDENT_COUNT = 500
RESIDENT_EMAIL = "search-bench-{}@example.org"
# (slug, title, English title, share of the proposals)
PROCESSES = [
    (SLUG, "Benchmark: Suche", "Benchmark: Search", 40),
    (f"{SLUG}-mobilitaet", "Benchmark: Suche – Mobilität", "Benchmark: Search – Mobility", 25),
    (f"{SLUG}-gruenden", "Benchmark: Suche – Gründen", "Benchmark: Search – Start-ups", 20),
    (f"{SLUG}-verwaltung", "Benchmark: Suche – Verwaltung", "Benchmark: Search – Admin", 15),
]
HIDDEN, PENDING, ANSWERED = 0.02, 0.01, 0.05
WARM_UP = 1
TARGET_MS = 100  # the 95th percentile over the 50 searches, from the issue

# --- German text ---------------------------------------------------------------------------------
# Nouns as (gender, singular, genitive singular, plural, field of action), commonest first: the
# documents draw them Zipf-like, so some words are in tens of thousands of rows, others in few.
NOUNS = [
    ("m", "Dorfladen", "Dorfladens", "Dorfläden", "gruendungen"),
    ("f", "Genossenschaft", "Genossenschaft", "Genossenschaften", "gruendungen"),
    ("f", "Gründung", "Gründung", "Gründungen", "gruendungen"),
    ("m", "Coworking-Space", "Coworking-Space", "Coworking-Spaces", "innovationsorte"),
    ("m", "Bürgerbus", "Bürgerbusses", "Bürgerbusse", "verwaltung"),
    ("n", "Dorfbüro", "Dorfbüros", "Dorfbüros", "innovationsorte"),
    ("f", "Mitfahrbank", "Mitfahrbank", "Mitfahrbänke", "verwaltung"),
    ("m", "Radweg", "Radwegs", "Radwege", "verwaltung"),
    ("n", "Ärztehaus", "Ärztehauses", "Ärztehäuser", "verwaltung"),
    ("n", "Bürgerbüro", "Bürgerbüros", "Bürgerbüros", "verwaltung"),
    ("m", "Hofladen", "Hofladens", "Hofläden", "gruendungen"),
    ("f", "Werkstatt", "Werkstatt", "Werkstätten", "innovationsorte"),
    ("m", "Jugendtreff", "Jugendtreffs", "Jugendtreffs", "innovationsorte"),
    ("n", "Förderprogramm", "Förderprogramms", "Förderprogramme", "gruendungen"),
    ("f", "Glasfaserleitung", "Glasfaserleitung", "Glasfaserleitungen", "verwaltung"),
    ("m", "Antrag", "Antrags", "Anträge", "verwaltung"),
    ("f", "Kita", "Kita", "Kitas", "verwaltung"),
    ("f", "Schule", "Schule", "Schulen", "verwaltung"),
    ("n", "Gemeindezentrum", "Gemeindezentrums", "Gemeindezentren", "innovationsorte"),
    ("m", "Wochenmarkt", "Wochenmarkts", "Wochenmärkte", "gruendungen"),
    ("n", "Café", "Cafés", "Cafés", "gruendungen"),
    ("f", "Ladesäule", "Ladesäule", "Ladesäulen", "verwaltung"),
    ("n", "Carsharing-Angebot", "Carsharing-Angebots", "Carsharing-Angebote", "gruendungen"),
    ("f", "Rufbuslinie", "Rufbuslinie", "Rufbuslinien", "verwaltung"),
    ("m", "Bahnhof", "Bahnhofs", "Bahnhöfe", "innovationsorte"),
    ("f", "Bibliothek", "Bibliothek", "Bibliotheken", "innovationsorte"),
    ("m", "Sportverein", "Sportvereins", "Sportvereine", "gruendungen"),
    ("n", "Start-up", "Start-ups", "Start-ups", "gruendungen"),
    ("m", "Handwerksbetrieb", "Handwerksbetriebs", "Handwerksbetriebe", "gruendungen"),
    ("n", "Bürgerportal", "Bürgerportals", "Bürgerportale", "verwaltung"),
    ("m", "Spielplatz", "Spielplatzes", "Spielplätze", "verwaltung"),
    ("f", "Pflegeeinrichtung", "Pflegeeinrichtung", "Pflegeeinrichtungen", "verwaltung"),
    ("m", "Gemeinschaftsgarten", "Gemeinschaftsgartens", "Gemeinschaftsgärten", "gruendungen"),
    ("f", "Solaranlage", "Solaranlage", "Solaranlagen", "gruendungen"),
    ("n", "Nahwärmenetz", "Nahwärmenetzes", "Nahwärmenetze", "gruendungen"),
    ("f", "Sprechstunde", "Sprechstunde", "Sprechstunden", "verwaltung"),
    ("n", "Reallabor", "Reallabors", "Reallabore", "innovationsorte"),
    ("m", "Makerspace", "Makerspace", "Makerspaces", "innovationsorte"),
    ("f", "Mobilitätsstation", "Mobilitätsstation", "Mobilitätsstationen", "verwaltung"),
    ("m", "Lieferdienst", "Lieferdienstes", "Lieferdienste", "gruendungen"),
    ("f", "Onlineplattform", "Onlineplattform", "Onlineplattformen", "innovationsorte"),
    ("m", "Leerstand", "Leerstands", "Leerstände", "innovationsorte"),
    ("f", "Feuerwehr", "Feuerwehr", "Feuerwehren", "verwaltung"),
    ("f", "Dorfkneipe", "Dorfkneipe", "Dorfkneipen", "gruendungen"),
    ("n", "Wohnprojekt", "Wohnprojekts", "Wohnprojekte", "innovationsorte"),
]
# Each in a dozen or two documents: one sentence in 6,000 names one of them.
RARE_NOUNS = [
    ("f", "Streuobstwiese", "Streuobstwiese", "Streuobstwiesen"),
    ("f", "Kulturscheune", "Kulturscheune", "Kulturscheunen"),
    ("m", "Hofladenautomat", "Hofladenautomaten", "Hofladenautomaten"),
    ("n", "Kneippbecken", "Kneippbeckens", "Kneippbecken"),
    ("n", "Backhaus", "Backhauses", "Backhäuser"),
    ("n", "Lastenrad", "Lastenrads", "Lastenräder"),
    ("m", "Wasserstoffbus", "Wasserstoffbusses", "Wasserstoffbusse"),
    ("n", "Repair-Café", "Repair-Cafés", "Repair-Cafés"),
    ("n", "Dorfgemeinschaftshaus", "Dorfgemeinschaftshauses", "Dorfgemeinschaftshäuser"),
    ("f", "Seniorengenossenschaft", "Seniorengenossenschaft", "Seniorengenossenschaften"),
    ("n", "Tauschregal", "Tauschregals", "Tauschregale"),
    ("f", "Bücherzelle", "Bücherzelle", "Bücherzellen"),
    ("f", "Milchtankstelle", "Milchtankstelle", "Milchtankstellen"),
    ("n", "Insektenhotel", "Insektenhotels", "Insektenhotels"),
    ("n", "Dorfkino", "Dorfkinos", "Dorfkinos"),
    ("m", "Waldkindergarten", "Waldkindergartens", "Waldkindergärten"),
]
ADJECTIVES = [
    "neu", "regional", "digital", "genossenschaftlich", "ehrenamtlich", "klein", "gemeinsam",
    "barrierefrei", "modern", "öffentlich", "ländlich", "zentral", "günstig", "nachhaltig",
    "selbstorganisiert", "offen",
]  # fmt: skip
# (infinitive, zu-infinitive, participle)
VERBS = [
    ("aufbauen", "aufzubauen", "aufgebaut"),
    ("gründen", "zu gründen", "gegründet"),
    ("fördern", "zu fördern", "gefördert"),
    ("erhalten", "zu erhalten", "erhalten"),
    ("planen", "zu planen", "geplant"),
    ("stärken", "zu stärken", "gestärkt"),
    ("erweitern", "zu erweitern", "erweitert"),
    ("verbessern", "zu verbessern", "verbessert"),
    ("finanzieren", "zu finanzieren", "finanziert"),
    ("eröffnen", "zu eröffnen", "eröffnet"),
    ("digitalisieren", "zu digitalisieren", "digitalisiert"),
    ("unterstützen", "zu unterstützen", "unterstützt"),
    ("betreiben", "zu betreiben", "betrieben"),
    ("einrichten", "einzurichten", "eingerichtet"),
    ("ausbauen", "auszubauen", "ausgebaut"),
    ("organisieren", "zu organisieren", "organisiert"),
    ("wiederbeleben", "wiederzubeleben", "wiederbelebt"),
]
THEMES = [
    "Mobilität", "Digitalisierung", "Daseinsvorsorge", "Klimaschutz", "Bürgerbeteiligung",
    "Fachkräftesicherung", "Nahversorgung", "Breitbandausbau", "Tourismus", "Landwirtschaft",
    "Kultur", "Pflege", "Bildung", "Ehrenamt", "Verwaltungsmodernisierung", "Wohnen",
]  # fmt: skip
CITIES = ["Lübeck", "Schwerin", "Wismar", "Lüneburg", "Hamburg"]
TOWNS = [*CITIES, "Berlin", "Rostock", "Kiel", "Ratzeburg", "Mölln", "Hagenow", "Bad Oldesloe"]
VILLAGES = [
    "Dassow", "Schlagsdorf", "Lassahn", "Dümmer", "Lübtheen", "Krembz", "Roggendorf", "Kittendorf",
    "Salem", "Bälau", "Pogeez", "Sterley", "Bliestorf", "Groß Grönau", "Amt Neuhaus", "Bleckede",
]  # fmt: skip
PLACES = CITIES * 3 + MUNICIPALITIES + VILLAGES
GROUPS = [
    "Ehrenamtliche", "junge Familien", "ältere Menschen", "Pendlerinnen und Pendler",
    "Gründerinnen und Gründer", "Jugendliche", "Landwirtinnen und Landwirte",
    "viele Nachbarinnen und Nachbarn", "Zugezogene", "Studierende", "die Landfrauen",
    "Rückkehrerinnen und Rückkehrer", "kleine Betriebe", "Vereine",
]  # fmt: skip
ACTORS = [
    "die Gemeinde", "der Landkreis", "die Amtsverwaltung", "der Bürgermeister",
    "die Bürgermeisterin", "der Heimatverein", "die Wirtschaftsförderung", "das Bündnis",
    "die Kirchengemeinde", "der Gemeinderat", "die Hansestadt Lübeck", "die Hansestadt Wismar",
    "die Landeshauptstadt Schwerin", "die Hansestadt Lüneburg", "die Genossenschaft",
]  # fmt: skip
SENTENCES = [
    "{IN_ORT*} fehlt seit Jahren {N*:nom:iadj}.",
    "{GRUPPE} wünschen sich {IN_ORT*} {N*:akk:iadj}.",
    "{AKTEUR} soll {N*:akk:adj} bis {JAHR} {V:inf}.",
    "Wir schlagen vor, {N*:akk:iadj} {IN_ORT*} {V:zu}.",
    "Mit {N*:dat:def} könnten {GRUPPE} viele Wege sparen.",
    "Die Idee {N*:gen:def} stammt aus {ORT}.",
    "{P*:nom:adj} brauchen verlässliche Partner und eine sichere Finanzierung.",
    "Wie können {P:nom:def} {IN_ORT} auf Dauer bestehen?",
    "Bei der Gründung {N*:gen:indef} helfen die Wirtschaftsförderung und das Bündnis.",
    "Für {P*:akk:none} fehlt {IN_ORT} bisher das Geld.",
    "Seit {VORJAHR} gibt es {IN_ORT} {N:akk:iadj}, aber der Bedarf ist größer.",
    "Zwischen {STADT} und {STADT} pendeln jeden Tag Tausende Menschen.",
    "{THEMA} ist {IN_ORT*} seit Langem ein wichtiges Thema.",
    "Beim Thema {THEMA} hängt die Region den Städten hinterher.",
    "Ohne {P:akk:none} ziehen junge Familien eher nach {STADT}.",
    "{AKTEUR} hat {N:akk:def} {VORJAHR} {V:pp}.",
    "Im Gespräch mit der Verwaltung wurde klar, dass {N*:nom:def} dringend gebraucht wird.",
    "Ehrenamtliche könnten {N*:akk:def} an zwei Tagen in der Woche öffnen.",
    "Das Ehrenamt allein kann {P:akk:def} nicht tragen.",
    "Die Digitalisierung der Verwaltung würde den Menschen {IN_ORT} viele Wege ersparen.",
    "Anträge sollten sich online stellen lassen, ohne dass man nach {STADT} fahren muss.",
    "Eine Umfrage unter {ZAHL} Haushalten zeigt, dass {N*:nom:iadj} gewünscht wird.",
    "{N*:nom:def} {IN_ORT*} könnte ein Vorbild für die ganze Region sein.",
    "Ähnliche Projekte gibt es schon in {STADT} und in {ORT}.",
    "Die Kosten für {N*:akk:iadj} liegen nach ersten Schätzungen bei {ZAHL}.000 Euro.",
    "Wir haben bereits {ZAHL} Unterschriften für {N*:akk:def} gesammelt.",
    "Gerade für {GRUPPE} wäre {N*:nom:iadj} eine große Erleichterung.",
    "Viele Gründerinnen und Gründer suchen {IN_ORT} nach Räumen für {P:akk:none}.",
    "Ein Coworking-Space im alten Bahnhof würde den Weg nach {STADT} ersparen.",
    "Die Förderung {P:gen:def} sollte einfacher und schneller werden.",
    "Bisher dauert ein Antrag auf Förderung oft mehrere Monate.",
    "Mit einer Mitfahrbank an jeder Haltestelle wäre {ORT} besser angebunden.",
    "Seit der Bus nur noch zweimal am Tag fährt, ist {N:nom:iadj} umso wichtiger.",
    "In {STADT} funktioniert {N*:nom:iadj} bereits sehr gut.",
    "{GRUPPE} aus {ORT*} haben sich zusammengetan, um {N*:akk:iadj} {V:zu}.",
    "Das Dorf lebt von Menschen, die sich engagieren.",
    "Wichtig ist, dass {N*:nom:def} barrierefrei erreichbar ist.",
    "Der Leerstand im Ortskern bietet Platz für {P*:akk:none}.",
    "Wer auf dem Land gründet, braucht schnelles Internet und kurze Wege zur Verwaltung.",
    "Vielleicht lässt sich {N*:nom:def} mit {N:dat:def} verbinden.",
    "Die nächste Sitzung zum Thema {THEMA} findet im Gemeindehaus statt.",
    "Auf dem Wochenmarkt haben wir mit vielen Menschen über {P*:akk:def} gesprochen.",
    "Erfahrungen aus {STADT} zeigen, dass {P:nom:adj} vor allem Zeit brauchen.",
    "Eine Genossenschaft könnte {N*:akk:def} gemeinsam tragen.",
    "Die Verwaltung {ORT_GEN} prüft, ob sich {N*:nom:iadj} {V:inf} lässt.",
]
RARE_SENTENCES = [
    "Außerdem wünschen wir uns {R:akk:iadj} am Ortsrand.",
    "In {ORT} gibt es schon {R:akk:iadj}, das könnte ein Vorbild sein.",
    "Vielleicht passt auch {R:nom:iadj} dazu.",
]
PROPOSAL_TITLES = [
    "{N*:nom:iadj} für {ORT*}",
    "{N*:base} {IN_ORT*}",
    "Mehr {P*:base} {IN_ORT*}",
    "{ORT*} braucht {N*:akk:iadj}",
    "{N*:akk:iadj} {IN_ORT*} {V:inf}",
    "{THEMA}: {N*:nom:iadj} {IN_ORT*}",
    "{P*:akk:def} {IN_ORT*} {V:inf}",
]
PAGE_TITLES = [
    "{N*:base} {IN_ORT*}: {ZUSATZ}",
    "Ratgeber: {P*:akk:none} {V:inf}",
    "{THEMA} {IN_ORT*}",
    "Wie {P*:nom:def} {IN_ORT*} entstehen",
    "{AKTEUR} setzt auf {N*:akk:iadj}",
    "{N*:nom:iadj} für {ORT*}: {ZUSATZ}",
]
TITLE_ENDINGS = [
    "So gelingt der Start", "Ein Erfahrungsbericht", "Fragen und Antworten",
    "Was wir gelernt haben", "Ein Jahr danach", "Wie es weitergeht", "Zahlen und Fakten",
]  # fmt: skip
HEADINGS = [
    "Wie alles anfing", "Was es braucht", "Die Finanzierung", "Wer mitmacht", "Erste Erfahrungen",
    "Was als Nächstes kommt", "Fragen aus der Nachbarschaft", "{THEMA} im Alltag",
    "{P*:base} in der Region", "Der Blick nach {STADT}",
]  # fmt: skip
PEOPLE = ["Anke", "Bernd", "Carola", "Dirk", "Elke", "Frank", "Gesa", "Holger", "Ilka", "Jens"]
ROLES = ["Vorsitzende des Heimatvereins", "Gründer", "Bürgermeisterin", "Landwirt", "Mieterin"]
ANSWERS = [
    "<p>Vielen Dank für den Vorschlag. Die Gemeinde prüft ihn gemeinsam mit dem Landkreis.</p>",
    "<p>Der Vorschlag wird im nächsten Haushalt berücksichtigt.</p>",
    "<p>Leider fehlen dafür die Mittel. Wir suchen nach Förderprogrammen.</p>",
]

ARTICLES = {
    "def": {
        "nom": {"m": "der", "f": "die", "n": "das", "pl": "die"},
        "akk": {"m": "den", "f": "die", "n": "das", "pl": "die"},
        "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den"},
        "gen": {"m": "des", "f": "der", "n": "des", "pl": "der"},
    },
    "indef": {
        "nom": {"m": "ein", "f": "eine", "n": "ein"},
        "akk": {"m": "einen", "f": "eine", "n": "ein"},
        "dat": {"m": "einem", "f": "einer", "n": "einem"},
        "gen": {"m": "eines", "f": "einer", "n": "eines"},
    },
}
# Adjective endings without an article (plural), by case.
STRONG_ENDINGS = {"nom": "e", "akk": "e", "dat": "en", "gen": "er"}
CHOICES = {
    "STADT": TOWNS,
    "GRUPPE": GROUPS,
    "AKTEUR": ACTORS,
    "THEMA": THEMES,
    "ZUSATZ": TITLE_ENDINGS,
}
TOKEN = re.compile(r"\{([A-Z_]+)(\*?)(?::(\w+))?(?::(\w+))?\}")


def _ending(kind, case, gender):
    """The adjective's ending after a definite article, an indefinite one or none."""
    if kind == "def":
        if gender == "pl":
            return "en"
        if case == "nom" or (case == "akk" and gender != "m"):
            return "e"
        return "en"
    if kind == "indef":
        if case in ("dat", "gen"):
            return "en"
        return {"m": "er" if case == "nom" else "en", "f": "e", "n": "es"}[gender]
    return STRONG_ENDINGS[case]


class Writer:
    """German sentences, paragraphs and titles about one topic (a noun, a second one) and one
    place, as people write: a proposal keeps to its subject."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Zipf-like, flattened at the top: the commonest noun is the topic of about one
        # document in ten, and in about a quarter of them all in all.
        weights = [1 / (rank + 4) for rank in range(len(NOUNS))]
        self.noun_weights = list(itertools.accumulate(weights))

    def noun(self):
        return self.rng.choices(NOUNS, cum_weights=self.noun_weights)[0]

    def topic(self):
        """A new document: its main noun and place, which its sentences come back to."""
        self.main_noun = self.noun()
        self.second_noun = self.noun()
        self.main_place = self.rng.choice(PLACES)
        return self.main_noun, self.main_place

    def some_noun(self, main):
        """For a starred token mostly the topic; else mostly the second noun, now and then any."""
        roll = self.rng.random()
        if main and roll < 0.85:
            return self.main_noun
        return self.second_noun if roll < 0.9 else self.noun()

    def phrase(self, noun, plural, case, kind):
        gender, singular, genitive, plural_form = noun[:4]
        if kind == "base":
            return plural_form if plural else singular
        if plural:
            gender = "pl"
            word = plural_form
            if case == "dat" and not word.endswith(("n", "s")):
                word += "n"
        else:
            word = genitive if case == "gen" else singular
        with_adjective = kind in ("adj", "iadj") or (plural and kind == "none")
        article_kind = {"def": "def", "adj": "def", "indef": "indef", "iadj": "indef"}.get(kind)
        if plural and article_kind == "indef":
            article_kind = None
        parts = []
        if article_kind:
            parts.append(ARTICLES[article_kind][case][gender])
        if with_adjective and self.rng.random() < (0.8 if kind != "none" else 0.4):
            adjective = self.rng.choice(ADJECTIVES)
            parts.append(adjective + _ending(article_kind or "none", case, gender))
        parts.append(word)
        return " ".join(parts)

    def place(self, main):
        return self.main_place if main and self.rng.random() < 0.85 else self.rng.choice(PLACES)

    def fill(self, template):
        rng = self.rng

        def token(match):
            name, main, case, kind = match.group(1), bool(match.group(2)), *match.group(3, 4)
            if name in ("N", "P"):
                noun = self.some_noun(main)
                return self.phrase(noun, name == "P", case, kind or case)
            if name == "R":
                return self.phrase(rng.choice(RARE_NOUNS), False, case, kind)
            if name == "V":
                verb = rng.choice(VERBS)
                return {"inf": verb[0], "zu": verb[1], "pp": verb[2]}[case]
            if name == "ORT":
                return self.place(main)
            if name == "IN_ORT":
                return rng.choice(["in ", "in ", "rund um ", "bei "]) + self.place(main)
            if name == "ORT_GEN":
                return "von " + self.place(main)
            if name in CHOICES:
                return rng.choice(CHOICES[name])
            if name == "JAHR":
                return str(rng.randint(2026, 2032))
            if name == "VORJAHR":
                return str(rng.randint(2008, 2024))
            if name == "ZAHL":
                return str(rng.choice([12, 25, 40, 60, 85, 120, 150, 300, 450]))
            raise ValueError(name)

        text = TOKEN.sub(token, template)
        return text[0].upper() + text[1:]

    def sentence(self):
        if self.rng.random() < 1 / 6_000:
            return self.fill(self.rng.choice(RARE_SENTENCES))
        return self.fill(self.rng.choice(SENTENCES))

    def paragraph(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self, templates, limit):
        for _ in range(10):
            title = self.fill(self.rng.choice(templates))
            if len(title) <= limit:
                return title
        return title[:limit]


# --- The data ------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def german_home():
    return HomePage.objects.filter(locale__language_code="de").first()


def create_pages(count):
    """The marker page, its sections with their pages, and the stories; one transaction, so
    that the marker means all of them exist. Returns how many pages were created."""
    writer = Writer(2_000)
    home = german_home()
    story_index = StoryIndexPage.objects.filter(locale=home.locale).first()
    fields = {field.slug: field for field in FieldOfAction.objects.filter(locale=home.locale)}
    today = timezone.localdate()
    now = timezone.now()
    stories = count // STORY_SHARE
    standard = count - stories - 1
    sections = max(1, standard // SECTION_SIZE)
    leaves = standard - sections

    def body(heading_count, quote=True):
        blocks = []
        for _ in range(heading_count):
            blocks.append(
                {
                    "type": "heading",
                    "value": {"text": writer.fill(writer.rng.choice(HEADINGS)), "level": "h2"},
                }
            )
            for _ in range(writer.rng.randint(1, 3)):
                blocks.append({"type": "paragraph", "value": f"<p>{writer.paragraph(3, 6)}</p>"})
            if quote and writer.rng.random() < 0.2:
                blocks.append(
                    {
                        "type": "quote",
                        "value": {
                            "quote": writer.sentence(),
                            "attribution": f"{writer.rng.choice(PEOPLE)}, "
                            f"{writer.rng.choice(ROLES)} aus {writer.main_place}",
                        },
                    }
                )
        return blocks

    def published(page, when):
        page.first_published_at = page.last_published_at = when
        return page

    marker = StandardPage(
        title="Benchmark: Suche",
        slug=SLUG,
        intro="Seiten mit deutschem Text über die Region für den Benchmark der Suche.",
    )
    home.add_child(instance=published(marker, now))
    parents = []
    for n in range(sections):
        writer.topic()
        section = StandardPage(
            title=writer.title(PAGE_TITLES, 120),
            slug=f"bereich-{n + 1}",
            intro=writer.paragraph(1, 2)[:600],
            body=body(2),
        )
        marker.add_child(instance=published(section, now - datetime.timedelta(days=400)))
        parents.append(section)
    for n in range(leaves):
        writer.topic()
        days = writer.rng.randint(1, 700)
        page = StandardPage(
            title=writer.title(PAGE_TITLES, 120),
            slug=f"seite-{n + 1}",
            intro=writer.paragraph(1, 3)[:600],
            listing_summary=writer.sentence()[:300],
            body=body(writer.rng.randint(3, 7)),
        )
        parents[n % sections].add_child(instance=published(page, now - datetime.timedelta(days)))
    for n in range(stories):
        noun, _place = writer.topic()
        # Older than the demo's stories (at most 140 days old): its listing stays as it was.
        date = today - datetime.timedelta(days=200 + n * 3)
        story = StoryPage(
            title=writer.title(PAGE_TITLES, 120),
            slug=f"{SLUG}-{n + 1}",
            date=date,
            intro=writer.paragraph(2, 3)[:600],
            body=body(writer.rng.randint(3, 6)),
        )
        story.fields_of_action.set([fields[noun[4]]] if noun[4] in fields else [])
        when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
        story_index.add_child(instance=published(story, when))
    return 1 + sections + leaves + stories


def create_processes():
    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    english = Locale.objects.filter(language_code="en").first()
    today = timezone.localdate()
    processes = []
    for slug, title, english_title, _share in PROCESSES:
        process = ProcessPage(
            title=title,
            slug=slug,
            question="Was braucht die Region, damit Menschen hier gut leben und arbeiten?",
            intro="Ein Prozess mit sehr vielen Vorschlägen für den Benchmark der Suche.",
            moderation=ProcessPage.Moderation.POST,
            phases=[
                ProcessPhase(
                    title="Vorschläge sammeln",
                    start=today - datetime.timedelta(days=730),
                    end=today + datetime.timedelta(days=365),
                    allows_support=True,
                    allows_comment=True,
                )
            ],
        )
        index.add_child(instance=process)
        process.save_revision().publish()
        if english is not None and index.get_translation_or_none(english) is not None:
            translated = process.copy_for_translation(english).specific
            translated.title = english_title
            translated.question = "What does the region need for people to live and work well?"
            translated.intro = "A process with very many proposals for the search benchmark."
            translated.save_revision().publish()
        processes.append(process)
    return processes


def create_residents():
    User = get_user_model()
    password = make_password(settings.DEMO_PASSWORD)
    emails = [RESIDENT_EMAIL.format(n) for n in range(RESIDENT_COUNT)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    new = [
        User(email=email, display_name=f"{PEOPLE[n % len(PEOPLE)]} S.", password=password)
        for n, email in enumerate(emails)
        if email not in existing
    ]
    User.objects.bulk_create(new)
    created = list(User.objects.filter(email__in=[user.email for user in new]))
    Group.objects.get(name=RESIDENTS).user_set.add(*created)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in created
    )
    return list(User.objects.filter(email__in=emails).values_list("pk", flat=True))


def create_proposals(processes, count):
    """``count`` proposals, shared out among ``processes`` and interleaved, over the last two
    years (oldest first); some hidden, some awaiting moderation, some answered."""
    writer = Writer(100_000)
    rng = writer.rng
    authors = create_residents()
    fields = {
        field.slug: field.pk for field in FieldOfAction.objects.filter(locale__language_code="de")
    }
    shares = [share for *_rest, share in PROCESSES]
    before = Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    batch = []
    for _ in range(count):
        noun, place = writer.topic()
        moderation = Moderation.PUBLISHED
        roll = rng.random()
        if roll < HIDDEN:
            moderation = Moderation.HIDDEN
        elif roll < HIDDEN + PENDING:
            moderation = Moderation.PENDING
        answered = moderation == Moderation.PUBLISHED and rng.random() < ANSWERED
        paragraphs = [writer.paragraph(2, 5) for _ in range(rng.randint(1, 4))]
        batch.append(
            Proposal(
                process_id=rng.choices(processes, weights=shares)[0].pk,
                author_id=rng.choice(authors),
                title=writer.title(PROPOSAL_TITLES, 120),
                summary=writer.paragraph(1, 2)[:500],
                text="\n\n".join(paragraphs)[:10_000],
                field_of_action_id=fields.get(noun[4]) or rng.choice(list(fields.values())),
                municipality=place if place in MUNICIPALITIES else "",
                moderation=moderation,
                state=rng.choice(
                    [
                        Proposal.State.UNDER_REVIEW,
                        Proposal.State.ACCEPTED,
                        Proposal.State.REJECTED,
                        Proposal.State.IMPLEMENTED,
                    ]
                )
                if answered
                else Proposal.State.SUBMITTED,
                answer=rng.choice(ANSWERS) if answered else "",
                answered_at=timezone.now() if answered else None,
                support_count=min(5_000, int(rng.paretovariate(1.2)) - 1),
            )
        )
        if len(batch) == 5_000:
            Proposal.objects.bulk_create(batch, batch_size=1_000)
            batch = []
    Proposal.objects.bulk_create(batch, batch_size=1_000)
    # auto_now_add stamped them all with now: every ten minutes one, the newest now.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE participation_proposal p SET
              created_at = t.at, updated_at = t.at,
              answered_at = CASE WHEN p.answered_at IS NULL THEN NULL
                                 ELSE least(%s, t.at + interval '21 days') END
            FROM (SELECT id, %s - (max(id) OVER () - id) * interval '10 minutes' AS at
                  FROM participation_proposal WHERE id > %s) t
            WHERE p.id = t.id
            """,
            [timezone.now(), timezone.now(), before],
        )


def index_is_current(processes, marker):
    """Whether the index holds the benchmark's published proposals and its standard pages."""
    published = Proposal.objects.filter(process__in=processes, moderation=Moderation.PUBLISHED)
    proposals = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Proposal), page__in=processes
    )
    pages = Page.objects.descendant_of(marker, inclusive=True)
    indexed_pages = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(StandardPage),
        object_id__in=pages.values("pk"),
    )
    return proposals.count() == published.count() and indexed_pages.count() == pages.count()


def prepare(args):
    """The benchmark's data and index, created where missing; prints what it did."""
    home = german_home()
    marker = StandardPage.objects.child_of(home).filter(slug=SLUG).first()
    created = False
    if marker is None:
        started = time.perf_counter()
        with transaction.atomic():
            count = create_pages(args.pages)
        print(f"created {count:,} pages in {time.perf_counter() - started:.1f} s")
        marker = StandardPage.objects.child_of(home).get(slug=SLUG)
        created = True
    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    slugs = [slug for slug, *_rest in PROCESSES]
    processes = list(ProcessPage.objects.child_of(index).filter(slug__in=slugs))
    if len(processes) < len(PROCESSES):
        started = time.perf_counter()
        with transaction.atomic():
            processes = create_processes()
            create_proposals(processes, args.proposals)
        print(f"created {args.proposals:,} proposals in {time.perf_counter() - started:.1f} s")
        created = True
    if created or args.rebuild or not index_is_current(processes, marker):
        started = time.perf_counter()
        total = documents.rebuild()
        rebuilt = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"search.documents.rebuild(): {total:,} rows in {rebuilt:.1f} s "
            f"(peak memory of this process so far {peak:,.0f} MB)"
        )
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM FULL ANALYZE search_searchdocument")
            cursor.execute("VACUUM FULL ANALYZE search_searchterm")
        print(f"VACUUM FULL ANALYZE of the index tables: {time.perf_counter() - started:.1f} s")
    else:
        print("the index holds the benchmark data already (--rebuild to time a rebuild)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return marker, processes


def describe(marker, processes):
    proposals = Proposal.objects.filter(process__in=processes)
    published = proposals.filter(moderation=Moderation.PUBLISHED).count()
    pages = Page.objects.descendant_of(marker, inclusive=True).count()
    stories = StoryPage.objects.filter(slug__startswith=f"{SLUG}-").count()
    by_type = {
        ContentType.objects.get_for_id(row["content_type"]).model: row["count"]
        for row in SearchDocument.objects.values("content_type")
        .order_by()
        .annotate(count=Count("pk"))
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('search_searchdocument')),"
            " pg_size_pretty(pg_relation_size('search_document_vector_de')"
            " + pg_relation_size('search_document_vector_en')),"
            " pg_size_pretty(pg_relation_size('search_document_title'))"
        )
        table, vector, title = cursor.fetchone()
    rows = ", ".join(f"{count:,} {model}" for model, count in sorted(by_type.items()))
    print(
        f"database: {connection.vendor} {connection.pg_version // 10000}; benchmark data: "
        f"{proposals.count():,} proposals ({published:,} published) in {len(processes)} "
        f"processes, {pages + stories:,} pages ({stories:,} of them stories)"
    )
    print(
        f"index: {rows}; {SearchTerm.objects.count():,} words for “did you mean”; table "
        f"{table} with its indexes (search vector GIN {vector}, title GIN {title})"
    )


# --- Measuring -----------------------------------------------------------------------------------

# (language, words, extra parameters, what it tries)
SEARCHES = [
    ("de", "Dorfladen", "", "common word"),
    ("de", "Gründung", "", "common word"),
    ("de", "Verwaltung", "", "common word"),
    ("de", "Coworking", "", "common word"),
    ("de", "Mobilität", "", "common word"),
    ("de", "Genossenschaft", "", "common word"),
    ("de", "Ehrenamt", "", "common word"),
    ("de", "Digitalisierung", "", "common word"),
    ("de", "Lübeck", "", "city"),
    ("de", "Schwerin", "", "city"),
    ("de", "Wismar", "", "city"),
    ("de", "Lüneburg", "", "city"),
    ("de", "Bürgerbus", "", "common word"),
    ("de", "Glasfaser", "", "part of a compound"),
    ("de", "Region", "", "very common word"),
    ("de", "Gründungen", "", "inflected"),
    ("de", "Dorfläden", "", "inflected"),
    ("de", "Genossenschaften", "", "inflected"),
    ("de", "ehrenamtliche", "", "inflected"),
    ("de", "Radwegen", "", "inflected"),
    ("de", "Mitfahrbänke", "", "inflected"),
    ("de", "Luebeck", "", "ue for ü"),
    ("de", "Lueneburg", "", "ue for ü"),
    ("de", "Gruendung", "", "ue for ü"),
    ("de", "Buergerbus", "", "ue for ü"),
    ("de", "Dorflaeden", "", "ae for ä"),
    ("de", "Mobilitaet", "", "ae for ä"),
    ("de", "Streuobstwiese", "", "rare word"),
    ("de", "Kulturscheune", "", "rare word"),
    ("de", "Hofladenautomaten", "", "rare word, inflected"),
    ("de", "Kneippbecken", "", "rare word"),
    ("de", "Lassahn", "", "village"),
    ("de", "Dorfladen Genossenschaft", "", "two words"),
    ("de", "Coworking Wismar", "", "two words"),
    ("de", "Bürgerbus Schwerin", "", "two words"),
    ("de", "Ehrenamt Digitalisierung", "", "two words"),
    ("de", "Gründung Lübeck", "", "two words"),
    ("de", "schnelles Internet auf dem Land", "", "phrase with stop words"),
    ("de", "Ärztehaus Hagenow", "", "two words"),
    ("de", "Genosenschaft", "", "misspelt: did you mean"),
    ("de", "Digitalisirung", "", "misspelt: did you mean"),
    ("de", "Quantencomputer", "", "nothing: did you mean"),
    ("en", "village shop", "", "English"),
    ("en", "mobility", "", "English"),
    ("en", "cooperative", "", "English"),
    ("de", "Dorfladen", "type=proposals", "proposals only"),
    ("de", "Genossenschaft", "field=gruendungen", "one field of action"),
    ("de", "Gründung", "type=stories", "stories only"),
    ("de", "Mobilität", "page=3", "third page"),
    ("de", "Coworking", "sort=newest", "newest first"),
]
PREFIXES = [
    "Dorf",
    "Grün",
    "Genoss",
    "Cowo",
    "Lübe",
    "Schwer",
    "Mobil",
    "Ehrena",
    "Digital",
    "Bürg",
]
SUMMARY = re.compile(r'class="search-summary" role="status">\s*<p>(.*?)</p>', re.S)
SUGGESTION = re.compile(r'class="search-suggestion">.*?<a [^>]*>(.*?)</a>', re.S)


def url_of(name, language, words, extra=""):
    with translation.override(language):
        return f"{reverse(name)}?{urlencode({'q': words, **dict(parse_qsl(extra))})}"


def matching(words):
    """How many index rows match ``words`` as the search view matches them (each row in its
    language, a word in any spelling), before the checks of language and visibility: the rows
    the database reads for a search. Not capped, unlike the count the page shows."""
    conditions, params = [], []
    for language, config in (("en", "lv_english"), ("de", "lv_german")):
        parts = []
        for word in words_of(words):
            alternatives = " || ".join(
                "plainto_tsquery(%s::regconfig, %s)" for _ in spellings(word)
            )
            parts.append(f"({alternatives})")
            params += [value for spelling in spellings(word) for value in (config, spelling)]
        operator = "=" if language == "en" else "<>"
        conditions.append(f"(language {operator} 'en' AND search_vector @@ ({' && '.join(parts)}))")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM search_searchdocument WHERE {' OR '.join(conditions)}",  # noqa: S608 - constant fragments
            params,
        )
        return cursor.fetchone()[0]


def results_of(content):
    """(results as the page says them, hits on the page, "did you mean" suggestion)."""
    text = content.decode()
    summary = SUMMARY.search(text)
    # The words of the summary, not its links' addresses (%C3%BC …).
    words = re.sub(r"<[^>]*>", "", summary.group(1)) if summary else ""
    number = re.search(r"\d[\d.,]*", words)
    total = int(re.sub(r"\D", "", number.group(0))) if number else 0
    suggestion = SUGGESTION.search(text)
    shown = text.count('<li class="search-result">')
    return total, shown, suggestion.group(1) if suggestion else ""


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, response


def measure(client, url, repeat):
    """(median ms, all timings, response, queries of one request)."""
    with CaptureQueriesContext(connection) as context:
        _elapsed, response = timed(client, url)
    # Read now: the log is reset when the next request starts.
    queries = list(context.captured_queries)
    timings = [timed(client, url)[0] for _ in range(repeat)]
    return statistics.median(timings), timings, response, queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per search")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index and time it")
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE the slowest search's queries"
    )
    parser.add_argument("--explain-top", type=int, default=2, help="how many plans to print")
    parser.add_argument("--proposals", type=int, default=PROPOSALS, help="when creating them")
    parser.add_argument("--pages", type=int, default=PAGES, help="when creating them")
    args = parser.parse_args()

    if connection.vendor != "postgresql":
        print(
            "bench/search.py: skipped. The search figures are for PostgreSQL (full-text search);"
            " on SQLite the site search is a substring search for local use only. Run it with\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench "
            ".venv/bin/python bench/search.py",
            file=sys.stderr,
        )
        return
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    marker, processes = prepare(args)
    describe(marker, processes)

    client = Client()
    searches = [
        (language, words, extra, url_of("search:search", language, words, extra))
        for language, words, extra, _what in SEARCHES
    ]
    assert len({url for *_rest, url in searches}) == len(SEARCHES) == 50
    for *_rest, url in searches:
        for _ in range(WARM_UP):
            timed(client, url)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"\n50 searches through the search view, anonymous; each once to warm up, then "
        f"{args.repeat} timed requests (its figure: their median); load average {load} on "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"{'search':<44}{'ms':>7}{'max':>7}{'sql ms':>8}{'matching':>9}{'results':>8}"
        f"{'shown':>6}{'queries':>8}"
    )
    figures, every, measured = [], [], []
    for (language, words, extra, url), (*_key, what) in zip(searches, SEARCHES, strict=True):
        median, timings, response, queries = measure(client, url, args.repeat)
        total, shown, suggestion = results_of(response.content)
        figures.append(median)
        every += timings
        measured.append((median, url, queries))
        label = f"/{language}/ {words}" + (f" &{extra}" if extra else "")
        note = f"  → “{suggestion}”" if suggestion else ""
        shown_total = f"{total:,}+" if total >= 1000 else f"{total:,}"
        sql = sum(float(query["time"]) for query in queries) * 1000
        print(
            f"{label[:43]:<44}{median:>7.1f}{max(timings):>7.1f}{sql:>8.0f}{matching(words):>9,}"
            f"{shown_total:>8}{shown:>6}{len(queries):>8}  {what}{note}"
        )
    p50, p95 = statistics.median(figures), percentile(figures, 0.95)
    verdict = "met" if p95 < TARGET_MS else "NOT met"
    print(
        f"\nsearch, over the 50 searches: median {p50:.1f} ms, 95th percentile {p95:.1f} ms "
        f"(target < {TARGET_MS} ms: {verdict}); over all {len(every)} requests: median "
        f"{statistics.median(every):.1f} ms, 95th percentile {percentile(every, 0.95):.1f} ms"
    )

    suggestions = []
    print(
        f"\n{'suggestions while typing':<44}{'ms':>7}{'max':>7}{'sql ms':>8}{'titles':>9}"
        f"{'queries':>22}"
    )
    for prefix in PREFIXES:
        url = url_of("search:suggestions", "de", prefix)
        timed(client, url)
        median, timings, response, queries = measure(client, url, args.repeat)
        suggestions.append(median)
        found = len(json.loads(response.content)["results"])
        sql = sum(float(query["time"]) for query in queries) * 1000
        print(
            f"{'/de/ ' + prefix:<44}{median:>7.1f}{max(timings):>7.1f}{sql:>8.0f}{found:>9}"
            f"{len(queries):>22}"
        )
    print(
        f"suggestions, over the {len(PREFIXES)} prefixes: median "
        f"{statistics.median(suggestions):.1f} ms, 95th percentile "
        f"{percentile(suggestions, 0.95):.1f} ms"
    )
    if args.explain:
        median, url, queries = max(measured, key=lambda item: item[0])
        print(f"\nthe slowest search ({median:.1f} ms): {url}")
        explain(queries, args.explain_top)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average afterwards: {load}")


if __name__ == "__main__":
    main()
