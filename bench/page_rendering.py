"""Benchmark: render the public pages of the demo site and print timings and query counts.

Usage: .venv/bin/python bench/page_rendering.py [--requests 200]
Uses a fresh SQLite database in a temporary folder unless DATABASE_URL is set (then that
database must be empty or hold the demo content). Prints, per page, the median and 95th
percentile time of a full request through Django's test client and the number of queries.
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
# The test settings: DEBUG off like production, the demo content allowed.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = [
    "/de/",
    "/en/",
    "/de/ueber-das-buendnis/",
    "/en/privacy/",
    "/de/konto/signup/",
    "/de/handlungsfelder/",
    "/de/handlungsfelder/gruendungen/",
    "/de/geschichten/",
    "/de/geschichten/?field=innovationsorte",
    "/de/geschichten/feed/",
    "/de/geschichten/ein-jahr-dorfbuero-gadebusch/",
    "/en/stories/",
    # Issue 20: an English index with German-only pages, and the notice on an untranslated one.
    "/en/events/",
    "/en/geschichten/zurueck-aufs-land/",
    "/de/handlungspfade/",
    "/de/handlungspfade/von-der-idee-zur-gruendung/",
    "/de/handlungspfade/von-der-idee-zur-gruendung/2/",
    "/de/veranstaltungen/",
    "/de/veranstaltungen/ical/",
    "/de/veranstaltungen/gruendungsberatung-am-kuechentisch/",
    "/de/orte/",
    "/de/orte/geojson/",
    "/de/orte/dorfbuero-gadebusch/",
    "/de/leichte-sprache/",
    "/de/barrierefreiheit/",
    "/sitemap.xml",
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    client = Client()
    print(f"database: {connection.vendor}, {args.requests} requests per page")
    print(f"{'page':<58}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for path in PATHS:
        client.get(path)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)
        assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{path:<58}{statistics.median(timings):>10.1f}"
            f"{percentile(timings, 0.95):>10.1f}{query_count:>9}"
        )


if __name__ == "__main__":
    main()
