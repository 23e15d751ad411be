"""Membership of action groups through the site: joining open groups, requests that leads
accept or decline (the requester is told by email), leaving, the last lead, removing members
with a reason, the lead role, undertakings and updates by leads only; the group page's part
(:func:`group_panel`) with a constant number of queries; parallel joins on PostgreSQL."""

import threading

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from participation import rules, services
from participation.models import (
    ActionGroup,
    GroupUpdate,
    Membership,
    Notification,
    NotificationReason,
    Undertaking,
)
from participation.views.memberships import group_panel
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import (
    ActionGroupFactory,
    GroupUpdateFactory,
    MembershipFactory,
    UndertakingFactory,
)
from tests.visions.factories import VisionIndexPageFactory, VisionPageFactory

SCRIPT = '<script>alert("x")</script>'


def told(reason):
    """``[(recipient's e-mail, activity data)]`` of the notifications for ``reason``."""
    notifications = Notification.objects.filter(reason=reason).select_related(
        "recipient", "activity"
    )
    return sorted(
        ((n.recipient.email, n.activity.data) for n in notifications), key=lambda pair: pair[0]
    )


def make_group(lead=None, **kwargs):
    """A published group led by ``lead`` with ``member_count`` as the services keep it."""
    lead = lead or UserFactory()
    group = ActionGroupFactory(author=lead, **kwargs)
    Membership.objects.update_or_create(
        group=group, user=lead, defaults={"role": "lead", "state": "active"}
    )
    return recount(group)


def recount(group):
    count = Membership.objects.filter(group=group, state="active").count()
    ActionGroup.objects.filter(pk=group.pk).update(member_count=count)
    group.refresh_from_db()
    return group


def add_member(group, user=None, **kwargs):
    membership = MembershipFactory(group=group, user=user or UserFactory(), **kwargs)
    recount(group)
    return membership


def url(group, route, **kwargs):
    return reverse(f"participation:{route}", kwargs={"pk": group.pk, **kwargs})


def member_url(membership, route):
    return url(membership.group, route, membership_id=membership.pk)


def count_of(group):
    group.refresh_from_db()
    return group.member_count


@pytest.fixture
def lead(db):
    return UserFactory(display_name="Lea Leitung", email="lea@example.org")


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Rudi Resident", email="rudi@example.org")


@pytest.fixture
def group(lead):
    return make_group(lead, name="Reparaturcafé")


@pytest.fixture
def closed_group(lead):
    return make_group(lead, name="Werkraum", joining=ActionGroup.Joining.REQUEST)


def flash(response):
    """The messages this response added."""
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


# --- Joining ------------------------------------------------------------------------------------


def test_a_resident_joins_an_open_group_with_one_click(client, group, resident):
    client.force_login(resident)
    response = client.post(url(group, "group_join"))
    assert response.status_code == 302
    assert response["Location"] == group.get_url()
    membership = Membership.objects.get(group=group, user=resident)
    assert membership.is_active and membership.role == "member"
    assert count_of(group) == 2


def test_joining_twice_counts_once(client, group, resident):
    client.force_login(resident)
    client.post(url(group, "group_join"))
    response = client.post(url(group, "group_join"))
    assert in_german(rules.ALREADY_MEMBER) in flash(response)
    assert Membership.objects.filter(group=group, user=resident).count() == 1
    assert count_of(group) == 2


def test_join_is_post_only_and_needs_sign_in(client, group):
    assert client.get(url(group, "group_join")).status_code == 405
    response = client.post(url(group, "group_join"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert count_of(group) == 1


def test_an_unverified_person_cannot_join(client, group):
    person = UserFactory(verified=False)
    client.force_login(person)
    response = client.post(url(group, "group_join"))
    assert response["Location"] == reverse("account_email")
    assert not Membership.objects.filter(user=person).exists()


def test_a_request_only_group_sends_clickers_to_the_request_form(client, closed_group, resident):
    client.force_login(resident)
    response = client.post(url(closed_group, "group_join"))
    assert in_german(rules.BY_REQUEST) in flash(response)
    assert not Membership.objects.filter(user=resident).exists()


def test_requesting_to_join_an_open_group_joins(client, group, resident, mailoutbox):
    client.force_login(resident)
    client.post(url(group, "group_request"), {"message": "Hallo"})
    assert Membership.objects.get(user=resident, group=group).is_active
    assert count_of(group) == 2
    assert mailoutbox == []


@pytest.mark.parametrize("moderation", ["pending", "hidden"])
def test_nobody_joins_a_group_that_is_not_published(client, lead, resident, moderation):
    group = make_group(lead, moderation=moderation)
    client.force_login(resident)
    # Not published: absent for everybody but its founder and leads.
    assert client.post(url(group, "group_join")).status_code == 404
    with pytest.raises(rules.ParticipationError) as error:
        services.join_group(resident, group)
    assert error.value.code == "group_not_open"
    assert count_of(group) == 1


# --- Requests -----------------------------------------------------------------------------------


def test_request_accept_and_the_requester_is_told(client, closed_group, lead, resident, site_homes):
    other_lead = add_member(closed_group, UserFactory(email="ole@example.org"), role="lead")
    client.force_login(resident)
    assert client.get(url(closed_group, "group_request")).status_code == 200
    client.post(url(closed_group, "group_request"), {"message": f"Ich helfe gern. {SCRIPT}"})
    membership = Membership.objects.get(user=resident)
    assert membership.state == "requested"
    assert count_of(closed_group) == 2
    # Each lead is told, with the requester's name and message, never an address.
    requests = told(NotificationReason.JOIN_REQUEST)
    assert [email for email, _data in requests] == ["lea@example.org", "ole@example.org"]
    for _email, data in requests:
        assert data["requester"] == "Rudi Resident"
        assert data["message"] == f"Ich helfe gern. {SCRIPT}"
        assert data["membership"] == membership.pk
        assert "@" not in str({k: v for k, v in data.items() if k != "audience"})
    assert other_lead.user.email == "ole@example.org"

    client.force_login(lead)
    page = client.get(url(closed_group, "group_members"))
    html = page.content.decode()
    assert "Rudi Resident" in html and "Ich helfe gern." in html
    assert SCRIPT not in html and "&lt;script&gt;" in html
    response = client.post(member_url(membership, "group_accept"))
    assert response["Location"] == url(closed_group, "group_members")
    membership.refresh_from_db()
    assert membership.is_active
    assert count_of(closed_group) == 3
    [(email, data)] = told(NotificationReason.MEMBERSHIP)
    assert email == "rudi@example.org"
    assert (data["outcome"], data["membership"], data["title"]) == (
        "accepted",
        membership.pk,
        closed_group.name,
    )


def test_request_declined_with_a_reason_the_requester_reads(
    client, closed_group, lead, resident, site_homes
):
    membership = add_member(closed_group, resident, state="requested")
    client.force_login(lead)
    assert client.get(member_url(membership, "group_decline")).status_code == 200
    client.post(member_url(membership, "group_decline"), {"reason": "Wir sind voll."})
    membership.refresh_from_db()
    assert membership.state == "declined" and membership.reason == "Wir sind voll."
    assert count_of(closed_group) == 1
    [(email, data)] = told(NotificationReason.MEMBERSHIP)
    assert email == "rudi@example.org"
    assert (data["outcome"], data["reason"]) == ("declined", "Wir sind voll.")
    # The requester sees the reason on the group's page and cannot ask again.
    panel = panel_for(resident, closed_group)
    assert panel["membership_state"] == "declined"
    assert "Wir sind voll." in panel["membership_reason_html"]
    assert not panel["membership_may_request"]


def test_only_leads_answer_requests(client, closed_group, resident):
    membership = add_member(closed_group, state="requested")
    member = add_member(closed_group, resident)
    client.force_login(member.user)
    response = client.post(member_url(membership, "group_accept"))
    assert in_german(rules.NOT_A_LEAD) in flash(response)
    membership.refresh_from_db()
    assert membership.state == "requested"


def test_a_request_is_answered_once(client, closed_group, lead):
    membership = add_member(closed_group, state="requested")
    client.force_login(lead)
    client.post(member_url(membership, "group_accept"))
    response = client.post(member_url(membership, "group_accept"))
    assert (
        rules.accept_obstacle(lead, closed_group, Membership.objects.get(pk=membership.pk)).code
        == "not_a_request"
    )
    assert flash(response)
    assert count_of(closed_group) == 2


def test_a_request_message_longer_than_500_is_a_form_error(
    client, closed_group, resident, site_homes
):
    client.force_login(resident)
    response = client.post(url(closed_group, "group_request"), {"message": "x" * 501})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Membership.objects.filter(user=resident).exists()


# --- Leaving, removing, leads -------------------------------------------------------------------


def test_a_member_leaves_after_confirming(client, group, resident, site_homes):
    add_member(group, resident)
    client.force_login(resident)
    assert client.get(url(group, "group_leave")).status_code == 200
    assert count_of(group) == 2
    client.post(url(group, "group_leave"))
    assert not Membership.objects.filter(user=resident).exists()
    assert count_of(group) == 1


def test_a_requester_withdraws_their_request(client, closed_group, resident):
    add_member(closed_group, resident, state="requested")
    client.force_login(resident)
    client.post(url(closed_group, "group_leave"))
    assert not Membership.objects.filter(user=resident).exists()
    assert count_of(closed_group) == 1


def test_the_last_lead_cannot_leave(client, group, lead):
    client.force_login(lead)
    response = client.post(url(group, "group_leave"))
    assert flash(response) == [
        in_german("You are the group's last lead. Make another member a lead first.")
    ]
    assert Membership.objects.get(user=lead).is_lead
    assert count_of(group) == 1


def test_a_lead_leaves_once_another_member_leads(client, group, lead, resident):
    membership = add_member(group, resident)
    client.force_login(lead)
    client.post(member_url(membership, "group_make_lead"))
    membership.refresh_from_db()
    assert membership.is_lead
    client.post(url(group, "group_leave"))
    assert not Membership.objects.filter(user=lead).exists()
    assert count_of(group) == 1


def test_remove_a_member_with_a_reason_they_see(client, group, lead, resident, site_homes):
    membership = add_member(group, resident)
    client.force_login(lead)
    # The reason is required.
    response = client.post(member_url(membership, "group_remove"), {"reason": ""})
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.is_active
    client.post(member_url(membership, "group_remove"), {"reason": f"Spam {SCRIPT}"})
    membership.refresh_from_db()
    assert membership.state == "removed"
    assert count_of(group) == 1
    [(email, data)] = told(NotificationReason.MEMBERSHIP)
    assert email == "rudi@example.org"
    assert (data["outcome"], data["reason"]) == ("removed", f"Spam {SCRIPT}")
    panel = panel_for(resident, group)
    assert panel["membership_state"] == "removed"
    assert "Spam &lt;script&gt;" in panel["membership_reason_html"]
    assert SCRIPT not in panel["membership_reason_html"]
    # Removed people cannot simply join again.
    client.force_login(resident)
    response = client.post(url(group, "group_join"))
    assert flash(response) == [in_german(rules.memberships.WAS_REMOVED)]
    assert count_of(group) == 1


def test_leads_are_not_removed_before_they_lose_the_role(client, group, lead, resident):
    membership = add_member(group, resident, role="lead")
    client.force_login(lead)
    response = client.post(member_url(membership, "group_remove"), {"reason": "Weg"})
    assert flash(response) == [in_german(rules.memberships.LEAD_NOT_REMOVED)]
    client.post(member_url(membership, "group_drop_lead"))
    client.post(member_url(membership, "group_remove"), {"reason": "Weg"})
    membership.refresh_from_db()
    assert membership.state == "removed"


def test_the_last_lead_cannot_remove_or_demote_themselves(client, group, lead):
    own = Membership.objects.get(user=lead)
    client.force_login(lead)
    response = client.post(member_url(own, "group_remove"), {"reason": "Tschüss"})
    assert flash(response) == [in_german(rules.LAST_LEAD)]
    response = client.post(member_url(own, "group_drop_lead"))
    assert flash(response) == [in_german(rules.LAST_LEAD)]
    own.refresh_from_db()
    assert own.is_lead


def test_a_lead_gives_up_the_role_when_another_leads(client, group, lead, resident):
    add_member(group, resident, role="lead")
    own = Membership.objects.get(user=lead)
    client.force_login(lead)
    response = client.post(member_url(own, "group_drop_lead"))
    assert response["Location"] == group.get_url()
    own.refresh_from_db()
    assert own.is_active and own.role == "member"
    assert rules.lead_count(ActionGroup.objects.get(pk=group.pk)) == 1


def test_members_cannot_manage(client, group, resident):
    other = add_member(group)
    add_member(group, resident)
    client.force_login(resident)
    response = client.get(url(group, "group_members"))
    assert response.status_code == 302
    assert in_german(rules.NOT_A_LEAD) in flash(response)
    client.post(member_url(other, "group_make_lead"))
    other.refresh_from_db()
    assert not other.is_lead


def test_the_members_page_lists_display_names_only(client, group, lead, site_homes):
    add_member(group, UserFactory(display_name="Mia Mitglied", email="mia@example.org"))
    client.force_login(lead)
    html = client.get(url(group, "group_members")).content.decode()
    assert "Mia Mitglied" in html
    assert "mia@example.org" not in html


# --- Undertakings and updates -------------------------------------------------------------------


def test_a_lead_keeps_undertakings(client, group, lead, site_homes):
    client.force_login(lead)
    assert client.get(url(group, "undertaking_create")).status_code == 200
    response = client.post(
        url(group, "undertaking_create"),
        {"title": f"Werkstatt {SCRIPT}", "description": "Wir bauen.", "status": "planning"},
    )
    assert response.status_code == 302
    undertaking = Undertaking.objects.get(group=group)
    assert undertaking.status == "planning"
    client.post(
        url(group, "undertaking_edit", undertaking_id=undertaking.pk),
        {"title": "Werkstatt", "description": "Wir bauen weiter.", "status": "running"},
    )
    undertaking.refresh_from_db()
    assert undertaking.status == "running" and undertaking.description == "Wir bauen weiter."


def test_an_undertaking_without_a_title_is_a_form_error(client, group, lead, site_homes):
    client.force_login(lead)
    response = client.post(
        url(group, "undertaking_create"), {"title": "", "description": "x", "status": "idea"}
    )
    assert response.status_code == 200
    assert not Undertaking.objects.exists()


def test_an_undertaking_of_another_group_is_not_edited(client, group, lead):
    other = UndertakingFactory()
    client.force_login(lead)
    response = client.post(
        url(group, "undertaking_edit", undertaking_id=other.pk),
        {"title": "Gekapert", "description": "x", "status": "idea"},
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.title != "Gekapert"


def test_an_undertaking_is_tied_to_a_live_vision_only(client, group, lead, site_homes):
    index = VisionIndexPageFactory(parent=site_homes[0])
    vision = VisionPageFactory(parent=index, title="Hafenspeicher")
    draft = VisionPageFactory(parent=index, live=False)
    data = {"title": "Coworking", "description": "Im Speicher.", "status": "idea"}
    client.force_login(lead)
    form_page = client.get(url(group, "undertaking_create")).content.decode()
    assert "Hafenspeicher" in form_page and draft.title not in form_page
    client.post(url(group, "undertaking_create"), {**data, "vision": draft.pk})
    assert not Undertaking.objects.exists()
    client.post(url(group, "undertaking_create"), {**data, "vision": vision.pk})
    assert Undertaking.objects.get().vision_id == vision.pk
    panel = panel_for(None, group)
    assert panel["membership_undertakings"][0]["vision_title"] == "Hafenspeicher"
    # The service checks again: a page that is not a vision, or a draft, is refused.
    for page in (site_homes[0], draft):
        with pytest.raises(rules.ParticipationError) as error:
            services.save_undertaking(lead, group, {**data, "vision": page.pk})
        assert error.value.code == "not_a_vision"
    assert Undertaking.objects.count() == 1


def test_a_lead_posts_and_edits_updates(client, group, lead, site_homes):
    undertaking = UndertakingFactory(group=group)
    client.force_login(lead)
    assert client.get(url(group, "update_create")).status_code == 200
    client.post(
        url(group, "update_create"),
        {"title": "Erster Termin", "text": "Es geht los.", "undertaking": undertaking.pk},
    )
    update = GroupUpdate.objects.get(group=group)
    assert update.is_published and update.author == lead and update.undertaking == undertaking
    client.post(
        url(group, "update_edit", update_id=update.pk), {"title": "Erster Termin", "text": "Neu"}
    )
    update.refresh_from_db()
    assert update.text == "Neu" and update.undertaking is None


def test_updates_can_wait_for_moderation_by_setting(group, lead, settings):
    settings.PARTICIPATION_GROUP_UPDATE_MODERATION = "pre"
    update = services.post_update(lead, group, {"title": "T", "text": "X"})
    assert update.is_pending


def test_an_update_cannot_name_another_groups_undertaking(client, group, lead, site_homes):
    other = UndertakingFactory()
    client.force_login(lead)
    response = client.post(
        url(group, "update_create"), {"title": "T", "text": "X", "undertaking": other.pk}
    )
    assert response.status_code == 200  # not a choice: a form error
    assert not GroupUpdate.objects.exists()
    with pytest.raises(rules.ParticipationError):
        services.post_update(lead, group, {"title": "T", "text": "X", "undertaking": other.pk})


@pytest.mark.parametrize("role", ["anonymous", "resident", "member"])
def test_only_leads_post_updates_and_undertakings(client, group, role):
    if role != "anonymous":
        person = UserFactory()
        if role == "member":
            add_member(group, person)
        client.force_login(person)
    client.post(url(group, "update_create"), {"title": "T", "text": "X"})
    client.post(
        url(group, "undertaking_create"), {"title": "T", "description": "X", "status": "idea"}
    )
    assert not GroupUpdate.objects.exists()
    assert not Undertaking.objects.exists()


# --- The group page's part ----------------------------------------------------------------------


def panel_for(user, group):
    request = RequestFactory().get(group.get_url())
    request.user = user or AnonymousUser()
    return group_panel(request, ActionGroup.objects.get(pk=group.pk))


def test_the_panel_shows_names_size_and_the_viewers_buttons(group, lead, resident):
    add_member(group, UserFactory(display_name="Mia Mitglied", email="mia@example.org"))
    anonymous = panel_for(None, group)
    assert anonymous["membership_leads"] == ["Lea Leitung"]
    assert anonymous["membership_members"] == ["Mia Mitglied"]
    assert anonymous["membership_size"] == 2
    assert anonymous["membership_sign_in"] and not anonymous["membership_may_join"]
    assert "mia@example.org" not in str(anonymous)
    outsider = panel_for(resident, group)
    assert outsider["membership_may_join"] and not outsider["membership_may_leave"]
    assert not outsider["membership_manage_url"]
    leading = panel_for(lead, group)
    assert leading["membership_is_lead"] and leading["membership_manage_url"]
    assert not leading["membership_may_leave"]
    assert leading["membership_leave_refusal"] == rules.LAST_LEAD


def test_the_panel_tells_a_requester_their_request_waits(closed_group, resident):
    add_member(closed_group, resident, state="requested")
    panel = panel_for(resident, closed_group)
    assert panel["membership_state"] == "requested"
    assert panel["membership_note"] and panel["membership_may_leave"]
    assert not panel["membership_may_request"]


def test_the_panel_shows_readable_updates_as_text(group, lead, resident):
    undertaking = UndertakingFactory(group=group, title="Werkstatt", description=SCRIPT)
    GroupUpdateFactory(group=group, undertaking=undertaking, author=lead, text=SCRIPT, title="Alt")
    GroupUpdateFactory(
        group=group, undertaking=undertaking, author=lead, title="Versteckt", moderation="hidden"
    )
    GroupUpdateFactory(group=group, author=lead, title="Allgemein")
    panel = panel_for(resident, group)
    [row] = panel["membership_undertakings"]
    assert [u["title"] for u in row["updates"]] == ["Alt"]
    assert SCRIPT not in row["description_html"] and SCRIPT not in row["updates"][0]["text_html"]
    assert [u["title"] for u in panel["membership_updates"]] == ["Allgemein"]
    assert not row["edit_url"]
    # The lead who wrote the hidden update sees it (with its badge) and may edit.
    lead_row = panel_for(lead, group)["membership_undertakings"][0]
    assert {u["title"] for u in lead_row["updates"]} == {"Alt", "Versteckt"}
    assert lead_row["edit_url"]


def test_the_panel_templates_render(client, group, lead, site_homes):
    from django.template.loader import render_to_string

    UndertakingFactory(group=group)
    GroupUpdateFactory(group=group, author=lead, title=SCRIPT)
    request = RequestFactory().get(group.get_url())
    request.user = lead
    context = {"group": group, **group_panel(request, group)}
    html = render_to_string("participation/groups/membership_panel.html", context, request)
    html += render_to_string("participation/groups/undertakings.html", context, request)
    assert "Lea Leitung" in html
    assert SCRIPT not in html and "&lt;script&gt;" in html
    assert url(group, "group_members") in html and url(group, "update_create") in html


def _fill(group, n):
    for _ in range(n):
        add_member(group, state="active")
        undertaking = UndertakingFactory(group=group)
        GroupUpdateFactory(group=group, undertaking=undertaking)
        GroupUpdateFactory(group=group)
    add_member(group, state="requested")


@pytest.mark.parametrize("viewer", ["anonymous", "resident", "lead"])
def test_the_panel_queries_do_not_grow(django_assert_num_queries, lead, viewer):
    small, large = make_group(lead), make_group(lead)
    _fill(small, 5)
    _fill(large, 50)
    user = {"anonymous": None, "resident": UserFactory(), "lead": lead}[viewer]

    def panel(group):
        request = RequestFactory().get("/")
        request.user = type(user).objects.get(pk=user.pk) if user else AnonymousUser()
        fresh = ActionGroup.objects.get(pk=group.pk)
        with CaptureQueriesContext(connection) as captured:
            result = group_panel(request, fresh)
        return result, len(captured)

    small_panel, expected = panel(small)
    large_panel, queries = panel(large)
    assert len(small_panel["membership_members"]) == 5
    assert len(large_panel["membership_members"]) == 50
    assert len(large_panel["membership_undertakings"]) == 50
    assert queries == expected
    assert expected <= 5
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk) if user else AnonymousUser()
    fresh = ActionGroup.objects.get(pk=large.pk)
    with django_assert_num_queries(expected):
        group_panel(request, fresh)


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
def test_one_resident_joins_twenty_times_at_once(postgres):
    group = make_group()
    resident = UserFactory()
    outcomes = run_in_parallel([lambda: services.join_group(resident, group)] * 20)
    assert outcomes.count("ok") == 1 and outcomes.count("refused") == 19, outcomes
    assert Membership.objects.filter(group=group, user=resident).count() == 1
    assert count_of(group) == 2


@concurrent
def test_thirty_residents_join_at_once(postgres):
    group = make_group()
    residents = [UserFactory() for _ in range(30)]
    outcomes = run_in_parallel([lambda r=r: services.join_group(r, group) for r in residents])
    assert outcomes == ["ok"] * 30, outcomes
    assert count_of(group) == 31
    assert Membership.objects.filter(group=group, state="active").count() == 31


# --- When a person's account is deleted ------------------------------------------------------


def test_a_deleted_member_leaves_the_count_and_nothing_else(client, group, resident):
    services.join_group(resident, group)
    other = UserFactory()
    services.join_group(other, group)
    assert count_of(group) == 3
    resident.delete()
    assert count_of(group) == 2
    assert list(Membership.objects.filter(group=group).values_list("user", flat=True)) == [
        group.author_id,
        other.pk,
    ]
    # A waiting request goes without touching the count.
    closed = make_group(other, name="Werkraum", joining=ActionGroup.Joining.REQUEST)
    asker = UserFactory()
    services.request_membership(asker, closed, "Darf ich?")
    asker.delete()
    assert count_of(closed) == 1


def test_a_group_whose_only_lead_is_deleted_stays_and_waits_for_a_new_lead(client, group, lead):
    member = UserFactory(display_name="Mia Mitglied")
    services.join_group(member, group)
    update = services.post_update(lead, group, {"title": "Erster Abend", "text": "Es lief gut."})
    lead.delete()
    group.refresh_from_db()
    assert group.member_count == 1 and group.author is None and group.is_published
    assert list(services.groups_without_lead()) == [group]
    update.refresh_from_db()
    assert update.author is None and update.is_published
    # The page still answers, without leads, and the member is still a member.
    html = client.get(group.get_url()).content.decode()
    assert "Erster Abend" in html and "Mia Mitglied" in html
    services.assign_lead(UserFactory(is_superuser=True), group, member)
    assert list(services.groups_without_lead()) == []
