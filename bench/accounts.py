"""Benchmark: deleting an account, and building a person's data download, for a person with
--contributions of every kind (500 by default: proposals, supports, comments, memberships,
poll ballots, follows, notifications; the same bulk inserts as ``tests/participation/
test_area.py``). Prints the time and query count of each, for --runs people. Targets: deleting
a person with 500 of everything under 5 s; the download under 5 s (both happen once per
person and run in one transaction or on the worker).

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench_accounts   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench_accounts .venv/bin/python \\
      bench/accounts.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGET_SECONDS = 5.0


def setting_up():
    """The site, a running process and a field of action, once per database."""
    from tests.cms.factories import FieldOfActionFactory
    from tests.conftest import make_site_homes
    from tests.participation.test_supports import make_process
    from visions.models import ProcessPage

    process = ProcessPage.objects.filter(slug__startswith="bench-accounts").first()
    if process is None:
        home, _ = make_site_homes()
        process = make_process(home, support_budget=0, slug="bench-accounts")
    return process, FieldOfActionFactory()


def a_person(process, field, count):
    from tests.cms.factories import UserFactory
    from tests.participation.test_area import fill

    person = UserFactory(display_name=f"Bench {time.monotonic_ns()}")
    fill(person, process, field, count)
    return person


def measure(label, action):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        action()
        seconds = time.perf_counter() - started
    return seconds, len(queries)


def report(label, figures):
    seconds = [s for s, _ in figures]
    queries = [q for _, q in figures]
    median = statistics.median(seconds)
    verdict = "ok" if max(seconds) < TARGET_SECONDS else "OVER TARGET"
    print(
        f"{label:<34} median {median * 1000:8.0f} ms   max {max(seconds) * 1000:8.0f} ms   "
        f"queries {min(queries)}–{max(queries)}   {verdict}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0, stdout=io.StringIO())

    from cms.accounts import delete_person

    try:
        from participation.services.data_export import build_archive
    except ImportError:
        build_archive = None

    process, field = setting_up()
    print(
        f"{connection.vendor}: {args.runs} people with {args.contributions} contributions of "
        f"every kind each"
    )
    exports, deletions = [], []
    for _ in range(args.runs):
        person = a_person(process, field, args.contributions)
        if build_archive is not None:
            exports.append(measure("export", lambda p=person: build_archive(p)))
        deletions.append(measure("delete", lambda p=person: delete_person(p, by=p)))
    if exports:
        report("data download (build the ZIP)", exports)
    report("delete the account", deletions)


if __name__ == "__main__":
    main()
