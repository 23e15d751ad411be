"""The vision page's section "Diese Aktionsgruppen arbeiten daran": readable groups with their
undertakings on the vision and latest update, never hidden or pending ones, in a constant
number of queries."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from participation.models import ActionGroup, GroupUpdate, Undertaking
from tests.conftest import in_german, main_of, queries_of, translate
from tests.participation.factories import (
    ActionGroupFactory,
    GroupUpdateFactory,
    MembershipFactory,
    UndertakingFactory,
)
from tests.visions.factories import VisionIndexPageFactory, VisionPageFactory


@pytest.fixture
def vision(site_homes):
    index = VisionIndexPageFactory(parent=site_homes[0])
    return VisionPageFactory(parent=index, title="Kreativer Hafen", slug="kreativer-hafen")


def section(html):
    return html.split('id="vision-groups-heading"', 1)[1].split("</section>", 1)[0]


@pytest.mark.django_db
def test_vision_page_shows_the_groups_with_undertakings_and_latest_update(client, vision):
    group = ActionGroupFactory(name="Speicher-Coworking", member_count=3)
    for _number in range(3):
        MembershipFactory(group=group)
    other_vision = VisionPageFactory(parent=vision.get_parent(), title="Anderes")
    tied = UndertakingFactory(
        group=group, title="Coworking im Speicher", vision=vision, status="idea"
    )
    UndertakingFactory(group=group, title="Anderes Vorhaben", vision=other_vision)
    now = timezone.now()
    GroupUpdateFactory(group=group, title="Erstes Treffen", created_at=now - datetime.timedelta(3))
    GroupUpdateFactory(group=group, title="Mietvertrag unterschrieben", created_at=now)
    by_name = ActionGroupFactory(name="Benannt", vision=vision)

    html = section(main_of(client.get(vision.url)))
    assert f'href="{group.get_url()}"' in html and "Speicher-Coworking" in html
    assert in_german("%(counter)s member", "%(counter)s members", 3, counter=3) in html
    assert tied.title in html and "Anderes Vorhaben" not in html
    assert in_german(str(Undertaking.Status.IDEA.label)) in html
    assert "Mietvertrag unterschrieben" in html and "Erstes Treffen" not in html
    assert by_name.name in html
    start = reverse("participation:group_start") + f"?vision={vision.pk}"
    assert f'href="{start}"' in html


@pytest.mark.django_db
def test_groups_on_another_language_version_are_shown(client, vision, locale_en):
    english = translate(vision, locale_en, title="Creative harbour")
    group = ActionGroupFactory(name="Harbour group", vision=english)
    assert group.name in section(main_of(client.get(vision.url)))


@pytest.mark.django_db
@pytest.mark.parametrize("moderation", ["hidden", "pending"])
def test_hidden_and_pending_groups_are_absent_from_the_vision_page(client, vision, moderation):
    absent = ActionGroupFactory(name="Verborgene Gruppe", moderation=moderation)
    UndertakingFactory(group=absent, title="Verborgenes Vorhaben", vision=vision)
    html = main_of(client.get(vision.url))
    assert "Verborgene Gruppe" not in html and "Verborgenes Vorhaben" not in html
    assert in_german("No action group works on this vision yet.") in section(html)

    # Not even to their own founder: the vision page lists what everybody may read.
    client.force_login(absent.author)
    assert "Verborgene Gruppe" not in main_of(client.get(vision.url))


@pytest.mark.django_db
def test_hidden_updates_are_absent_and_do_not_count_as_latest(client, vision):
    group = ActionGroupFactory(name="Gruppe", vision=vision)
    now = timezone.now()
    GroupUpdateFactory(group=group, title="Sichtbar", created_at=now - datetime.timedelta(1))
    GroupUpdateFactory(group=group, title="Versteckt", moderation="hidden", created_at=now)
    GroupUpdateFactory(group=group, title="Wartet", moderation="pending", created_at=now)
    html = section(main_of(client.get(vision.url)))
    assert "Sichtbar" in html and "Versteckt" not in html and "Wartet" not in html


@pytest.mark.django_db
def test_hidden_groups_do_not_count(client, vision):
    ActionGroupFactory(name="Sichtbar", vision=vision)
    ActionGroupFactory(name="Versteckt", vision=vision, moderation="hidden")
    html = section(main_of(client.get(vision.url)))
    assert html.count('class="vision-group"') == 1


def add_groups(vision, count):
    """``count`` published groups on ``vision``, each with an undertaking and two updates."""
    groups = ActionGroup.objects.bulk_create(
        ActionGroup(name=f"Gruppe {n}", purpose="Zweck", moderation="published", member_count=n)
        for n in range(count)
    )
    undertakings = Undertaking.objects.bulk_create(
        Undertaking(group=group, title=f"Vorhaben {group.pk}", description="", vision=vision)
        for group in groups
    )
    GroupUpdate.objects.bulk_create(
        GroupUpdate(group=u.group, undertaking=u, title=f"Neu {u.pk}-{n}", text="", moderation=m)
        for u in undertakings
        for n, m in enumerate(["published", "hidden"])
    )


@pytest.mark.django_db
def test_vision_page_query_count_is_the_same_for_5_and_500_groups(client, vision):
    add_groups(vision, 5)
    _response, five = queries_of(client, vision.url)
    add_groups(vision, 495)
    response, many = queries_of(client, vision.url)
    assert section(main_of(response)).count('class="vision-group"') == 500
    assert len(many) == len(five)
