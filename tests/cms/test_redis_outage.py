"""Redis makes things fast, never possible: with the shared cache stopped, hung, full or
emptied, pages, sign-in and search keep working from the database; rate-limited writes answer
"try again shortly" (503) and keep the text; everything resumes when Redis is back, and no
copy from before the outage outlives what changed during it. Against a Redis server of the
test's own (tests/redis_server.py), through the production cache backend."""

import logging
import time

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

import pytest

from cms.cache import TRY_AGAIN
from participation.models import Comment
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.home.factories import StoryIndexPageFactory, StoryPageFactory
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

PASSWORD = "ein sicheres Passwort 2026"


@pytest.fixture
def story(site_homes):
    index = StoryIndexPageFactory(parent=site_homes[0])
    return StoryPageFactory(parent=index, title="Dorfladen mit Zukunft")


@pytest.fixture
def proposal(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return ProposalFactory(process=process, title="Rufbus am Abend")


@pytest.fixture
def resident(db):
    user = UserFactory(email="anna@example.org")
    user.set_password(PASSWORD)
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def public_paths(story, proposal):
    return [
        "/de/",
        story.url,
        proposal.get_url(),
        reverse("account_login"),
        reverse("search:search") + "?q=Dorfladen",
        "/robots.txt",
    ]


def comment(client, proposal, text):
    label = "participation.proposal"
    return client.post(
        reverse("participation:comment_create", args=[label, proposal.pk]), {"text": text}
    )


def sign_in(client):
    return client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}
    )


def test_pages_sign_in_and_search_work_while_redis_is_stopped(
    client, shared_cache, story, proposal, resident
):
    for path in public_paths(story, proposal):
        assert client.get(path).status_code == 200, path
    shared_cache.stop()
    for path in public_paths(story, proposal):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Dorfladen mit Zukunft" in client.get(story.url).content.decode()
    response = sign_in(client)
    assert response.status_code == 302, response.content.decode()[:500]
    # The session lives in the database meanwhile: the next page knows the person.
    assert client.session[SESSION_KEY] == str(resident.pk)
    assert client.get(reverse("area:overview")).status_code == 200


def test_a_hung_redis_costs_one_timeout_not_one_per_request(
    client, shared_cache, settings, story, proposal
):
    settings.CACHES["default"]["OPTIONS"]["retry_after"] = 60
    settings.CACHES = dict(settings.CACHES)  # a new cache object with the longer pause
    client.get(story.url)
    shared_cache.pause()
    for _ in range(10):
        assert client.get(story.url).status_code == 200
    # One timeout opened the breaker; the next nine pages did not wait for Redis at all.
    assert cache.failures == 1
    shared_cache.resume()


def test_rate_limited_writes_fail_closed_and_keep_the_text(client, shared_cache, proposal):
    client.force_login(UserFactory())
    shared_cache.stop()
    response = comment(client, proposal, "Bitte nicht verlieren: Abendbus bis 23 Uhr")
    assert response.status_code == 503
    html = response.content.decode()
    assert escape(in_german(str(TRY_AGAIN))) in html
    assert "Bitte nicht verlieren: Abendbus bis 23 Uhr" in html
    assert not Comment.objects.exists()


def test_everything_resumes_when_redis_returns(client, shared_cache, proposal):
    client.force_login(UserFactory())
    shared_cache.stop()
    assert comment(client, proposal, "Erster Versuch").status_code == 503
    shared_cache.start()
    time.sleep(0.3)  # retry_after of the test's cache
    assert comment(client, proposal, "Zweiter Versuch").status_code == 302
    assert list(Comment.objects.values_list("text", flat=True)) == ["Zweiter Versuch"]
    assert cache.set("probe", 1) is None and cache.get("probe") == 1


def test_an_outage_is_logged_once_per_interval(client, shared_cache, story, caplog):
    client.get(story.url)
    shared_cache.stop()
    with caplog.at_level(logging.ERROR, logger="cms.cache"):
        for _ in range(5):
            assert client.get(story.url).status_code == 200
            time.sleep(0.25)  # past retry_after: every request asks Redis again and fails
    errors = [r for r in caplog.records if r.name == "cms.cache" and r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "Redis cache unavailable" in errors[0].getMessage()


def test_a_full_redis_still_serves_pages_and_refuses_limited_writes(
    client, shared_cache, story, proposal
):
    client.force_login(UserFactory())
    shared_cache.command("CONFIG", "SET", "maxmemory-policy", "noeviction")
    shared_cache.command("CONFIG", "SET", "maxmemory", "1")
    assert client.get(story.url).status_code == 200
    assert client.get(proposal.get_url()).status_code == 200
    assert comment(client, proposal, "Wenn voll, dann später").status_code == 503
    shared_cache.command("CONFIG", "SET", "maxmemory", "0")
    time.sleep(0.3)
    assert comment(client, proposal, "Jetzt geht es").status_code == 302


def test_a_redis_that_lost_its_data_loses_nobody_their_session(
    client, shared_cache, story, resident
):
    assert sign_in(client).status_code == 302
    shared_cache.command("FLUSHALL")
    assert client.session[SESSION_KEY] == str(resident.pk)
    assert client.get(reverse("area:overview")).status_code == 200
    shared_cache.stop()
    shared_cache.start()  # restarted empty
    assert client.get(reverse("area:overview")).status_code == 200
    assert client.get(story.url).status_code == 200


def test_signing_out_during_an_outage_stays_signed_out_after_it(client, shared_cache, resident):
    """The session's copy in Redis could not be deleted while Redis hung; it is deleted when
    Redis answers again, so the old session cookie opens nothing."""
    assert sign_in(client).status_code == 302
    cookie = client.cookies["sessionid"].value
    area = reverse("area:overview")
    assert client.get(area).status_code == 200
    shared_cache.pause()
    client.post(reverse("account_logout"))
    shared_cache.resume()
    time.sleep(0.3)
    client.cookies["sessionid"] = cookie
    response = client.get(area)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_proposal_submitted_while_redis_is_down_comes_back_as_its_preview(
    client, shared_cache, site_homes
):
    from participation.models import Proposal
    from tests.cms.factories import FieldOfActionFactory
    from tests.participation.test_proposals import form_data, make_process, url

    field = FieldOfActionFactory()
    process = make_process(site_homes[0], field)
    client.force_login(UserFactory())
    data = form_data(field, title="Dorfbus bei Nacht")
    preview = client.post(url(process, "submit"), {**data, "step": "preview"})
    token = preview.context["submission_token"]
    shared_cache.stop()
    response = client.post(url(process, "submit"), {**data, "step": "submit", "submission": token})
    assert response.status_code == 503
    html = response.content.decode()
    assert escape(in_german(str(TRY_AGAIN))) in html
    assert 'value="Dorfbus bei Nacht"' in html and f'value="{token}"' in html
    assert not Proposal.objects.exists()
    shared_cache.start()
    time.sleep(0.3)
    response = client.post(url(process, "submit"), {**data, "step": "submit", "submission": token})
    assert response.status_code == 302
    assert Proposal.objects.get().title == "Dorfbus bei Nacht"
