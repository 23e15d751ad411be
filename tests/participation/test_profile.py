"""The profile: display name rules (unique, visible characters, once a day), about me, fields of
interest, opt-in public profile that lists public contributions only; names link to it only
for people who opted in."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

import pytest

from cms.accounts import NAME_EMPTY, NAME_INVISIBLE, NAME_TAKEN
from participation.models import Comment, Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of
from tests.participation.factories import ActionGroupFactory, MembershipFactory, ProposalFactory
from tests.participation.test_supports import make_process


@pytest.fixture
def process(site_homes):
    return make_process(site_homes[0])


@pytest.fixture
def resident(db):
    return UserFactory(display_name="Bewohnerin")


def profile_data(user, **changes):
    data = {
        "display_name": user.display_name,
        "about": user.about,
        "language": user.language,
        "fields_of_interest": [],
    }
    if user.public_profile:
        data["public_profile"] = "on"
    data.update(changes)
    return data


def save(client, user, **changes):
    return client.post(reverse("area:profile"), profile_data(user, **changes))


@pytest.mark.django_db
class TestProfileForm:
    def test_save_everything(self, client, resident, site_homes):
        field = FieldOfActionFactory(name="Energie")
        client.force_login(resident)
        response = save(
            client,
            resident,
            display_name="  Neue   Nachbarin ",
            about="Ich gärtnere gern.",
            fields_of_interest=[field.pk],
            public_profile="on",
            language="en",
        )
        assert response.status_code == 302
        resident.refresh_from_db()
        assert resident.display_name == "Neue Nachbarin"
        assert resident.display_name_changed_at is not None
        assert resident.about == "Ich gärtnere gern."
        assert list(resident.fields_of_interest.all()) == [field]
        assert resident.public_profile
        assert resident.language == "en"

    def test_public_profile_is_off_by_default(self, resident):
        assert resident.public_profile is False

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("", NAME_EMPTY),
            ("    ", NAME_EMPTY),
            ("Anna\u200bBerg", NAME_INVISIBLE),
            ("Anna\u202eBerg", NAME_INVISIBLE),
            ("Anna\x07", NAME_INVISIBLE),
            ("Anna\nBerg", NAME_INVISIBLE),
        ],
    )
    def test_bad_names_are_refused(self, client, resident, site_homes, name, message):
        client.force_login(resident)
        response = save(client, resident, display_name=name)
        assert response.status_code == 200
        assert in_german(message) in main_of(response).replace("&#x27;", "'")
        resident.refresh_from_db()
        assert resident.display_name == "Bewohnerin"

    def test_another_persons_name_is_refused_whatever_the_case(self, client, resident, site_homes):
        UserFactory(display_name="Gärtner Jan")
        client.force_login(resident)
        response = save(client, resident, display_name="gärtner JAN")
        assert response.status_code == 200
        assert in_german(NAME_TAKEN) in main_of(response)
        resident.refresh_from_db()
        assert resident.display_name == "Bewohnerin"

    def test_the_name_changes_once_a_day(self, client, resident, site_homes):
        client.force_login(resident)
        assert save(client, resident, display_name="Erste").status_code == 302
        resident.refresh_from_db()
        response = save(client, resident, display_name="Zweite")
        assert response.status_code == 200
        resident.refresh_from_db()
        assert resident.display_name == "Erste"
        # Other fields still save while the name stays.
        assert save(client, resident, about="Neu hier.").status_code == 302
        resident.refresh_from_db()
        assert resident.about == "Neu hier."
        # A day later the name may change again.
        resident.display_name_changed_at = timezone.now() - timedelta(hours=25)
        resident.save(update_fields=["display_name_changed_at"])
        assert save(client, resident, display_name="Zweite").status_code == 302
        resident.refresh_from_db()
        assert resident.display_name == "Zweite"

    def test_about_is_limited(self, client, resident, site_homes):
        client.force_login(resident)
        response = save(client, resident, about="x" * 501)
        assert response.status_code == 200
        resident.refresh_from_db()
        assert resident.about == ""


@pytest.mark.django_db
class TestPublicProfile:
    def test_404_without_opt_in_or_when_blocked(self, client, resident, site_homes):
        url = reverse("participation:profile", kwargs={"pk": resident.pk})
        assert client.get(url).status_code == 404
        resident.public_profile = True
        resident.save()
        assert client.get(url).status_code == 200
        resident.is_active = False
        resident.save()
        assert client.get(url).status_code == 404
        assert client.get(reverse("participation:profile", kwargs={"pk": 99999})).status_code == 404

    def test_lists_public_contributions_only(self, client, resident, process):
        resident.public_profile = True
        resident.about = "Ich gärtnere gern."
        resident.save()
        shown = ProposalFactory(process=process, author=resident, title="Öffentlich")
        ProposalFactory(
            process=process,
            author=resident,
            title="Versteckt",
            moderation=Proposal.Moderation.HIDDEN,
        )
        ProposalFactory(
            process=process, author=resident, title="Wartet", moderation=Proposal.Moderation.PENDING
        )
        proposal_type = ContentType.objects.get_for_model(Proposal)
        hidden_target = ProposalFactory(process=process, moderation=Proposal.Moderation.HIDDEN)
        for text, target, extra in [
            ("Sichtbarer Kommentar", shown, {}),
            ("Gelöschter Kommentar", shown, {"deleted_at": timezone.now()}),
            ("Kommentar unter Verstecktem", hidden_target, {}),
        ]:
            Comment.objects.create(
                target_type=proposal_type,
                target_id=target.pk,
                process=process,
                author=resident,
                text=text,
                **extra,
            )
        group = ActionGroupFactory(name="Offene Gruppe")
        MembershipFactory(group=group, user=resident)
        ActionGroupFactory(name="Wartende Gruppe", author=resident, moderation="pending")
        html = main_of(client.get(reverse("participation:profile", kwargs={"pk": resident.pk})))
        assert "Ich gärtnere gern." in html
        assert "Öffentlich" in html and shown.get_url() in html
        assert "Versteckt" not in html and "Wartet" not in html
        assert "Sichtbarer Kommentar" in html
        assert "Gelöschter Kommentar" not in html
        assert "Kommentar unter Verstecktem" not in html
        assert "Offene Gruppe" in html
        assert "Wartende Gruppe" not in html

    def test_names_link_only_to_opted_in_profiles(self, client, resident, process):
        proposal = ProposalFactory(process=process, author=resident)
        profile_url = reverse("participation:profile", kwargs={"pk": resident.pk})
        html = main_of(client.get(proposal.get_url()))
        assert "Bewohnerin" in html
        assert profile_url not in html
        resident.public_profile = True
        resident.save()
        html = main_of(client.get(proposal.get_url()))
        assert f'href="{profile_url}">Bewohnerin</a>' in html
        html = main_of(client.get(process.url))
        assert f'href="{profile_url}">Bewohnerin</a>' in html

    def test_group_leads_updates_and_comments_link_to_opted_in_profiles(
        self, client, resident, process
    ):
        from tests.participation.factories import GroupUpdateFactory, group_led_by

        group = group_led_by(resident)
        GroupUpdateFactory(group=group, author=resident, title="Erstes Treffen")
        proposal = ProposalFactory(process=process)
        Comment.objects.create(
            target_type=ContentType.objects.get_for_model(Proposal),
            target_id=proposal.pk,
            process=process,
            author=resident,
            text="Gute Idee",
        )
        profile_url = reverse("participation:profile", kwargs={"pk": resident.pk})
        assert profile_url not in main_of(client.get(group.get_url()))
        assert profile_url not in main_of(client.get(proposal.get_url()))
        resident.public_profile = True
        resident.save()
        group_html = main_of(client.get(group.get_url()))
        # As a lead and as the author of the update.
        assert group_html.count(f'href="{profile_url}">Bewohnerin</a>') >= 2
        assert f'href="{profile_url}">Bewohnerin</a>' in main_of(client.get(proposal.get_url()))
