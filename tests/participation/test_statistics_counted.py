"""The editors' statistics counted ahead (participation.statistics.rebuild, DailyCount): the page
shows the same figures from the daily counts as counted live, a rebuild is idempotent, two at
once do not count twice, what is hidden since drops out at the next rebuild, and the page's
query count does not grow with the data."""

import datetime
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from cms.roles import EDITORS
from participation import statistics
from participation.models import Ballot, Comment, DailyCount, Poll, Proposal, Support
from participation.periodic import JOBS
from tests.cms.factories import FieldOfActionFactory, UserFactory, german
from tests.conftest import queries_of
from tests.participation.factories import ProposalFactory, SupportFactory
from tests.participation.test_statistics import (
    INDEX,
    PROPOSALS,
    SUPPORTS,
    csv_rows,
    dated,
    total_of,
)
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db


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


QUERIES = [
    {},
    {"granularity": "week"},
    {"start": (datetime.date.today() - datetime.timedelta(days=30)).isoformat()},
    {"field": "energie"},
    {"municipality": "Rehna"},
]


@pytest.fixture
def contributions(process, other_process):
    """Proposals, supports, comments and ballots spread over the last months, some hidden."""
    energy = FieldOfActionFactory(slug="energie", name="Energie")
    mobility = FieldOfActionFactory(slug="mobilitaet", name="Mobilität")
    proposal_type = ContentType.objects.get_for_model(Proposal)
    poll = Poll.objects.create(question="Wohin?", locale=german(), process=process)
    for n, days in enumerate((0, 1, 2, 9, 40, 41, 100, 200, 300)):
        proposal = dated(
            ProposalFactory(
                process=process if n % 2 else other_process,
                field_of_action=energy if n % 3 else mobility,
                municipality="Rehna" if n % 4 else "",
                moderation="hidden" if n == 5 else "published",
            ),
            days,
        )
        for _ in range(n % 3 + 1):
            dated(SupportFactory(proposal=proposal), max(0, days - 1))
        comment = Comment.objects.create(
            target_type=proposal_type,
            target_id=proposal.pk,
            process=proposal.process,
            author=UserFactory(),
            text="Gute Idee.",
        )
        dated(comment, max(0, days - 2))
        ballot = Ballot.objects.create(poll_key=poll.translation_key, session_key=f"s{n}")
        dated(ballot, days)
    return energy


def figures(client, process):
    """Every table of the page for several filters, as CSV rows."""
    result = {}
    for query in [*QUERIES, {"process": str(process.translation_key)}]:
        for table in ("time", "field", "municipality", "process"):
            if table != "time" and query.get("granularity"):
                continue
            result[(table, tuple(sorted(query.items())))] = csv_rows(client, table, **query)
    return result


def test_the_counted_figures_equal_the_live_ones(client, process, editor, contributions):
    client.force_login(editor)
    live = figures(client, process)
    assert total_of(live[("time", ())], PROPOSALS) == 8
    stored = statistics.rebuild()
    assert stored == DailyCount.objects.count() > 0
    assert statistics.counted().counted_through == timezone.localdate() - datetime.timedelta(1)
    # Only today is counted live now; the rest comes from the daily counts.
    assert figures(client, process) == live
    # Something new today still shows at once.
    SupportFactory(proposal=Proposal.objects.filter(moderation="published").first())
    rows = csv_rows(client, "time")
    assert total_of(rows, SUPPORTS) == total_of(live[("time", ())], SUPPORTS) + 1


def test_the_page_says_when_the_figures_were_counted(client, process, editor, contributions):
    client.force_login(editor)
    soup = BeautifulSoup(client.get(INDEX).content, "html.parser")
    assert "live" in soup.find(id="statistics-counted").get_text()
    statistics.rebuild()
    soup = BeautifulSoup(client.get(INDEX).content, "html.parser")
    text = soup.find(id="statistics-counted").get_text()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert yesterday.strftime("%d.%m.%Y") in text or yesterday.strftime("%m/%d/%Y") in text


def test_a_rebuild_is_idempotent(contributions):
    statistics.rebuild()
    first = sorted(DailyCount.objects.values_list("day", "measure", "field", "process", "count"))
    statistics.rebuild()
    second = sorted(DailyCount.objects.values_list("day", "measure", "field", "process", "count"))
    assert first == second


def test_what_is_hidden_since_drops_out_at_the_next_rebuild(client, process, editor):
    client.force_login(editor)
    proposal = dated(ProposalFactory(process=process), 5)
    dated(SupportFactory(proposal=proposal), 4)
    statistics.rebuild()
    assert total_of(csv_rows(client, "time"), SUPPORTS) == 1
    Proposal.objects.filter(pk=proposal.pk).update(moderation="hidden")
    statistics.rebuild()
    rows = csv_rows(client, "time")
    assert total_of(rows, PROPOSALS) == 0
    assert total_of(rows, SUPPORTS) == 0


def test_the_rebuild_is_an_hourly_job():
    assert ("statistics", "hourly", "participation.statistics.rebuild_job") in JOBS


def test_the_counted_page_costs_the_same_queries_for_2_and_50_proposals(client, process, editor):
    client.force_login(editor)
    field = FieldOfActionFactory()

    def add(count):
        for n in range(count):
            proposal = dated(ProposalFactory(process=process, field_of_action=field), n * 7)
            Support.objects.create(proposal=proposal, user=UserFactory(), process=process)
        statistics.rebuild()

    add(2)
    _response, few = queries_of(client, INDEX, {"granularity": "week"})
    add(48)
    response, many = queries_of(client, INDEX, {"granularity": "week"})
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many]
    assert len(many) <= 30


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite's test database is not shared by threads"
)
def test_two_rebuilds_at_once_do_not_count_twice(process):
    for days in (1, 2, 3, 3):
        dated(ProposalFactory(process=process), days)
    errors = []

    def run():
        try:
            statistics.rebuild()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = DailyCount.objects.filter(measure="proposals")
    assert sum(stored.values_list("count", flat=True)) == 4


def test_after_the_hourly_job_the_default_page_reads_no_daily_count(
    client, process, editor, contributions
):
    """The job sums the default period into the cache (keyed by the time of the count): the
    first editor after it reads no stored row, and figures stay those counted live."""
    client.force_login(editor)
    live = csv_rows(client, "time")
    statistics.rebuild_job(timezone.now())
    with CaptureQueriesContext(connection) as captured:
        assert client.get(INDEX).status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert sql
    assert not [q for q in sql if DailyCount._meta.db_table in q]
    assert csv_rows(client, "time") == live
