"""Benchmark: every public page type served uncached by gunicorn, as a ratio to a static file.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_pages            # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_pages REDIS_URL=redis://127.0.0.1:6379/0 \\
      .venv/bin/python bench/uncached_pages.py [--port 9310] [--duration 10] [--only story]

The database is migrated and gets the demo content if it has none, plus 2,000 comments on one
proposal (once). The script collects the static files into a temporary folder, starts gunicorn
(``--workers`` workers, production settings) on a loopback port, requests every page a few
times (the page-frame cache fills), then drives each page type and a static file of about
13 KB (``css/site.css``, served by the app through whitenoise) with ``wrk -t2 -c16`` for
``--duration`` seconds each, and prints requests per second, the median and 95th percentile
latency, errors, and each page's rate as a share of the static file's in the same run. The
load average of the machine is printed before and after: on a shared machine, compare the
ratios of one run, not absolute figures across runs.
"""

import argparse
import io
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="landvorteil-static-"))
# What production settings require (cms/settings/production.py), for a loopback server.
ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
    "STATIC_ROOT": str(STATIC_ROOT),
}
for name, value in ENVIRONMENT.items():
    os.environ.setdefault(name, value)
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("Set DATABASE_URL to a PostgreSQL database (it gets the demo content).")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from wagtail.models import Page  # noqa: E402

from bench.discussion import COMMENTS, discuss  # noqa: E402
from participation.models import Proposal  # noqa: E402

# wrk prints 50/75/90/99 % with --latency; the 95th percentile needs its Lua summary.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LANDVORTEIL %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def prepare_database():
    call_command("migrate", verbosity=0)
    if not Page.objects.filter(depth__gt=1).exists():
        call_command("load_demo_content", stdout=io.StringIO())
    discussed = Proposal.objects.filter(comment_count__gte=COMMENTS).first()
    if discussed is None:
        with transaction.atomic():
            discussed = Proposal.objects.order_by("comment_count", "pk").first()
            discuss(discussed, list(get_user_model().objects.order_by("pk")))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return discussed


def first_url(model_path, **filters):
    from django.apps import apps

    model = apps.get_model(model_path)
    page = model.objects.live().filter(locale__language_code="de", **filters).order_by("path")
    return page.first().url


def page_types(discussed):
    """(name, path) of one page of every public type, in German."""
    learning_path = first_url("home.LearningPathPage")
    proposal = Proposal.objects.filter(comment_count__lt=COMMENTS).order_by("-comment_count")
    proposal = proposal.first()
    return [
        ("home", "/de/"),
        ("story index", first_url("home.StoryIndexPage")),
        ("story", first_url("home.StoryPage")),
        ("topic index", first_url("home.TopicIndexPage")),
        ("topic", first_url("home.TopicPage")),
        ("event index", first_url("home.EventIndexPage")),
        ("event", first_url("home.EventPage")),
        ("place index", first_url("home.PlaceIndexPage")),
        ("place", first_url("home.PlacePage")),
        ("learning path index", first_url("home.LearningPathIndexPage")),
        ("learning path", learning_path),
        ("learning path step", f"{learning_path}2/"),
        ("process index", first_url("visions.ProcessIndexPage")),
        ("process (proposal list)", proposal.process.specific.url),
        ("proposal", proposal.get_url(None)),
        (f"proposal, {COMMENTS:,} comments", discussed.get_url(None)),
        ("vision index", first_url("visions.VisionIndexPage")),
        ("vision", first_url("visions.VisionPage")),
        ("search", "/de/suche/?q=dorf"),
        ("standard page", first_url("home.StandardPage")),
    ]


def static_path():
    call_command("collectstatic", interactive=False, verbosity=0)
    return "/static/css/site.css"


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def drive(url, args, script):
    output = subprocess.run(  # noqa: S603 - our own arguments
        [  # noqa: S607 - wrk from the PATH, as the Makefile's tools
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("LANDVORTEIL "))
    requests, duration, p50, p95, errors = (int(value) for value in line.split()[1:])
    return requests / (duration / 1e6), p50 / 1000, p95 / 1000, errors


def load():
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=9310)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--only", action="append", help="page types whose name contains this")
    parser.add_argument(
        "--gunicorn", default=str(Path(sys.executable).with_name("gunicorn")), help="its path"
    )
    args = parser.parse_args()

    discussed = prepare_database()
    pages = page_types(discussed)
    if args.only:
        pages = [(name, path) for name, path in pages if any(o in name for o in args.only)]
    static = static_path()
    connection.close()

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603 - our own arguments
        [args.gunicorn, "cms.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    try:
        wait_for(base + static)
        for _name, path in pages:
            for _ in range(args.workers * 3):
                status = wait_for(base + path)
                assert status == 200, (path, status)
        print(
            f"gunicorn -w {args.workers}, production settings, PostgreSQL; wrk -t{args.threads} "
            f"-c{args.connections} -d{args.duration}s per row; {os.cpu_count()} CPUs; "
            f"load average before: {load()}"
        )
        print(f"{'page':<32}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'of static':>11}")
        static_rate, p50, p95, errors = drive(base + static, args, str(script))
        print(f"{'static file (13 KB)':<32}{static_rate:>9.0f}{p50:>9.1f}{p95:>9.1f}{errors:>8}")
        for name, path in pages:
            rate, p50, p95, errors = drive(base + path, args, str(script))
            print(
                f"{name:<32}{rate:>9.1f}{p50:>9.1f}{p95:>9.1f}{errors:>8}"
                f"{100 * rate / static_rate:>10.1f}%"
            )
        print(f"load average after: {load()}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        script.unlink()
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)


if __name__ == "__main__":
    main()
