"""The editors' statistics (participation.statistics, participation.admin.statistics): what they
count (only what everybody may read), that every total equals its rows, who may see them, bad
filters as messages in the person's language, the SVG charts, and a page whose query count does
not grow with the data."""

import csv
import datetime
import io
import re
import uuid

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

import pytest
from bs4 import BeautifulSoup

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation import statistics
from participation.charts import bar_chart, nice_step
from participation.models import (
    Ballot,
    Comment,
    EventRegistration,
    Membership,
    Poll,
    Proposal,
    Support,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory, german
from tests.conftest import in_german, queries_of
from tests.home.factories import EventIndexPageFactory, EventPageFactory
from tests.html_checks import html_validator  # noqa: F401 - fixture
from tests.participation.factories import (
    ActionGroupFactory,
    MembershipFactory,
    ProposalFactory,
    SupportFactory,
)
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("statistics:index")
TABLES = ["time", "field", "municipality", "process"]
URLS = [INDEX, *[reverse("statistics:csv", args=[table]) for table in TABLES]]


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    return ProcessPageFactory(parent=index, title="Enkeltaugliche Region 2040")


@pytest.fixture
def other_process(process):
    return ProcessPageFactory(parent=process.get_parent(), title="Mobilität")


@pytest.fixture
def editor():
    return UserFactory(group=EDITORS)


def dated(instance, days):
    """``instance`` as if created ``days`` ago (``auto_now_add`` fields ignore a given value)."""
    type(instance).objects.filter(pk=instance.pk).update(created_at=days_ago(days))
    return instance


def csv_rows(client, table, **query):
    response = client.get(reverse("statistics:csv", args=[table]), query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def column(rows, name):
    """{first cell: value of column ``name``} of a CSV (as ints)."""
    index = rows[0].index(name)
    return {row[0]: int(row[index]) for row in rows[1:]}


PROPOSALS, SUPPORTS, COMMENTS, BALLOTS, REGISTRATIONS, RESIDENTS, MEMBERS = (
    str(in_german(measure.label)) for measure in statistics.MEASURES
)


def total_of(rows, name):
    return column(rows, name)[in_german("Total")]


# --- Who may see them ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login/?next=" in response["Location"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ["resident", MODERATORS])
def test_residents_and_moderators_may_not_see_them(client, site_homes, url, role):
    user = UserFactory() if role == "resident" else UserFactory(group=role)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"statistics-chart" not in response.content
    assert "text/csv" not in response.get("Content-Type", "")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", [EDITORS, LEAD_EDITORS, "superuser"])
def test_editors_lead_editors_and_superusers_see_them(client, site_homes, url, role):
    user = UserFactory(is_superuser=True) if role == "superuser" else UserFactory(group=role)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "shown"),
    [(EDITORS, True), (LEAD_EDITORS, True), ("superuser", True), (MODERATORS, False)],
)
def test_the_menu_item_shows_to_those_allowed_only(client, site_homes, role, shown):
    user = UserFactory(is_superuser=True) if role == "superuser" else UserFactory(group=role)
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (INDEX in html) is shown


# --- What they count ----------------------------------------------------------------------------


def test_only_readable_contributions_count_and_totals_equal_the_rows(client, process, editor):
    field = FieldOfActionFactory(slug="energie", name="Energie")
    published = ProposalFactory(process=process, field_of_action=field, municipality="Rehna")
    orphaned = ProposalFactory(process=process, field_of_action=field)
    orphaned.author.delete()  # the proposal stays under "Deleted account" and still counts
    hidden = ProposalFactory(process=process, moderation="hidden", municipality="Rehna")
    ProposalFactory(process=process, moderation="pending")
    SupportFactory(proposal=published)
    SupportFactory(proposal=published)
    SupportFactory(proposal=hidden)  # of a hidden proposal: not counted
    proposal_type = ContentType.objects.get_for_model(Proposal)

    def comment(target, **fields):
        fields = {"author": UserFactory(), **fields}
        return Comment.objects.create(
            target_type=proposal_type,
            target_id=target.pk,
            process=process,
            text="Gute Idee.",
            **fields,
        )

    comment(published)
    comment(published, author=None)
    comment(published, moderation="hidden")
    comment(published, moderation="pending")
    comment(published, deleted_at=timezone.now())
    comment(hidden)

    client.force_login(editor)
    over_time = csv_rows(client, "time")
    assert total_of(over_time, PROPOSALS) == 2
    assert total_of(over_time, SUPPORTS) == 2
    assert total_of(over_time, COMMENTS) == 2
    # The total row is the sum of the period rows.
    for name in over_time[0][1:]:
        rows = column(over_time, name)
        total = rows.pop(in_german("Total"))
        assert total == sum(rows.values())

    for dimension in ("field", "municipality", "process"):
        rows = csv_rows(client, dimension)
        for name in rows[0][1:]:
            counts = column(rows, name)
            total = counts.pop(in_german("Total"))
            assert total == sum(counts.values()), (dimension, name)
            assert total == total_of(over_time, name), (dimension, name)
    by_field = csv_rows(client, "field")
    assert column(by_field, PROPOSALS)["Energie"] == 2
    by_municipality = csv_rows(client, "municipality")
    assert column(by_municipality, PROPOSALS)["Rehna"] == 1
    assert column(by_municipality, SUPPORTS)["Rehna"] == 2
    by_process = csv_rows(client, "process")
    assert column(by_process, COMMENTS)["Enkeltaugliche Region 2040"] == 2


def test_deleted_items_do_not_count(client, process, editor):
    kept, gone = ProposalFactory(process=process), ProposalFactory(process=process)
    SupportFactory(proposal=gone)
    gone.delete()
    SupportFactory(proposal=kept).user.delete()  # a deleted person's support goes with them
    client.force_login(editor)
    over_time = csv_rows(client, "time")
    assert total_of(over_time, PROPOSALS) == 1
    assert total_of(over_time, SUPPORTS) == 0


def test_the_chart_table_equals_the_stored_items_of_the_period(client, process, editor):
    inside = [dated(ProposalFactory(process=process), days) for days in (3, 40, 40, 200)]
    dated(ProposalFactory(process=process), 500)  # before the default twelve months
    client.force_login(editor)
    response = client.get(INDEX)
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(id="proposals-heading").find_parent("section")
    table = section.find("table")
    cells = [int(td.get_text()) for td in table.find("tbody").find_all("td")]
    assert sum(cells) == len(inside) == int(table.find("tfoot").find("td").get_text())
    assert len(cells) in (12, 13)  # every month of the period, with zeros
    assert len(section.find_all("rect")) == len(cells) + 1  # a bar per month and the background
    # The default period starts twelve months ago: the 500-day-old proposal is outside it.
    year = csv_rows(client, "time")
    assert total_of(year, PROPOSALS) == 4
    longer = csv_rows(
        client, "time", start=(timezone.localdate() - datetime.timedelta(days=600)).isoformat()
    )
    assert total_of(longer, PROPOSALS) == 5


def test_weeks_and_the_period_filter(client, process, editor):
    today = timezone.localdate()
    dated(ProposalFactory(process=process), 0)
    dated(ProposalFactory(process=process), 8)
    dated(ProposalFactory(process=process), 30)
    client.force_login(editor)
    start = today - datetime.timedelta(days=13)
    rows = csv_rows(client, "time", start=start.isoformat(), granularity="week")
    counts = column(rows, PROPOSALS)
    assert counts.pop(in_german("Total")) == 2
    assert len(counts) in (2, 3)  # the weeks the two weeks touch
    # Each row is a Monday.
    assert all(datetime.date.fromisoformat(day).weekday() == 0 for day in counts)


def test_ballots_registrations_residents_and_members(client, process, other_process, editor):
    poll = Poll.objects.create(question="Wohin?", locale=german(), process=process)
    free_poll = Poll.objects.create(question="Wann?", locale=german())
    Ballot.objects.create(poll_key=poll.translation_key, user=UserFactory())
    Ballot.objects.create(poll_key=poll.translation_key, session_key="abc")
    Ballot.objects.create(poll_key=free_poll.translation_key, user=UserFactory())
    event = EventPageFactory(parent=EventIndexPageFactory(parent=process.get_parent().get_parent()))
    EventRegistration.objects.create(event=event, user=UserFactory(), status="confirmed")
    EventRegistration.objects.create(event=event, user=UserFactory(), status="waiting")
    EventRegistration.objects.create(
        event=event, guest_email="gast@example.org", guest_name="Gast", status="pending"
    )
    group = ActionGroupFactory(process=other_process, municipality="Gadebusch")
    hidden_group = ActionGroupFactory(moderation="hidden")
    MembershipFactory(group=group)
    MembershipFactory(group=group, state=Membership.State.REQUESTED)
    MembershipFactory(group=group, state=Membership.State.REMOVED)
    MembershipFactory(group=hidden_group)
    client.force_login(editor)
    over_time = csv_rows(client, "time")
    assert total_of(over_time, BALLOTS) == 3
    assert total_of(over_time, REGISTRATIONS) == 2
    assert total_of(over_time, MEMBERS) == 1
    residents = total_of(over_time, RESIDENTS)
    from django.contrib.auth import get_user_model

    assert residents == get_user_model().objects.filter(groups__name="Bewohner:innen").count()
    by_process = csv_rows(client, "process")
    assert column(by_process, BALLOTS)["Enkeltaugliche Region 2040"] == 2
    assert column(by_process, BALLOTS)[in_german("No process")] == 1
    assert column(by_process, MEMBERS)["Mobilität"] == 1
    assert REGISTRATIONS not in by_process[0]  # only for the whole platform
    by_municipality = csv_rows(client, "municipality")
    assert column(by_municipality, MEMBERS)["Gadebusch"] == 1
    assert MEMBERS not in csv_rows(client, "field")[0]


def test_a_process_counts_its_language_versions_together(client, process, editor):
    from wagtail.models import Locale

    english = process.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    ProposalFactory(process=process)
    ProposalFactory(process=english)
    ProposalFactory(process=ProcessPageFactory(parent=process.get_parent()))
    client.force_login(editor)
    rows = csv_rows(client, "time", process=str(process.translation_key))
    assert total_of(rows, PROPOSALS) == 2


def test_a_filter_that_does_not_apply_says_so(client, process, editor):
    field = FieldOfActionFactory(slug="mobilitaet", name="Mobilität")
    ProposalFactory(process=process, field_of_action=field)
    ProposalFactory(process=process)
    client.force_login(editor)
    response = client.get(INDEX, {"field": "mobilitaet"})
    soup = BeautifulSoup(response.content, "html.parser")
    ballots = soup.find(id="ballots-heading").find_parent("section")
    assert ballots.find("svg") is None
    assert "Handlungsfeld" in ballots.get_text()
    proposals = soup.find(id="proposals-heading").find_parent("section")
    assert proposals.find("tfoot").find("td").get_text() == "1"
    rows = csv_rows(client, "time", field="mobilitaet")
    assert BALLOTS not in rows[0]
    assert total_of(rows, PROPOSALS) == 1


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "notadate"}, "Bitte ein gültiges Datum eingeben."),
        ({"end": "2024-02-30"}, "Bitte ein gültiges Datum eingeben."),
        ({"start": "2025-05-01", "end": "2025-04-01"}, None),
        ({"start": "2015-01-01", "end": "2025-01-01"}, None),
        ({"process": str(uuid.uuid4())}, "Bitte eine gültige Auswahl treffen."),
        ({"process": "12; DROP TABLE"}, "Bitte eine gültige Auswahl treffen."),
        ({"granularity": "day"}, "Bitte eine gültige Auswahl treffen."),
        ({"field": "nope"}, "Bitte eine gültige Auswahl treffen."),
        ({"municipality": "Atlantis"}, "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_bad_filters_are_messages_not_errors(client, process, editor, query, message):
    client.force_login(editor)
    response = client.get(INDEX, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "statistics-chart" not in html
    assert 'class="error-message"' in html or "help-critical" in html
    if message:
        assert message.split(" ")[0] in html
    csv_response = client.get(reverse("statistics:csv", args=["time"]), query)
    assert csv_response.status_code == 400
    assert csv_response.content.decode()


def test_the_period_messages_are_in_the_persons_language(client, process, editor):
    client.force_login(editor)
    german_html = client.get(INDEX, {"start": "2025-05-01", "end": "2025-04-01"}).content
    assert in_german("The start of the period must not be after its end.") in german_html.decode()
    long = client.get(INDEX, {"start": "2015-01-01", "end": "2025-01-01"}).content.decode()
    assert in_german("Please choose a period of at most five years.") in long


def test_an_unknown_table_is_not_found(client, process, editor):
    client.force_login(editor)
    response = client.get(INDEX + "csv/secrets/")
    assert response.status_code in (302, 404)
    assert "text/csv" not in response.get("Content-Type", "")


def test_csv_file_names_say_the_period(client, process, editor):
    client.force_login(editor)
    response = client.get(
        reverse("statistics:csv", args=["municipality"]),
        {"start": "2025-01-01", "end": "2025-12-31"},
    )
    assert "statistics-municipality-2025-01-01-2025-12-31.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == capfirst(in_german(statistics.DIMENSION_LABELS["municipality"]))
    assert rows[-1][0] == in_german("Total")


def test_titles_that_look_like_formulas_are_defused_in_csv(client, process, editor):
    ProposalFactory(process=ProcessPageFactory(parent=process.get_parent(), title="=HYPERLINK()"))
    client.force_login(editor)
    rows = csv_rows(client, "process")
    assert "'=HYPERLINK()" in [row[0] for row in rows]


# --- Charts -------------------------------------------------------------------------------------


def test_charts_cope_with_no_data_one_period_and_huge_numbers():
    empty = bar_chart([])
    assert empty.bars == [] and empty.ticks
    zeros = bar_chart([("Jan", 0), ("Feb", 0)])
    assert all(bar.height == 0 for bar in zeros.bars)
    one = bar_chart([("Jan", 7)])
    assert len(one.bars) == 1 and one.bars[0].show_value
    assert one.bars[0].x + one.bars[0].width <= one.right
    huge = bar_chart([("Jan", 10**12), ("Feb", 3)])
    assert huge.bars[0].y >= huge.top and huge.bars[0].height <= huge.baseline - huge.top
    assert huge.left < huge.right
    many = bar_chart([(f"W{n}", n) for n in range(260)])
    assert len(many.labels) < 20
    assert nice_step(0) == 1 and nice_step(7) in (1, 2) and nice_step(1000) == 200


def test_the_chart_is_an_accessible_image(client, process, editor):
    ProposalFactory(process=process)
    client.force_login(editor)
    soup = BeautifulSoup(client.get(INDEX).content, "html.parser")
    svg = soup.find("svg", class_="statistics-chart")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title")["id"] == title_id
    assert "1" in svg.find("desc", id=desc_id).get_text()
    for table in soup.find_all("table", class_="statistics-table"):
        assert table.find("caption").get_text(strip=True)
        assert all(th.get("scope") in ("row", "col") for th in table.find_all("th"))


def test_the_page_is_valid_html(client, process, editor, html_validator):  # noqa: F811
    ProposalFactory(process=process)
    client.force_login(editor)
    for query in ({}, {"granularity": "week", "field": "x"}, {"start": "bad"}):
        html = client.get(INDEX, query).content
        assert html_validator.problems(html) == [], query


# --- Cost ---------------------------------------------------------------------------------------


def test_the_page_costs_the_same_queries_for_2_and_50_proposals(client, process, editor):
    client.force_login(editor)
    field = FieldOfActionFactory()

    def add(count):
        for n in range(count):
            proposal = dated(ProposalFactory(process=process, field_of_action=field), n * 7)
            Support.objects.create(proposal=proposal, user=UserFactory(), process=process)

    add(2)
    _response, few = queries_of(client, INDEX, {"granularity": "week"})
    add(48)
    response, many = queries_of(client, INDEX, {"granularity": "week"})
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many]
    assert len(many) <= 30


def test_the_measures_are_one_query_each():
    assert {measure.key for measure in statistics.MEASURES} == {
        "proposals",
        "supports",
        "comments",
        "ballots",
        "registrations",
        "residents",
        "members",
    }


def test_the_german_page_draws_its_charts_with_plain_numbers_and_defaults_to_months(
    client, process, editor
):
    """German formats decimals with a comma; SVG coordinates need a point (a comma broke every
    chart in the German admin). The period select shows the default, per month."""
    for days in (3, 40, 200):
        dated(ProposalFactory(process=process), days)
    client.force_login(editor)
    with translation.override("de"):
        response = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="de")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("html")["lang"].startswith("de")
    number = re.compile(r"^-?\d+(\.\d+)?$")
    svg = soup.find("svg", class_="statistics-chart")
    for element in svg.find_all(["rect", "line", "text"]):
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            if element.has_attr(name):
                assert number.match(element[name]), (element.name, name, element[name])
    assert [bar for bar in svg.find_all("rect")[1:] if float(bar["height"]) > 0]
    granularity = soup.find("select", attrs={"name": "granularity"})
    selected = granularity.find("option", selected=True) or granularity.find("option")
    assert selected["value"] == "month"
