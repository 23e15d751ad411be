"""Benchmark: the editors' statistics page (participation.admin.statistics) at region scale:
20,000 proposals over a year in four processes, 100,000 supports, 50,000 comments, 5,000
residents, 10,000 ballots, 2,000 event registrations and 2,000 group memberships, all spread
over the last year; prints the median and 95th percentile time and the query count of the page
for a one-year period (per month, per week, filtered by a process and by a field of action) and
of a CSV download. Target: under 200 ms.

(Not named ``statistics.py``: run as a script, the folder comes first on ``sys.path`` and the
other benchmarks' ``import statistics`` would find it instead of Python's module.)

Usage:
  createdb -h 127.0.0.1 -U postgres lv_stats_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_stats_bench \\
    .venv/bin/python bench/editor_statistics.py [--scale 0.1] [--renders 20] [--explain]

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets the demo content, then the region's rows (created once, marked by the
processes "Statistik …", reused on later runs). Rows are inserted in bulk with the reused
helpers of bench/seed_region.py where they are portable; their dates are set while inserting.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="landvorteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
# The test settings: DEBUG off like production, the demo content allowed.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale  # noqa: E402

from bench.seed_region import batched, create_residents, paragraph, scaled  # noqa: E402
from cms.taxonomy import FieldOfAction  # noqa: E402
from participation.models import (  # noqa: E402
    ActionGroup,
    Ballot,
    Comment,
    EventRegistration,
    Membership,
    Poll,
    Proposal,
    Support,
)
from participation.municipalities import MUNICIPALITIES  # noqa: E402
from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase  # noqa: E402

PROPOSALS = 20_000
SUPPORTS = 100_000
COMMENTS = 50_000
RESIDENTS = 5_000
BALLOTS = 10_000
REGISTRATIONS = 2_000
GROUPS = 200
MEMBERSHIPS = 2_000
PROCESSES = [("statistik-a", "Statistik: Zukunft", 40), ("statistik-b", "Statistik: Mobilität", 25)]
PROCESSES += [("statistik-c", "Statistik: Gründen", 20), ("statistik-d", "Statistik: Vor Ort", 15)]
TARGET_MS = 200
DAY = datetime.timedelta(days=1)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@contextmanager
def own_dates(*models):
    """Bulk inserts keep the ``created_at`` given (``auto_now_add`` would stamp them now)."""
    fields = [model._meta.get_field("created_at") for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def create_processes():
    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    today = timezone.localdate()
    processes = []
    for slug, title, _share in PROCESSES:
        process = ProcessPage(
            title=title,
            slug=slug,
            question="Was braucht die Region?",
            intro="Ein Prozess in der Größe einer Region, für den Benchmark der Statistik.",
            support_budget=0,
            qualified_threshold=25,
            phases=[
                ProcessPhase(
                    title="Sammeln",
                    start=today - datetime.timedelta(days=365),
                    end=today + datetime.timedelta(days=30),
                    allows_support=True,
                    allows_comment=True,
                )
            ],
        )
        index.add_child(instance=process)
        process.save_revision().publish()
        processes.append(process)
    return processes


def fill(scale):
    rng = random.Random(2125)  # noqa: S311 - repeatable data
    now = timezone.now()

    def moment():
        """A moment in the last year, more of them lately."""
        return now - datetime.timedelta(seconds=int(365 * 86400 * rng.random() ** 1.3))

    started = time.perf_counter()
    residents = create_residents(scaled(RESIDENTS, scale))
    # Residents joined over the year.
    User = get_user_model()
    for batch in batched(residents, 500):
        for pk in batch:
            User.objects.filter(pk=pk).update(date_joined=moment())
    processes = create_processes()
    fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
    weights = [share for *_rest, share in PROCESSES]
    moderation = ["published"] * 18 + ["pending", "hidden"]
    with own_dates(Proposal, Support):
        for batch in batched(range(scaled(PROPOSALS, scale)), 2_000):
            Proposal.objects.bulk_create(
                Proposal(
                    process_id=rng.choices(processes, weights=weights)[0].pk,
                    author_id=rng.choice(residents),
                    title=f"Vorschlag {n}",
                    summary=paragraph(rng, 1)[:500],
                    text=paragraph(rng, 3),
                    field_of_action=rng.choice(fields),
                    municipality=rng.choice([*MUNICIPALITIES, ""]),
                    moderation=rng.choice(moderation),
                    created_at=moment(),
                )
                for n in batch
            )
        proposals = list(
            Proposal.objects.filter(process__in=processes).values_list(
                "pk", "process_id", "created_at"
            )
        )
        pairs = set()
        while len(pairs) < scaled(SUPPORTS, scale):
            pairs.add((rng.randrange(len(proposals)), rng.choice(residents)))
        for batch in batched(sorted(pairs), 5_000):
            Support.objects.bulk_create(
                Support(
                    proposal_id=proposals[index][0],
                    user_id=user,
                    process_id=proposals[index][1],
                    created_at=proposals[index][2] + (now - proposals[index][2]) * rng.random(),
                )
                for index, user in batch
            )
    proposal_type = ContentType.objects.get_for_model(Proposal)
    for batch in batched(range(scaled(COMMENTS, scale)), 5_000):
        chosen = [proposals[rng.randrange(len(proposals))] for _ in batch]
        Comment.objects.bulk_create(
            Comment(
                target_type=proposal_type,
                target_id=pk,
                process_id=process_id,
                author_id=rng.choice(residents),
                text=paragraph(rng, 1)[:2000],
                moderation=rng.choice(moderation),
                created_at=created + (now - created) * rng.random(),
            )
            for pk, process_id, created in chosen
        )
    german = Locale.objects.get(language_code="de")
    polls = [
        Poll.objects.create(
            question=f"Statistik-Umfrage {n}",
            locale=german,
            process=processes[n % len(processes)] if n % 3 else None,
            opens_at=now - datetime.timedelta(days=365),
        )
        for n in range(12)
    ]
    for batch in batched(range(scaled(BALLOTS, scale)), 5_000):
        Ballot.objects.bulk_create(
            Ballot(
                poll_key=polls[n % len(polls)].translation_key,
                session_key=f"statistik-{n}",
                created_at=moment(),
            )
            for n in batch
        )
    events = list(EventRegistration.objects.values_list("event_id", flat=True).distinct()[:1])
    if not events:
        from home.models import EventPage

        events = list(EventPage.objects.values_list("pk", flat=True)[:1])
    EventRegistration.objects.bulk_create(
        EventRegistration(
            event_id=events[0],
            guest_email=f"statistik-{n}@example.org",
            guest_name="Gast",
            status="confirmed",
            created_at=moment(),
        )
        for n in range(scaled(REGISTRATIONS, scale))
    )
    groups = ActionGroup.objects.bulk_create(
        ActionGroup(
            name=f"Statistik-Gruppe {n}",
            purpose="Für den Benchmark.",
            municipality=rng.choice([*MUNICIPALITIES, ""]),
            process=rng.choice([*processes, None]),
            author_id=rng.choice(residents),
            created_at=moment(),
        )
        for n in range(scaled(GROUPS, scale))
    )
    members = set()
    while len(members) < scaled(MEMBERSHIPS, scale):
        members.add((rng.choice(groups).pk, rng.choice(residents)))
    Membership.objects.bulk_create(
        Membership(group_id=group, user_id=user, state="active", created_at=moment())
        for group, user in members
    )
    print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    return processes


def measure(client, url, renders, explain):
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    queries = list(context.captured_queries)
    timings = []
    for _ in range(renders):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    if explain:
        total = sum(float(query["time"]) for query in queries) * 1000
        print(f"    {url}: {len(queries)} queries, {total:.1f} ms in SQL")
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:8]:
            print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:140]}")
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print the slowest queries")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    processes = list(ProcessPage.objects.filter(slug__in=[slug for slug, *_ in PROCESSES]))
    if not processes:
        with transaction.atomic():
            processes = fill(args.scale)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    editor, _created = get_user_model().objects.get_or_create(
        email="statistik-bench@example.org",
        defaults={"display_name": "Statistik", "is_superuser": True, "is_staff": True},
    )
    client = Client()
    client.force_login(editor)
    today = timezone.localdate()
    year = {"start": (today - 364 * DAY).isoformat(), "end": today.isoformat()}
    field = FieldOfAction.objects.filter(locale__language_code="de").first()
    index = reverse("statistics:index")
    query = "&".join(f"{key}={value}" for key, value in year.items())
    pages = [
        ("page, one year per month", f"{index}?{query}&granularity=month"),
        ("page, one year per week", f"{index}?{query}&granularity=week"),
        (
            "page, one process",
            f"{index}?{query}&process={processes[0].translation_key}",
        ),
        ("page, one field of action", f"{index}?{query}&field={field.slug}"),
        ("CSV over time, per week", f"{reverse('statistics:csv', args=['time'])}?{query}"),
        ("CSV by municipality", f"{reverse('statistics:csv', args=['municipality'])}?{query}"),
    ]
    print(
        f"database: {connection.vendor}; {Proposal.objects.count():,} proposals, "
        f"{Support.objects.count():,} supports, {Comment.objects.count():,} comments, "
        f"{Ballot.objects.count():,} ballots, {EventRegistration.objects.count():,} "
        f"registrations, {Membership.objects.count():,} memberships, "
        f"{get_user_model().objects.count():,} accounts; {args.renders} renders after 3 warm-ups"
    )
    print(f"{'view':<30}{'median ms':>10}{'p95 ms':>9}{'queries':>9}  target")
    for label, url in pages:
        median, p95, queries = measure(client, url, args.renders, args.explain)
        flag = "  OVER" if median > TARGET_MS else ""
        print(f"{label:<30}{median:>10.1f}{p95:>9.1f}{queries:>9}  < {TARGET_MS} ms{flag}")


if __name__ == "__main__":
    main()
