"""The nginx configuration of deploy/nginx/ (the page cache's contract with the app, the upstream of
several app servers), run in a real nginx in front of two small stand-in app servers that answer
like ours: the generation endpoint, a public page, a personal one."""

import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from deploy.prod_local import ROOT, render_production
from tests.loopback import nginx_front, spare_port

needs_nginx = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")


def test_the_production_example_is_the_rendered_template():
    committed = (ROOT / "deploy" / "nginx" / "landvorteil.conf").read_text()
    assert committed == render_production(), (
        "run: python deploy/prod_local.py render-production > deploy/nginx/landvorteil.conf"
    )
    # The local stack's uncached server must never reach production.
    assert "@@" not in committed
    assert "uncached through" not in committed and "Local stack only" not in committed


@needs_nginx
def test_the_production_example_passes_nginx_t(tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=t",
            "-keyout",
            tmp_path / "key.pem",
            "-out",
            tmp_path / "cert.pem",
        ],
        check=True,
        capture_output=True,
    )
    site = (
        render_production()
        .replace(
            "/etc/letsencrypt/live/landvorteil.example.org/fullchain.pem",
            str(tmp_path / "cert.pem"),
        )
        .replace(
            "/etc/letsencrypt/live/landvorteil.example.org/privkey.pem", str(tmp_path / "key.pem")
        )
        .replace("/var/cache/nginx/landvorteil", str(tmp_path))
    )
    (tmp_path / "site.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\ninclude {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(  # noqa: S603
        ["nginx", "-t", "-p", tmp_path, "-c", main, "-e", tmp_path / "error.log"],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


class App:
    """A stand-in app server: the generation endpoint and two pages, counting renders."""

    def __init__(self, shared):
        self.shared = shared
        app = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path == "/_cache/generation/":
                    if app.shared["generation"] is None:
                        return self.answer(404, b"")
                    return self.answer(
                        204,
                        b"",
                        {
                            "X-Cache-Generation": app.shared["generation"],
                            "Cache-Control": "no-store",
                        },
                    )
                app.shared["renders"] += 1
                body = f"render {app.shared['renders']} by {self.server.server_port}".encode()
                if self.path == "/personal/":
                    return self.answer(
                        200, body, {"Set-Cookie": "csrftoken=x", "Cache-Control": "private"}
                    )
                return self.answer(200, body, {"Cache-Control": "public, max-age=0, s-maxage=60"})

            def answer(self, status, body, headers=None):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", spare_port()), Handler)
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def front(tmp_path):
    """nginx with the local stack's configuration in front of two stand-in app servers."""
    shared = {"generation": "1", "renders": 0}
    apps = [App(shared), App(shared)]
    try:
        with nginx_front(tmp_path, [app.port for app in apps]) as stack:
            yield stack, shared, apps
    finally:
        for app in apps:
            app.stop()


def get(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers.get("X-Cache-Status"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache-Status"), error.read()


@needs_nginx
def test_a_public_page_is_rendered_once_until_the_generation_changes(front):
    stack, shared, _apps = front
    status, cache, first = get(stack.port, "/page/")
    assert (status, cache) == (200, "MISS")
    for _ in range(5):
        assert get(stack.port, "/page/") == (200, "HIT", first)
    assert shared["renders"] == 1
    shared["generation"] = "2"
    # The generation is asked at most once a second: within two, the page is rendered anew.
    deadline = time.monotonic() + 2.5
    while get(stack.port, "/page/")[2] == first:
        assert time.monotonic() < deadline, "the cached page outlived its generation"
        time.sleep(0.1)
    assert shared["renders"] == 2


@needs_nginx
@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "messages=abc"},
        {"Cookie": "csrftoken=x; sessionid=abc"},
        {"Authorization": "Basic eDp5"},
    ],
)
def test_personal_requests_neither_read_nor_fill_the_cache(front, headers):
    stack, shared, _apps = front
    status, cache, anonymous = get(stack.port, "/page/")
    assert get(stack.port, "/page/")[1] == "HIT"
    status, cache, personal = get(stack.port, "/page/", headers)
    assert (status, cache) == (200, "BYPASS")
    assert personal != anonymous
    assert get(stack.port, "/page/", headers)[2] != personal
    # … and the anonymous copy is still the one rendered for anonymous readers.
    assert get(stack.port, "/page/") == (200, "HIT", anonymous)


@needs_nginx
def test_a_response_with_a_cookie_is_never_cached(front):
    stack, shared, _apps = front
    bodies = {get(stack.port, "/personal/")[2] for _ in range(3)}
    assert len(bodies) == 3


@needs_nginx
@pytest.mark.parametrize("generation", ["", "unavailable", None])
def test_without_a_generation_nothing_is_cached_and_pages_still_answer(front, generation):
    stack, shared, _apps = front
    shared["generation"] = generation  # None: the app has no generation endpoint (404)
    bodies = set()
    for _ in range(3):
        status, _cache, body = get(stack.port, "/page/")
        assert status == 200
        bodies.add(body)
    assert len(bodies) == 3


@needs_nginx
def test_one_app_server_down_costs_readers_nothing(front):
    stack, shared, apps = front
    apps[0].stop()
    answered_by = set()
    for n in range(10):
        for port in (stack.port, stack.direct_port):
            status, _cache, body = get(port, f"/page/?n={n}")
            assert status == 200
            answered_by.add(body.split()[-1])
    assert answered_by == {str(apps[1].port).encode()}


@needs_nginx
@pytest.mark.parametrize("path", ["/de/suche/?q=Dorf", "/en/account/login/", "/admin/"])
def test_private_areas_pass_by_the_cache_and_its_lock(front, path):
    stack, shared, _apps = front
    bodies = set()
    for _ in range(3):
        status, cache, body = get(stack.port, path)
        assert (status, cache) == (200, "BYPASS")
        bodies.add(body)
    assert len(bodies) == 3
