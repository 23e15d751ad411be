"""Benchmark: a process with 1,000 proposals from 200 residents and 10,000 supports, one of them
with 2,000 comments; prints the median render time and query count of the process listing, of
a proposal page and of the discussed proposal's page with its first page of comments.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/proposals.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets the demo content plus a process "Benchmark" (created once, reused on later
runs). Each page is rendered through Django's test client in this process: warm-up renders first,
then --renders timed ones (median and 95th percentile), for an anonymous visitor and for a
signed-in resident. With --explain the slowest queries of each page are printed.
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
from django.db.models import Count, OuterRef, Subquery  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402

from bench.discussion import discuss  # noqa: E402
from cms.roles import RESIDENTS  # noqa: E402
from cms.taxonomy import FieldOfAction  # noqa: E402
from participation.models import Comment, Proposal, Support  # noqa: E402
from participation.municipalities import MUNICIPALITIES  # noqa: E402
from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase  # noqa: E402

PROPOSALS = 1_000
RESIDENT_COUNT = 200
SUPPORTS = 10_000
SLUG = "benchmark"
TARGETS = {
    "listing": (25, 15),
    "proposal": (20, None),
    "discussed": (40, 15),
    "baseline": (None, None),
}  # ms, queries


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def create_process():
    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    process = ProcessPage.objects.child_of(index).filter(slug=SLUG).first()
    if process is not None:
        return process, False
    today = timezone.localdate()
    process = ProcessPage(
        title="Benchmark",
        slug=SLUG,
        question="Wie messen wir die Beteiligung?",
        intro="Ein Prozess mit 1.000 Vorschlägen für den Benchmark.",
        support_budget=0,
        qualified_threshold=10,
        phases=[
            ProcessPhase(
                title="Unterstützen",
                start=today - datetime.timedelta(days=30),
                end=today + datetime.timedelta(days=365),
                allows_support=True,
                allows_comment=True,
            )
        ],
    )
    index.add_child(instance=process)
    process.save_revision().publish()
    return process, True


def fill(process):
    """200 residents, 1,000 proposals, 10,000 supports, all with bulk inserts."""
    User = get_user_model()
    password = make_password(settings.DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(email=f"bench{n}@example.org", display_name=f"Bench {n}", password=password)
        for n in range(RESIDENT_COUNT)
    )
    users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
    Group.objects.get(name=RESIDENTS).user_set.add(*users)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
    rng = random.Random(1000)  # noqa: S311 - repeatable data
    Proposal.objects.bulk_create(
        Proposal(
            process_id=process.pk,
            author=users[n % RESIDENT_COUNT],
            title=f"Vorschlag {n}: Ideen für die Region",
            summary="Eine kurze Zusammenfassung, wie sie Bewohnerinnen schreiben. " * 3,
            text="Ein Absatz mit einer Idee.\n\nNoch ein Absatz mit https://example.org.\n" * 5,
            field_of_action=fields[n % len(fields)],
            municipality=MUNICIPALITIES[n % len(MUNICIPALITIES)],
            latitude=rng.uniform(53.3, 54.0) if n % 3 == 0 else None,
            longitude=rng.uniform(10.3, 11.6) if n % 3 == 0 else None,
        )
        for n in range(PROPOSALS)
    )
    proposal_ids = list(Proposal.objects.filter(process_id=process.pk).values_list("pk", flat=True))
    per_user = SUPPORTS // RESIDENT_COUNT
    Support.objects.bulk_create(
        (
            Support(proposal_id=proposal_id, user=user, process_id=process.pk)
            for user in users
            for proposal_id in rng.sample(proposal_ids, per_user)
        ),
        batch_size=2_000,
    )
    counts = (
        Support.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Proposal.objects.filter(process_id=process.pk).update(
        support_count=Coalesce(Subquery(counts), 0)
    )
    Proposal.objects.filter(process_id=process.pk, support_count__gte=10).update(
        qualified_at=timezone.now()
    )


def measure(client, url, renders, explain):
    for _ in range(5):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
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
        for query in queries:
            print(f"      {float(query['time']) * 1000:5.1f} ms  {query['sql'][:110]}")
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    parser.add_argument("--explain", action="store_true", help="print the slowest queries")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    with transaction.atomic():
        process, created = create_process()
        if created or not Proposal.objects.filter(process_id=process.pk).exists():
            fill(process)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    proposals = Proposal.objects.filter(process_id=process.pk)
    median_proposal = proposals.order_by("-support_count")[PROPOSALS // 2]
    discussed = proposals.order_by("-support_count", "pk").first()
    if not Comment.objects.on(discussed).exists():
        with transaction.atomic():
            users = list(get_user_model().objects.filter(email__startswith="bench"))
            discuss(discussed, users)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    listing = process.url
    pages = [
        ("baseline", "standard page (site chrome only)", "/de/impressum/"),
        ("listing", "listing (default: random)", listing),
        ("listing", "listing ?sort=supported", f"{listing}?sort=supported"),
        ("listing", "listing ?sort=newest", f"{listing}?sort=newest"),
        (
            "proposal",
            "proposal page",
            listing + process.reverse_subpage("proposal", kwargs={"pk": median_proposal.pk}),
        ),
        (
            "discussed",
            "proposal with 2,000 comments",
            listing + process.reverse_subpage("proposal", kwargs={"pk": discussed.pk}),
        ),
        (
            "discussed",
            "  … ordered by most helpful",
            listing
            + process.reverse_subpage("proposal", kwargs={"pk": discussed.pk})
            + "?comments_order=helpful",
        ),
    ]
    resident = get_user_model().objects.get(email="bench0@example.org")
    print(
        f"database: {connection.vendor}; {proposals.count()} proposals, "
        f"{Support.objects.filter(process_id=process.pk).count()} supports, "
        f"{RESIDENT_COUNT} residents; {args.renders} renders per page after 5 warm-up renders"
    )
    print(f"{'page':<34}{'visitor':<11}{'median ms':>10}{'p95 ms':>9}{'queries':>9}  target")
    for visitor in ("anonymous", "resident"):
        client = Client()
        if visitor == "resident":
            client.force_login(resident)
        for kind, label, url in pages:
            median, p95, queries = measure(client, url, args.renders, args.explain)
            target_ms, target_queries = TARGETS[kind]
            over = (target_ms and median > target_ms) or (
                target_queries and queries > target_queries
            )
            target = f"< {target_ms} ms" if target_ms else ""
            target += f", ≤ {target_queries} q" if target_queries else ""
            flag = "  OVER" if over else ""
            print(f"{label:<34}{visitor:<11}{median:>10.1f}{p95:>9.1f}{queries:>9}  {target}{flag}")


if __name__ == "__main__":
    main()
