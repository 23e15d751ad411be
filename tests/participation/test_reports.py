"""Reports ("Melden"): any signed-in person reports a proposal or comment once, with a reason;
enough reports from different people hide it until a moderator decides."""

from django.urls import reverse
from django.utils.html import escape

import pytest

from participation import rules, services
from participation.models import Comment, Proposal, Report
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    field = FieldOfActionFactory(name="Mobilität", slug="mobilitaet")
    return ProposalFactory(process=process, field_of_action=field, title="Rufbus")


@pytest.fixture
def comment(proposal):
    return services.create_comment(UserFactory(), proposal, "Werbung: billige Uhren", process=None)


def report_url(target):
    return reverse("participation:report", args=[target._meta.label_lower, target.pk])


def test_a_resident_reports_a_comment_with_a_reason(client, comment, proposal):
    client.force_login(UserFactory())
    page = client.get(report_url(comment))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<legend>" in html and "Werbung: billige Uhren" in html
    response = client.post(report_url(comment), {"reason": "spam", "note": "Eindeutig Werbung"})
    assert response["Location"] == f"{proposal.get_url()}#comment-{comment.pk}-message"
    report = Report.objects.get()
    assert (report.target, report.reason, report.note) == (comment, "spam", "Eindeutig Werbung")
    thanks = in_german("Thank you for your report. The moderators will look at it.")
    assert escape(thanks) in client.get(response["Location"]).content.decode()


def test_reporting_twice_counts_once(client, comment):
    client.force_login(UserFactory())
    client.post(report_url(comment), {"reason": "spam"})
    response = client.post(report_url(comment), {"reason": "insult"}, follow=True)
    assert escape(in_german(rules.ALREADY_REPORTED)) in response.content.decode()
    assert Report.objects.count() == 1


def test_the_threshold_hides_until_a_moderator_decides(client, comment, proposal, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 3
    for n in range(3):
        client.force_login(UserFactory())
        client.post(report_url(comment), {"reason": "spam"})
        comment.refresh_from_db()
        assert (comment.moderation == Comment.Moderation.HIDDEN) is (n == 2)
    proposal.refresh_from_db()
    assert proposal.comment_count == 0
    client.logout()
    html = client.get(proposal.get_url()).content.decode()
    assert "billige Uhren" not in html


def test_a_proposal_can_be_reported_and_hidden(client, proposal, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    for _ in range(2):
        client.force_login(UserFactory())
        assert client.get(proposal.get_url()).content.decode().count(report_url(proposal)) == 1
        client.post(report_url(proposal), {"reason": "off_topic"})
    proposal.refresh_from_db()
    assert proposal.moderation == Proposal.Moderation.HIDDEN
    assert client.get(proposal.get_url()).status_code == 404


def test_own_contributions_and_anonymous_people(client, comment):
    response = client.get(report_url(comment))
    assert "/login/" in response["Location"]
    client.force_login(comment.author)
    response = client.post(report_url(comment), {"reason": "spam"}, follow=True)
    assert escape(in_german(rules.REPORT_OWN)) in response.content.decode()
    assert not Report.objects.exists()


def test_a_reason_is_needed_and_the_note_is_limited(client, comment):
    client.force_login(UserFactory())
    for data in ({"reason": ""}, {"reason": "gibtsnicht"}, {"reason": "spam", "note": "x" * 501}):
        response = client.post(report_url(comment), data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not Report.objects.exists()


def test_only_reportable_visible_things(client, proposal, comment):
    client.force_login(UserFactory())
    for label, pk in [("cms.user", proposal.author_id), ("participation.proposal", 999_999)]:
        url = reverse("participation:report", args=[label, pk])
        assert client.get(url).status_code == 404
    Comment.objects.filter(pk=comment.pk).update(moderation=Comment.Moderation.PENDING)
    assert client.get(report_url(comment)).status_code == 404


def test_reporting_too_fast(client, proposal, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"report": {"user": "2/m", "ip": "100/m"}}
    comments = [
        services.create_comment(UserFactory(), proposal, f"K{n}", process=None) for n in range(3)
    ]
    client.force_login(UserFactory())
    statuses = [client.post(report_url(c), {"reason": "spam"}).status_code for c in comments]
    assert statuses == [302, 302, 429]
    assert Report.objects.count() == 2


def test_report_text_is_shown_as_text(client, proposal):
    payload = "<script>alert(1)</script>"
    comment = services.create_comment(UserFactory(), proposal, payload, process=None)
    client.force_login(UserFactory())
    html = client.get(report_url(comment)).content.decode()
    assert payload not in html and escape(payload) in html


def test_moderators_see_reports_and_their_decision_settles_them(client, comment, settings):
    from cms.roles import MODERATORS

    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    for reason, note in (("spam", "Uhrenwerbung"), ("other", "")):
        services.report(UserFactory(), comment, reason, note)
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    client.force_login(UserFactory(group=MODERATORS))
    listing = client.get(reverse("comments:index"), {"reported": "true"}).content.decode()
    assert "Werbung: billige Uhren" in listing
    assert (
        "Werbung: billige Uhren"
        not in client.get(reverse("comments:index"), {"reported": "false"}).content.decode()
    )
    inspect = client.get(reverse("comments:inspect", args=[comment.pk])).content.decode()
    assert "Uhrenwerbung" in inspect and in_german("Spam or advertising") in inspect

    # The moderator restores it: the reports are settled, one more does not hide it again.
    bulk = reverse("wagtail_bulk_action", args=["participation", "comment", "approve"])
    client.post(f"{bulk}?id={comment.pk}")
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.PUBLISHED
    assert not Report.objects.open().exists()
    services.report(UserFactory(), comment, "spam")
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.PUBLISHED


# --- Notices of illegal content (for everybody) ------------------------------------------------

NOTICE_URL = reverse("participation:illegal_content_notice")


@pytest.fixture
def client(client):
    """Requests to the site's own host name, which notices must name."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def notice_data(**overrides):
    return {
        "reason": "defamation",
        "url": "http://localhost/de/beteiligung/prozess/vorschlaege/1/",
        "explanation": "Der Kommentar behauptet falsche Tatsachen über eine Person.",
        "name": "Erika",
        "email": "erika@example.org",
        "good_faith": "on",
        **overrides,
    }


def test_anybody_sends_a_notice_and_gets_a_confirmation(client, site_homes, mailoutbox):
    from participation.models import IllegalContentNotice

    assert NOTICE_URL in client.get("/de/").content.decode()  # linked from every page's footer
    page = client.get(NOTICE_URL)
    assert page.status_code == 200 and b"<legend>" in page.content
    response = client.post(NOTICE_URL, notice_data(), follow=True)
    notice = IllegalContentNotice.objects.get()
    assert (notice.reason, notice.email, notice.handled_at) == (
        "defamation",
        "erika@example.org",
        None,
    )
    assert "erika@example.org" in response.content.decode()
    assert mailoutbox[0].to == ["erika@example.org"]
    assert notice.url in mailoutbox[0].body


@pytest.mark.parametrize(
    "overrides",
    [
        {"url": "https://anderswo.example/seite"},
        {"url": "kein link"},
        {"good_faith": ""},
        {"email": "keine-adresse"},
        {"explanation": "x" * 2001},
        {"reason": "gibtsnicht"},
    ],
)
def test_an_incomplete_notice_is_explained(client, site_homes, overrides):
    from participation.models import IllegalContentNotice

    response = client.post(NOTICE_URL, notice_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not IllegalContentNotice.objects.exists()


def test_notices_are_rate_limited_per_address(client, site_homes, settings):
    from participation.models import IllegalContentNotice

    settings.PARTICIPATION_RATE_LIMITS = {"notice": {"user": "", "ip": "2/h"}}
    statuses = [client.post(NOTICE_URL, notice_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert IllegalContentNotice.objects.count() == 2


def test_moderators_read_and_handle_notices(client, site_homes):
    from cms.roles import EDITORS, MODERATORS
    from participation.models import IllegalContentNotice

    client.post(NOTICE_URL, notice_data(explanation="<script>alert(1)</script>"))
    notice = IllegalContentNotice.objects.get()
    client.force_login(UserFactory(group=EDITORS))
    assert client.get(reverse("notices:index")).status_code in (302, 403)
    client.force_login(UserFactory(group=MODERATORS))
    assert client.get(reverse("notices:index")).status_code == 200
    html = client.get(reverse("notices:inspect", args=[notice.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    client.post(
        reverse("notices:edit", args=[notice.pk]),
        {"handled_at": "2026-11-26 10:00"},
    )
    notice.refresh_from_db()
    assert notice.handled_at is not None
