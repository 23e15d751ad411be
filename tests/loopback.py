"""Servers of the tests' own on loopback ports: a spare port, and nginx with the local stack's
configuration (deploy/nginx/) in front of app servers the test names."""

import contextlib
import socket
import subprocess
import time


def spare_port():
    """A loopback port nobody listens on now (connecting is refused until somebody does)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def nginx_front(run_dir, app_ports):
    """nginx in front of ``app_ports``, as ``make prod-local`` runs it; yields the stack (its
    ``port`` has the page cache, its ``direct_port`` passes everything to the app servers)."""
    from deploy.prod_local import Stack

    stack = Stack(
        run_dir,
        port=spare_port(),
        database_url="unused",
        redis_url="unused",
        app_ports=list(app_ports),
        direct_port=spare_port(),
    )
    for folder in ("logs", "tmp", "cache", "static", "media"):
        (run_dir / folder).mkdir()
    nginx = subprocess.Popen(stack.nginx_command(stack.nginx_conf(), "-g", "daemon off;"))  # noqa: S603
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", stack.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield stack
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
