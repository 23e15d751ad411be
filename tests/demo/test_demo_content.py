"""The demo installation: the editorial content, its translations, workflow and demo accounts."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Locale, Page, Workflow, WorkflowPage

import pytest

from cms.models import NavigationSettings
from cms.roles import EDITORS, LEAD_EDITORS
from cms.taxonomy import FieldOfAction
from demo.loaders.addresses import english_slugs
from demo.loaders.site import MAIN_MENU
from home.models import (
    EventIndexPage,
    EventPage,
    LearningPathIndexPage,
    LearningPathPage,
    Person,
    PlaceIndexPage,
    PlacePage,
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
)
from participation.models import EventRegistration

pytestmark = pytest.mark.django_db

FIELD_SLUGS = {"gruendungen", "innovationsorte", "verwaltung"}
TRANSLATED_TYPES = [
    TopicIndexPage,
    TopicPage,
    StoryIndexPage,
    StoryPage,
    LearningPathIndexPage,
    LearningPathPage,
    EventIndexPage,
    EventPage,
    PlaceIndexPage,
    PlacePage,
]
PAGES_WITH_IMAGES = [StoryPage, EventPage, PlacePage, LearningPathPage]


def live(model, language):
    return model.objects.live().filter(locale__language_code=language)


def german_locale():
    return Locale.objects.get(language_code="de")


def english_locale():
    return Locale.objects.get(language_code="en")


def load(**options):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output, **options)
    return output.getvalue()


def test_demo_has_the_promised_amount_of_content(demo):
    assert live(StoryPage, "de").count() >= 6
    assert live(LearningPathPage, "de").count() == 2
    places = live(PlacePage, "de")
    assert places.count() >= 8
    assert len(set(places.values_list("municipality", flat=True))) >= 6
    assert Person.objects.filter(locale__language_code="de").count() >= 3


@pytest.mark.parametrize("language", ["de", "en"])
def test_three_fields_of_action_in_each_language(demo, language):
    fields = FieldOfAction.objects.filter(locale__language_code=language)
    assert set(fields.values_list("slug", flat=True)) == FIELD_SLUGS
    assert all(field.name and field.description for field in fields)
    assert {field.colour for field in fields} == {"green", "purple", "blue"}


def test_fields_of_action_and_people_are_translated(demo):
    for german in FieldOfAction.objects.filter(locale__language_code="de"):
        english = german.get_translation(english_locale())
        assert english.slug == german.slug
        assert english.name != german.name
    for german in Person.objects.filter(locale__language_code="de"):
        english = german.get_translation(english_locale())
        assert english.name == german.name
        assert english.role != german.role
        assert german.photo is not None


def test_events_lie_in_the_past_and_the_future_in_several_kinds(demo):
    events = list(live(EventPage, "de"))
    now = timezone.now()
    assert len(events) >= 6
    assert any(event.end < now for event in events)
    assert sum(event.start > now for event in events) >= 3
    assert any(event.place_id for event in events)
    assert any(event.address and not event.place_id for event in events)
    assert any(event.online_url and not event.place_id and not event.address for event in events)
    assert len({event.capacity for event in events}) >= 4
    assert all(event.start.utcoffset() is not None for event in events)


def test_one_upcoming_event_is_fully_booked_by_demo_residents(demo):
    full = [
        event
        for event in live(EventPage, "de")
        if event.capacity
        and EventRegistration.objects.filter(event_id=event.pk).confirmed().count()
        >= event.capacity
    ]
    assert len(full) == 1
    event = full[0]
    assert event.capacity == 2
    assert event.start > timezone.now()
    registrations = EventRegistration.objects.filter(event_id=event.pk)
    assert set(registrations.confirmed().values_list("user__email", flat=True)) == {
        "bewohnerin@example.org",
        "paul@example.org",
    }
    assert set(registrations.waiting().values_list("user__email", flat=True)) == {
        "jonas@example.org"
    }


@pytest.mark.parametrize("model", TRANSLATED_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_has_a_live_english_translation(demo, model):
    english = live(model, "en")
    assert english.exists()
    for page in english:
        german = page.get_translation(german_locale())
        # English pages read English addresses (issue 20.3).
        assert page.slug == english_slugs()[german.slug]
        assert page.title != german.title


def test_all_topic_pages_are_translated_and_linked_to_their_field(demo):
    for language in ["de", "en"]:
        topics = live(TopicPage, language).select_related("field_of_action__locale")
        topics = [topic.get_translation(german_locale()) for topic in topics]
        assert {topic.slug for topic in topics} == FIELD_SLUGS
        for topic in live(TopicPage, language).select_related("field_of_action__locale"):
            german = topic.get_translation(german_locale())
            assert topic.field_of_action.slug == german.slug
            assert topic.field_of_action.locale.language_code == language


def test_every_demo_page_renders_in_its_language(client, demo):
    pages = Page.objects.live().filter(depth__gt=1).specific().select_related("locale")
    assert len(pages) >= 60
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.url.startswith(f"/{page.locale.language_code}/")
        assert f'<html lang="{page.locale.language_code}">' in response.content.decode()


def test_learning_path_steps_render(client, demo):
    for path in LearningPathPage.objects.live():
        assert 4 <= len(path.steps) <= 5
        for number in range(1, len(path.steps) + 1):
            assert client.get(f"{path.url}{number}/").status_code == 200


def test_stories_show_off_every_body_block(demo):
    stories = live(StoryPage, "de")
    used = {block.block_type for story in stories for block in story.body}
    assert used >= {
        "heading",
        "paragraph",
        "image",
        "quote",
        "video",
        "call_to_action",
        "related_pages",
    }
    videos = [
        block.value for story in stories for block in story.body if block.block_type == "video"
    ]
    assert all(video.provider() == "YouTube" for video in videos)
    assert all(story.authors.exists() and story.fields_of_action.exists() for story in stories)
    tags = {tag.name for story in stories for tag in story.tags.all()}
    assert tags >= {"coworking", "ehrenamt", "verwaltung", "gruendung"}
    dates = {story.date for story in stories}
    assert len(dates) == stories.count()
    assert max(dates) <= timezone.localdate()


def test_a_learning_step_offers_a_document_to_download(demo):
    Document = get_document_model()
    documents = [
        document
        for path in live(LearningPathPage, "de")
        for step in path.steps
        for document in step.value["documents"]
    ]
    assert documents
    assert all(isinstance(document, Document) for document in documents)
    with documents[0].open_file() as file:
        assert b"Checkliste" in file.read()


@pytest.mark.parametrize("model", PAGES_WITH_IMAGES, ids=lambda model: model.__name__)
def test_every_image_is_described(demo, model):
    for page in model.objects.all():
        assert page.image is not None, page.url_path
        assert page.image_alt.strip(), page.url_path
        if model is StoryPage:
            for block in page.body:
                if block.block_type == "image":
                    assert block.value["alt_text"].strip()


def test_demo_images_are_generated_landscapes_with_titles_and_descriptions(demo):
    images = get_image_model().objects.all()
    assert images.count() >= 12
    for image in images:
        assert image.title and image.description
        assert image.file_size and image.file_hash
    landscape = images.filter(title__startswith="Rapsfeld").get()
    assert (landscape.width, landscape.height) == (1200, 675)


def test_a_second_run_creates_nothing(demo):
    models = [
        Page,
        FieldOfAction,
        Person,
        get_image_model(),
        get_document_model(),
        EventRegistration,
        Workflow,
        WorkflowPage,
        get_user_model(),
    ]
    counts = {model: model.objects.count() for model in models}
    output = load()
    assert "Created" not in output
    assert {model: model.objects.count() for model in models} == counts


def test_a_second_run_keeps_editors_changes(demo):
    story = live(StoryPage, "de").first()
    story.title = "Von der Redaktion überarbeitet"
    story.save_revision().publish()
    navigation = NavigationSettings.for_site(demo)
    navigation.main_menu = [("page", story)]
    navigation.save()
    load()
    story.refresh_from_db()
    assert story.title == "Von der Redaktion überarbeitet"
    assert [block.value.pk for block in NavigationSettings.for_site(demo).main_menu] == [story.pk]


def test_main_navigation_lists_the_sections(demo):
    menu = NavigationSettings.for_site(demo).main_menu
    entries = [
        (block.block_type, block.value) if block.block_type == "area" else block.value.slug
        for block in menu
    ]
    assert entries == MAIN_MENU
    assert ("area", "action_groups") in entries
    pages = [block.value for block in menu if block.block_type == "page"]
    assert all(page.locale.language_code == "de" for page in pages)


def test_home_page_cards_link_the_topic_pages(demo, home_de):
    grids = [block.value for block in home_de.body if block.block_type == "card_grid"]
    grid = next(grid for grid in grids if grid["heading"] == "Drei Handlungsfelder")
    linked = [card["page"].specific for card in grid["cards"]]
    assert all(isinstance(page, TopicPage) for page in linked)
    assert {page.slug for page in linked} == FIELD_SLUGS


def test_editors_submit_and_lead_editors_approve(demo):
    assignment = WorkflowPage.objects.get(page=Page.get_first_root_node())
    assert assignment.workflow.active
    tasks = [task.specific for task in assignment.workflow.tasks.filter(active=True)]
    approvals = [task for task in tasks if isinstance(task, GroupApprovalTask)]
    assert [list(task.groups.values_list("name", flat=True)) for task in approvals] == [
        [LEAD_EDITORS]
    ]


def test_a_missing_workflow_is_set_up_again(demo):
    WorkflowPage.objects.all().delete()
    Workflow.objects.update(active=False)
    output = load()
    assert "1 publishing workflow" in output
    assignment = WorkflowPage.objects.get(page=Page.get_first_root_node())
    assert assignment.workflow.active
    task = assignment.workflow.tasks.get().specific
    assert task.name == "Freigabe durch die Chefredaktion"
    assert list(task.groups.values_list("name", flat=True)) == [LEAD_EDITORS]


def test_lead_editors_account_signs_in_and_is_listed(client, demo):
    output = load()
    user = get_user_model().objects.get(email="chefredaktion@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [LEAD_EDITORS]
    assert "chefredaktion@example.org" in output
    assert client.login(email="chefredaktion@example.org", password="landvorteil-demo")
    editor = get_user_model().objects.get(email="redaktion@example.org")
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]
