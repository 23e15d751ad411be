"""The production-like local stack: nginx (Debian's package) in front of two gunicorn app servers
and the worker, sharing PostgreSQL and Redis, with the production settings (docs/scaling.md).

  python deploy/prod_local.py [start]        # `make prod-local`: runs until Ctrl-C
  python deploy/prod_local.py stop           # `make prod-local-stop`: ends a stack left running
  python deploy/prod_local.py render-production > deploy/nginx/landvorteil.conf

Everything runs as the current user from one folder (PROD_LOCAL_DIR, default .prod-local/):
the rendered nginx configuration, the page cache, the collected static files, the media, the
logs, the process ids and the secret key (generated once). The database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/landvorteil_prod_local) is created, migrated and filled with
the demo content when it has no accounts yet. Environment variables the settings read (e.g.
STAFF_MFA_REQUIRED, LOG_LEVEL) pass through to the app servers and the worker.

bench/http.py starts the same stack on its own database and ports.
"""

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "landvorteil.conf.template"

# The production example (deploy/nginx/landvorteil.conf): two app servers on one machine, as
# deploy/landvorteil-web@.service runs them.
PRODUCTION_VALUES = {
    "SERVER_NAME": "landvorteil.example.org",
    "UPSTREAM_SERVERS": "127.0.0.1:8000 127.0.0.1:8001",
    "CACHE_DIR": "/var/cache/nginx/landvorteil",
    "STATIC_ROOT": "/srv/landvorteil/staticfiles",
    "MEDIA_ROOT": "/srv/landvorteil/media",
}

# The frame around the rendered site configuration for an nginx that runs as the current user
# from the stack's folder (Debian's /etc/nginx/nginx.conf gives the same frame in production).
LOCAL_MAIN_CONF = """\
{user}worker_processes auto;
pid {run}/nginx.pid;
error_log {run}/logs/nginx-error.log warn;

events {{
    worker_connections 4096;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    server_tokens off;
    gzip on;
    {access_log}
    client_body_temp_path {run}/tmp/body;
    proxy_temp_path {run}/tmp/proxy;
    fastcgi_temp_path {run}/tmp/fastcgi;
    uwsgi_temp_path {run}/tmp/uwsgi;
    scgi_temp_path {run}/tmp/scgi;

    include {run}/landvorteil.conf;
}}
"""


def render(variant, values):
    """The template with the blocks of ``variant`` ("production" or "local") and the values in
    place of its placeholders."""
    lines = []
    block = None
    for line in TEMPLATE.read_text().splitlines():
        marker = line.strip()
        if marker.startswith("# @@BEGIN ") and marker.endswith("@@"):
            block = marker.removeprefix("# @@BEGIN ").removesuffix("@@")
            continue
        if marker == "# @@END@@":
            block = None
            continue
        if block is None or block == variant:
            lines.append(line)
    text = "\n".join(lines) + "\n"
    values = dict(values)
    values["UPSTREAM_SERVERS"] = "\n".join(
        f"    server {address} max_fails=1 fail_timeout=5s;"
        for address in values["UPSTREAM_SERVERS"].split()
    )
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", str(value))
    if "@@" in text:
        raise ValueError(f"placeholders left in the template: {text[text.index('@@') :][:40]}")
    return text


def render_production():
    return render("production", PRODUCTION_VALUES)


def database_exists(url):
    """Whether the database of ``url`` exists; creates it when not (PostgreSQL only)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if found:
            return True
        connection.execute(f'CREATE DATABASE "{name}"')  # a name from our own configuration
        print(f"created the database {name}")
        return False


def has_accounts(url):
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SELECT EXISTS (SELECT 1 FROM cms_user)").fetchone()[0]


def process_matches(pid, needle):
    """Whether ``pid`` still runs the program we started (process ids are reused)."""
    try:
        return needle.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class Stack:
    """nginx, ``len(app_ports)`` gunicorn app servers, the worker and (when aiosmtpd is
    installed and no EMAIL_HOST is set) a mail sink that logs what the worker sends."""

    def __init__(
        self,
        run_dir,
        port,
        database_url,
        redis_url,
        app_ports=None,
        direct_port=None,
        gunicorn_workers=2,
        settings="cms.settings.production",
        access_log=True,
        extra_env=None,
    ):
        self.run = Path(run_dir).resolve()
        self.port = port
        self.app_ports = app_ports or [port + 1, port + 2]
        self.direct_port = direct_port or port + 9
        self.mail_port = port + 5
        self.database_url = database_url
        self.redis_url = redis_url
        self.gunicorn_workers = gunicorn_workers
        self.settings = settings
        self.access_log = access_log
        self.extra_env = extra_env or {}
        self.processes = {}  # name → Popen
        self.python = sys.executable

    # --- Set-up ----------------------------------------------------------------------------------

    @property
    def static_root(self):
        return self.run / "static"

    @property
    def media_root(self):
        return self.run / "media"

    def secret_key(self):
        path = self.run / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(64))
            path.chmod(0o600)
        return path.read_text().strip()

    def env(self, settings=None):
        """The environment of the app servers and the worker (and of management commands)."""
        env = dict(os.environ)
        origins = ",".join(
            f"http://{host}:{port}"
            for host in ("127.0.0.1", "localhost")
            for port in (self.port, self.direct_port)
        )
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": settings or self.settings,
                "DJANGO_SECRET_KEY": self.secret_key(),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
                # nginx passes the host without the port; browsers send it in Origin.
                "DJANGO_CSRF_TRUSTED_ORIGINS": origins,
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "TRUSTED_PROXY_COUNT": "1",
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.media_root),
                "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.port}",
            }
        )
        if "EMAIL_HOST" not in os.environ and self.has_mail_sink():
            env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.mail_port)})
        env.update(self.extra_env)
        return env

    def has_mail_sink(self):
        try:
            import aiosmtpd  # noqa: F401
        except ImportError:
            return False
        return True

    def manage(self, *args, settings=None):
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [self.python, "manage.py", *args], cwd=ROOT, env=self.env(settings), check=True
        )

    def prepare(self, demo=True):
        """The folder, the database (created, migrated, the demo content when it has no
        accounts) and the collected static files."""
        for folder in ("logs", "pids", "tmp", "cache", "media", "static"):
            (self.run / folder).mkdir(parents=True, exist_ok=True)
        database_exists(self.database_url)
        print("migrating …", flush=True)
        self.manage("migrate", "--no-input", "-v", "0")
        if demo and not has_accounts(self.database_url):
            print("loading the demo content …", flush=True)
            # The production settings refuse to load accounts with a public password; the
            # development settings may, into the same database, media and cache.
            self.manage("load_demo_content", settings="cms.settings.dev")
        print("collecting the static files …", flush=True)
        self.manage("collectstatic", "--no-input", "-v", "0")

    def nginx_conf(self):
        values = {
            "SERVER_NAME": "127.0.0.1 localhost",
            "PORT": self.port,
            "DIRECT_PORT": self.direct_port,
            "UPSTREAM_SERVERS": " ".join(f"127.0.0.1:{port}" for port in self.app_ports),
            "CACHE_DIR": self.run / "cache",
            "STATIC_ROOT": self.static_root,
            "MEDIA_ROOT": self.media_root,
        }
        (self.run / "landvorteil.conf").write_text(render("local", values))
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run / "tmp" / folder).mkdir(parents=True, exist_ok=True)
        access_log = (
            f"access_log {self.run}/logs/nginx-access.log;"
            if self.access_log
            else "access_log off;"
        )
        main = self.run / "nginx.conf"
        # Started by root, nginx would hand its workers to "nobody", who may not enter the folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        main.write_text(LOCAL_MAIN_CONF.format(run=self.run, access_log=access_log, user=user))
        return main

    # --- Processes ------------------------------------------------------------------------------

    def spawn(self, name, command, needle):
        log = open(self.run / "logs" / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        process = subprocess.Popen(  # noqa: S603 - our own programs and arguments
            command,
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            # Ctrl-C reaches this script only; it stops the others in order.
            start_new_session=True,
        )
        process.needle = needle
        self.processes[name] = process
        (self.run / "pids" / f"{name}.pid").write_text(f"{process.pid} {needle}\n")
        return process

    def nginx_command(self, main, *extra):
        error_log = self.run / "logs" / "nginx-error.log"
        return ["nginx", "-p", str(self.run), "-c", str(main), "-e", str(error_log), *extra]

    def start(self):
        if not shutil.which("nginx"):
            sys.exit("nginx is not installed (apt-get install nginx-light).")
        self.stop_left_over()
        main = self.nginx_conf()
        subprocess.run(self.nginx_command(main, "-t", "-q"), check=True)  # noqa: S603
        if "EMAIL_HOST" not in os.environ and self.has_mail_sink():
            self.spawn(
                "mail",
                [self.python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.mail_port}"],
                "aiosmtpd",
            )
        for port in self.app_ports:
            self.spawn(
                f"web-{port}",
                [
                    self.python,
                    "-m",
                    "gunicorn",
                    "cms.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(self.gunicorn_workers),
                    "--graceful-timeout",
                    "20",
                    # gunicorn's control socket is one per user by default: one per server.
                    "--control-socket",
                    str(self.run / "tmp" / f"web-{port}.ctl"),
                ],
                "gunicorn",
            )
        self.spawn("worker", [self.python, "manage.py", "run_worker"], "run_worker")
        for port in self.app_ports:
            self.wait_for(port, f"web-{port}")
        self.spawn("nginx", self.nginx_command(main, "-g", "daemon off;"), "nginx")
        self.wait_for(self.port, "nginx")

    def wait_for(self, port, name, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                self.stop()
                sys.exit(
                    f"{name} ended (exit {process.returncode}): see {self.run}/logs/{name}.log"
                )
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/robots.txt")
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"{name} did not answer on port {port} within {timeout} s")

    def app_worker_pids(self):
        """{app server name: [pids of its gunicorn workers]}."""
        found = {}
        for name, process in self.processes.items():
            if name.startswith("web-"):
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
                found[name] = [int(pid) for pid in children.read_text().split()]
        return found

    def watch(self):
        """Until Ctrl-C or until nginx ends. An app server or the worker that ends is reported
        and left down, so that the rest shows what its failure does (docs/scaling.md)."""
        print(
            f"\nLANDVORTEIL runs at http://127.0.0.1:{self.port}/ (nginx, page cache) in front of "
            + ", ".join(f"127.0.0.1:{port}" for port in self.app_ports)
            + f"; uncached through nginx: http://127.0.0.1:{self.direct_port}/"
            f"\nlogs in {self.run}/logs/; Ctrl-C stops everything.",
            flush=True,
        )
        reported = set()
        while True:
            for name, process in self.processes.items():
                if process.poll() is not None and name not in reported:
                    reported.add(name)
                    print(f"{name} ended (exit {process.returncode})", flush=True)
                    if name == "nginx":
                        return
            time.sleep(1)

    def stop(self):
        """Ends our processes (nginx first, so nothing new arrives; the worker finishes its
        task) and forgets their ids."""
        order = ["nginx", *[f"web-{port}" for port in self.app_ports], "worker", "mail"]
        for name in order:
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        for name in order:
            process = self.processes.pop(name, None)
            if process is None:
                continue
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            (self.run / "pids" / f"{name}.pid").unlink(missing_ok=True)

    def stop_left_over(self):
        stop_from_pid_files(self.run)


def stop_from_pid_files(run_dir):
    """Ends the processes a stack in ``run_dir`` left running (by their recorded ids)."""
    pids = Path(run_dir) / "pids"
    stopped = []
    for path in sorted(pids.glob("*.pid")) if pids.exists() else []:
        pid, _sep, needle = path.read_text().strip().partition(" ")
        if process_matches(int(pid), needle):
            os.kill(int(pid), signal.SIGQUIT if path.stem == "nginx" else signal.SIGTERM)
            stopped.append((int(pid), needle, path.stem))
        path.unlink()
    for pid, needle, name in stopped:
        for _ in range(100):
            if not process_matches(pid, needle):
                break
            time.sleep(0.3)
        else:
            os.kill(pid, signal.SIGKILL)
        print(f"stopped {name} ({pid})")


def interrupted(*_args):
    """SIGTERM (systemd, kill) stops the stack as Ctrl-C does."""
    raise KeyboardInterrupt


def from_environment():
    port = int(os.environ.get("PROD_PORT", "8080"))
    return Stack(
        run_dir=os.environ.get("PROD_LOCAL_DIR", ROOT / ".prod-local"),
        port=port,
        database_url=os.environ.get(
            "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/landvorteil_prod_local"
        ),
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2"),
        gunicorn_workers=int(os.environ.get("PROD_GUNICORN_WORKERS", "2")),
        settings=os.environ.get("PROD_SETTINGS", "cms.settings.production"),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", nargs="?", default="start", choices=["start", "stop", "render-production"]
    )
    args = parser.parse_args()
    if args.command == "render-production":
        sys.stdout.write(render_production())
        return
    stack = from_environment()
    if args.command == "stop":
        stop_from_pid_files(stack.run)
        return
    if not stack.database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The production-like stack needs PostgreSQL: set DATABASE_URL to postgres://…")
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    stack.prepare()
    try:
        stack.start()
        stack.watch()
    except KeyboardInterrupt:
        print("\nstopping …", flush=True)
    finally:
        # A second Ctrl-C must not leave processes behind half-way through.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    main()
