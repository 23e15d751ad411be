"""The board of needs and offers: what it lists (open, readable entries of readable groups),
its filters, leads' needs and residents' offers, closing and editing, reports, the needs and the
contact box on a group's page, and constant query counts."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

import pytest

from participation import rules
from participation.models import BoardEntry, Moderation, Report
from participation.views.board import group_needs
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of, queries_of
from tests.participation.factories import (
    ActionGroupFactory,
    BoardEntryFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

BOARD = "participation:board"


@pytest.fixture(autouse=True)
def _site(site_homes):
    return site_homes


@pytest.fixture
def lead():
    return UserFactory(display_name="Lena Lead")


@pytest.fixture
def group(lead):
    group = ActionGroupFactory(name="Makerspace")
    MembershipFactory(group=group, user=lead, role="lead")
    return group


@pytest.fixture
def field():
    return FieldOfActionFactory(name="Arbeit", slug="arbeit")


def board_html(client, **params):
    response = client.get(reverse(BOARD), params)
    assert response.status_code == 200
    return main_of(response)


def test_the_board_lists_open_readable_entries_of_readable_groups(client, group, lead, field):
    BoardEntryFactory(group=group, author=lead, title="Offene Suche", field_of_action=field)
    BoardEntryFactory(kind="offer", group=None, title="Mein Angebot")
    BoardEntryFactory(group=group, author=lead, title="Erledigt", closed_at=timezone.now())
    BoardEntryFactory(group=group, author=lead, title="Versteckt", moderation=Moderation.HIDDEN)
    BoardEntryFactory(group=group, author=lead, title="Wartet", moderation=Moderation.PENDING)
    hidden_group = ActionGroupFactory(moderation=Moderation.HIDDEN)
    BoardEntryFactory(group=hidden_group, title="Suche einer versteckten Gruppe")
    BoardEntryFactory(group=ActionGroupFactory(moderation=Moderation.PENDING), title="Neue Gruppe")
    BoardEntryFactory(kind="offer", group=hidden_group, title="Angebot einer versteckten Gruppe")
    html = board_html(client)
    assert "Offene Suche" in html and "Mein Angebot" in html and "Makerspace" in html
    # Authors are named, never with their address.
    assert not [p.email for p in get_user_model().objects.all() if p.email in html]
    for absent in ("Erledigt", "Versteckt", "Wartet", "versteckten Gruppe", "Neue Gruppe"):
        assert absent not in html
    # The author sees their own waiting entry, marked as such.
    client.force_login(lead)
    html = board_html(client)
    assert "Wartet" in html and "Versteckt" in html
    assert in_german("Awaiting moderation – only you can see it") in html


def test_filters_and_unknown_values(client, group, lead, field):
    other = FieldOfActionFactory(name="Bildung", slug="bildung")
    BoardEntryFactory(group=group, title="Raum in Mölln", municipality="Mölln", category="room")
    BoardEntryFactory(group=group, title="Regionweit", category="knowhow", field_of_action=other)
    BoardEntryFactory(
        kind="offer", group=None, title="Lötstation", category="material", municipality="Wismar"
    )
    BoardEntryFactory(group=group, title="Arbeitsfeld", field_of_action=field, category="people")

    def titles(**params):
        html = board_html(client, **params)
        names = ("Raum in Mölln", "Regionweit", "Lötstation", "Arbeitsfeld")
        return {name for name in names if escape(name) in html}

    assert titles(kind="offer") == {"Lötstation"}
    assert titles(kind="need") == {"Raum in Mölln", "Regionweit", "Arbeitsfeld"}
    assert titles(category="knowhow") == {"Regionweit"}
    assert titles(field="arbeit") == {"Arbeitsfeld"}
    # A municipality shows what is there and what is region-wide.
    assert titles(municipality="Mölln") == {"Raum in Mölln", "Regionweit", "Arbeitsfeld"}
    assert titles(kind="offer", municipality="Wismar") == {"Lötstation"}
    # Unknown values are dropped: everything shows.
    everything = {"Raum in Mölln", "Regionweit", "Lötstation", "Arbeitsfeld"}
    assert titles(kind="bogus", field="nope", municipality="Atlantis", page="x") == everything


def _fill(group, count):
    for number in range(count):
        BoardEntryFactory(group=group, title=f"Bedarf {number}")
        BoardEntryFactory(kind="offer", group=None, title=f"Angebot {number}")


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_board_costs_the_same_queries_for_5_and_50(client, group, lead, signed_in):
    if signed_in:
        client.force_login(lead)
    _fill(group, 5)
    few = len(queries_of(client, reverse(BOARD))[1])
    _fill(group, 45)
    response, queries = queries_of(client, reverse(BOARD))
    assert response.status_code == 200
    assert len(queries) == few


def test_a_lead_adds_a_need_and_marks_it_as_met(client, group, lead, field):
    url = reverse("participation:board_need_create", kwargs={"pk": group.pk})
    client.force_login(lead)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "<script>alert(1)</script>Räume",
            "description": "Für <b>Treffen</b>.",
            "category": "room",
            "field_of_action": field.pk,
            "municipality": "Ratzeburg",
        },
    )
    need = BoardEntry.objects.get()
    assert response["Location"] == need.get_url()
    assert (need.kind, need.group, need.author, need.municipality) == (
        "need",
        group,
        lead,
        "Ratzeburg",
    )
    html = board_html(client)
    assert "<script>alert(1)</script>" not in html
    assert escape("<script>alert(1)</script>Räume") in html
    assert escape("Für <b>Treffen</b>.") in html
    close = reverse("participation:board_entry_close", kwargs={"pk": need.pk})
    assert close in html
    client.post(close, {"next": "https://evil.example/"})
    need.refresh_from_db()
    assert need.closed_at is not None
    assert "Räume" not in board_html(client)


def test_only_leads_add_needs(client, group, field):
    url = reverse("participation:board_need_create", kwargs={"pk": group.pk})
    data = {"title": "X", "description": "Y", "category": "room", "field_of_action": field.pk}
    assert client.post(url, data)["Location"].startswith(reverse("account_login"))
    member = UserFactory()
    MembershipFactory(group=group, user=member)
    client.force_login(member)
    response = client.post(url, data, follow=True)
    assert escape(in_german(rules.BOARD_NOT_GROUP_LEAD)) in response.content.decode()
    assert not BoardEntry.objects.exists()


def test_bad_input_gives_form_errors_and_saves_nothing(client, group, lead, field):
    client.force_login(lead)
    url = reverse("participation:board_need_create", kwargs={"pk": group.pk})
    response = client.post(
        url,
        {
            "title": "x" * 121,
            "description": "",
            "category": "castle",
            "field_of_action": field.pk,
            "municipality": "Atlantis",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"title", "description", "category", "municipality"} <= set(errors)
    assert not BoardEntry.objects.exists()


def test_a_resident_offers_something_and_withdraws_it(client, field):
    resident = UserFactory()
    client.force_login(resident)
    url = reverse("participation:board_offer_create")
    data = {"title": "Lastenrad", "description": "Zum Ausleihen", "category": "material"}
    client.post(url, {**data, "field_of_action": field.pk})
    offer = BoardEntry.objects.get()
    assert (offer.kind, offer.group, offer.author, offer.municipality) == (
        "offer",
        None,
        resident,
        "",
    )
    html = board_html(client)
    assert "Lastenrad" in html and in_german("Region-wide") in html
    # One's own entry is changed, not answered.
    assert reverse("participation:relay_entry", kwargs={"pk": offer.pk}) not in html
    edit = reverse("participation:board_entry_edit", kwargs={"pk": offer.pk})
    client.post(edit, {**data, "title": "Zwei Lastenräder", "field_of_action": field.pk})
    offer.refresh_from_db()
    assert offer.title == "Zwei Lastenräder"
    client.post(reverse("participation:board_entry_close", kwargs={"pk": offer.pk}))
    offer.refresh_from_db()
    assert offer.is_closed


def test_an_offer_on_behalf_of_a_group_one_leads(client, group, lead, field):
    client.force_login(lead)
    url = reverse("participation:board_offer_create")
    data = {"title": "Werkbank", "description": "Für alle", "category": "material"}
    client.post(url, {**data, "field_of_action": field.pk, "group": group.pk})
    assert BoardEntry.objects.get().group == group
    # Not for a group one does not lead.
    foreign = ActionGroupFactory()
    response = client.post(url, {**data, "field_of_action": field.pk, "group": foreign.pk})
    assert response.status_code == 400 and "group" in response.context["form"].errors
    assert BoardEntry.objects.count() == 1


def test_unverified_people_cannot_offer(client, field):
    client.force_login(UserFactory(verified=False))
    response = client.post(
        reverse("participation:board_offer_create"),
        {"title": "X", "description": "Y", "category": "room", "field_of_action": field.pk},
    )
    assert response["Location"] == reverse("account_email")
    assert not BoardEntry.objects.exists()


def test_others_cannot_change_or_close_an_entry(client, group, lead, field):
    offer = BoardEntryFactory(kind="offer", group=None, title="Fremdes Angebot")
    need = BoardEntryFactory(group=group, author=lead)
    client.force_login(UserFactory())
    for entry in (offer, need):
        edit = reverse("participation:board_entry_edit", kwargs={"pk": entry.pk})
        response = client.post(edit, {"title": "Gekapert", "description": "x", "category": "room"})
        assert response.status_code == 302
        client.post(reverse("participation:board_entry_close", kwargs={"pk": entry.pk}))
        entry.refresh_from_db()
        assert entry.title != "Gekapert" and not entry.is_closed
    # A co-lead closes the need another lead wrote.
    co_lead = UserFactory()
    MembershipFactory(group=group, user=co_lead, role="lead")
    client.force_login(co_lead)
    client.post(reverse("participation:board_entry_close", kwargs={"pk": need.pk}))
    need.refresh_from_db()
    assert need.is_closed


def test_entries_are_reported_through_the_report_route(client, group, lead):
    need = BoardEntryFactory(group=group, author=lead, title="Melde mich")
    reader = UserFactory()
    client.force_login(reader)
    url = reverse("participation:report", args=["participation.boardentry", need.pk])
    assert url in board_html(client)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "spam"})
    assert response["Location"] == need.get_url()
    assert Report.objects.get().target == need


def _needs_context(user, group):
    request = RequestFactory().get(group.get_url())
    request.user = user
    request.LANGUAGE_CODE = "de"
    return request, group_needs(request, group)


def test_the_group_page_parts_show_open_needs_and_the_contact_box(group, lead):
    BoardEntryFactory(group=group, author=lead, title="Offener Bedarf")
    BoardEntryFactory(group=group, author=lead, title="Gedeckt", closed_at=timezone.now())
    BoardEntryFactory(kind="offer", group=group, author=lead, title="Gruppenangebot")
    from django.contrib.auth.models import AnonymousUser

    request, context = _needs_context(AnonymousUser(), group)
    assert [need.title for need in context["board_needs"]] == ["Offener Bedarf"]
    assert all(key.startswith("board_") for key in context)
    html = render_to_string(
        "participation/groups/needs.html", {**context, "group": group}, request=request
    )
    assert "Offener Bedarf" in html and "Gedeckt" not in html
    assert reverse("participation:relay_entry", args=[context["board_needs"][0].pk]) in html
    contact = render_to_string(
        "participation/groups/contact.html", {**context, "group": group}, request=request
    )
    assert reverse("participation:relay_group", kwargs={"pk": group.pk}) in contact
    # The leads add needs and are not offered to write to themselves.
    request, context = _needs_context(lead, group)
    assert context["board_need_url"] and context["board_contact_url"] is None
    assert (
        render_to_string(
            "participation/groups/contact.html", {**context, "group": group}, request=request
        ).strip()
        == ""
    )


@pytest.mark.parametrize("signed_in", [False, True])
def test_group_needs_costs_the_same_queries_for_5_and_50(group, lead, signed_in):
    from django.contrib.auth.models import AnonymousUser

    user = lead if signed_in else AnonymousUser()

    def count():
        fresh = type(user).objects.get(pk=user.pk) if signed_in else user
        with CaptureQueriesContext(connection) as captured:
            _needs_context(fresh, group)
        return len(captured.captured_queries)

    for number in range(5):
        BoardEntryFactory(group=group, author=lead, title=f"Bedarf {number}")
    count()  # warm the fields-of-action cache
    few = count()
    for number in range(45):
        BoardEntryFactory(group=group, author=lead, title=f"Mehr {number}")
    count()  # new fields of action refill the cache
    assert count() == few


def test_the_board_in_english(client, group, lead):
    BoardEntryFactory(group=group, author=lead, title="Workshop space")
    with translation.override("en"):
        url = reverse(BOARD)
    assert url.startswith("/en/")
    response = client.get(url, {"kind": "need"})
    assert response.status_code == 200
    assert "Wanted and offered" in response.content.decode()
    assert "Workshop space" in response.content.decode()
