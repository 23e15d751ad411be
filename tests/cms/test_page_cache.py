"""The page cache's app side (cms/pagecache.py): which responses shared caches may keep, and
that every event that changes what a public page shows starts a new generation – after its
transaction commits, once per transaction – while counts and bookkeeping do not."""

from django.db import connection, transaction
from django.urls import reverse

from wagtail.models import Locale

import pytest

from cms.models import FooterSettings, NavigationSettings
from cms.pagecache import SHARED_MAX_AGE, CacheGeneration
from cms.roles import MODERATORS
from participation import services
from participation.models import Comment, ModerationLogEntry
from participation.services import moderation
from tests.cms.factories import UserFactory
from tests.home.factories import StoryIndexPageFactory, StoryPageFactory
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

GENERATION_URL = "/_cache/generation/"
PUBLIC = f"public, max-age=0, s-maxage={SHARED_MAX_AGE}"


def generation(client):
    response = client.get(GENERATION_URL)
    assert response.status_code == 204
    assert response["Cache-Control"] == "no-store"
    return response["X-Cache-Generation"]


@pytest.fixture
def index(site_homes):
    return StoryIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def story(index):
    return StoryPageFactory(parent=index, title="Dorfladen mit Zukunft")


@pytest.fixture
def proposal(site_homes):
    process_index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=process_index, phases=[running_phase()])
    process.save_revision().publish()
    return ProposalFactory(process=process, title="Rufbus am Abend")


def commit_pending():
    """What the set-up's own commit would have done: the test's transaction never commits,
    and a purge already waiting for it would swallow the one under test."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _, callback, _ in pending:
        callback()


@pytest.fixture
def changes(client, django_capture_on_commit_callbacks):
    """``with changes(expected=True): …`` runs the block in one transaction, commits it, and
    checks whether the generation nginx reads moved."""

    class Changes:
        def __call__(self, expected=True):
            return self._Block(expected)

        class _Block:
            def __init__(self, expected):
                self.expected = expected

            def __enter__(self):
                commit_pending()
                self.before = generation(client)
                self.capture = django_capture_on_commit_callbacks(execute=True)
                self.callbacks = self.capture.__enter__()
                self.atomic = transaction.atomic()
                self.atomic.__enter__()

            def __exit__(self, *exc):
                self.atomic.__exit__(*exc)
                self.capture.__exit__(*exc)
                if exc[0] is None:
                    moved = generation(client) != self.before
                    assert moved is self.expected, (
                        "a new generation was expected" if self.expected else "nothing expected"
                    )

    return Changes()


def test_the_generation_is_the_row_and_the_release(client):
    assert generation(client).startswith("0-")
    CacheGeneration.objects.create(pk=1, value=41)
    assert generation(client).startswith("41-")


def test_publishing_a_page_replaces_the_cached_copies(changes, index):
    page = StoryPageFactory.build(title="Neu im Dorf", live=False)
    index.add_child(instance=page)
    with changes():
        page.save_revision().publish()


def test_unpublishing_replaces_them(changes, story):
    with changes():
        story.unpublish()


def test_moving_replaces_them(changes, story, site_homes):
    other = StoryIndexPageFactory(parent=site_homes[0], slug="weitere")
    with changes():
        story.move(other, pos="last-child")


def test_deleting_replaces_them(changes, story):
    with changes():
        story.delete()


def test_a_translation_replaces_them(changes, story, site_homes):
    english = Locale.objects.get(language_code="en")
    with changes():
        translated = story.copy_for_translation(english, copy_parents=True)
        translated.save_revision().publish()


def test_a_footer_setting_replaces_them(changes, site_homes):
    footer = FooterSettings.for_site(site_homes[0].get_site())
    with changes():
        footer.save()


def test_a_menu_change_replaces_them(changes, site_homes):
    navigation = NavigationSettings.for_site(site_homes[0].get_site())
    with changes():
        navigation.save()


def test_a_new_contribution_replaces_them(changes, proposal):
    with changes():
        services.create_comment(UserFactory(), proposal, "Gute Idee")


def test_an_edited_contribution_replaces_them(changes, proposal):
    author = UserFactory()
    comment = services.create_comment(author, proposal, "Gute Idee")
    with changes():
        services.edit_comment(author, comment, "Sehr gute Idee", target=proposal)


def test_a_moderation_decision_replaces_them(changes, proposal):
    comment = services.create_comment(UserFactory(), proposal, "Unfreundlich")
    moderator = UserFactory(group=MODERATORS)
    with changes():
        moderation.moderate(
            comment, ModerationLogEntry.Action.HIDE, moderator, reason="insult", notify=False
        )
    assert Comment.objects.get(pk=comment.pk).moderation == Comment.Moderation.HIDDEN


def test_a_display_name_replaces_them(changes):
    person = UserFactory()
    with changes():
        person.display_name = "Anna aus Gadebusch"
        person.save()


def test_supports_and_sign_ins_do_not(changes, proposal, client):
    supporter = UserFactory()
    with changes(expected=False):
        services.support(supporter, proposal)
    person = UserFactory()
    with changes(expected=False):
        person.last_login = person.date_joined
        person.save(update_fields=["last_login"])


def test_a_rolled_back_change_does_not(client, proposal, django_capture_on_commit_callbacks):
    commit_pending()
    before = generation(client)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.create_comment(UserFactory(), proposal, "Wird zurückgenommen")
        raise RuntimeError
    assert generation(client) == before


def test_one_transaction_starts_one_generation(proposal, django_capture_on_commit_callbacks):
    commit_pending()
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n in range(5):
            services.create_comment(UserFactory(), proposal, f"Kommentar {n}")
    from cms.pagecache import _bump

    assert sum(1 for callback in callbacks if callback is _bump) == 1


# --- which responses shared caches may keep -----------------------------------------------


def test_an_anonymous_reader_gets_a_shareable_copy(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert response["Vary"] == "Cookie"
    assert not response.cookies


def test_a_signed_in_person_never_does(client, story):
    client.force_login(UserFactory())
    assert "private" in client.get(story.url)["Cache-Control"]


def test_a_page_with_a_message_is_private(client, story):
    client.force_login(UserFactory())
    client.post(reverse("account_logout"))
    response = client.get(story.url)
    assert response.wsgi_request.user.is_anonymous
    assert list(response.context["messages"]), "signing out leaves a message for the next page"
    assert "private" in response["Cache-Control"]
    assert "public" in client.get(story.url)["Cache-Control"]


def test_a_page_with_a_form_token_is_private(client, proposal):
    # The signed-in comment form carries a token; anonymous readers of a proposal get none.
    anonymous = client.get(proposal.get_url())
    assert anonymous["Cache-Control"] == PUBLIC
    assert "csrfmiddlewaretoken" not in anonymous.content.decode()


def test_the_language_redirect_is_not_shared(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert "public" not in response.get("Cache-Control", "")
    assert "Accept-Language" in response["Vary"]
