"""The demo participation: processes, proposals and supports, answered proposals and visions."""

import html
import io
import re

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from wagtail.models import Locale, Page

import pytest
from allauth.account.models import EmailAddress

from demo.content import processes
from demo.content.comments import COMMENTS, MODERATED_COMMENTS, REPORTED_COMMENTS, SPAM_COMMENTS
from demo.content.polls import FINISHED_POLL, HOME_POLL
from demo.content.processes import FINISHED, PROCESS_INDEX, RUNNING, RUNNING_EN, VISION_INDEX
from demo.content.proposals import FINISHED_PROPOSALS, RUNNING_PROPOSALS
from demo.content.visions import VISIONS
from participation.models import (
    ActionGroup,
    Block,
    Comment,
    ModerationLogEntry,
    Poll,
    Proposal,
    Report,
    Support,
)
from visions.models import ProcessIndexPage, ProcessPage, VisionIndexPage, VisionPage

pytestmark = pytest.mark.django_db


def running():
    return ProcessPage.objects.get(slug=RUNNING["slug"], locale__language_code="de")


def finished():
    return ProcessPage.objects.get(slug=FINISHED["slug"], locale__language_code="de")


def counts():
    return (
        ProcessPage.objects.count(),
        VisionPage.objects.count(),
        Proposal.objects.count(),
        Support.objects.count(),
        Comment.objects.count(),
        Poll.objects.count(),
    )


@pytest.mark.parametrize(
    ("model", "spec"),
    [(ProcessIndexPage, PROCESS_INDEX), (VisionIndexPage, VISION_INDEX)],
)
def test_the_index_pages_exist_in_german_and_english(demo, model, spec):
    german = model.objects.live().get(locale__language_code="de")
    english = model.objects.live().get(locale__language_code="en")
    assert german.translation_key == english.translation_key
    assert (german.slug, english.slug) == (spec["slug"], spec["en"]["slug"])
    assert (german.title, english.title) == (spec["de"]["title"], spec["en"]["title"])


def test_the_running_process_is_in_its_support_phase(demo):
    process = running()
    assert process.live
    phase = process.current_phase()
    assert phase.title == "Unterstützen"
    assert process.allows("support") and process.allows("comment")
    assert not process.allows("submit") and not process.allows("edit")
    titles = [phase.title for phase in process.phases.all()]
    assert titles == ["Ideen sammeln", "Diskutieren", "Unterstützen", "Auswahl und Umsetzung"]
    assert (process.support_budget, process.qualified_threshold) == (5, 10)


# The running process's proposals, and Hanna's (demo/content/notifications.py).
RUNNING_COUNT = len(RUNNING_PROPOSALS) + 1


def test_the_running_process_has_proposals_from_several_residents_everywhere(demo):
    proposals = Proposal.objects.filter(process=running())
    assert proposals.count() == RUNNING_COUNT
    assert proposals.values("author").distinct().count() >= 8
    assert set(proposals.values_list("field_of_action__slug", flat=True)) == {
        "gruendungen",
        "innovationsorte",
        "verwaltung",
    }
    assert proposals.values("municipality").distinct().count() >= 10
    assert proposals.filter(latitude__isnull=False).count() >= 8
    assert proposals.filter(moderation=Proposal.Moderation.PUBLISHED).count() == RUNNING_COUNT
    authors = EmailAddress.objects.filter(user__proposals__in=proposals, verified=True)
    assert (
        authors.values("user").distinct().count() == proposals.values("author").distinct().count()
    )
    # Submitted on different days of the idea phase, not all at loading time.
    assert proposals.dates("created_at", "day").count() == RUNNING_COUNT


def test_support_counts_match_the_supports_and_budgets_hold(demo):
    for process in (running(), finished()):
        proposals = Proposal.objects.filter(process=process).annotate(rows=Count("supports"))
        for proposal in proposals:
            assert proposal.support_count == proposal.rows
            qualified = proposal.support_count >= process.qualified_threshold
            assert proposal.is_qualified is qualified
            assert not proposal.supports.filter(user=proposal.author).exists()
        per_person = (
            Support.objects.filter(process=process).values("user").annotate(used=Count("pk"))
        )
        assert max(row["used"] for row in per_person) <= process.support_budget
    supported = Proposal.objects.filter(process=running(), support_count__gt=0)
    assert supported.count() >= 20
    assert Proposal.objects.filter(process=running(), qualified_at__isnull=False).exists()


def test_the_demo_accounts_keep_their_budget_for_trying_it_out(demo):
    emails = ["bewohnerin@example.org", "jonas@example.org"]
    assert not Support.objects.filter(user__email__in=emails).exists()


def test_the_finished_process_answered_every_proposal(demo):
    process = finished()
    assert process.current_phase() is None
    proposals = Proposal.objects.filter(process=process)
    assert proposals.count() == len(FINISHED_PROPOSALS)
    assert not proposals.filter(answered_at__isnull=True).exists()
    assert not proposals.filter(answer="").exists()
    assert proposals.filter(state=Proposal.State.REJECTED).count() == 2
    assert proposals.filter(state__in=["accepted", "implemented"]).count() == 3


def test_two_accepted_proposals_became_visions_with_updates(demo):
    visions = VisionPage.objects.live().filter(locale__language_code="de")
    assert visions.count() == 2
    assert {vision.status for vision in visions} == {"in_progress", "done"}
    for vision in visions:
        assert vision.origin.process_id == finished().pk
        assert vision.origin.state in ("accepted", "implemented")
        assert vision.fields_of_action.exists()
        updates = list(vision.updates.all())
        assert 2 <= len(updates) <= 3
        assert [update.date for update in updates] == sorted(
            (update.date for update in updates), reverse=True
        )


def test_proposals_and_a_vision_are_discussed(client, demo):
    # The action groups' comments and reported update are the groups' demo
    # (tests/demo/test_demo_groups.py).
    comment_type = ContentType.objects.get_for_model(Comment)
    comments = Comment.objects.exclude(target_type=ContentType.objects.get_for_model(ActionGroup))
    # Two more start threads in what Hanna hears back (demo/content/notifications.py), one
    # is Paul's (demo/content/accounts.py).
    assert comments.filter(parent=None).count() == (
        len(COMMENTS) + len(REPORTED_COMMENTS) + len(MODERATED_COMMENTS) + len(SPAM_COMMENTS) + 3
    )
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(helpful_count__gt=0).exists()
    for proposal in Proposal.objects.filter(comment_count__gt=0):
        assert proposal.comment_count == Comment.objects.on(proposal).published().count()
    # The moderators find a comment hidden by reports with its reports, and an open report.
    hidden = comments.filter(moderation=Comment.Moderation.HIDDEN, reports__isnull=False)[0]
    assert hidden.reports.open().count() == 3
    open_reports = Report.objects.open().filter(target_type=comment_type)
    assert open_reports.exclude(target_id=hidden.pk).count() == 1
    vision = VisionPage.objects.get(slug="dorfbuero-im-gemeindehaus", locale__language_code="de")
    assert "zweiten Standort" in client.get(vision.url).content.decode()


def test_the_moderation_log_and_the_blocked_people_are_not_empty(demo):
    Action = ModerationLogEntry.Action
    entries = ModerationLogEntry.objects.all()
    assert entries.filter(action=Action.AUTO_HIDE, moderator=None).count() == 1
    hidden = entries.get(action=Action.HIDE, block=None)
    assert (hidden.reason, hidden.moderator.email) == ("insult", "moderation@example.org")
    assert hidden.target.moderation == Comment.Moderation.HIDDEN
    block = Block.objects.get()
    assert not block.user.is_active and block.hid_contributions
    assert not Comment.objects.filter(author=block.user).published().exists()
    assert entries.filter(action=Action.BLOCK, block=block).exists()


def test_loading_again_creates_nothing(demo):
    before = counts()
    output = io.StringIO()
    call_command("load_vision_demo", stdout=output)
    assert counts() == before
    assert "nothing had to be created" in output.getvalue()


def test_refused_where_demo_content_is_not_allowed(demo, settings):
    settings.DEMO_CONTENT_ALLOWED = False
    before = counts()
    with pytest.raises(CommandError, match="not allowed"):
        call_command("load_vision_demo", stdout=io.StringIO())
    assert counts() == before


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.mark.parametrize(("slug", "spec"), [("RUNNING", "RUNNING_EN"), ("FINISHED", "FINISHED_EN")])
def test_the_processes_are_translated_into_english(demo, slug, spec):
    german = ProcessPage.objects.get(
        slug=getattr(processes, slug)["slug"], locale__language_code="de"
    )
    translation = english(german)
    texts = getattr(processes, spec)
    assert translation.live and translation.locale.language_code == "en"
    assert translation.slug == texts["slug"]
    assert (translation.title, translation.question, translation.intro) == (
        texts["title"],
        texts["question"],
        texts["intro"],
    )
    assert [(p.title, p.description) for p in translation.phases.all()] == texts["phases"]
    assert [p.start for p in translation.phases.all()] == [p.start for p in german.phases.all()]
    assert {field.locale.language_code for field in translation.fields_of_action.all()} == {"en"}
    assert translation.get_parent().specific.locale.language_code == "en"


def test_the_visions_are_translated_into_english(demo):
    for spec in VISIONS:
        german = VisionPage.objects.get(slug=spec["slug"], locale__language_code="de")
        translation = english(german)
        assert translation.live
        assert (translation.title, translation.intro) == (spec["en"]["title"], spec["en"]["intro"])
        assert [u.title for u in translation.updates.all()] == [t for t, _ in spec["en"]["updates"]]
        assert translation.origin_id == german.origin_id


def test_the_english_process_lists_the_proposals_and_links_work(demo, client):
    translation = english(running())
    assert translation.url == f"/en/participation/{RUNNING_EN['slug']}/"
    response = client.get(translation.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert RUNNING_EN["title"] in content
    count = re.search(r'class="proposal-listing__count"[^>]*>\s*(\d+)', content)
    assert int(count.group(1)) == RUNNING_COUNT
    newest = client.get(translation.url + "?sort=newest").content.decode()
    assert html.escape(RUNNING_PROPOSALS[-1][5]) in newest
    links = set(re.findall(r'class="proposal-card__title"><a href="([^"]*)"', content))
    assert len(links) == 20
    for link in sorted(links)[:3]:
        assert client.get(link).status_code == 200


def test_the_english_vision_links_to_its_proposal(demo, client):
    translation = english(
        VisionPage.objects.get(slug=VISIONS[0]["slug"], locale__language_code="de")
    )
    response = client.get(translation.url)
    assert response.status_code == 200
    assert VISIONS[0]["en"]["title"] in response.content.decode()
    assert "Dorfbüro im Gemeindehaus" in response.content.decode()


def test_loading_again_creates_no_translations(demo):
    before = Page.objects.filter(locale__language_code="en").count()
    call_command("load_vision_demo", stdout=io.StringIO())
    assert Page.objects.filter(locale__language_code="en").count() == before


def test_an_open_poll_on_the_home_page_and_a_closed_one_in_the_finished_process(client, demo):
    from participation.polls import results

    home_poll = Poll.objects.get(question=HOME_POLL["question"][0])
    assert home_poll.is_open() and results(home_poll).participants == len(HOME_POLL["votes"])
    assert home_poll.question in client.get("/de/").content.decode()
    assert HOME_POLL["question"][1] in client.get("/en/").content.decode()
    closed = Poll.objects.get(question=FINISHED_POLL["question"][0])
    assert closed.is_closed()
    html = client.get(finished().url).content.decode()
    assert closed.question in html and "(57 %)" in html  # 4 of 7 for the old station
