"""Polls: editors' translatable snippets with choices, placed in pages with the poll block; one
ballot per person (or browser session) that can be changed until the poll closes; results as
an accessible chart drawn on the server."""

import datetime
import threading
import time
import uuid

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

import pytest

from participation import rules, services
from participation.models import Ballot, BallotChoice, Poll, PollChoice
from participation.polls import results, share
from tests.cms.factories import UserFactory
from tests.conftest import in_german, queries_of
from tests.home.factories import StandardPageFactory
from tests.participation.test_supports import concurrent, postgres, run_in_parallel  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def make_poll(answers=("Bus", "Rad", "Auto"), **kwargs):
    poll = Poll(question="Wie kommen Sie zur Arbeit?", opens_at=NOW - datetime.timedelta(days=1))
    kwargs.setdefault("question", poll.question)
    for name, value in kwargs.items():
        setattr(poll, name, value)
    for label in answers:
        poll.choices.add(PollChoice(label=label))
    poll.save()
    return poll


def keys(poll, *labels):
    by_label = {choice.label: str(choice.translation_key) for choice in poll.choices.all()}
    return [by_label[label] for label in labels]


@pytest.fixture
def poll(db):
    return make_poll()


@pytest.fixture
def page(site_homes, poll):
    page = StandardPageFactory(parent=site_homes[0], title="Mobilität", slug="mobilitaet")
    page.body = [("poll", {"poll": poll})]
    page.save_revision().publish()
    return page


# --- Rules ---------------------------------------------------------------------------------------


def test_a_resident_votes_once_and_may_change_the_ballot(poll):
    resident = UserFactory()
    services.vote(poll, keys(poll, "Bus"), user=resident)
    services.vote(poll, keys(poll, "Rad"), user=resident)
    ballot = Ballot.objects.get()
    assert [str(c.choice_key) for c in ballot.choices.all()] == keys(poll, "Rad")
    assert results(poll).participants == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"opens_at": NOW + datetime.timedelta(hours=1)}, rules.POLL_NOT_OPEN),
        ({"closes_at": NOW - datetime.timedelta(hours=1)}, rules.POLL_CLOSED),
    ],
)
def test_no_votes_before_opening_or_after_closing(change, message):
    poll = make_poll(**change)
    with pytest.raises(rules.ParticipationError) as refused:
        services.vote(poll, keys(poll, "Bus"), user=UserFactory())
    assert refused.value.message == message
    assert not Ballot.objects.exists()


def test_bad_ballots_are_refused_and_change_nothing(poll):
    other_poll = make_poll(answers=("Ja", "Nein"))
    resident = UserFactory()
    services.vote(poll, keys(poll, "Bus"), user=resident)
    cases = [
        (keys(poll, "Bus", "Rad"), "", rules.POLL_TOO_MANY % {"limit": 1}),
        (keys(other_poll, "Ja"), "", rules.POLL_FOREIGN_CHOICE),
        ([str(uuid.uuid4())], "", rules.POLL_FOREIGN_CHOICE),
        (["kein-schlüssel"], "", rules.POLL_FOREIGN_CHOICE),
        ([], "", rules.POLL_NO_CHOICE),
        ([], "Zu Fuß", rules.POLL_NO_OTHER),
    ]
    for choice_keys, other, message in cases:
        with pytest.raises(rules.ParticipationError) as refused:
            services.vote(poll, choice_keys, other, user=resident)
        assert str(refused.value.message) == str(message)
    assert [str(c.choice_key) for c in Ballot.objects.get().choices.all()] == keys(poll, "Bus")


def test_multiple_choice_with_a_limit_and_an_own_answer():
    poll = make_poll(kind=Poll.Kind.MULTIPLE, max_choices=2, allow_other=True)
    resident = UserFactory()
    with pytest.raises(rules.ParticipationError):
        services.vote(poll, keys(poll, "Bus", "Rad"), "Zu Fuß", user=resident)
    with pytest.raises(rules.ParticipationError):
        services.vote(poll, keys(poll, "Bus"), "x" * 201, user=resident)
    services.vote(poll, keys(poll, "Bus"), "  Zu   Fuß ", user=resident)
    ballot = Ballot.objects.get()
    assert ballot.other_text == "Zu Fuß"


def test_unverified_blocked_and_anonymous_people(poll):
    with pytest.raises(rules.ParticipationError) as refused:
        services.vote(poll, keys(poll, "Bus"), user=UserFactory(verified=False))
    assert refused.value.message == rules.PROPOSAL_UNVERIFIED
    with pytest.raises(rules.ParticipationError):
        services.vote(poll, keys(poll, "Bus"), user=UserFactory(is_active=False))
    with pytest.raises(rules.ParticipationError) as refused:
        services.vote(poll, keys(poll, "Bus"), session_key="abc")
    assert refused.value.message == rules.POLL_SIGN_IN
    assert not Ballot.objects.exists()


def test_where_anyone_may_vote_a_browser_session_has_one_ballot():
    poll = make_poll(voters=Poll.Voters.ANYONE)
    services.vote(poll, keys(poll, "Bus"), session_key="sitzung-1")
    services.vote(poll, keys(poll, "Auto"), session_key="sitzung-1")
    services.vote(poll, keys(poll, "Rad"), session_key="sitzung-2")
    assert Ballot.objects.count() == 2
    assert {row.label: row.count for row in results(poll).rows} == {"Bus": 0, "Rad": 1, "Auto": 1}


# --- Results -------------------------------------------------------------------------------------


def test_results_single_choice():
    poll = make_poll()
    for label in ("Bus", "Bus", "Rad"):
        services.vote(poll, keys(poll, label), user=UserFactory())
    outcome = results(poll)
    assert outcome.participants == 3
    assert [(r.label, r.count, r.percent) for r in outcome.rows] == [
        ("Bus", 2, 67),
        ("Rad", 1, 33),
        ("Auto", 0, 0),
    ]


def test_results_multiple_choice_count_shares_of_participants():
    poll = make_poll(kind=Poll.Kind.MULTIPLE, allow_other=True, other_label="Anderes")
    services.vote(poll, keys(poll, "Bus", "Rad"), user=UserFactory())
    services.vote(poll, keys(poll, "Bus"), "Zu Fuß", user=UserFactory())
    services.vote(poll, [], "Mitfahren", user=UserFactory())
    services.vote(poll, keys(poll, "Bus", "Rad", "Auto"), user=UserFactory())
    outcome = results(poll)
    assert outcome.participants == 4
    assert [(r.label, r.count, r.percent) for r in outcome.rows] == [
        ("Bus", 3, 75),
        ("Rad", 2, 50),
        ("Auto", 1, 25),
        ("Anderes", 2, 50),
    ]
    assert share(1, 3) == 33 and share(2, 3) == 67 and share(1, 8) == 13 and share(0, 0) == 0


def test_a_translated_poll_counts_together(poll, locale_en):
    english = poll.copy_for_translation(locale_en)
    english.question = "How do you get to work?"
    english.save()
    for choice in english.choices.all():
        choice.label = {"Bus": "Bus", "Rad": "Bike", "Auto": "Car"}[choice.label]
        choice.save()
    services.vote(poll, keys(poll, "Rad"), user=UserFactory())
    services.vote(english, keys(english, "Bike"), user=UserFactory())
    services.vote(english, keys(english, "Car"), user=UserFactory())
    assert [(r.label, r.count) for r in results(english).rows] == [
        ("Bus", 0),
        ("Bike", 2),
        ("Car", 1),
    ]
    assert results(poll).participants == 3


# --- In a page -----------------------------------------------------------------------------------


def test_the_poll_block_shows_the_form_to_residents_and_a_link_to_others(client, page, poll):
    html = client.get(page.url).content.decode()
    assert poll.question in html
    assert 'name="choice"' not in html
    assert f"/de/konto/login/?next=%2Fde%2Fmitmachen%2Fumfragen%2F{poll.pk}%2F" in html
    assert "csrftoken" not in client.cookies  # reading a page sets no cookie
    client.force_login(UserFactory())
    html = client.get(page.url).content.decode()
    assert html.count('type="radio" name="choice"') == 3
    assert escape(in_german("Choose one answer.")) in html


def test_voting_without_javascript_goes_back_to_the_poll(client, page, poll):
    client.force_login(UserFactory())
    vote_url = f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/"
    response = client.post(vote_url, {"choice": keys(poll, "Rad"), "next": page.url})
    assert response.status_code == 302
    assert response["Location"] == f"{page.url}#poll-{poll.translation_key}"
    html = client.get(response["Location"]).content.decode()
    assert escape(in_german("Thank you, your vote is counted.")) in html
    assert in_german("Results") in html and "(100 %)" in html
    # Somewhere else is not a place to go back to.
    response = client.post(vote_url, {"choice": keys(poll, "Bus"), "next": "https://evil.example"})
    assert response["Location"].startswith(f"/de/mitmachen/umfragen/{poll.pk}/")


def test_voting_with_javascript_answers_with_the_new_poll(client, page, poll):
    client.force_login(UserFactory())
    vote_url = f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/"
    response = client.post(vote_url, {"choice": keys(poll, "Bus")}, HTTP_ACCEPT="application/json")
    data = response.json()
    assert data["ok"] and 'role="status"' in data["html"] and "(100 %)" in data["html"]
    response = client.post(
        vote_url, {"choice": keys(poll, "Bus", "Rad")}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400 and not response.json()["ok"]
    assert response.json()["message"] == in_german(
        "Please choose at most %(limit)d answer.", "Please choose at most %(limit)d answers.", 1
    ) % {"limit": 1}


def test_anyone_votes_on_the_polls_own_page(client):
    poll = make_poll(voters=Poll.Voters.ANYONE, show_results=Poll.Results.AFTER_CLOSING)
    page = client.get(f"/de/mitmachen/umfragen/{poll.pk}/")
    html = page.content.decode()
    assert html.count('name="choice"') == 3 and 'name="robots" content="noindex"' in html
    response = client.post(
        f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/", {"choice": keys(poll, "Auto")}, follow=True
    )
    html = response.content.decode()
    assert escape(in_german("The results are shown when the poll has closed.")) in html
    assert Ballot.objects.get().session_key == client.session.session_key


def test_residents_only_polls_send_visitors_to_sign_in(client, poll):
    response = client.post(
        f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/", {"choice": keys(poll, "Bus")}
    )
    assert response.status_code == 302
    assert not Ballot.objects.exists()
    html = client.get(f"/de/mitmachen/umfragen/{poll.pk}/").content.decode()
    assert escape(in_german(rules.POLL_SIGN_IN)) in html and "/konto/login/" in html


def test_the_free_text_answer_is_shown_as_text(client):
    poll = make_poll(allow_other=True, other_label="<b>Anderes</b>", show_results="always")
    client.force_login(UserFactory())
    client.post(
        f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/", {"other": "<script>alert(1)</script>"}
    )
    html = client.get(f"/de/mitmachen/umfragen/{poll.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>Anderes</b>" not in html
    assert escape("<b>Anderes</b>") in html


def test_a_page_with_a_poll_costs_the_same_for_10_and_10000_ballots(client, page, poll):
    reader = UserFactory()
    services.vote(poll, keys(poll, "Bus"), user=reader)
    client.force_login(reader)

    def add(count, start):
        ballots = Ballot.objects.bulk_create(
            Ballot(poll_key=poll.translation_key, session_key=f"s{start + n}") for n in range(count)
        )
        choice_keys = keys(poll, "Bus", "Rad", "Auto")
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, choice_key=choice_keys[n % 3])
            for n, ballot in enumerate(ballots)
        )

    add(9, 0)
    _, few = queries_of(client, page.url)
    add(9990, 9)
    response, many = queries_of(client, page.url)
    assert "10.000" in response.content.decode()
    assert len(many) == len(few), [query["sql"] for query in many]


# --- Concurrency (PostgreSQL) --------------------------------------------------------------------


@concurrent
def test_double_submissions_at_once_leave_one_ballot(postgres):  # noqa: F811
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    resident = UserFactory()
    calls = [
        lambda k=k: services.vote(poll, keys(poll, k), user=resident)
        for k in ("Bus", "Rad", "Auto") * 5
    ]
    outcomes = run_in_parallel(calls)
    assert outcomes == ["ok"] * 15, outcomes
    ballot = Ballot.objects.get()
    assert ballot.choices.count() == 1
    assert connection.vendor == "postgresql"


@concurrent
def test_a_vote_racing_the_polls_closing_waits_for_it_and_is_refused(postgres):  # noqa: F811
    """An editor closes the poll while a resident votes: the vote waits for the closing (the
    poll's row lock in ``services.vote``) and then finds the poll closed, instead of adding a
    ballot to results already published as final."""
    poll = make_poll()
    resident = UserFactory()
    closing_started = threading.Event()

    def close():
        with transaction.atomic():
            closing = Poll.objects.get(pk=poll.pk)
            closing.closes_at = timezone.now()
            closing.save()
            closing_started.set()
            time.sleep(1.5)  # the rest of the editor's save: revisions, log, references

    def vote():
        assert closing_started.wait(timeout=30)
        services.vote(poll, keys(poll, "Bus"), user=resident)

    assert run_in_parallel([close, vote]) == ["ok", "refused"]
    assert not Ballot.objects.exists()


# --- The editors' admin --------------------------------------------------------------------------


def results_url(poll, csv=False):
    from django.urls import reverse

    from participation.admin.polls import poll_viewset

    name = "results_csv" if csv else "results"
    return reverse(poll_viewset.get_url_name(name), args=[poll.pk])


def test_editors_see_results_any_time_and_download_them(client):
    from cms.roles import EDITORS

    poll = make_poll(
        kind=Poll.Kind.MULTIPLE,
        allow_other=True,
        show_results=Poll.Results.AFTER_CLOSING,
    )
    voters = [UserFactory(display_name="Geheime Person") for _ in range(2)]
    services.vote(poll, keys(poll, "Bus", "Rad"), user=voters[0])
    services.vote(poll, keys(poll, "Auto"), "=HYPERLINK(1)", user=voters[1])
    client.force_login(UserFactory(group=EDITORS))
    listing = client.get("/admin/snippets/participation/poll/").content.decode()
    assert results_url(poll) in listing
    html = client.get(results_url(poll)).content.decode()
    assert "=HYPERLINK(1)" in html and "Bus" in html
    response = client.get(results_url(poll, csv=True))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert lines[1].endswith(",Bus; Rad,")
    assert lines[2].endswith(",Auto,'=HYPERLINK(1)")
    assert "Geheime Person" not in text and voters[0].email not in text


def test_residents_do_not_see_the_admin_results(client, poll):
    client.force_login(UserFactory())
    assert client.get(results_url(poll)).status_code in (302, 403)
    assert client.get(results_url(poll, csv=True)).status_code in (302, 403)


def test_a_process_page_lists_its_polls_in_their_phases(client, site_homes):
    from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

    index = ProcessIndexPageFactory(parent=site_homes[0])
    phase = running_phase()
    process = ProcessPageFactory(parent=index, phases=[phase])
    process.save_revision().publish()
    in_phase = make_poll(question="Welche Idee zuerst?", process=process)
    make_poll(question="Was war gut?", process=process, opens_at=NOW + datetime.timedelta(days=400))
    make_poll(question="Anderswo?")
    in_body = make_poll(question="Schon im Text?", process=process)
    process.body = [("poll", {"poll": in_body})]
    process.save_revision().publish()
    html = client.get(process.url).content.decode()
    assert html.count("Schon im Text?") == 1
    assert in_phase.question in html and "Was war gut?" in html and "Anderswo?" not in html
    assert html.index(phase["title"]) < html.index("Welche Idee zuerst?")
    assert html.index(in_german("Further polls")) < html.index("Was war gut?")
    assert '<h4 class="poll__question"' in html


def test_an_editor_writes_a_poll_in_the_admin(client):
    from cms.roles import EDITORS

    client.force_login(UserFactory(group=EDITORS))
    data = {
        "question": "Welcher Tag passt?",
        "description": "",
        "kind": "multiple",
        "max_choices": "2",
        "other_label": "",
        "opens_at": "2026-12-01 10:00",
        "closes_at": "2026-11-01 10:00",  # before it opens: refused
        "voters": "residents",
        "show_results": "after_voting",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "20",
        "choices-0-label": "Montag",
        "choices-0-ORDER": "1",
        "choices-1-label": "Freitag",
        "choices-1-ORDER": "2",
    }
    add_url = "/admin/snippets/participation/poll/add/?locale=de"
    response = client.post(add_url, data)
    assert response.status_code == 200 and not Poll.objects.exists()
    assert escape(in_german("The poll must close after it opens.")) in response.content.decode()
    data["closes_at"] = "2026-12-24 10:00"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    poll = Poll.objects.get()
    assert [choice.label for choice in poll.choices.all()] == ["Montag", "Freitag"]
    assert poll.locale.language_code == "de"


def test_translating_with_wagtail_localize_keeps_the_answers_matched(poll, locale_en):
    from wagtail_localize.models import TranslationSource

    services.vote(poll, keys(poll, "Rad"), user=UserFactory())
    source, _created = TranslationSource.get_or_create_from_instance(poll)
    source.create_or_update_translation(locale_en, fallback=True)
    english = poll.get_translation(locale_en)
    assert {c.translation_key for c in english.choices.all()} == {
        c.translation_key for c in poll.choices.all()
    }
    services.vote(english, keys(english, "Rad"), user=UserFactory())
    assert [(r.label, r.count) for r in results(english).rows if r.count] == [("Rad", 2)]
    # Deleting an answer in the original and syncing again keeps every ballot.
    poll.choices.get(label="Auto").delete()
    source.update_from_db()
    source.create_or_update_translation(locale_en, fallback=True)
    assert Ballot.objects.count() == 2 and english.choices.count() == 2


def test_voting_too_fast_is_limited_with_a_message(client, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"vote": {"user": "100/m", "ip": "2/m"}}
    poll = make_poll(voters=Poll.Voters.ANYONE)
    client.get(f"/de/mitmachen/umfragen/{poll.pk}/")
    url = f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/"
    statuses = [
        client.post(url, {"choice": keys(poll, "Bus")}, HTTP_ACCEPT="application/json")
        for _ in range(3)
    ]
    assert [response.status_code for response in statuses] == [200, 200, 429]
    assert statuses[2].json()["message"] == in_german(
        "You have voted many times in a short time. Please wait a minute."
    )
    assert Ballot.objects.count() == 1


def test_one_answer_or_an_own_one(client):
    poll = make_poll(allow_other=True, other_label="Anders")
    client.force_login(UserFactory())
    url = f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/"
    html = client.get(f"/de/mitmachen/umfragen/{poll.pk}/").content.decode()
    assert html.count('type="radio" name="choice"') == 4
    response = client.post(url, {"choice": "other", "other": ""}, HTTP_ACCEPT="application/json")
    assert response.json()["message"] == in_german("Please write your own answer.")
    client.post(url, {"choice": "other", "other": "Zu Fuß"})
    ballot = Ballot.objects.get()
    assert ballot.other_text == "Zu Fuß" and not ballot.choices.exists()
    # Another answer chosen: the text in the field does not count.
    client.post(url, {"choice": keys(poll, "Bus"), "other": "Zu Fuß"})
    ballot.refresh_from_db()
    assert ballot.other_text == "" and ballot.choices.count() == 1
    response = client.post(
        url, {"choice": "other", "other": "a\x00b"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == in_german(
        "Your own answer contains characters that cannot be saved."
    )


def test_visitors_without_the_polls_session_cannot_vote(client):
    poll = make_poll(voters=Poll.Voters.ANYONE)
    url = f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/"
    for _ in range(3):
        client.cookies.clear()
        response = client.post(url, {"choice": keys(poll, "Bus")}, HTTP_ACCEPT="application/json")
        assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_a_page_showing_a_visitors_own_ballot_is_not_shared(client, site_homes):
    poll = make_poll(voters=Poll.Voters.ANYONE)
    page = StandardPageFactory(parent=site_homes[0], title="Umfrage", slug="umfrage")
    page.body = [("poll", {"poll": poll})]
    page.save_revision().publish()
    assert "public" in client.get(page.url)["Cache-Control"]
    client.get(f"/de/mitmachen/umfragen/{poll.pk}/")
    client.post(f"/de/mitmachen/umfragen/{poll.pk}/abstimmen/", {"choice": keys(poll, "Bus")})
    response = client.get(page.url)
    assert "private" in response["Cache-Control"] and "(100 %)" in response.content.decode()
