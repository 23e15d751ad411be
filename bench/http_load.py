"""HTTP benchmark of the production-like stack (`make bench-http`; not named http.py, which would
hide the standard library's http package from every script in bench/): region-scale data, nginx
in front of two gunicorn app servers (deploy/prod_local.py), every public page type driven by
wrk, then 64 residents supporting and withdrawing at once, and the app workers' memory.

Steps:
1. The database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/landvorteil_bench)
   is created, migrated and given the demo content, then the region (bench/seed_region.py: 20,000
   proposals, 200,000 supports, 100,000 comments, 1,000 stories, 500 events, 5,000 residents;
   BENCH_SCALE=0.05 for a quick run); both only when missing.
2. The stack starts from .bench-http/ (BENCH_DIR) on 127.0.0.1:BENCH_PORT (default 8090; app
   servers on +1 and +2) with the production settings and Redis BENCH_REDIS_URL (default
   redis://127.0.0.1:6379/3), nginx without an access log.
3. Each page, warmed up first, for BENCH_DURATION seconds (default 10) with wrk, 16 connections,
   twice: CACHED through nginx's page cache (the front, port BENCH_PORT; the table shows the
   X-Cache-Status the warm-up ended with, HIT unless the page may not be cached), and UNCACHED
   through the local stack's second nginx server (port BENCH_PORT + 9), which passes every
   request to the app servers without the cache: the same nginx, the same upstream, no bypass
   that production would have to honour. A static file (the site's stylesheet, 14 KB) is
   measured both ways too: from disk by nginx, and from the app (whitenoise) through that second
   server. Cached pages are compared with nginx's static file, uncached pages with the app's
   (and, in the last column, with nginx's).
4. 64 residents of the seed, signed in by sessions written straight into the session store,
   support and withdraw supports of 100 proposals through the real form address (JSON, with
   the CSRF token) for BENCH_SUPPORT_SECONDS (default 20), each in a thread with its own
   keep-alive connection through the front. Afterwards every proposal's counter must equal its
   rows, and the change in rows the successful requests.
5. The resident set size of every gunicorn worker (ps); then everything is stopped.

The targets of issue 18 are printed beside the figures. The machine matters: run it on an idle
one.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.prod_local import Stack  # noqa: E402

CONNECTIONS = 16
SUPPORT_CLIENTS = 64
SUPPORT_POOL = 100
TARGETS = {
    "cached": 0.50,  # of nginx's static file
    "uncached": 0.03,  # of the static file
    "discussed": 0.015,
    "p95_ms": 100,
    "supports_per_s": 200,
    "rss_mb": 300,
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("LVRESULT %d %d %d %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


def fetch(port, path, headers=None, method="GET", body=None, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        if own:
            connection.close()


def wrk(port, path, duration, script):
    """{requests per second, p50 ms, p95 ms, errors} of ``duration`` seconds of wrk."""
    result = subprocess.run(  # noqa: S603 - our own arguments
        [  # noqa: S607 - Debian's wrk from the PATH
            "wrk",
            "-t",
            "2",
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{duration}s",
            "--latency",
            # A slow answer is slow (p95 shows it), not an error: only failures count.
            "--timeout",
            "10s",
            "-s",
            script,
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("LVRESULT"))
    requests, micros, *errors, p50, p95 = (int(value) for value in line.split()[1:])
    return {
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": sum(errors),
        "requests": requests,
    }


def warm(port, path, cached):
    """Requests until each app worker has rendered the page (and, cached, until nginx serves
    it from the cache); returns the last status and X-Cache-Status."""
    status, headers = None, {}
    for _ in range(12):
        status, headers, _body = fetch(port, path)
        if cached and headers.get("X-Cache-Status") == "HIT":
            break
    return status, headers.get("X-Cache-Status", "-")


def page_paths(processes):
    from django.urls import reverse
    from django.utils import translation

    from bench.seed_region import discussed_proposal
    from home.models import (
        EventIndexPage,
        EventPage,
        HomePage,
        LearningPathPage,
        PlaceIndexPage,
        StoryIndexPage,
        StoryPage,
        TopicPage,
    )
    from participation.models import Proposal
    from visions.models import VisionPage

    def german(model):
        return model.objects.live().filter(locale__language_code="de")

    process = processes[0]
    proposals = Proposal.objects.filter(process=process, moderation="published").order_by(
        "-support_count", "pk"
    )
    median = proposals[proposals.count() // 2]
    discussed = discussed_proposal(processes)
    path = german(LearningPathPage).first()
    with translation.override("de"):
        search = reverse("search:search") + "?q=Dorfladen"
    return [
        ("home", german(HomePage).first().url),
        ("story index", german(StoryIndexPage).first().url),
        (
            "story",
            german(StoryPage).exclude(slug__startswith="region-").order_by("-date").first().url,
        ),
        ("topic page", german(TopicPage).first().url),
        ("event index", german(EventIndexPage).first().url),
        (
            "event",
            german(EventPage).exclude(slug__startswith="region-").order_by("start").first().url,
        ),
        ("places", german(PlaceIndexPage).first().url),
        ("learning path", path.url),
        ("learning step", path.step_url(2)),
        ("process listing", process.url),
        ("proposal", median.get_url()),
        (f"proposal, {discussed.comment_count:,} comm.", discussed.get_url()),
        ("vision", german(VisionPage).first().url),
        ("search", search),
    ]


def static_path(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def sign_in(users):
    """A session for each of ``users``, as Django's login() would write it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for user in users:
        session = store()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def supporting(stack, processes, seconds):
    """64 signed-in residents supporting and withdrawing; prints what happened and checks the
    counters."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from participation.models import Proposal, Support

    users = list(
        get_user_model()
        .objects.filter(email__startswith="region-", email__endswith="@example.org")
        .order_by("pk")[:SUPPORT_CLIENTS]
    )
    sessions = sign_in(users)
    pool = list(
        Proposal.objects.filter(process=processes[0], moderation="published", withdrawn_at=None)
        .order_by("-support_count")
        .values_list("pk", flat=True)[:SUPPORT_POOL]
    )
    urls = {pk: Proposal.objects.get(pk=pk).get_url(None, "support") for pk in pool}
    before = Support.objects.count()
    connection.close()
    alphabet = string.ascii_letters + string.digits
    results = {"add": 0, "remove": 0, "refused": 0, "errors": 0, "latencies": []}
    lock = threading.Lock()
    start = threading.Barrier(len(sessions) + 1)
    deadline = [0.0]

    def client(number, session):
        rng = random.Random(number)
        token = "".join(rng.choice(alphabet) for _ in range(32))
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        supported = {}
        mine = {"add": 0, "remove": 0, "refused": 0, "errors": 0, "latencies": []}
        conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
        start.wait()
        pk = rng.choice(pool)
        while time.monotonic() < deadline[0]:
            # Support a proposal, withdraw the support, then on to the next one.
            action = "remove" if supported.get(pk) else "add"
            began = time.perf_counter()
            try:
                status, _headers, body = fetch(
                    stack.port, urls[pk], headers, "POST", f"action={action}", conn
                )
            except (OSError, http.client.HTTPException):
                mine["errors"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
                continue
            mine["latencies"].append((time.perf_counter() - began) * 1000)
            if status in (200, 409):
                answer = json.loads(body)
                supported[pk] = answer["supported"]
                mine[action if status == 200 else "refused"] += 1
                if not supported[pk]:
                    pk = rng.choice(pool)
            else:
                mine["errors"] += 1
        conn.close()
        with lock:
            for key, value in mine.items():
                results[key] += value

    threads = [
        threading.Thread(target=client, args=(n, session)) for n, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    done = results["add"] + results["remove"]
    after = Support.objects.count()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM participation_proposal p
            WHERE p.support_count <> (SELECT count(*) FROM participation_support s
                                      WHERE s.proposal_id = p.id)
            """
        )
        wrong = cursor.fetchone()[0]
    latencies = results["latencies"] or [0]
    print(
        f"\n{len(sessions)} residents supporting and withdrawing for {elapsed:.0f} s "
        f"({len(pool)} proposals):"
    )
    print(
        f"  {done / elapsed:,.0f} supports/s ({results['add']:,} supported, "
        f"{results['remove']:,} withdrawn, {results['refused']:,} refused as already done, "
        f"{results['errors']:,} errors); p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {sorted(latencies)[int(0.95 * (len(latencies) - 1))]:.0f} ms"
        f"   target ≥ {TARGETS['supports_per_s']}/s"
    )
    net = after - before
    expected = results["add"] - results["remove"]
    print(
        f"  rows: {before:,} before, {after:,} after ({net:+,}; the answers say {expected:+,}); "
        f"proposals whose counter differs from their rows: {wrong}"
        + ("   OK: none lost or doubled" if wrong == 0 and net == expected else "   WRONG")
    )
    return wrong == 0 and net == expected


def memory(stack):
    print("\nresident set size of the app workers after the run (ps):")
    for name, pids in stack.app_worker_pids().items():
        for pid in pids:
            out = subprocess.run(  # noqa: S603
                ["ps", "-o", "rss=", "-p", str(pid)],  # noqa: S607
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
            megabytes = int(out) / 1024 if out else 0
            flag = "" if megabytes < TARGETS["rss_mb"] else "   OVER"
            print(f"  {name} worker {pid}: {megabytes:,.0f} MB{flag}")


def ratio(value, base):
    return f"{100 * value / base:5.1f} %" if base else "   -"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", "10")))
    parser.add_argument(
        "--support-seconds", type=int, default=int(os.environ.get("BENCH_SUPPORT_SECONDS", "20"))
    )
    parser.add_argument("--only", help="measure only the pages whose name contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk).")

    stack = Stack(
        run_dir=os.environ.get("BENCH_DIR", ROOT / ".bench-http"),
        port=int(os.environ.get("BENCH_PORT", "8090")),
        database_url=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/landvorteil_bench"
        ),
        redis_url=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        gunicorn_workers=int(os.environ.get("BENCH_GUNICORN_WORKERS", "2")),
        settings=os.environ.get("BENCH_SETTINGS", "cms.settings.production"),
        access_log=False,
    )
    stack.prepare()
    # This process seeds and signs in with the development settings (the demo's accounts are
    # allowed there) on the stack's database, cache and secret key.
    os.environ.update(stack.env(settings="cms.settings.dev"))
    import django

    django.setup()
    from django.db import connection

    from bench.seed_region import seed

    processes = seed(args.scale)
    pages = page_paths(processes)
    if args.only:
        pages = [page for page in pages if args.only in page[0]]
    static = static_path(stack)
    connection.close()

    script = Path(tempfile.mkdtemp(prefix="landvorteil-wrk-")) / "report.lua"
    script.write_text(WRK_SCRIPT)
    stack.start()
    ok = True
    try:
        print("\npages:")
        for name, path in pages:
            print(f"  {name:<26}{path}")
        print(f"warming up ({len(pages)} pages) …", flush=True)
        for _name, path in pages:
            warm(stack.direct_port, path, cached=False)
        wrk(stack.direct_port, pages[0][1], 3, script)
        print(
            f"wrk: {CONNECTIONS} connections, {args.duration} s per line; "
            f"static file {static} ({len(fetch(stack.port, static)[2]):,} bytes)\n"
        )
        nginx_static = wrk(stack.port, static, args.duration, script)
        app_static = wrk(stack.direct_port, static, args.duration, script)
        header = (
            f"{'page':<26}{'mode':<10}{'cache':<7}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}"
            f"{'errors':>7}{'÷ static':>10}{'÷ nginx':>9}  target"
        )
        print(header)
        print("-" * len(header))
        row = "{:<26}{:<10}{:<7}{:>9,.0f}{:>8.1f}{:>8.1f}{:>7}{:>10}{:>9}  {}"
        print(
            row.format(
                "static file",
                "nginx",
                "-",
                nginx_static["rps"],
                nginx_static["p50"],
                nginx_static["p95"],
                nginx_static["errors"],
                "",
                "100.0 %",
                "",
            )
        )
        print(
            row.format(
                "static file",
                "app",
                "-",
                app_static["rps"],
                app_static["p50"],
                app_static["p95"],
                app_static["errors"],
                "100.0 %",
                ratio(app_static["rps"], nginx_static["rps"]),
                "",
            )
        )
        for name, path in pages:
            status, cache = warm(stack.port, path, cached=True)
            cached = wrk(stack.port, path, args.duration, script)
            share = cached["rps"] / nginx_static["rps"]
            verdict = "ok" if share >= TARGETS["cached"] and not cached["errors"] else "UNDER"
            print(
                row.format(
                    name,
                    "cached",
                    cache,
                    cached["rps"],
                    cached["p50"],
                    cached["p95"],
                    cached["errors"],
                    "",
                    ratio(cached["rps"], nginx_static["rps"]),
                    f"≥ 50 % of nginx: {verdict}",
                )
            )
            warm(stack.direct_port, path, cached=False)
            uncached = wrk(stack.direct_port, path, args.duration, script)
            target = TARGETS["discussed" if "comm." in name else "uncached"]
            share = uncached["rps"] / app_static["rps"]
            verdict = (
                "ok"
                if share >= target
                and uncached["p95"] < TARGETS["p95_ms"]
                and not uncached["errors"]
                else "UNDER"
            )
            print(
                row.format(
                    "",
                    "uncached",
                    "-",
                    uncached["rps"],
                    uncached["p50"],
                    uncached["p95"],
                    uncached["errors"],
                    ratio(uncached["rps"], app_static["rps"]),
                    ratio(uncached["rps"], nginx_static["rps"]),
                    f"≥ {100 * target:g} %, p95 < {TARGETS['p95_ms']} ms: {verdict}",
                )
            )
            if status != 200:
                print(f"  (answered {status}: {path})")
        ok = supporting(stack, processes, args.support_seconds)
        memory(stack)
    finally:
        stack.stop()
        shutil.rmtree(script.parent, ignore_errors=True)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
