"""Admin polish for staff: inspect views read like the rest of the German admin (no raw None or
False, German headings, times in Berlin), titles get room in the listings, Wagtail's reports
menu keeps its own name, and editors download proposals and comments (formula-safe, display
names only, with the listing's filters); moderators and residents download nothing."""

import csv
import datetime
import io

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from cms.wagtail_hooks import WAGTAIL_REPORTS
from participation.models import Comment, IllegalContentNotice, Proposal, Report
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

PROPOSALS = reverse("proposals:index")
COMMENTS = reverse("comments:index")
# 10:05 UTC in winter is 11:05 in Berlin.
WRITTEN = datetime.datetime(2026, 1, 15, 10, 5, tzinfo=datetime.UTC)


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    return ProcessPageFactory(parent=index, title="Enkeltaugliche Region 2040")


@pytest.fixture
def author():
    return UserFactory(display_name="Ida aus Wismar", email="ida@example.org")


@pytest.fixture
def proposal(process, author):
    proposal = ProposalFactory(
        process=process, author=author, title="Werkstatt im alten Bahnhof", municipality=""
    )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=WRITTEN, support_count=7)
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def comment(proposal, process, author):
    comment = Comment.objects.create(
        target=proposal, process=process, author=author, text="Gute Idee, ich helfe mit."
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=WRITTEN)
    Report.objects.create(target=comment, reporter=UserFactory(), reason="spam")
    return comment


def german(client, url, **params):
    response = client.get(url, params, headers={"accept-language": "de"})
    assert response.status_code == 200, response
    return response.content.decode()


def dd_values(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup.find_all("dt")
    }


# --- Inspect views ------------------------------------------------------------------------------


def test_the_comment_inspect_view_reads_like_the_german_admin(client, comment):
    client.force_login(UserFactory(group=MODERATORS))
    html = german(client, reverse("comments:inspect", args=[comment.pk]))
    assert ">None<" not in html.replace("\n", "").replace(" ", "")
    assert ">False<" not in html.replace("\n", "").replace(" ", "")
    values = dd_values(html)
    assert "None" not in values.values() and "False" not in values.values()
    assert "Reports" not in values
    assert in_german("Open reports") in values
    assert values[in_german("Open reports")].startswith(in_german("Spam or advertising")[:4])
    with translation.override("de"):
        parent_label = str(Comment._meta.get_field("parent").verbose_name).capitalize()
    assert values[parent_label] == "—"
    assert in_german("No") in values.values()
    # Written at 10:05 UTC: 11:05 in Berlin, in the admin's date format.
    assert "15. Januar 2026 11:05" in values.values()


def test_the_proposal_and_notice_inspect_views_show_dashes_and_berlin_times(client, proposal):
    moderator = UserFactory(group=MODERATORS)
    client.force_login(moderator)
    values = dd_values(german(client, reverse("proposals:inspect", args=[proposal.pk])))
    assert "None" not in values.values() and "False" not in values.values()
    assert "15. Januar 2026 11:05" in values.values()
    assert values[in_german("Open reports")] == "—"

    notice = IllegalContentNotice.objects.create(
        reason="hate", url="https://example.org/x", explanation="x", email="a@example.org"
    )
    values = dd_values(german(client, reverse("notices:inspect", args=[notice.pk])))
    assert "None" not in values.values()
    assert "—" in values.values()


# --- Listings -----------------------------------------------------------------------------------


def test_proposal_titles_get_their_own_column_width(client, proposal):
    client.force_login(UserFactory(group=EDITORS))
    html = german(client, PROPOSALS)
    assert "contribution-title" in html
    # The admin stylesheet with the rule is on every admin page, not only the queue.
    assert "css/admin-moderation.css" in html
    assert "css/admin-moderation.css" in german(client, reverse("wagtailadmin_home"))


def test_wagtails_reports_menu_is_not_called_like_residents_reports():
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True)
    items = {item.name: item for item in admin_menu.menu_items_for_request(request)}
    with translation.override("de"):
        label = str(items["reports"].label)
        assert label == in_german(WAGTAIL_REPORTS)
        # "Meldungen" are the residents' reports in the moderation queue.
        assert label != "Meldungen"
        assert label != str(in_german("Open reports"))


# --- Downloads ----------------------------------------------------------------------------------


def rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(content)))


def test_editors_download_proposals_as_csv_without_personal_data(client, proposal, process):
    ProposalFactory(
        process=process,
        title='=HYPERLINK("http://evil.example","Klick")',
        author=UserFactory(display_name="@Mallory", email="mallory@example.org"),
        state=Proposal.State.ACCEPTED,
    )
    client.force_login(UserFactory(group=EDITORS))
    response = client.get(PROPOSALS, {"export": "csv"}, headers={"accept-language": "de"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="proposals.csv"'
    header, *data = rows(response)
    assert header == [
        in_german(text)
        for text in (
            "Title",
            "Process",
            "Field of action",
            "Municipality",
            "State",
            "Moderation",
            "Supports",
            "Comments",
            "Submitted",
            "Answered",
            "Author",
        )
    ]
    by_title = {row[0]: row for row in data}
    ours = by_title["Werkstatt im alten Bahnhof"]
    assert ours[1] == "Enkeltaugliche Region 2040"
    assert ours[6] == "7"
    assert ours[8] == "2026-01-15 11:05"
    assert ours[10] == "Ida aus Wismar"
    # Formulas are defused, and nobody's e-mail address is in the file.
    assert '\'=HYPERLINK("http://evil.example","Klick")' in by_title
    assert by_title['\'=HYPERLINK("http://evil.example","Klick")'][10] == "'@Mallory"
    flat = str(data)
    assert "@example.org" not in flat

    # The listing's filters apply to the download.
    response = client.get(PROPOSALS, {"export": "csv", "state": "accepted"})
    assert [row[0] for row in rows(response)[1:]] == ['\'=HYPERLINK("http://evil.example","Klick")']


def test_editors_download_proposals_as_xlsx(client, proposal):
    client.force_login(UserFactory(group=EDITORS))
    response = client.get(PROPOSALS, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[1][0] == "Werkstatt im alten Bahnhof"
    # In Berlin time, like the admin shows it.
    assert values[1][8] == datetime.datetime(2026, 1, 15, 11, 5)
    assert not any("@example.org" in str(cell) for row in values for cell in row)


def test_editors_download_comments_with_hidden_ones_marked(client, comment, proposal, author):
    hidden = Comment.objects.create(
        target=proposal,
        process=proposal.process,
        author=author,
        text="+Versteckt",
        moderation=Comment.Moderation.HIDDEN,
    )
    editor = UserFactory(group=EDITORS)
    client.force_login(editor)
    # Editors see the comments, read-only: no moderation actions.
    listing = german(client, COMMENTS)
    assert "bulk-actions" not in listing or 'name="select-all"' not in listing
    response = client.get(COMMENTS, {"export": "csv"}, headers={"accept-language": "de"})
    assert response.status_code == 200
    header, *data = rows(response)
    assert header[0] == in_german("Comment") and in_german("Moderation") in header
    by_text = {row[0]: row for row in data}
    assert by_text["Gute Idee, ich helfe mit."][1] == "Werkstatt im alten Bahnhof"
    assert by_text["Gute Idee, ich helfe mit."][3] == "Ida aus Wismar"
    assert by_text["Gute Idee, ich helfe mit."][5] == "2026-01-15 11:05"
    assert by_text["'+Versteckt"][4] == in_german(hidden.get_moderation_display())
    assert "ida@example.org" not in str(data)


@pytest.mark.parametrize("url", [PROPOSALS, COMMENTS])
def test_moderators_see_the_lists_but_download_nothing(client, comment, url):
    client.force_login(UserFactory(group=MODERATORS))
    html = german(client, url)
    assert "export=csv" not in html and "export=xlsx" not in html
    for export in ("csv", "xlsx"):
        response = client.get(url, {"export": export})
        # Wagtail's "permission denied": back to the dashboard with a message, no file.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert not response.get("Content-Disposition")


@pytest.mark.parametrize("url", [PROPOSALS, COMMENTS])
def test_lead_editors_download(client, comment, url):
    client.force_login(UserFactory(group=LEAD_EDITORS))
    assert "export=csv" in german(client, url)
    assert client.get(url, {"export": "csv"}).status_code == 200


@pytest.mark.parametrize("url", [PROPOSALS, COMMENTS])
def test_residents_download_nothing(client, comment, url):
    client.force_login(UserFactory())
    response = client.get(url, {"export": "csv"})
    assert response.status_code in (302, 403)
    assert not response.get("Content-Disposition")
