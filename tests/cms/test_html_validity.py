"""Every page of the demo, as a reader, a resident and a moderator find it by following links,
is valid HTML and shows no template code; so is every form that comes back with errors.

The crawl starts at both home pages and follows the site's own links, so a page type, a tab or a
filter added later is checked without naming it here. Addresses that differ only in numbers
(proposal 7, group 3) count as one shape, of which a few are checked; the admin is Wagtail's and
left out. The browser tests check the states they reach the same way (tests/e2e/conftest.py).
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from tests.html_checks import html_validator  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/_cache/", "/django-admin/")
# Following these would end the crawl's session or change data by a GET.
SKIPPED_WORDS = ("logout", "abmelden", "unsubscribe", "abbestellen", "download")
PER_SHAPE = 3
VARIANTS_PER_PATH = 2
# A reader's crawl reaches every page type well within this; signed in, the pages that differ
# (Mein Bereich, forms, moderation badges) come first from where the crawl starts.
MOST_PAGES = 700


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.forms, self._form = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"action": attrs.get("action"), "method": (attrs.get("method") or "get")}
            self.forms.append(self._form)


def _shape(path):
    return re.sub(r"\d+", "N", path.split("?")[0])


def crawl(client, starts, most=MOST_PAGES):
    """Pages reachable from ``starts``: {path: html} of every HTML page answered with 200, and
    the (page, action) of every form that posts."""
    pages, posting_forms, seen = {}, set(), set()
    queue = list(starts)
    shapes, variants = Counter(), Counter()
    while queue and len(pages) < most:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        parser = _Links()
        parser.feed(html)
        for form in parser.forms:
            if form["method"].lower() == "post" and form["action"]:
                posting_forms.add((path, urljoin(path, form["action"])))
        for href in parser.links:
            url = urlsplit(urljoin(path, href))
            if url.scheme not in ("", "http", "https"):
                continue
            if url.netloc and url.hostname not in ("testserver", "127.0.0.1", "localhost"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if (
                target in seen
                or url.path.startswith(SKIPPED_PREFIXES)
                or any(word in url.path for word in SKIPPED_WORDS)
            ):
                continue
            if url.query:
                if variants[url.path] >= VARIANTS_PER_PATH:
                    continue
                variants[url.path] += 1
            elif shapes[_shape(url.path)] >= PER_SHAPE:
                continue
            else:
                shapes[_shape(url.path)] += 1
            queue.append(target)
    return pages, posting_forms


def _defects(validator, pages):
    return {
        path: problems for path, html in pages.items() if (problems := validator.problems(html))
    }


def _report(defects):
    return "\n".join(
        f"{path}:\n  " + "\n  ".join(problems[:8]) for path, problems in sorted(defects.items())
    )


def _page_types_missed(pages):
    """Page types (per language) of which the crawl reached no page."""
    from wagtail.models import Page

    reached, missed = set(pages), set()
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        missed.add((type(page).__name__, page.locale.language_code))
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        if page.get_url() in reached:
            missed.discard((type(page).__name__, page.locale.language_code))
    return missed


def test_every_page_a_reader_reaches_is_valid(demo, client, html_validator):  # noqa: F811
    pages, _ = crawl(client, ["/de/", "/en/", "/de/gibt-es-nicht/"])

    # The crawl reached every kind of page, in both languages.
    assert len(pages) > 150
    assert {"/de/", "/en/"} <= set(pages)
    assert any(path.startswith("/en/") for path in pages if path != "/en/")
    assert not _page_types_missed(pages)
    defects = _defects(html_validator, pages)
    assert not defects, _report(defects)


def test_every_page_a_resident_reaches_is_valid(demo, client, html_validator):  # noqa: F811
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="bewohnerin@example.org"))
    pages, posting_forms = crawl(client, ["/de/konto/mein-bereich/", "/de/", "/en/"], most=300)
    assert any("mein-bereich" in path for path in pages)
    defects = _defects(html_validator, pages)
    assert not defects, _report(defects)

    # Every form she can send, sent empty, comes back with its errors as a valid page.
    answered = {}
    for _page, action in sorted(posting_forms):
        response = client.post(action, {})
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            answered[f"POST {action}"] = response.content.decode()
    assert answered, "no form came back with errors"
    defects = _defects(html_validator, answered)
    assert not defects, _report(defects)


def test_pages_of_staff_outside_the_admin_are_valid(demo, client, html_validator):  # noqa: F811
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="moderation@example.org"))
    pages, _ = crawl(client, ["/de/beteiligung/", "/de/"], most=150)
    defects = _defects(html_validator, pages)
    assert not defects, _report(defects)


def test_the_checker_finds_what_it_must(html_validator):  # noqa: F811
    """The harness itself: an invalid attribute and a Django comment spanning lines are found."""
    page = (
        '<!DOCTYPE html><html lang="de"><head><title>t</title></head><body>'
        '<form action=""></form>{# a note\nover two lines #}</body></html>'
    )
    problems = html_validator.problems(page)
    assert any("action" in problem for problem in problems)
    assert any(problem.startswith("template code") for problem in problems)


def test_no_template_comment_spans_lines():
    """Django prints a ``{# … #}`` that spans lines; the crawl would find it only on the pages
    the demo reaches, this finds it in every template."""
    from pathlib import Path

    from django.conf import settings

    spanning = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for template in Path(folder).rglob("*.html"):
            for number, line in enumerate(template.read_text().splitlines(), 1):
                if line.count("{#") > line.count("#}"):
                    spanning.append(f"{template}:{number}")
    assert not spanning


def test_moments_are_written_for_machines_without_microseconds():
    """``date:'c'`` writes six fraction digits, which a ``datetime`` attribute may not have;
    ``machine_time`` (cms/templatetags/time_tags.py) writes whole seconds."""
    from pathlib import Path

    from django.conf import settings

    offenders = [
        str(template)
        for folder in settings.TEMPLATES[0]["DIRS"]
        for template in Path(folder).rglob("*.html")
        if re.search(r"""\|date:["']c["']""", template.read_text())
    ]
    assert not offenders
