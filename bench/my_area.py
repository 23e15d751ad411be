"""Benchmark: "Mein Bereich" for a person with 500 contributions of every kind (proposals,
supports, comments, group memberships, poll ballots, follows, 1,000 notifications); prints the
median and 95th percentile render time and the query count of every tab. Target: each tab under
30 ms with at most 15 queries.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench_area   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench_area .venv/bin/python bench/my_area.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets a German and an English home page, a running process with a support budget and
the person's contributions (the same bulk inserts as ``tests/participation/test_area.py``),
created once and reused on later runs. Each tab is fetched by its address through Django's test
client in this process (test settings, ``DEBUG`` off): warm-up renders first, then --renders
timed ones. With --explain every query of each tab is printed with its time.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="landvorteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.explaining import explain  # noqa: E402

EMAIL = "area-bench@example.org"
CONTRIBUTIONS = 500
WARM_UP = 5
TABS = [
    "area:overview",
    "area:notifications",
    "area:proposals",
    "area:supports",
    "area:comments",
    "area:groups",
    "area:ballots",
    "area:following",
    "area:notification_settings",
    "area:profile",
]
TARGET_MS, TARGET_QUERIES = 30, 15


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def person():
    """The benchmark's person with their contributions, created once."""
    existing = get_user_model().objects.filter(email=EMAIL).first()
    if existing is not None:
        return existing
    from tests.cms.factories import FieldOfActionFactory, UserFactory
    from tests.conftest import make_site_homes
    from tests.participation.test_area import fill
    from tests.participation.test_supports import make_process

    home, _ = make_site_homes()
    process = make_process(home, support_budget=5)
    user = UserFactory(email=EMAIL, display_name="Benchmark-Bewohnerin")
    fill(user, process, FieldOfActionFactory(), CONTRIBUTIONS)
    return user


def measure(client, url, renders):
    for _ in range(WARM_UP):
        client.get(url)
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return times, list(captured.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    user = person()
    client = Client()
    client.force_login(user)
    print(
        f"{connection.vendor}, {CONTRIBUTIONS} contributions of each kind, {args.renders} renders"
    )
    print(f"{'tab':28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  target")
    # The frame every page has (header, menu, footer): what a tab costs beyond it is its own.
    times, queries = measure(client, "/de/", args.renders)
    print(
        f"{'home page (frame reference)':28} {statistics.median(times):10.1f} "
        f"{percentile(times, 0.95):8.1f} {len(queries):8d}  –"
    )
    for name in TABS:
        times, queries = measure(client, reverse(name), args.renders)
        median = statistics.median(times)
        ok = median < TARGET_MS and len(queries) <= TARGET_QUERIES
        print(
            f"{name:28} {median:10.1f} {percentile(times, 0.95):8.1f} {len(queries):8d}  "
            f"{'ok' if ok else 'OVER'}"
        )
        if args.explain:
            explain(queries, top=2)


if __name__ == "__main__":
    main()
