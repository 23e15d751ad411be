"""Benchmark: 1,000 action groups with 20,000 memberships, 5,000 updates and their undertakings
and needs, 50 of the groups working on one vision; prints the median render time and query
count of the groups' overview, of a group page (the largest group) and of that vision's page.
Targets: overview under 25 ms with at most 15 queries, group page under 20 ms, vision page
with 50 groups under 25 ms.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/groups.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets the demo content plus the benchmark groups (named "Benchmark-Gruppe …",
created once with bulk inserts and reused on later runs). The data is what the services would
have left: one membership per person and group, leads active, ``member_count`` equal to the
active memberships, updates written by leads.

Each page is fetched by its address through Django's test client in this process (test
settings, ``DEBUG`` off): warm-up renders first, then --renders timed ones (median and 95th
percentile), for an anonymous visitor and for a signed-in member. A page that answers 404 is
reported as "not built yet" instead of measured. With --explain every query of each page is
printed with its time.
"""

import argparse
import datetime
import io
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402

from cms.roles import RESIDENTS  # noqa: E402
from cms.taxonomy import FieldOfAction  # noqa: E402
from participation.models import (  # noqa: E402
    ActionGroup,
    BoardEntry,
    GroupUpdate,
    Membership,
    Moderation,
    Undertaking,
)
from participation.municipalities import MUNICIPALITIES  # noqa: E402
from visions.models import VisionPage  # noqa: E402

GROUPS = 1_000
MEMBERSHIPS = 20_000
UPDATES = 5_000
RESIDENT_COUNT = 400
VISION_GROUPS = 50
NEEDS_PER_GROUP = 2
OFFERS = 500
# The demo vision that no demo group works on: the benchmark's 50 groups are all it shows.
VISION_SLUG = "gruenderstand-auf-dem-wochenmarkt"
NAME = "Benchmark-Gruppe {}"
RESIDENT_EMAIL = "groups-bench-{}@example.org"
WARM_UP = 5
TARGETS = {"overview": (25, 15), "group": (20, None), "vision": (25, None)}

TOPICS = [
    "Coworking im alten Bahnhof",
    "Reparaturcafé im Dorfgemeinschaftshaus",
    "Digitale Sprechstunde im Amt",
    "Jugendwerkstatt am Hafen",
    "Dorfladen als Genossenschaft",
    "Mitfahrbänke für die Dörfer",
    "Gründungsstammtisch reihum",
    "Leerstand zu Ateliers",
]
STATUSES = ["idea", "planning", "running", "done", "paused"]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Filler:
    """Creates the residents, groups, memberships, undertakings, updates and board entries with
    bulk inserts, keeping what the services would have kept."""

    def __init__(self, vision):
        self.vision = vision
        self.rng = random.Random(1_000)  # noqa: S311 - repeatable data
        self.now = timezone.now()

    def run(self):
        self.create_residents()
        self.create_groups()
        self.create_memberships()
        self.create_undertakings()
        self.create_updates()
        self.create_board()

    def ago(self, days):
        return self.now - datetime.timedelta(days=days)

    def create_residents(self):
        User = get_user_model()
        password = make_password(settings.DEMO_PASSWORD)
        User.objects.bulk_create(
            User(
                email=RESIDENT_EMAIL.format(n),
                display_name=f"Mitglied {n} aus {MUNICIPALITIES[n % len(MUNICIPALITIES)]}",
                password=password,
            )
            for n in range(RESIDENT_COUNT)
        )
        self.residents = list(User.objects.filter(email__startswith="groups-bench-").order_by("pk"))
        Group.objects.get(name=RESIDENTS).user_set.add(*self.residents)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in self.residents
        )

    def create_groups(self):
        rng = self.rng
        self.fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
        groups = []
        for n in range(GROUPS):
            regionwide = n % 7 == 0
            located = n % 3 == 0
            groups.append(
                ActionGroup(
                    name=NAME.format(n),
                    purpose=f"Wir kümmern uns um: {TOPICS[n % len(TOPICS)]}. "
                    "Wer mitmachen will, ist willkommen.\n\n" * 3,
                    municipality="" if regionwide else MUNICIPALITIES[n % len(MUNICIPALITIES)],
                    latitude=round(53.3 + rng.random() * 0.7, 5) if located else None,
                    longitude=round(10.3 + rng.random() * 1.2, 5) if located else None,
                    joining="request" if n % 4 == 0 else "open",
                    seeks_members=n % 5 != 0,
                    vision_id=self.vision.pk if n < VISION_GROUPS else None,
                    author=self.residents[n % RESIDENT_COUNT],
                    moderation=(
                        Moderation.PENDING
                        if n >= VISION_GROUPS and n % 50 == 7
                        else Moderation.PUBLISHED
                    ),
                    created_at=self.ago(400 * (1 - n / GROUPS)),
                )
            )
        ActionGroup.objects.bulk_create(groups, batch_size=500)
        self.groups = list(ActionGroup.objects.filter(name__startswith="Benchmark-Gruppe"))
        self.groups.sort(key=lambda group: int(group.name.rsplit(" ", 1)[1]))
        Through = ActionGroup.fields_of_action.through
        Through.objects.bulk_create(
            [
                Through(actiongroup_id=group.pk, fieldofaction_id=field.pk)
                for n, group in enumerate(self.groups)
                for field in self.fields[n % 3 : n % 3 + 1 + (n % 2)]
            ],
            batch_size=1_000,
        )

    def create_memberships(self):
        """20 a group on average, a few large groups (the first has the most); the founder
        and one more are leads, some requests wait."""
        rng = self.rng
        weights = [1 / (1 + n) ** 0.5 for n in range(GROUPS)]
        total = sum(weights)
        sizes = [max(2, min(RESIDENT_COUNT, round(MEMBERSHIPS * w / total))) for w in weights]
        # Settle the rounding on the smaller groups, so that the total is exact.
        n = GROUPS - 1
        while sum(sizes) != MEMBERSHIPS:
            step = 1 if sum(sizes) < MEMBERSHIPS else -1
            if 2 <= sizes[n] + step <= RESIDENT_COUNT:
                sizes[n] += step
            n = n - 1 if n > 0 else GROUPS - 1
        rows = []
        self.leads = {}
        for group, size in zip(self.groups, sizes, strict=True):
            founder = group.author
            others = rng.sample([r for r in self.residents if r.pk != founder.pk], size - 1)
            people = [founder, *others]
            self.leads[group.pk] = people[:2]
            active = 0
            for index, person in enumerate(people):
                requested = index >= 2 and index % 9 == 0
                state = Membership.State.REQUESTED if requested else Membership.State.ACTIVE
                active += not requested
                rows.append(
                    Membership(
                        group=group,
                        user=person,
                        role=Membership.Role.LEAD if index < 2 else Membership.Role.MEMBER,
                        state=state,
                        created_at=group.created_at + datetime.timedelta(hours=index),
                    )
                )
            group.member_count = active
        Membership.objects.bulk_create(rows, batch_size=2_000)
        ActionGroup.objects.bulk_update(self.groups, ["member_count"], batch_size=500)

    def create_undertakings(self):
        rows = []
        for n, group in enumerate(self.groups):
            for k in range(1 + n % 2):
                rows.append(
                    Undertaking(
                        group=group,
                        title=f"Vorhaben {k + 1}: {TOPICS[(n + k) % len(TOPICS)]}",
                        description="Was wir vorhaben, wer mitmacht und bis wann.\n\n" * 2,
                        status=STATUSES[(n + k) % len(STATUSES)],
                        vision_id=self.vision.pk if n < VISION_GROUPS and k == 0 else None,
                        created_at=group.created_at,
                    )
                )
        Undertaking.objects.bulk_create(rows, batch_size=1_000)
        self.undertakings = {}
        for undertaking in Undertaking.objects.filter(group__in=self.groups).order_by("pk"):
            self.undertakings.setdefault(undertaking.group_id, []).append(undertaking)

    def create_updates(self):
        """Most on the large groups (the first has the most)."""
        rng = self.rng
        rows = []
        for _ in range(UPDATES):
            group = self.groups[int(GROUPS * rng.random() ** 2)]
            rows.append(
                GroupUpdate(
                    group=group,
                    undertaking=rng.choice(self.undertakings[group.pk]),
                    author=rng.choice(self.leads[group.pk]),
                    title="Neues aus der Gruppe",
                    text="Was wir geschafft haben und was als Nächstes kommt.\n\n" * 3,
                    moderation=Moderation.PUBLISHED,
                    created_at=group.created_at + (self.now - group.created_at) * rng.random(),
                )
            )
        GroupUpdate.objects.bulk_create(rows, batch_size=1_000)

    def create_board(self):
        rng = self.rng
        categories = [choice for choice, _label in BoardEntry.Category.choices]
        rows = [
            BoardEntry(
                kind=BoardEntry.Kind.NEED,
                group=group,
                author=self.leads[group.pk][0],
                category=categories[(n + k) % len(categories)],
                title=f"Gesucht für {group.name}",
                description="Wer kann helfen? Wir freuen uns über jede Nachricht.",
                field_of_action=self.fields[n % 3],
                municipality=group.municipality,
                closed_at=self.now if k == 1 and n % 4 == 0 else None,
                moderation=Moderation.PUBLISHED,
            )
            for n, group in enumerate(self.groups)
            for k in range(NEEDS_PER_GROUP)
        ]
        rows += [
            BoardEntry(
                kind=BoardEntry.Kind.OFFER,
                group=None,
                author=rng.choice(self.residents),
                category=categories[n % len(categories)],
                title=f"Angebot {n}",
                description="Ich kann helfen und freue mich über eine Nachricht.",
                field_of_action=self.fields[n % 3],
                municipality=MUNICIPALITIES[n % len(MUNICIPALITIES)],
                moderation=Moderation.PUBLISHED,
            )
            for n in range(OFFERS)
        ]
        BoardEntry.objects.bulk_create(rows, batch_size=1_000)


def measure(client, url, renders, explain):
    """(median ms, p95 ms, queries, whether it shows benchmark groups), or the status code when
    the page does not answer 200."""
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code
    shows_groups = b"Benchmark-Gruppe" in response.content
    for _ in range(WARM_UP - 1):
        client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    # Read now: the log is reset when the next request starts.
    queries = list(context.captured_queries)
    timings = []
    for _ in range(renders):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    if explain:
        total = sum(float(query["time"]) for query in queries) * 1000
        print(f"    {url}: {len(queries)} queries, {total:.1f} ms in SQL")
        for query in sorted(queries, key=lambda query: -float(query["time"])):
            print(f"      {float(query['time']) * 1000:5.1f} ms  {query['sql'][:110]}")
    return statistics.median(timings), percentile(timings, 0.95), len(queries), shows_groups


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    parser.add_argument("--explain", action="store_true", help="print every query with its time")
    args = parser.parse_args()
    # A page that is not built yet answers 404: say so once, without Django's warning per request.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    vision = VisionPage.objects.get(slug=VISION_SLUG, locale__language_code="de")
    with transaction.atomic():
        if not ActionGroup.objects.filter(name__startswith="Benchmark-Gruppe").exists():
            started = time.perf_counter()
            Filler(vision).run()
            print(f"created the benchmark data in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    benchmark = ActionGroup.objects.filter(name__startswith="Benchmark-Gruppe")
    largest = benchmark.published().order_by("-member_count", "pk").first()
    member = (
        Membership.objects.filter(group=largest, state="active", role="member")
        .select_related("user")
        .first()
        .user
    )
    print(
        f"database: {connection.vendor}; {ActionGroup.objects.count()} groups, "
        f"{Membership.objects.count()} memberships, {GroupUpdate.objects.count()} updates, "
        f"{Undertaking.objects.count()} undertakings, {BoardEntry.objects.count()} needs and "
        f"offers; {ActionGroup.objects.with_vision(vision).count()} groups work on the vision "
        f"“{vision.title}”; the largest group has {largest.member_count} members and "
        f"{largest.updates.count()} updates"
    )
    with translation.override("de"):
        overview = reverse("participation:groups")
        group_page = largest.get_url()
    pages = [
        ("baseline", "standard page (frame only)", "/de/impressum/"),
        ("overview", "overview", overview),
        ("overview", "overview, filtered by a field", f"{overview}?field=verwaltung"),
        ("group", f"group page ({largest.member_count} members)", group_page),
        ("vision", f"vision page ({VISION_GROUPS} groups)", vision.url),
    ]
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"{args.renders} renders per page after {WARM_UP} warm-up renders; load average {load} "
        f"on {os.cpu_count()} CPUs"
    )
    print(f"{'page':<40}{'visitor':<11}{'median ms':>10}{'p95 ms':>9}{'queries':>9}  target")
    for visitor in ("anonymous", "member"):
        client = Client()
        if visitor == "member":
            client.force_login(member)
        for kind, label, url in pages:
            result = measure(client, url, args.renders, args.explain)
            if result == 404:
                print(f"{label:<40}{visitor:<11}  not built yet ({url} answers 404)")
                continue
            if isinstance(result, int):
                print(f"{label:<40}{visitor:<11}  {url} answers {result}")
                continue
            median, p95, queries, shows_groups = result
            target, flag = "", ""
            if kind in TARGETS and not shows_groups:
                flag = "  (shows no benchmark group yet)"
            if kind in TARGETS:
                ms, most = TARGETS[kind]
                target = f"< {ms} ms" + (f", ≤ {most}" if most else "")
                if median >= ms or (most and queries > most):
                    flag += "  OVER"
            print(f"{label:<40}{visitor:<11}{median:>10.1f}{p95:>9.1f}{queries:>9}  {target}{flag}")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average afterwards: {load}")


if __name__ == "__main__":
    main()
