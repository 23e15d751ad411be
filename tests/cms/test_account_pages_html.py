"""The two-factor and sign-up pages in both languages: the site's layout, one heading, and
markup that browsers do not have to repair (balanced elements, no block inside a paragraph or
other phrasing element, unique ids)."""

from datetime import UTC, datetime
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BLOCK = {"div", "ul", "ol", "li", "p", "section", "form", "table", "h1", "h2", "h3", "nav", "dl"}
PHRASING = {"p", "span", "label", "a", "button", "strong", "em", "h1", "h2", "h3"}


class MarkupCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.ids, self.problems = [], set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            if attributes["id"] in self.ids:
                self.problems.append(f"duplicate id {attributes['id']}")
            self.ids.add(attributes["id"])
        if tag in BLOCK and any(parent in PHRASING for parent in self.open):
            self.problems.append(f"<{tag}> inside <{'/'.join(self.open[-3:])}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else '-'}>")
            if tag in self.open:
                while self.open.pop() != tag:
                    pass
            return
        self.open.pop()


def markup_problems(html):
    check = MarkupCheck()
    check.feed(html)
    check.close()
    return check.problems + [f"<{tag}> never closed" for tag in check.open]


def test_the_check_finds_what_browsers_repair():
    assert markup_problems('<p>a<ul><li>b</li></ul></p><i id="x"></i><b id="x"></b>') == [
        "<ul> inside <p>",
        "<li> inside <p/ul>",
        "duplicate id x",
    ]
    assert markup_problems("<div><span></div>") == ["</div> closes <span>"]


PREFIX = {"de": "/de/konto", "en": "/en/account"}


def pages_of(client, language):
    prefix = PREFIX[language]
    yield client.get(f"{prefix}/signup/")
    yield client.get(f"{prefix}/confirm-email/")
    person = UserFactory()
    client.force_login(person)
    with time_machine.travel(datetime.now(UTC), tick=False):
        client.post(f"{prefix}/reauthenticate/", {"password": "landvorteil-demo"})
        yield client.get(f"{prefix}/2fa/")
        yield client.get(f"{prefix}/2fa/totp/activate/")
        yield client.get(f"{prefix}/2fa/webauthn/add/")
        TOTP.activate(person, generate_totp_secret())
        client.post(f"{prefix}/2fa/recovery-codes/generate/")
        yield client.get(f"{prefix}/2fa/")
        yield client.get(f"{prefix}/2fa/recovery-codes/")
        yield client.get(f"{prefix}/2fa/totp/deactivate/")
        yield client.get(f"{prefix}/2fa/webauthn/")
        with translation.override(language):
            yield client.get(reverse("area:account"))
    client.logout()
    client.post(f"{prefix}/login/", {"login": person.email, "password": "landvorteil-demo"})
    yield client.get(f"{prefix}/2fa/authenticate/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_account_pages_are_well_formed_in_the_site_layout(client, site_homes, language):
    seen = 0
    for response in pages_of(client, language):
        where = response.wsgi_request.path
        assert response.status_code == 200, where
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, where
        assert '<main id="main"' in html, where
        assert html.count("<h1") == 1, where
        assert markup_problems(html) == [], where
        seen += 1
    assert seen == 11
