"""The admin dashboard shows each role its open work: moderators reports, waiting contributions,
notices and the log; editors qualified proposals without an answer, pages in review, the coming
events' registrations and their drafts; administrators all of it. Each panel costs the same few
queries however much work is open, and nobody sees another role's panels."""

import datetime
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest
from bs4 import BeautifulSoup

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation.admin.dashboard import (
    ModerationLogPanel,
    OpenNoticesPanel,
    OpenReportsPanel,
    OwnDraftsPanel,
    OwnPagesInReviewPanel,
    PagesToReviewPanel,
    QualifiedProposalsPanel,
    UpcomingRegistrationsPanel,
    WaitingContributionsPanel,
)
from participation.models import (
    Comment,
    EventRegistration,
    IllegalContentNotice,
    ModerationLogEntry,
    Proposal,
    Report,
)
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")
MODERATION_PANELS = [
    OpenReportsPanel,
    WaitingContributionsPanel,
    OpenNoticesPanel,
    ModerationLogPanel,
]
EDITOR_PANELS = [
    QualifiedProposalsPanel,
    OwnPagesInReviewPanel,
    UpcomingRegistrationsPanel,
    OwnDraftsPanel,
]


@pytest.fixture
def homes(site_homes):
    return site_homes


@pytest.fixture
def process(homes):
    index = ProcessIndexPageFactory(parent=homes[0])
    return ProcessPageFactory(parent=index, title="Enkeltaugliche Region 2040")


@pytest.fixture
def events(homes):
    return EventIndexPageFactory(parent=homes[0])


@pytest.fixture
def stories(homes):
    return StoryIndexPageFactory(parent=homes[0])


def panel(html, panel_class):
    """The panel's section of the dashboard, or None."""
    return BeautifulSoup(html, "html.parser").find(id=f"dashboard-{panel_class.name}-section") or (
        BeautifulSoup(html, "html.parser").find(id=f"dashboard-{panel_class.name}")
    )


def dashboard(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def report(target, reporter=None, reason="spam"):
    return Report.objects.create(target=target, reporter=reporter or UserFactory(), reason=reason)


def notice(url="https://example.org/x", handled=False):
    return IllegalContentNotice.objects.create(
        reason=IllegalContentNotice.Reason.HATE,
        url=url,
        explanation="Volksverhetzung",
        email="melder@example.org",
        handled_at=timezone.now() if handled else None,
    )


def qualified(process, **fields):
    return ProposalFactory(process=process, qualified_at=timezone.now(), **fields)


def open_work(process, events, stories, editor, lead, n=1, start=0):
    """``n`` of every kind of open work a dashboard shows, numbered from ``start``."""
    for i in range(start, start + n):
        reported = ProposalFactory(process=process, title=f"Gemeldet {i}")
        report(reported)
        report(reported)
        ProposalFactory(
            process=process, title=f"Wartend {i}", moderation=Proposal.Moderation.PENDING
        )
        Comment.objects.create(
            target=reported,
            process=process,
            author=UserFactory(),
            text=f"Ein wartender Kommentar {i}",
            moderation=Comment.Moderation.PENDING,
        )
        notice(url=f"https://example.org/offen-{i}")
        ModerationLogEntry.objects.create(
            action=ModerationLogEntry.Action.HIDE,
            target=reported,
            target_label=f"Ausgeblendet {i}",
            moderator=lead,
            reason="spam",
        )
        qualified(process, title=f"Qualifiziert {i}")
        event = EventPageFactory(
            parent=events,
            title=f"Werkstatt bald {i}",
            registration_enabled=True,
            start=timezone.now() + datetime.timedelta(days=3 + i % 5),
        )
        for _ in range(2):
            EventRegistration.objects.create(
                event=event, user=UserFactory(), status=EventRegistration.Status.CONFIRMED, places=2
            )
        EventRegistration.objects.create(
            event=event, user=UserFactory(), status=EventRegistration.Status.WAITING
        )
        draft = StoryPageFactory(parent=stories, title=f"Entwurf {i}", live=False)
        draft.save_revision(user=editor)
        submitted = StoryPageFactory(parent=stories, title=f"Eingereicht {i}", live=False)
        submitted.save_revision(user=editor)
        submitted.get_workflow().start(submitted, editor)


@pytest.fixture
def moderator():
    return UserFactory(group=MODERATORS)


@pytest.fixture
def editor():
    return UserFactory(group=EDITORS)


@pytest.fixture
def lead():
    return UserFactory(group=LEAD_EDITORS)


@pytest.fixture
def admin():
    return UserFactory(is_superuser=True, group=EDITORS)


# --- Who sees which panels ----------------------------------------------------------------------


def test_a_moderator_sees_the_moderation_panels_and_no_page_search(client, moderator):
    html = dashboard(client, moderator)
    for panel_class in MODERATION_PANELS:
        assert panel(html, panel_class) is not None, panel_class
    for panel_class in [*EDITOR_PANELS, PagesToReviewPanel]:
        assert panel(html, panel_class) is None, panel_class
    # Wagtail's page search leads moderators to a page explorer they may not use.
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("form", role="search") is None


def test_an_editor_sees_the_editorial_panels_and_the_page_search(client, editor):
    html = dashboard(client, editor)
    for panel_class in EDITOR_PANELS:
        assert panel(html, panel_class) is not None, panel_class
    for panel_class in [*MODERATION_PANELS, PagesToReviewPanel]:
        assert panel(html, panel_class) is None, panel_class
    assert BeautifulSoup(html, "html.parser").find("form", role="search") is not None


def test_a_lead_editor_sees_both_and_the_pages_to_approve(client, lead):
    html = dashboard(client, lead)
    for panel_class in [*MODERATION_PANELS, *EDITOR_PANELS, PagesToReviewPanel]:
        assert panel(html, panel_class) is not None, panel_class


def test_an_administrator_sees_every_panel(client, admin):
    html = dashboard(client, admin)
    for panel_class in [*MODERATION_PANELS, *EDITOR_PANELS, PagesToReviewPanel]:
        assert panel(html, panel_class) is not None, panel_class


def test_residents_get_no_dashboard(client):
    client.force_login(UserFactory())
    response = client.get(DASHBOARD)
    assert response.status_code in (302, 403)


# --- What the panels say ------------------------------------------------------------------------


def test_the_panels_count_the_open_work_and_link_to_the_filtered_lists(
    client, process, events, stories, editor, lead, moderator
):
    open_work(process, events, stories, editor, lead, n=2)
    # Settled or finished work is not counted.
    settled = report(ProposalFactory(process=process, title="Erledigt"))
    Report.objects.filter(pk=settled.pk).update(reviewed_at=timezone.now())
    notice(handled=True)
    qualified(process, answered_at=timezone.now(), state=Proposal.State.ACCEPTED)
    qualified(process, withdrawn_at=timezone.now())
    EventPageFactory(
        parent=events, registration_enabled=True, start=timezone.now() + datetime.timedelta(days=20)
    )

    html = dashboard(client, moderator)
    reports = panel(html, OpenReportsPanel)
    assert in_german(OpenReportsPanel.count_text, count=2) in reports.text
    assert "Gemeldet 0" in reports.text and "Gemeldet 1" in reports.text
    link = reports.find("a", class_="button")["href"]
    assert urlsplit(link).path == reverse("moderation:queue")
    assert parse_qs(urlsplit(link).query) == {"tab": ["reported"]}
    waiting = panel(html, WaitingContributionsPanel)
    assert in_german(WaitingContributionsPanel.count_text, count=4) in waiting.text
    assert "Wartend 1" in waiting.text and "Ein wartender Kommentar 1" in waiting.text
    assert "tab=pending" in waiting.find("a", class_="button")["href"]
    notices = panel(html, OpenNoticesPanel)
    assert in_german(OpenNoticesPanel.count_text, count=2) in notices.text
    assert "https://example.org/offen-1" in notices.text
    assert notices.find("a", class_="button")["href"] == reverse("notices:index") + "?handled=false"
    log = panel(html, ModerationLogPanel)
    assert in_german(ModerationLogPanel.count_text, count=2) in log.text
    assert "Ausgeblendet 1" in log.text

    html = dashboard(client, editor)
    proposals = panel(html, QualifiedProposalsPanel)
    assert in_german(QualifiedProposalsPanel.count_text, count=2) in proposals.text
    assert "Qualifiziert 0" in proposals.text
    link = proposals.find("a", class_="button")["href"]
    assert parse_qs(urlsplit(link).query) == {
        "qualified": ["true"],
        "answered": ["false"],
        "moderation": ["published"],
    }
    # The list the link opens shows exactly the proposals the panel counts.
    listing = client.get(link).content.decode()
    assert "Qualifiziert 0" in listing and "Qualifiziert 1" in listing
    assert Proposal.objects.filter(answered_at__isnull=False).get().title not in listing
    registrations = panel(html, UpcomingRegistrationsPanel)
    assert in_german(UpcomingRegistrationsPanel.count_text, count=2) in registrations.text
    assert "Werkstatt bald 0" in registrations.text
    # Two confirmed registrations of two places each, one waiting, capacity 10.
    assert (
        in_german(
            "%(taken)d of %(capacity)d place taken",
            "%(taken)d of %(capacity)d places taken",
            10,
            taken=4,
            capacity=10,
        )
        in registrations.text
    )
    event = EventPageFactory._meta.model.objects.get(title="Werkstatt bald 0")
    assert f"{reverse('event_registrations:index')}?event={event.pk}" in str(registrations)
    in_review = panel(html, OwnPagesInReviewPanel)
    assert in_german(OwnPagesInReviewPanel.count_text, count=2) in in_review.text
    assert "Eingereicht 1" in in_review.text
    drafts = panel(html, OwnDraftsPanel)
    assert in_german(OwnDraftsPanel.count_text, count=2) in drafts.text
    assert "Entwurf 1" in drafts.text and "Eingereicht" not in drafts.text

    html = dashboard(client, lead)
    to_review = panel(html, PagesToReviewPanel)
    assert in_german(PagesToReviewPanel.count_text, count=2) in to_review.text
    assert "Eingereicht 0" in to_review.text
    # The lead editor's own drafts are none of the editor's.
    assert in_german(OwnDraftsPanel.empty_text) in panel(html, OwnDraftsPanel).text


def test_titles_typed_by_residents_are_shown_as_text(client, process, moderator):
    script = '<script>alert("x")</script>'
    report(ProposalFactory(process=process, title=script))
    html = dashboard(client, moderator)
    assert script not in html
    assert escape(script) in html


def test_an_empty_dashboard_says_there_is_nothing_to_do(client, lead):
    html = dashboard(client, lead)
    assert in_german(OpenReportsPanel.empty_text) in panel(html, OpenReportsPanel).text
    assert panel(html, OpenReportsPanel).find("a", class_="button") is None


def test_a_deleted_reporter_or_author_leaves_the_dashboard_working(client, process, lead):
    author = UserFactory()
    proposal = qualified(process, author=author, title="Von einem gelöschten Konto")
    reporter = UserFactory()
    report(proposal, reporter=reporter)
    author.delete()
    html = dashboard(client, lead)
    assert "Von einem gelöschten Konto" in panel(html, OpenReportsPanel).text
    assert "Von einem gelöschten Konto" in panel(html, QualifiedProposalsPanel).text


# --- Cost ---------------------------------------------------------------------------------------


def queries(client, user):
    client.force_login(user)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_costs_the_same_with_more_open_work(
    client, process, events, stories, editor, lead, admin, django_assert_max_num_queries
):
    open_work(process, events, stories, editor, lead, n=1)
    few = {user: queries(client, user) for user in (editor, lead, admin)}
    open_work(process, events, stories, editor, lead, n=3, start=1)
    for user, count in few.items():
        assert queries(client, user) == count, user
    client.force_login(admin)
    with django_assert_max_num_queries(60):
        client.get(DASHBOARD)
