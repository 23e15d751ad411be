"""Following: POST only, signed in, only what the person may see (else 404), toggled, back to
where they came from; the buttons on the pages say what they do."""

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

import pytest

from participation.models import Follow, Proposal, Unfollow
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of
from tests.participation.factories import ActionGroupFactory, ProposalFactory
from tests.participation.test_supports import make_process
from tests.visions.factories import VisionIndexPageFactory, VisionPageFactory


@pytest.fixture
def process(site_homes):
    return make_process(site_homes[0])


@pytest.fixture
def resident(db):
    return UserFactory()


def follow_url(kind, pk):
    return reverse("participation:follow", kwargs={"kind": kind, "pk": pk})


def follows(user, target):
    return Follow.objects.filter(
        user=user,
        target_type=ContentType.objects.get_for_id(target.content_type_id)
        if hasattr(target, "content_type_id")
        else ContentType.objects.get_for_model(target),
        target_id=target.pk,
    ).exists()


@pytest.mark.django_db
class TestFollowView:
    def test_follow_and_unfollow_a_process(self, client, resident, process):
        client.force_login(resident)
        response = client.post(follow_url("process", process.pk), {"follow": "1"})
        assert response.status_code == 302
        assert response["Location"] == process.url
        assert follows(resident, process)
        # Following twice keeps one follow.
        client.post(follow_url("process", process.pk), {"follow": "1"})
        assert Follow.objects.filter(user=resident).count() == 1
        response = client.post(
            follow_url("process", process.pk), {"follow": "0", "next": "/de/konto/my-area/"}
        )
        assert response["Location"] == "/de/konto/my-area/"
        assert not follows(resident, process)
        # Unfollowing is remembered: automatic following does not come back.
        assert Unfollow.objects.filter(user=resident, target_id=process.pk).exists()

    def test_without_a_value_it_toggles(self, client, resident, process):
        client.force_login(resident)
        client.post(follow_url("process", process.pk))
        assert follows(resident, process)
        client.post(follow_url("process", process.pk))
        assert not follows(resident, process)

    def test_every_kind(self, client, resident, process, site_homes):
        proposal = ProposalFactory(process=process)
        group = ActionGroupFactory()
        vision = VisionPageFactory(parent=VisionIndexPageFactory(parent=site_homes[0]))
        field = FieldOfActionFactory()
        client.force_login(resident)
        for kind, target in [
            ("proposal", proposal),
            ("group", group),
            ("vision", vision),
            ("field", field),
        ]:
            response = client.post(follow_url(kind, target.pk), {"follow": "1"})
            assert response.status_code == 302, kind
            assert follows(resident, target), kind

    def test_only_post(self, client, resident, process):
        client.force_login(resident)
        assert client.get(follow_url("process", process.pk)).status_code == 405
        assert not Follow.objects.exists()

    def test_anonymous_people_sign_in(self, client, process):
        response = client.post(follow_url("process", process.pk), {"next": process.url})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not Follow.objects.exists()

    def test_csrf(self, resident, process):
        client = Client(enforce_csrf_checks=True)
        client.force_login(resident)
        assert client.post(follow_url("process", process.pk)).status_code == 403
        assert not Follow.objects.exists()

    def test_a_foreign_next_is_ignored(self, client, resident, process):
        client.force_login(resident)
        response = client.post(
            follow_url("process", process.pk), {"follow": "1", "next": "https://evil.example/"}
        )
        assert response["Location"] == process.url

    def test_invisible_things_are_refused(self, client, resident, process, site_homes):
        hidden = ProposalFactory(process=process, moderation=Proposal.Moderation.HIDDEN)
        pending_group = ActionGroupFactory(moderation="pending")
        draft = VisionPageFactory(parent=VisionIndexPageFactory(parent=site_homes[0]))
        draft.unpublish()
        client.force_login(resident)
        for kind, pk in [
            ("proposal", hidden.pk),
            ("group", pending_group.pk),
            ("vision", draft.pk),
            ("process", 999999),
            # A page of another kind than the one named.
            ("vision", process.pk),
            ("process", site_homes[0].pk),
            ("nonsense", process.pk),
        ]:
            assert client.post(follow_url(kind, pk), {"follow": "1"}).status_code == 404, kind
        assert not Follow.objects.exists()

    def test_an_author_may_follow_their_own_hidden_proposal(self, client, resident, process):
        own = ProposalFactory(
            process=process, author=resident, moderation=Proposal.Moderation.HIDDEN
        )
        client.force_login(resident)
        assert client.post(follow_url("proposal", own.pk)).status_code == 302
        assert follows(resident, own)


@pytest.mark.django_db
class TestButtons:
    def test_process_page(self, client, resident, process):
        client.force_login(resident)
        html = main_of(client.get(process.url))
        assert f'action="{follow_url("process", process.pk)}"' in html
        assert in_german("Follow") + '<span class="visually-hidden">' in html
        client.post(follow_url("process", process.pk), {"follow": "1"})
        html = main_of(client.get(process.url))
        assert in_german("Stop following") in html
        assert 'name="follow" value="0"' in html

    def test_anonymous_readers_get_a_sign_in_link(self, client, process):
        html = main_of(client.get(process.url))
        assert f'action="{follow_url("process", process.pk)}"' not in html
        assert reverse("account_login") + "?next=" in html

    def test_proposal_group_and_vision_pages(self, client, resident, process, site_homes):
        proposal = ProposalFactory(process=process)
        group = ActionGroupFactory()
        vision = VisionPageFactory(parent=VisionIndexPageFactory(parent=site_homes[0]))
        vision.save_revision().publish()
        client.force_login(resident)
        for kind, target, url in [
            ("proposal", proposal, proposal.get_url()),
            ("group", group, group.get_url()),
            ("vision", vision, vision.url),
        ]:
            html = main_of(client.get(url))
            assert f'action="{follow_url(kind, target.pk)}"' in html, kind

    def test_topic_page_follows_its_field_of_action(self, client, resident, site_homes):
        from tests.home.factories import TopicIndexPageFactory, TopicPageFactory

        topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=site_homes[0]))
        topic.save_revision().publish()
        field = topic.field_of_action
        client.force_login(resident)
        html = main_of(client.get(topic.url))
        assert f'action="{follow_url("field", field.pk)}"' in html
        response = client.post(follow_url("field", field.pk), {"follow": "1", "next": topic.url})
        assert response["Location"] == topic.url
        assert follows(resident, field)
        assert in_german("Stop following") in main_of(client.get(topic.url))
        html = main_of(client.get(reverse("area:following")))
        assert field.name in html

    def test_the_following_tab_unfollows(self, client, resident, process):
        client.force_login(resident)
        client.post(follow_url("process", process.pk), {"follow": "1"})
        html = main_of(client.get(reverse("area:following")))
        assert process.title in html
        assert f'action="{follow_url("process", process.pk)}"' in html
        client.post(follow_url("process", process.pk), {"follow": "0"})
        html = main_of(client.get(reverse("area:following")))
        assert f'action="{follow_url("process", process.pk)}"' not in html
        assert in_german("Stop following") not in html
