"""The page cache end to end: nginx with the stack's configuration (deploy/nginx/) in front of the
real app (pytest-django's live server). Anonymous readers share copies; a signed-in person, a
visitor with a message or with their own ballot never gets the shared copy and never leaves
theirs for others; a hidden comment leaves the cached page within seconds."""

import http.cookiejar
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.urls import reverse

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import ModerationLogEntry, Poll
from participation.services import moderation
from tests.cms.factories import UserFactory
from tests.conftest import make_site_homes
from tests.home.factories import StandardPageFactory
from tests.loopback import nginx_front
from tests.participation.factories import ProposalFactory
from tests.participation.test_polls import keys, make_poll
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed"),
]


@pytest.fixture
def front(live_server, tmp_path):
    """nginx on a port of its own, its one app server the live server."""
    app_port = int(live_server.url.rsplit(":", 1)[1])
    with nginx_front(tmp_path, [app_port]) as stack:
        yield Visitor.factory(f"http://127.0.0.1:{stack.port}")


class Visitor:
    """A browser without JavaScript: its own cookies, GET and POST through nginx."""

    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    @classmethod
    def factory(cls, base):
        return lambda: cls(base)

    def get(self, path):
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310

    def post(self, path, data):
        csrf = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}, doseq=True)
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cached_twice(visitor, path):
    """The page as the cache keeps it: the second anonymous GET is a HIT."""
    visitor.get(path)
    status, headers, body = visitor.get(path)
    assert (status, headers["X-Cache-Status"]) == (200, "HIT"), headers
    return body


@pytest.fixture
def proposal(live_server):
    home, _ = make_site_homes()
    index = ProcessIndexPageFactory(parent=home)
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return ProposalFactory(process=process, title="Rufbus am Abend")


def sign_in(visitor, person):
    visitor.get(reverse("account_login"))
    status, headers, _ = visitor.post(
        reverse("account_login"), {"login": person.email, "password": settings.DEMO_PASSWORD}
    )
    assert status == 302, status


def test_signed_in_pages_never_reach_anonymous_readers_nor_the_other_way(front, proposal):
    path = proposal.get_url()
    anonymous = front()
    shared = cached_twice(anonymous, path)
    person = UserFactory(display_name="Frieda Fährmann")
    frieda = front()
    sign_in(frieda, person)
    status, headers, own = frieda.get(path)
    assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    assert "Frieda Fährmann" in own and own != shared
    status, headers, body = front().get(path)
    assert headers["X-Cache-Status"] == "HIT" and "Frieda Fährmann" not in body


def test_a_message_is_shown_to_its_visitor_only(front, proposal):
    path = proposal.get_url()
    cached_twice(front(), path)
    person = UserFactory()
    leaving = front()
    sign_in(leaving, person)
    leaving.post(reverse("account_logout"), {})
    status, headers, body = leaving.get(path)
    assert 'class="messages container"' in body
    assert headers["X-Cache-Status"] != "HIT"
    for _ in range(2):
        status, headers, other = front().get(path)
        assert headers["X-Cache-Status"] == "HIT"
        assert 'class="messages container"' not in other


def test_a_visitors_own_ballot_stays_theirs(front, live_server):
    home, _ = make_site_homes()
    poll = make_poll(voters=Poll.Voters.ANYONE)
    page = StandardPageFactory(parent=home, title="Umfrage", slug="umfrage")
    page.body = [("poll", {"poll": poll})]
    page.save_revision().publish()
    anonymous_copy = cached_twice(front(), page.url)
    voter = front()
    voter.get(reverse("participation:poll", args=[poll.pk]))
    status, _, _ = voter.post(
        reverse("participation:poll_vote", args=[poll.pk]), {"choice": keys(poll, "Bus")}
    )
    assert status == 302
    status, headers, own = voter.get(page.url)
    assert headers["X-Cache-Status"] == "BYPASS" and "(100 %)" in own
    status, headers, other = front().get(page.url)
    assert "(100 %)" not in other
    assert other.count("Bus") == anonymous_copy.count("Bus")


def test_a_hidden_comment_leaves_the_cached_page_within_seconds(front, proposal):
    comment = services.create_comment(UserFactory(), proposal, "Das ist eine Beleidigung")
    path = proposal.get_url()
    assert "Das ist eine Beleidigung" in cached_twice(front(), path)
    moderation.moderate(
        comment,
        ModerationLogEntry.Action.HIDE,
        UserFactory(group=MODERATORS),
        reason="insult",
        notify=False,
    )
    deadline = time.monotonic() + 3
    while "Das ist eine Beleidigung" in front().get(path)[2]:
        assert time.monotonic() < deadline, "the hidden comment outlived its cached page"
        time.sleep(0.2)
