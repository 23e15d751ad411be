"""Editors' side: every page type can be created and previewed in the admin; the publishing
workflow makes editors submit and lead editors approve; scheduled publishing."""

import datetime
import time

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from bs4 import BeautifulSoup

from cms.roles import EDITORS, LEAD_EDITORS
from cms.wagtail_hooks import SUBMITTED
from home.models import (
    EventIndexPage,
    EventPage,
    LearningPathIndexPage,
    LearningPathPage,
    PlaceIndexPage,
    PlacePage,
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, make_site_homes
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LearningPathIndexPageFactory,
    LearningPathPageFactory,
    PersonFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)


def base_data(title, multiple=None, **fields):
    """Form data of the page editor; ``multiple`` holds fields that post several values."""
    data = nested_form_data({"title": title, "social_image": "", "listing_summary": "", **fields})
    data.update(multiple or {})
    return data


class EditorialPageTypesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.home_en = make_site_homes()
        cls.field = FieldOfActionFactory(slug="gruendungen", name="Gründungen")
        cls.admin = UserFactory(email="admin-test@example.org", group=EDITORS)
        cls.admin.is_superuser = True
        cls.admin.save()
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.events = EventIndexPageFactory(parent=cls.home)
        cls.places = PlaceIndexPageFactory(parent=cls.home)
        cls.paths = LearningPathIndexPageFactory(parent=cls.home)
        cls.topics = TopicIndexPageFactory(parent=cls.home)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_index_pages_can_be_created_once_under_a_home_page(self):
        home_en = self.home_en
        for model in [StoryIndexPage, EventIndexPage, PlaceIndexPage, LearningPathIndexPage]:
            self.assertCanCreate(home_en, model, base_data(f"{model.__name__} en", intro="x"))
            self.assertCanNotCreateAt(StoryIndexPage, model)
        self.assertCanCreate(home_en, TopicIndexPage, base_data("Topics", body=streamfield([])))

    def story_data(self, **extra):
        return base_data(
            "Ein neuer Dorfladen",
            intro="Wie ein Dorf seinen Laden rettet.",
            date="2026-11-20",
            image="",
            image_alt="",
            multiple={"fields_of_action": [self.field.pk]},
            body=streamfield(
                [
                    ("paragraph", rich_text("<p>Es begann mit einer Versammlung.</p>")),
                    (
                        "video",
                        {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Film", "caption": ""},
                    ),
                ]
            ),
            tags="dorfladen, ehrenamt",
            **extra,
        )

    def event_data(self, **extra):
        return base_data(
            "Werkstatt Förderanträge",
            intro="Förderanträge verständlich schreiben.",
            start="2026-12-10 18:00",
            end="2026-12-10 20:00",
            place="",
            address="Rathaus, Markt 1, 23909 Ratzeburg",
            online_url="",
            organiser="LANDVORTEIL",
            registration_enabled="on",
            capacity="12",
            registration_deadline="",
            image="",
            image_alt="",
            body=streamfield([]),
            **extra,
        )

    def place_data(self):
        return base_data(
            "Coworking am Hafen",
            kind="coworking",
            intro="Arbeiten mit Blick aufs Wasser.",
            image="",
            image_alt="",
            street="Hafenstraße 3",
            postcode="23966",
            municipality="Wismar",
            latitude="53.89450",
            longitude="11.45720",
            opening_hours="Mo–Fr 8–18 Uhr",
            email="",
            phone="",
            website="",
            body=streamfield([]),
        )

    def learning_path_data(self):
        step = {
            "title": "Idee prüfen",
            "text": rich_text("<p>Sprechen Sie mit Nachbarn.</p>"),
            "stories": streamfield([]),
            "documents": streamfield([]),
        }
        return base_data(
            "Vom Einfall zum Verein",
            intro="In fünf Schritten.",
            audience="Initiativen",
            duration="zwei Abende",
            image="",
            image_alt="",
            steps=streamfield([("step", step)]),
        )

    def topic_data(self):
        return base_data(
            "Gründungen",
            field_of_action=self.field.pk,
            intro="Gründen auf dem Land.",
            body=streamfield([]),
        )

    def test_story_can_be_created(self):
        self.assertCanCreate(self.stories, StoryPage, self.story_data())
        story = StoryPage.objects.get(title="Ein neuer Dorfladen")
        assert sorted(story.tags.names()) == ["dorfladen", "ehrenamt"]
        assert list(story.fields_of_action.all()) == [self.field]

    def test_story_with_a_video_from_another_host_is_refused(self):
        data = self.story_data()
        data.update(
            nested_form_data(
                {
                    "body": streamfield(
                        [
                            (
                                "video",
                                {
                                    "url": "https://example.org/film.mp4",
                                    "title": "Film",
                                    "caption": "",
                                },
                            )
                        ]
                    )
                }
            )
        )
        with self.assertRaisesMessage(AssertionError, "Validation errors"):
            self.assertCanCreate(self.stories, StoryPage, data)

    def test_event_can_be_created_and_end_before_start_is_refused(self):
        self.assertCanCreate(self.events, EventPage, self.event_data())
        event = EventPage.objects.get(title="Werkstatt Förderanträge")
        assert timezone.localtime(event.start).hour == 18
        data = self.event_data(slug="rueckwaerts")
        data.update(title="Rückwärts", end="2026-12-10 17:00")
        with self.assertRaisesMessage(AssertionError, "kann nicht enden, bevor sie beginnt"):
            self.assertCanCreate(self.events, EventPage, data)

    def test_event_needs_a_place_an_address_or_an_online_link(self):
        data = self.event_data(slug="nirgends")
        data.update(address="")
        with self.assertRaisesMessage(AssertionError, "Wählen Sie einen Ort"):
            self.assertCanCreate(self.events, EventPage, data)

    def test_place_can_be_created(self):
        self.assertCanCreate(self.places, PlacePage, self.place_data())

    def test_learning_path_can_be_created(self):
        self.assertCanCreate(self.paths, LearningPathPage, self.learning_path_data())

    def test_topic_page_can_be_created(self):
        self.assertCanCreate(self.topics, TopicPage, self.topic_data())

    def test_every_page_type_can_be_previewed(self):
        """The preview posts the edit form's data; StreamFields are filled in by the admin's
        JavaScript, so the data is given here as the editor's browser would send it."""
        index_data = base_data("Index", intro="Einleitung")
        cases = [
            (self.stories, index_data),
            (StoryPageFactory(parent=self.stories), self.story_data()),
            (self.events, index_data),
            (EventPageFactory(parent=self.events), self.event_data()),
            (self.places, index_data),
            (PlacePageFactory(parent=self.places), self.place_data()),
            (self.paths, index_data),
            (LearningPathPageFactory(parent=self.paths), self.learning_path_data()),
            (self.topics, base_data("Themen", intro="x", body=streamfield([]))),
            (TopicPageFactory(parent=self.topics, field_of_action=self.field), self.topic_data()),
            (
                self.home,
                base_data(
                    "Start", intro="Willkommen", body=streamfield([]), pins=inline_formset([])
                ),
            ),
        ]
        for page, data in cases:
            self.assertPageIsPreviewable(page, post_data=data, user=self.admin)
            self.assertPageIsRenderable(page)


class PublishingWorkflowTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, _ = make_site_homes()
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.editor = UserFactory(email="editor@example.org", group=EDITORS)
        cls.lead = UserFactory(email="lead@example.org", group=LEAD_EDITORS)

    def story_data(self, **extra):
        return base_data(
            "Aus der Redaktion",
            slug="aus-der-redaktion",
            intro="Ein Beitrag.",
            date="2026-11-20",
            image="",
            image_alt="",
            body=streamfield([]),
            tags="",
            **extra,
        )

    def test_editors_belong_to_the_workflow_of_the_site(self):
        workflow = self.home.get_workflow()
        assert workflow is not None and workflow.active
        assert workflow.name == "Redaktionelle Freigabe"
        task = workflow.tasks.get().specific
        assert list(task.groups.all()) == [Group.objects.get(name=LEAD_EDITORS)]
        assert Workflow.objects.filter(active=True).count() >= 1

    def test_editor_cannot_publish_but_submits_and_lead_editor_approves(self):
        self.client.force_login(self.editor)
        add_url = reverse("wagtailadmin_pages:add", args=["home", "storypage", self.stories.pk])
        response = self.client.post(add_url, {**self.story_data(), "action-publish": "publish"})
        story = StoryPage.objects.get(slug="aus-der-redaktion")
        assert not story.live, response
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            {**self.story_data(), "action-submit": "submit"},
        )
        assert response.status_code == 302
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(story.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        story.refresh_from_db()
        assert not story.live

        self.client.force_login(self.lead)
        task_state = state.current_task_state
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[story.pk, "approve", task_state.pk],
            ),
            {"comment": ""},
        )
        assert response.status_code in (200, 302)
        story.refresh_from_db()
        state.refresh_from_db()
        assert story.live
        assert state.status == WorkflowState.STATUS_APPROVED
        assert self.client.get(story.url).status_code == 200

    def test_editor_may_not_approve(self):
        story = StoryPageFactory(parent=self.stories, live=False)
        story.save_revision(user=self.editor)
        workflow = story.get_workflow()
        state = workflow.start(story, self.editor)
        self.client.force_login(self.editor)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[story.pk, "approve", state.current_task_state.pk],
            ),
            {"comment": ""},
        )
        story.refresh_from_db()
        assert not story.live


class ScheduledPublishingTest(WagtailPageTestCase):
    def test_a_scheduled_page_goes_live_when_its_time_has_come(self):
        home, _ = make_site_homes()
        stories = StoryIndexPageFactory(parent=home)
        story = StoryPageFactory(parent=stories, live=False)
        story.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
        story.save_revision().publish()
        story.refresh_from_db()
        assert not story.live
        assert story.latest_revision.approved_go_live_at is not None
        call_command("publish_scheduled", verbosity=0)
        story.refresh_from_db()
        assert not story.live
        time.sleep(1.2)
        call_command("publish_scheduled", verbosity=0)
        story.refresh_from_db()
        assert story.live
        assert self.client.get(story.url).status_code == 200


class LocalizedChoicesTest(WagtailPageTestCase):
    """The story form offers authors and fields of action in the page's language, each once."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.home_en = make_site_homes()
        cls.en = cls.home_en.locale
        cls.editor = UserFactory(email="editor-choices@example.org", group=EDITORS)
        cls.anna = PersonFactory(name="Anna Beispiel")
        cls.anna_en = cls.anna.copy_for_translation(cls.en)
        cls.anna_en.role = "Editorial team"
        cls.anna_en.save()
        cls.only_german = PersonFactory(name="Bernd Nurdeutsch")
        cls.field = FieldOfActionFactory(slug="gruendungen", name="Gründungen")
        cls.field_en = cls.field.copy_for_translation(cls.en)
        cls.field_en.name = "Start-ups"
        cls.field_en.save()
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.stories_en = StoryIndexPageFactory(parent=cls.home_en, title="Stories")

    def setUp(self):
        self.client.force_login(self.editor)

    def choices(self, url):
        soup = BeautifulSoup(self.client.get(url).content.decode(), "html.parser")
        choices = {}
        for name in ("authors", "fields_of_action"):
            # A select list or checkboxes, whichever widget the field has.
            options = soup.select(f'select[name="{name}"] option')
            boxes = soup.select(f'input[type="checkbox"][name="{name}"]')
            choices[name] = {
                int(option["value"]): option.has_attr("selected") for option in options
            }
            choices[name].update({int(box["value"]): box.has_attr("checked") for box in boxes})
        return choices

    def test_a_new_german_story_offers_the_german_items_once(self):
        url = reverse("wagtailadmin_pages:add", args=["home", "storypage", self.stories.pk])
        choices = self.choices(url)
        assert set(choices["authors"]) == {self.anna.pk, self.only_german.pk}
        assert set(choices["fields_of_action"]) == {self.field.pk}

    def test_an_english_story_shows_chosen_german_items_as_their_translation(self):
        story = StoryPageFactory(parent=self.stories_en, title="From the region")
        # As wagtail-localize copies them: the German items on the English page.
        story.authors.set([self.anna, self.only_german])
        story.fields_of_action.set([self.field])
        story.save_revision().publish()
        url = reverse("wagtailadmin_pages:edit", args=[story.pk])
        choices = self.choices(url)
        # Anna once, in English and ticked; Bernd has no translation and stays as he is.
        assert choices["authors"] == {self.anna_en.pk: True, self.only_german.pk: True}
        assert choices["fields_of_action"] == {self.field_en.pk: True}

        data = base_data(
            "From the region",
            slug=story.slug,
            intro=story.intro,
            date="2026-11-20",
            image="",
            image_alt="",
            body=streamfield([]),
            tags="",
            multiple={
                "authors": [self.anna_en.pk, self.only_german.pk],
                "fields_of_action": [self.field_en.pk],
            },
        )
        response = self.client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        story.refresh_from_db()
        revision = story.get_latest_revision_as_object()
        assert set(revision.authors.all()) == {self.anna_en, self.only_german}
        assert list(revision.fields_of_action.all()) == [self.field_en]


class WorkflowMessageTest(WagtailPageTestCase):
    """After submitting a page the message names the workflow, not "moderation"."""

    @classmethod
    def setUpTestData(cls):
        cls.home, _ = make_site_homes()
        cls.stories = StoryIndexPageFactory(parent=cls.home)
        cls.editor = UserFactory(email="editor-message@example.org", group=EDITORS)

    def story_data(self):
        return base_data(
            "Aus dem Dorf",
            slug="aus-dem-dorf",
            intro="Ein Beitrag.",
            date="2026-11-20",
            image="",
            image_alt="",
            body=streamfield([]),
            tags="",
        )

    def messages(self, response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    def test_submitting_a_new_page_names_the_workflow(self):
        self.client.force_login(self.editor)
        add_url = reverse("wagtailadmin_pages:add", args=["home", "storypage", self.stories.pk])
        response = self.client.post(add_url, {**self.story_data(), "action-submit": "submit"})
        assert response.status_code == 302
        self.assert_names_the_workflow(response)

    def test_submitting_a_changed_page_names_the_workflow(self):
        story = StoryPageFactory(parent=self.stories, title="Aus dem Dorf", slug="aus-dem-dorf")
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            {**self.story_data(), "action-submit": "submit"},
        )
        assert response.status_code == 302
        self.assert_names_the_workflow(response)
        # The message is shown on the next page, once.
        html = self.client.get(response["Location"]).content.decode()
        assert "Redaktionelle Freigabe" in html
        assert (
            "Redaktionelle Freigabe" not in self.client.get(response["Location"]).content.decode()
        )

    def assert_names_the_workflow(self, response):
        messages = self.messages(response)
        assert len(messages) == 1, messages
        expected = in_german(
            SUBMITTED, page_title="Aus dem Dorf", workflow="Redaktionelle Freigabe"
        )
        assert escape(expected) in messages[0]
        assert "Moderation" not in messages[0] and "moderation" not in messages[0]
