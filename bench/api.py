"""Benchmark: the read API at region scale (20,000 proposals, bench/seed_region.py); prints the
median and 95th percentile time and the query count of a page of 50 proposals: the first page,
a deep page (reached through the cursors), a filtered page, a page ordered by support, a
proposal's comments (the one with 2,000), polls and action groups.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench_api   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench_api .venv/bin/python bench/api.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated, gets the demo content and the region (created once, reused on later runs). Requests
go through Django's test client in this process (middleware included): warm-up requests first,
then --requests timed ones. Target: under 30 ms and at most 8 queries for a page of 50.
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench.seed_region import discussed_proposal, seed  # noqa: E402
from participation.models import Proposal  # noqa: E402


def measure(client, path, requests):
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
    # Counted by a wrapper around every execution: Django's query log (CaptureQueriesContext)
    # counted nothing here once the demo's loading had filled it.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times), p95, len(executed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    settings.DEMO_CONTENT_ALLOWED = True
    settings.ALLOWED_HOSTS = ["*"]
    # No limit per address while measuring.
    override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    ).enable()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    processes = seed(args.scale)

    client = Client()
    first = client.get("/api/v1/proposals/?page_size=50").json()
    deep = first["next"]
    for _ in range(20):
        deep = client.get(deep).json()["next"] or deep
    process = processes[0]
    municipality = (
        Proposal.objects.filter(process=process)
        .exclude(municipality="")
        .values_list("municipality", flat=True)
        .first()
        or "Gadebusch"
    )
    discussed = discussed_proposal(processes)
    paths = {
        "first page (50)": "/api/v1/proposals/?page_size=50",
        "deep page (21st)": deep,
        "filtered": f"/api/v1/proposals/?page_size=50&process={process.pk}"
        f"&state=submitted&municipality={municipality}&changed_since=2000-01-01",
        "by support": "/api/v1/proposals/?page_size=50&ordering=-support_count",
        "one proposal": f"/api/v1/proposals/{discussed.pk}/",
        "2,000 comments, page of 50": f"/api/v1/proposals/{discussed.pk}/comments/?page_size=50",
        "polls": "/api/v1/polls/?page_size=50",
        "action groups": "/api/v1/action-groups/?page_size=50",
    }
    engine = connection.vendor
    print(f"read API, {Proposal.objects.count():,} proposals, {engine}")
    for name, path in paths.items():
        median, p95, queries = measure(client, path, args.requests)
        print(f"  {name:<28} median {median:6.1f} ms   p95 {p95:6.1f} ms   {queries} queries")


if __name__ == "__main__":
    main()
