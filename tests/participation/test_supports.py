"""Supports: once per person, within the budget, withdrawable while the phase lasts, with and
without JavaScript; exact under concurrent requests (PostgreSQL)."""

import threading

from django.db import connection
from django.utils.html import escape

import pytest

from cms.roles import MODERATORS
from participation import rules, services
from participation.models import Proposal, Support
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory
from visions.models import ProcessIndexPage


@pytest.fixture
def field_of_action(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


def make_process(home, **kwargs):
    index = home.get_children().type(ProcessIndexPage).first() or ProcessIndexPageFactory(
        parent=home
    )
    process = ProcessPageFactory(parent=index, **kwargs)
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


@pytest.fixture
def process(site_homes):
    return make_process(site_homes[0], support_budget=2, qualified_threshold=2)


def url(process, route, **kwargs):
    return process.url + process.reverse_subpage(route, kwargs=kwargs or None)


def proposals(process, field_of_action, count):
    return [ProposalFactory(process=process, field_of_action=field_of_action) for _ in range(count)]


@pytest.mark.django_db
class TestRules:
    def test_support_and_withdraw(self, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        resident = UserFactory()
        assert services.support(resident, proposal).support_count == 1
        with pytest.raises(rules.ParticipationError) as error:
            services.support(resident, proposal)
        assert error.value.message == rules.ALREADY_SUPPORTED
        assert Support.objects.count() == 1
        assert services.withdraw_support(resident, proposal).support_count == 0
        with pytest.raises(rules.ParticipationError) as error:
            services.withdraw_support(resident, proposal)
        assert error.value.message == rules.NOT_SUPPORTED
        proposal.refresh_from_db()
        assert proposal.support_count == 0 and not Support.objects.exists()

    def test_deleting_a_supporter_or_a_support_lowers_the_count(self, process, field_of_action):
        first, second = proposals(process, field_of_action, 2)
        resident, other = UserFactory(), UserFactory()
        services.support(resident, first)
        services.support(resident, second)
        services.support(other, first)
        resident.delete()
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.support_count, second.support_count) == (1, 0)
        Support.objects.get(user=other).delete()
        first.refresh_from_db()
        assert first.support_count == 0
        # Withdrawing through the service counts once, not twice.
        services.support(other, second)
        assert services.withdraw_support(other, second).support_count == 0

    def test_budget(self, process, field_of_action):
        first, second, third = proposals(process, field_of_action, 3)
        resident = UserFactory()
        services.support(resident, first)
        services.support(resident, second)
        with pytest.raises(rules.ParticipationError) as error:
            services.support(resident, third)
        assert str(error.value.message) == in_german(rules.BUDGET_USED, budget=2)
        third.refresh_from_db()
        assert third.support_count == 0
        states = rules.support_states(resident, process, [first, second, third])
        assert [states[p.pk].supported for p in (first, second, third)] == [True, True, False]
        assert [states[p.pk].allowed for p in (first, second, third)] == [True, True, False]
        assert states[third.pk].message == error.value.message
        # Withdrawing one support frees a place in the budget.
        services.withdraw_support(resident, first)
        services.support(resident, third)
        # A withdrawn proposal gives its supports back.
        Proposal.objects.filter(pk=second.pk).update(withdrawn_at="2030-01-01T00:00Z")
        services.support(resident, first)
        assert Support.objects.filter(user=resident).count() == 3

    def test_the_budget_holds_across_the_language_versions_of_a_process(
        self, site_homes, process, field_of_action, locale_en
    ):
        process.support_budget = 1
        process.save_revision().publish()
        english = process.copy_for_translation(locale_en, copy_parents=True)
        english.save_revision().publish()
        german_proposal = proposals(process, field_of_action, 1)[0]
        english_proposal = ProposalFactory(process=english, field_of_action=field_of_action)
        resident = UserFactory()
        services.support(resident, german_proposal)
        english = type(process).objects.get(pk=english.pk)
        with pytest.raises(rules.ParticipationError) as error:
            services.support(resident, english_proposal)
        # One support left: the message speaks of it in the singular.
        assert str(error.value.message) == in_german(rules.BUDGET_USED, budget=1)
        assert (
            rules.support_states(resident, english, [english_proposal])[english_proposal.pk].allowed
            is False
        )
        assert Support.objects.filter(user=resident).count() == 1

    def test_unlimited_budget_and_other_processes(self, site_homes, process, field_of_action):
        unlimited = make_process(site_homes[0], support_budget=0)
        resident = UserFactory()
        for proposal in proposals(unlimited, field_of_action, 4):
            services.support(resident, proposal)
        # Supports in another process do not use up this process's budget.
        for proposal in proposals(process, field_of_action, 2):
            services.support(resident, proposal)
        assert Support.objects.filter(user=resident).count() == 6

    def test_qualified_at_threshold(self, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        services.support(UserFactory(), proposal)
        proposal.refresh_from_db()
        assert proposal.qualified_at is None
        services.support(UserFactory(), proposal)
        proposal.refresh_from_db()
        qualified_at = proposal.qualified_at
        assert qualified_at is not None
        services.withdraw_support(Support.objects.first().user, proposal)
        proposal.refresh_from_db()
        assert proposal.qualified_at == qualified_at and proposal.support_count == 1

    def test_support_states_take_one_query(
        self, process, field_of_action, django_assert_num_queries
    ):
        many = proposals(process, field_of_action, 12)
        resident = UserFactory()
        services.support(resident, many[3])
        process = type(process).objects.prefetch_related("phases").get(pk=process.pk)
        rules.support_states(resident, process, many[:1])  # verification, remembered on the user
        with django_assert_num_queries(1):
            states = rules.support_states(resident, process, many)
        assert [p.pk for p in many if states[p.pk].supported] == [many[3].pk]

    def test_outside_the_support_phase(self, site_homes, field_of_action):
        closed = make_process(site_homes[0], phases=[{"allows_support": False}])
        proposal = proposals(closed, field_of_action, 1)[0]
        resident = UserFactory()
        Support.objects.create(proposal=proposal, user=resident, process=closed)
        for service in (services.support, services.withdraw_support):
            with pytest.raises(rules.ParticipationError):
                service(UserFactory() if service is services.support else resident, proposal)
        assert Support.objects.count() == 1


@pytest.mark.django_db
class TestViews:
    def test_form_post_redirects_back_with_a_message(self, client, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        client.force_login(UserFactory())
        back = url(process, "listing") + "?sort=newest"
        response = client.post(
            url(process, "support", pk=proposal.pk), {"action": "add", "next": back}
        )
        assert response.status_code == 302 and response["Location"] == back
        response = client.get(url(process, "proposal", pk=proposal.pk))
        html = response.content.decode()
        one_support = in_german("%(counter)s support", "%(counter)s supports", n=1, counter=1)
        assert one_support in html and 'value="remove"' in html
        assert (
            response["Cache-Control"].startswith("max-age=0")
            or "no-cache" in (response["Cache-Control"])
        )

    def test_next_must_be_on_this_site(self, client, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        client.force_login(UserFactory())
        response = client.post(
            url(process, "support", pk=proposal.pk),
            {"action": "add", "next": "https://evil.example/"},
        )
        assert response["Location"] == url(process, "proposal", pk=proposal.pk)

    def test_json(self, client, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        resident = UserFactory()
        client.force_login(resident)
        support_url = url(process, "support", pk=proposal.pk)
        response = client.post(support_url, {"action": "add"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
        data = response.json()
        assert data["ok"] and data["supported"] and data["support_count"] == 1
        assert data["action"] == "remove" and data["count_label"]
        assert "1" in data["message"]

        response = client.post(support_url, {"action": "add"}, HTTP_ACCEPT="application/json")
        assert response.status_code == 409
        assert response.json()["message"] == str(rules.ALREADY_SUPPORTED)
        assert response.json()["support_count"] == 1

        response = client.post(support_url, {"action": "remove"}, HTTP_ACCEPT="application/json")
        data = response.json()
        assert data["ok"] and not data["supported"] and data["support_count"] == 0
        assert data["action"] == "add"
        assert not Support.objects.exists()

    def test_json_for_anonymous_people(self, client, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        response = client.post(
            url(process, "support", pk=proposal.pk),
            {"action": "add"},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 401
        assert "/login/" in response.json()["login_url"]
        assert not Support.objects.exists()

    def test_bad_action(self, client, process, field_of_action):
        proposal = proposals(process, field_of_action, 1)[0]
        client.force_login(UserFactory())
        response = client.post(
            url(process, "support", pk=proposal.pk), {"action": "twice"}, follow=True
        )
        assert response.status_code == 200
        assert (
            in_german("Your request could not be understood. Please use the button again.")
            in response.content.decode()
        )
        response = client.post(
            url(process, "support", pk=proposal.pk),
            {"action": "twice"},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 400
        assert response.json()["message"] == in_german(
            "Your request could not be understood. Please use the button again."
        )
        assert not Support.objects.exists()


@pytest.mark.django_db
class TestBudgetGivenBack:
    """A proposal the moderation hides, or its author withdraws, gives its supporters their
    place in the budget back: in the service that takes supports, and on the button that the
    proposal pages show (``support_states``)."""

    @pytest.fixture(params=["hidden by moderation", "withdrawn by its author"])
    def take_away(self, request):
        def take_away(proposal):
            if request.param.startswith("hidden"):
                services.moderate(
                    proposal, "hide", UserFactory(group=MODERATORS), reason="spam", notify=False
                )
            else:
                services.withdraw_proposal(proposal.author, proposal)

        return take_away

    def test_the_place_comes_back_on_the_page_and_in_the_service(
        self, client, process, field_of_action, take_away
    ):
        gone, kept, wanted = proposals(process, field_of_action, 3)
        resident = UserFactory()
        services.support(resident, gone)
        services.support(resident, kept)
        client.force_login(resident)
        budget_used = escape(in_german(rules.BUDGET_USED, budget=2))
        page = main_of(client.get(url(process, "proposal", pk=wanted.pk)))
        assert budget_used in page and 'value="add"' not in page

        take_away(gone)

        page = main_of(client.get(url(process, "proposal", pk=wanted.pk)))
        assert budget_used not in page and 'value="add"' in page
        listing = main_of(client.get(url(process, "listing")))
        assert budget_used not in listing
        response = client.post(
            url(process, "support", pk=wanted.pk), {"action": "add"}, HTTP_ACCEPT="application/json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["supported"] is True
        # The budget is used up again: the support kept on the proposal taken away does not
        # make room for a fourth.
        fourth = proposals(process, field_of_action, 1)[0]
        page = main_of(client.get(url(process, "proposal", pk=fourth.pk)))
        assert budget_used in page and 'value="add"' not in page
        with pytest.raises(rules.ParticipationError) as error:
            services.support(resident, fourth)
        assert error.value.code == "budget_used"


# --- Concurrency (PostgreSQL) -------------------------------------------------------------------

concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_in_parallel(calls):
    """Run ``calls`` at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            call()
            outcomes[index] = "ok"
        except rules.ParticipationError:
            outcomes[index] = "refused"
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency needs PostgreSQL's row locks (DATABASE_URL=postgres://…).")


@concurrent
def test_forty_residents_at_once(postgres, site_homes, field_of_action):
    process = make_process(site_homes[0], support_budget=3)
    proposal = proposals(process, field_of_action, 1)[0]
    residents = [UserFactory() for _ in range(40)]
    outcomes = run_in_parallel(
        [lambda r=resident: services.support(r, proposal) for resident in residents]
    )
    assert outcomes == ["ok"] * 40
    proposal.refresh_from_db()
    assert proposal.support_count == 40
    assert Support.objects.filter(proposal=proposal).count() == 40


@concurrent
def test_one_resident_twenty_times_at_once(postgres, site_homes, field_of_action):
    process = make_process(site_homes[0])
    proposal = proposals(process, field_of_action, 1)[0]
    resident = UserFactory()
    outcomes = run_in_parallel([lambda: services.support(resident, proposal)] * 20)
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == 19, outcomes
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert Support.objects.filter(proposal=proposal).count() == 1


@concurrent
def test_budget_holds_under_parallel_requests(postgres, site_homes, field_of_action):
    process = make_process(site_homes[0], support_budget=3)
    many = proposals(process, field_of_action, 10)
    resident = UserFactory()
    outcomes = run_in_parallel([lambda p=p: services.support(resident, p) for p in many])
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == 7, outcomes
    assert Support.objects.filter(user=resident).count() == 3
    assert sum(Proposal.objects.values_list("support_count", flat=True)) == 3
