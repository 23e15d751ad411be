"""Action groups: starting and editing a group, its page and feed, the overview with its
filters and map; what hidden and waiting groups show to whom; what pages cost in queries."""

import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import pytest
from PIL import Image

from participation import rules
from participation.models import (
    ActionGroup,
    BoardEntry,
    Comment,
    GroupUpdate,
    Membership,
    ModerationLogEntry,
    Undertaking,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of, queries_of
from tests.participation.factories import (
    ActionGroupFactory,
    GroupUpdateFactory,
    ProposalFactory,
    group_led_by,
)
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db

# German address segments come from the catalogue ("aktionsgruppen/").
OVERVIEW = reverse("participation:groups")
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def field(site_homes):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def resident(site_homes):
    return UserFactory(display_name="Rike")


def start_url():
    return reverse("participation:group_start")


def png(name="bild.png"):
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")


def form_data(client, field, **overrides):
    """The start form's fields with a fresh double-submit token of ``client``'s session."""
    html = client.get(start_url()).content.decode()
    token = html.split('name="submission" value="', 1)[1].split('"', 1)[0]
    data = {
        "submission": token,
        "name": "Reparaturcafé Mölln",
        "purpose": "Wir reparieren gemeinsam.\n\nJeden ersten Samstag.",
        "fields_of_action": [field.pk],
        "municipality": "Mölln",
        "latitude": "",
        "longitude": "",
        "image_alt": "",
        "joining": "open",
        "seeks_members": "on",
    }
    data.update(overrides)
    return data


# --- Starting ----------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, site_homes):
    response = client.get(start_url())
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert "next=" in response["Location"]


def test_unverified_people_are_refused_with_the_message(client, site_homes, field):
    client.force_login(UserFactory(verified=False))
    response = client.get(start_url(), follow=True)
    assert escape(in_german(rules.UNVERIFIED_MESSAGE)) in response.content.decode()
    response = client.post(start_url(), {"name": "X"}, follow=True)
    assert ActionGroup.objects.count() == 0


def test_a_resident_starts_a_group_that_waits_for_a_moderator(client, resident, field):
    client.force_login(resident)
    response = client.post(start_url(), form_data(client, field))
    group = ActionGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == group.get_url()
    assert group.moderation == ActionGroup.Moderation.PENDING
    assert group.author == resident
    assert group.member_count == 1
    assert list(group.fields_of_action.all()) == [field]
    assert (group.municipality, group.joining, group.seeks_members) == ("Mölln", "open", True)
    lead = Membership.objects.get(group=group)
    assert (lead.user, lead.role, lead.state) == (resident, "lead", "active")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Reparaturcafé Mölln" in html
    assert escape(in_german("Awaiting moderation")) in html
    assert "Rike" in html and resident.email not in html


def test_without_pre_moderation_a_group_is_published_at_once(client, resident, field, settings):
    settings.PARTICIPATION_GROUPS_PRE_MODERATED = False
    client.force_login(resident)
    client.post(start_url(), form_data(client, field))
    assert ActionGroup.objects.get().moderation == ActionGroup.Moderation.PUBLISHED


def test_a_double_submit_starts_one_group(client, resident, field):
    client.force_login(resident)
    data = form_data(client, field)
    first = client.post(start_url(), data)
    second = client.post(start_url(), data)
    assert ActionGroup.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]


@pytest.mark.parametrize(
    ("overrides", "field_name"),
    [
        ({"name": "x" * 81}, "name"),
        ({"name": "   "}, "name"),
        ({"purpose": "x" * 3001}, "purpose"),
        ({"municipality": "Hamburg"}, "municipality"),
        ({"fields_of_action": []}, "fields_of_action"),
        ({"joining": "always"}, "joining"),
        ({"latitude": "53.1"}, "longitude"),
        ({"image": SimpleUploadedFile("bild.png", b"not an image")}, "image"),
        ({"image": "png"}, "image_alt"),
        ({"proposal": "999999"}, "proposal"),
        ({"vision": "999999"}, "vision"),
    ],
)
def test_bad_input_shows_form_errors_and_saves_nothing(
    client, resident, field, overrides, field_name
):
    client.force_login(resident)
    if overrides.get("image") == "png":
        overrides["image"] = png()
    response = client.post(start_url(), form_data(client, field, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field_name in form.errors
    assert 'class="error-summary"' in response.content.decode()
    assert ActionGroup.objects.count() == 0
    assert Membership.objects.count() == 0


def test_a_municipality_not_in_the_list_says_so(client, resident, field):
    client.force_login(resident)
    response = client.post(start_url(), form_data(client, field, municipality="Hamburg"))
    message = in_german(
        "Please choose a municipality of the region from the list, or “Region-wide”."
    )
    assert escape(message) in response.content.decode()


def test_an_image_is_reencoded_and_kept(client, resident, field):
    client.force_login(resident)
    data = form_data(client, field, image=png(), image_alt="Werkbank mit Werkzeug")
    client.post(start_url(), data)
    group = ActionGroup.objects.get()
    assert group.image.name.startswith("groups/")
    assert group.image_alt == "Werkbank mit Werkzeug"
    with Image.open(group.image.path) as image:
        assert image.format == "PNG"


def test_region_wide_groups_and_linked_pages(client, resident, field, site_homes):
    index = VisionIndexPageFactory(parent=site_homes[0])
    vision = VisionPageFactory(parent=index, title="Hafenspeicher als Coworking")
    process_index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=process_index, title="Zukunft Mölln")
    proposal = ProposalFactory(process=process, field_of_action=field, title="Rufbus im Amt")
    client.force_login(resident)
    html = client.get(start_url() + f"?vision={vision.pk}").content.decode()
    assert f'<option value="{vision.pk}" selected>' in html
    data = form_data(
        client,
        field,
        municipality="",
        vision=vision.pk,
        process=process.pk,
        proposal=proposal.pk,
    )
    client.post(start_url(), data)
    group = ActionGroup.objects.get()
    assert (group.municipality, group.vision_id, group.process_id, group.proposal_id) == (
        "",
        vision.pk,
        process.pk,
        proposal.pk,
    )
    html = main_of(client.get(group.get_url()))
    assert escape(in_german("Region-wide")) in html
    assert f'href="{vision.url}"' in html
    assert f'href="{process.url}"' in html
    assert f'href="{proposal.get_url()}"' in html


# --- Editing ----------------------------------------------------------------------------------


def edit_data(group, **overrides):
    data = {
        "name": group.name,
        "purpose": group.purpose,
        "fields_of_action": [field.pk for field in group.fields_of_action.all()],
        "municipality": group.municipality,
        "latitude": "",
        "longitude": "",
        "image_alt": group.image_alt,
        "joining": group.joining,
        "seeks_members": "on" if group.seeks_members else "",
    }
    data.update(overrides)
    return data


def test_a_lead_edits_the_group_and_it_waits_again(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    client.force_login(resident)
    url = group.get_url(route="group_edit")
    assert client.get(url).status_code == 200
    response = client.post(url, edit_data(group, name="Neuer Name"))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Neuer Name"
    assert group.moderation == ActionGroup.Moderation.PENDING


def test_saving_without_a_change_saves_nothing(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    before = ActionGroup.objects.get(pk=group.pk).updated_at
    client.force_login(resident)
    client.post(group.get_url(route="group_edit"), edit_data(group))
    group.refresh_from_db()
    assert group.updated_at == before
    assert group.moderation == ActionGroup.Moderation.PUBLISHED


def test_a_co_lead_who_did_not_found_the_group_may_edit(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    co_lead = UserFactory()
    Membership.objects.create(group=group, user=co_lead, role="lead", state="active")
    client.force_login(co_lead)
    client.post(group.get_url(route="group_edit"), edit_data(group, purpose="Neu"))
    group.refresh_from_db()
    assert group.purpose == "Neu"


@pytest.mark.parametrize("membership", [None, "member", "requested"])
def test_people_who_do_not_lead_cannot_edit(client, resident, field, membership):
    group = group_led_by(resident, fields_of_action=[field])
    other = UserFactory()
    if membership:
        state = "active" if membership == "member" else "requested"
        Membership.objects.create(group=group, user=other, role="member", state=state)
    client.force_login(other)
    url = group.get_url(route="group_edit")
    response = client.post(url, edit_data(group, name="Übernommen"), follow=True)
    assert escape(in_german(rules.NOT_GROUP_LEAD)) in response.content.decode()
    group.refresh_from_db()
    assert group.name != "Übernommen"
    assert "Edit the group" not in client.get(group.get_url()).content.decode()


def test_the_edit_link_is_shown_to_leads_only(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    edit_url = group.get_url(route="group_edit")
    assert edit_url not in client.get(group.get_url()).content.decode()
    client.force_login(resident)
    assert edit_url in client.get(group.get_url()).content.decode()


# --- Text stays text ---------------------------------------------------------------------------


def test_html_in_a_group_is_shown_as_text(client, resident, field):
    group = group_led_by(
        resident, fields_of_action=[field], name=f"Gruppe {SCRIPT}", purpose=f"Zweck {SCRIPT}"
    )
    for url in (group.get_url(), OVERVIEW):
        html = client.get(url).content.decode()
        assert SCRIPT not in html
        assert escape(f"Gruppe {SCRIPT}") in html


def test_html_typed_into_the_form_is_stored_as_typed_and_shown_as_text(client, resident, field):
    client.force_login(resident)
    client.post(start_url(), form_data(client, field, name=f"A {SCRIPT}"))
    group = ActionGroup.objects.get()
    assert group.name == f"A {SCRIPT}"
    html = client.get(group.get_url()).content.decode()
    assert SCRIPT not in html and escape(SCRIPT) in html


# --- Who sees what -----------------------------------------------------------------------------


def test_a_pending_group_is_seen_by_its_leads_only(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field], moderation="pending")
    co_lead, member = UserFactory(), UserFactory()
    Membership.objects.create(group=group, user=co_lead, role="lead", state="active")
    Membership.objects.create(group=group, user=member, role="member", state="active")
    assert client.get(group.get_url()).status_code == 404
    assert group.name not in client.get(OVERVIEW).content.decode()
    for person, status in ((resident, 200), (co_lead, 200), (member, 404), (UserFactory(), 404)):
        client.force_login(person)
        assert client.get(group.get_url()).status_code == status
        assert (group.name in client.get(OVERVIEW).content.decode()) is (status == 200)


@pytest.fixture
def hidden_group(resident, field):
    return group_led_by(
        resident,
        fields_of_action=[field],
        moderation="hidden",
        name="Verborgene Gruppe",
        latitude="53.6",
        longitude="10.7",
    )


def test_a_hidden_group_page_is_absent_but_for_its_founder(client, hidden_group, resident):
    assert client.get(hidden_group.get_url()).status_code == 404
    co_lead = UserFactory()
    Membership.objects.create(group=hidden_group, user=co_lead, role="lead", state="active")
    client.force_login(co_lead)
    assert client.get(hidden_group.get_url()).status_code == 404
    client.force_login(resident)
    html = client.get(hidden_group.get_url()).content.decode()
    assert escape(in_german("Hidden by moderation")) in html
    assert escape(in_german(rules.GROUP_HIDDEN)) not in html
    response = client.get(hidden_group.get_url(route="group_edit"), follow=True)
    assert escape(in_german(rules.GROUP_HIDDEN)) in response.content.decode()


def test_a_hidden_group_is_absent_from_the_overview(client, hidden_group):
    ActionGroupFactory(name="Sichtbare Gruppe")
    html = client.get(OVERVIEW).content.decode()
    assert "Sichtbare Gruppe" in html
    assert "Verborgene Gruppe" not in html
    client.force_login(UserFactory())
    assert "Verborgene Gruppe" not in client.get(OVERVIEW).content.decode()


def test_a_hidden_group_is_absent_from_the_map(client, hidden_group):
    ActionGroupFactory(name="Sichtbare Gruppe", latitude="53.7", longitude="10.8")
    response = client.get(reverse("participation:groups_geojson"))
    assert response["Content-Type"].startswith("application/geo+json")
    titles = [
        feature["properties"]["title"] for feature in json.loads(response.content)["features"]
    ]
    assert titles == ["Sichtbare Gruppe"]


def test_a_hidden_group_has_no_feed(client, hidden_group, resident):
    GroupUpdateFactory(group=hidden_group, title="Geheim")
    assert client.get(hidden_group.get_url(route="group_feed")).status_code == 404
    client.force_login(resident)
    assert client.get(hidden_group.get_url(route="group_feed")).status_code == 404


def test_personal_answers_are_not_cached(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    client.force_login(resident)
    for url in (group.get_url(), OVERVIEW, start_url(), group.get_url(route="group_edit")):
        assert (
            "private" in client.get(url)["Cache-Control"]
            or "no-cache" in client.get(url)["Cache-Control"]
        )


# --- The feed and updates ----------------------------------------------------------------------


def test_the_feed_lists_readable_updates_only(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    GroupUpdateFactory(group=group, title="Erstes Treffen")
    GroupUpdateFactory(group=group, title="Wartet noch", moderation="pending")
    GroupUpdateFactory(group=group, title="Versteckt", moderation="hidden")
    GroupUpdateFactory(title="Andere Gruppe")
    client.force_login(resident)
    response = client.get(group.get_url(route="group_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "Erstes Treffen" in xml
    assert "Wartet noch" not in xml and "Versteckt" not in xml and "Andere Gruppe" not in xml
    client.logout()
    page = client.get(group.get_url()).content.decode()
    assert f'type="application/atom+xml" href="{group.get_url(route="group_feed")}"' in page
    assert "Erstes Treffen" in page and "Versteckt" not in page and "Wartet noch" not in page


def test_html_in_an_update_is_text_in_the_feed(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    GroupUpdateFactory(group=group, title=f"T {SCRIPT}", text=f"X {SCRIPT}")
    xml = client.get(group.get_url(route="group_feed")).content.decode()
    assert SCRIPT not in xml


# --- The overview ------------------------------------------------------------------------------


def test_the_overview_filters(client, site_homes):
    mobility = FieldOfActionFactory(name="Mobilität", slug="mobilitaet")
    energy = FieldOfActionFactory(name="Energie", slug="energie")
    ActionGroupFactory(name="Alpha", fields_of_action=[mobility], municipality="Mölln")
    ActionGroupFactory(name="Beta", fields_of_action=[energy], seeks_members=False)
    gamma = ActionGroupFactory(name="Gamma", fields_of_action=[energy], municipality="Wismar")
    Undertaking.objects.create(group=gamma, title="Werkstatt", description="d", status="running")

    def names(query):
        response = client.get(OVERVIEW + query)
        assert response.status_code == 200
        return sorted(group.name for group in response.context["groups"])

    assert names("") == ["Alpha", "Beta", "Gamma"]
    assert names("?field=energie") == ["Beta", "Gamma"]
    assert names("?municipality=M%C3%B6lln") == ["Alpha"]
    assert names("?municipality=regionwide") == ["Beta"]
    assert names("?seeks=on") == ["Alpha", "Gamma"]
    assert names("?status=running") == ["Gamma"]
    assert names("?status=done") == []
    # Unknown values are dropped, never an error page.
    assert names("?field=nope&municipality=Hamburg&status=x") == ["Alpha", "Beta", "Gamma"]
    html = client.get(OVERVIEW + "?field=energie").content.decode()
    assert "?field=energie" in html  # the map asks with the same filter


def test_a_card_shows_what_a_group_is(client, site_homes):
    field = FieldOfActionFactory(name="Mobilität", slug="mobilitaet")
    ActionGroupFactory(
        name="Alpha", fields_of_action=[field], member_count=7, joining="request", municipality=""
    )
    html = main_of(client.get(OVERVIEW))
    assert "Alpha" in html and "Mobilität" in html
    assert in_german("%(count)s member", "%(count)s members", 7, count=7) in html
    assert escape(in_german("Region-wide")) in html
    assert escape(in_german("Join by request")) in html


def test_the_start_link_leads_anonymous_people_to_sign_in(client, site_homes):
    html = client.get(OVERVIEW).content.decode()
    assert f'href="{start_url()}"' in html


def test_the_map_lists_groups_with_a_place(client, site_homes):
    ActionGroupFactory(name="Mit Ort", latitude="53.6", longitude="10.7", municipality="Mölln")
    ActionGroupFactory(name="Ohne Ort")
    data = json.loads(client.get(reverse("participation:groups_geojson")).content)
    (feature,) = data["features"]
    assert feature["properties"]["title"] == "Mit Ort"
    assert feature["geometry"]["coordinates"] == [10.7, 53.6]


def add_groups(count, fields):
    """``count`` published groups in ``fields``, inserted in bulk."""
    groups = ActionGroup.objects.bulk_create(
        ActionGroup(
            name=f"Gruppe {n}",
            purpose="Wir packen an.",
            moderation="published",
            municipality="Mölln" if n % 2 else "",
            latitude=53.6 if n % 3 else None,
            longitude=10.7 if n % 3 else None,
            member_count=n,
        )
        for n in range(count)
    )
    links = ActionGroup.fields_of_action.through
    links.objects.bulk_create(
        links(actiongroup_id=group.pk, fieldofaction_id=field.pk)
        for group in groups
        for field in fields
    )
    Undertaking.objects.bulk_create(
        Undertaking(group=group, title="Vorhaben", description="", status="running")
        for group in groups
    )
    return groups


def test_the_overview_costs_the_same_for_5_and_for_500_groups(client, site_homes):
    fields = [FieldOfActionFactory(slug=f"f{n}") for n in range(3)]

    def count(path=OVERVIEW):
        response, queries = queries_of(client, path)
        assert response.status_code == 200
        return len(queries)

    add_groups(5, fields[:2])
    five = count()
    filtered = count(OVERVIEW + "?field=f0&municipality=Mölln&seeks=on&status=running")
    add_groups(495, fields[:2])
    assert count() == five
    assert count(OVERVIEW + "?field=f0&municipality=Mölln&seeks=on&status=running") == filtered
    client.force_login(UserFactory())
    signed_in = count()
    add_groups(5, fields[:1])
    assert count() == signed_in


def test_the_group_page_costs_the_same_for_5_and_for_500_updates_members_and_comments(
    client, resident, field
):
    group = group_led_by(resident, fields_of_action=[field])
    undertaking = Undertaking.objects.create(group=group, title="Vorhaben", description="")
    comment_type = ContentType.objects.get_for_model(ActionGroup)

    def add(count):
        people = [UserFactory.build() for _ in range(count)]
        for person in people:
            person.password = "!"
        people = type(resident).objects.bulk_create(people)
        Membership.objects.bulk_create(
            Membership(group=group, user=person, state="active") for person in people
        )
        GroupUpdate.objects.bulk_create(
            GroupUpdate(
                group=group,
                undertaking=undertaking if n % 2 else None,
                author=resident,
                title=f"Neuigkeit {n}",
                text="Es geht voran.",
                moderation="published",
            )
            for n in range(count)
        )
        Comment.objects.bulk_create(
            Comment(target_type=comment_type, target_id=group.pk, author=person, text="Gut")
            for person in people
        )
        BoardEntry.objects.bulk_create(
            BoardEntry(
                kind="need",
                group=group,
                author=resident,
                category="room",
                title="Ein Raum",
                description="Für Treffen",
                field_of_action=field,
            )
            for _ in range(count)
        )

    def count():
        response, queries = queries_of(client, group.get_url())
        assert response.status_code == 200
        return len(queries)

    add(5)
    anonymous = count()
    client.force_login(resident)
    five = count()
    add(495)
    assert count() == five
    client.logout()
    assert count() == anonymous


# --- Comments and reports ----------------------------------------------------------------------


def test_residents_comment_on_a_group_and_the_count_follows(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    client.force_login(UserFactory())
    url = reverse("participation:comment_create", args=["participation.actiongroup", group.pk])
    response = client.post(url, {"text": "Ich mache mit!"})
    comment = Comment.objects.get()
    assert response["Location"] == f"{group.get_url()}#comment-{comment.pk}-message"
    group.refresh_from_db()
    assert group.comment_count == 1
    assert "Ich mache mit!" in client.get(group.get_url()).content.decode()


def test_a_pending_group_cannot_be_discussed_yet(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field], moderation="pending")
    client.force_login(resident)
    url = reverse("participation:comment_create", args=["participation.actiongroup", group.pk])
    client.post(url, {"text": "Hallo"})
    assert Comment.objects.count() == 0


def test_a_group_can_be_reported(client, resident, field, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    group = group_led_by(resident, fields_of_action=[field])
    url = reverse("participation:report", args=["participation.actiongroup", group.pk])
    client.force_login(resident)
    assert url not in client.get(group.get_url()).content.decode()
    for _ in range(2):
        client.force_login(UserFactory())
        assert url in client.get(group.get_url()).content.decode()
        client.post(url, {"reason": "spam"})
    group.refresh_from_db()
    assert group.moderation == ActionGroup.Moderation.HIDDEN
    client.logout()
    assert client.get(group.get_url()).status_code == 404


def test_updates_on_the_page_are_readable_ones_and_the_own(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    GroupUpdateFactory(group=group, title="Öffentlich")
    GroupUpdateFactory(group=group, title="Versteckt", moderation="hidden", author=UserFactory())
    html = client.get(group.get_url()).content.decode()
    assert "Öffentlich" in html and "Versteckt" not in html
    assert GroupUpdate.objects.count() == 2


def test_editing_in_english_keeps_the_fields_of_action_checked(client, resident, field, locale_en):
    english = FieldOfActionFactory(name="Mobility", slug="mobilitaet", locale=locale_en)
    group = group_led_by(resident, fields_of_action=[field])
    client.force_login(resident)
    with translation.override("en"):
        url = group.get_url(route="group_edit")
    assert url.startswith("/en/")
    form = client.get(url).context["form"]
    assert form["fields_of_action"].value() == [english.pk]


def test_a_lead_replaces_and_removes_the_image(client, resident, field):
    group = group_led_by(resident, fields_of_action=[field])
    client.force_login(resident)
    url = group.get_url(route="group_edit")
    client.post(url, edit_data(group, image=png(), image_alt="Werkbank"))
    group.refresh_from_db()
    assert group.image and group.image_alt == "Werkbank"
    client.post(url, edit_data(group, remove_image="on", image_alt="Werkbank"))
    group.refresh_from_db()
    assert not group.image and group.image_alt == ""


def test_links_to_unpublished_pages_are_left_out(client, resident, field, site_homes):
    index = VisionIndexPageFactory(parent=site_homes[0])
    vision = VisionPageFactory(parent=index, title="Zurückgezogene Vision")
    group = group_led_by(resident, fields_of_action=[field], vision=vision)
    assert f'href="{vision.url}"' in main_of(client.get(group.get_url()))
    vision.unpublish()
    html = main_of(client.get(group.get_url()))
    assert "Zurückgezogene Vision" not in html


def test_the_founder_of_a_hidden_group_reads_the_reason(client, hidden_group, resident):
    ModerationLogEntry.objects.create(
        action=ModerationLogEntry.Action.HIDE,
        target_type=ContentType.objects.get_for_model(ActionGroup),
        target_id=hidden_group.pk,
        target_label=hidden_group.name,
        author=resident,
        reason="spam",
        note=f"Nur Werbung {SCRIPT}",
    )
    client.force_login(resident)
    html = client.get(hidden_group.get_url()).content.decode()
    assert escape(in_german("Spam or advertising")) in html
    assert escape(f"Nur Werbung {SCRIPT}") in html and SCRIPT not in html


def test_english_readers_see_the_fields_of_action_in_english(client, field, locale_en):
    FieldOfActionFactory(name="Mobility", slug="mobilitaet", locale=locale_en)
    ActionGroupFactory(name="Alpha", fields_of_action=[field], municipality="")
    with translation.override("en"):
        url = reverse("participation:groups")
    assert url.startswith("/en/")
    html = main_of(client.get(url))
    assert "Mobility" in html and "Mobilität" not in html
    assert "Region-wide" in html
