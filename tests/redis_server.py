"""A Redis server of the test's own on a spare loopback port, for outages: stop it, pause it
(a Redis that hangs: connections open, no answers), start it again, fill it up.

``shared_cache`` points Django's default cache at it, through the production backend
(``cms.cache.ResilientRedisCache``) with short timeouts.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from tests.loopback import spare_port

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


class RedisServer:
    def __init__(self):
        self.port = spare_port()
        self.folder = tempfile.mkdtemp(prefix="lv-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own redis-server
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        """Gone: the port is closed (connections are refused)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)

    def pause(self):
        """Hung: connections stay open, nothing is answered (a slow or frozen Redis)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def command(self, *words):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2).execute_command(
            *words
        )

    def close(self):
        if self.process and self.process.poll() is None:
            self.resume()
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def redis_server():
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed")
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture
def shared_cache(redis_server, settings):
    """Django's default cache on the test's own Redis, as production has it; a failure keeps
    Redis out of the way for a fifth of a second (production: ``REDIS_RETRY_AFTER``)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {
                "socket_timeout": 0.2,
                "socket_connect_timeout": 0.2,
                "retry_after": 0.2,
                "log_interval": 60,
            },
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield redis_server
