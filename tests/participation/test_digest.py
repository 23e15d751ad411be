"""Daily and weekly digests: everything up to the moment of the digest and nothing after it,
nothing twice, nothing the recipient may no longer see, in the recipient's language, and a
number of queries that does not grow with the number of recipients."""

import datetime

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import pytest

from participation.models import Delivery, Moderation, Notification, OutgoingMail
from participation.models import NotificationReason as Why
from participation.notifications import delivery
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import ActivityFactory, NotificationFactory, ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 7, 6, 0))
TICK = datetime.timedelta(microseconds=1)


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()], title="Hafenkante")
    process.save_revision().publish()
    return process


@pytest.fixture
def proposals(process):
    return [
        ProposalFactory(process=process, moderation=Moderation.PUBLISHED, title=f"Idee {n}")
        for n in range(4)
    ]


def notify(target, recipient, at, *, reason=Why.PROPOSAL_ANSWERED, delivery=Delivery.DAILY):
    activity = ActivityFactory(kind=reason, target=target)
    return NotificationFactory(
        activity=activity, recipient=recipient, reason=reason, delivery=delivery, created_at=at
    )


def test_a_digest_holds_everything_up_to_now_and_the_rest_comes_next_time(proposals):
    person = UserFactory()
    notify(proposals[0], person, NOW - datetime.timedelta(hours=20))
    notify(proposals[1], person, NOW)
    later = notify(proposals[2], person, NOW + TICK)
    mail.outbox.clear()

    assert delivery.send_daily_digests(NOW) == 1
    [first] = mail.outbox
    assert "Idee 0" in first.body and "Idee 1" in first.body
    assert "Idee 2" not in first.body
    later.refresh_from_db()
    assert later.emailed_at is None

    mail.outbox.clear()
    assert delivery.send_daily_digests(NOW + datetime.timedelta(days=1)) == 1
    [second] = mail.outbox
    assert "Idee 2" in second.body
    assert "Idee 0" not in second.body and "Idee 1" not in second.body


def test_running_a_digest_twice_sends_nothing_twice(proposals):
    person = UserFactory()
    notify(proposals[0], person, NOW - TICK)
    mail.outbox.clear()
    delivery.send_daily_digests(NOW)
    delivery.send_daily_digests(NOW)
    delivery.send_daily_digests(NOW + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.count() == 1


def test_a_hidden_item_is_left_out_and_marked(proposals):
    person = UserFactory()
    kept = notify(proposals[0], person, NOW - TICK)
    dropped = notify(proposals[1], person, NOW - TICK)
    type(proposals[1]).objects.filter(pk=proposals[1].pk).update(moderation=Moderation.HIDDEN)
    mail.outbox.clear()
    delivery.send_daily_digests(NOW)
    [message] = mail.outbox
    assert "Idee 0" in message.body and "Idee 1" not in message.body
    assert "Idee 1" not in message.alternatives[0][0]
    dropped.refresh_from_db()
    kept.refresh_from_db()
    assert dropped.skipped and dropped.emailed_at is None
    assert kept.emailed_at is not None


def test_nothing_visible_left_means_no_mail(proposals):
    person = UserFactory()
    notify(proposals[1], person, NOW - TICK)
    type(proposals[1]).objects.filter(pk=proposals[1].pk).update(moderation=Moderation.HIDDEN)
    mail.outbox.clear()
    assert delivery.send_daily_digests(NOW) == 0
    assert mail.outbox == []
    assert Notification.objects.get(recipient=person).skipped


def test_daily_weekly_and_off_stay_apart(proposals, process):
    person = UserFactory()
    notify(proposals[0], person, NOW - TICK, delivery=Delivery.DAILY)
    notify(proposals[1], person, NOW - TICK, delivery=Delivery.WEEKLY)
    off = notify(proposals[2], person, NOW - TICK, delivery=Delivery.OFF)
    notify(proposals[3], person, NOW - TICK, delivery=Delivery.IMMEDIATELY)
    mail.outbox.clear()

    delivery.send_daily_digests(NOW)
    delivery.send_weekly_digests(NOW)
    daily, weekly = mail.outbox
    assert daily.subject == in_german("Your daily summary")
    assert weekly.subject == in_german("Your weekly summary")
    assert "Idee 0" in daily.body and "Idee 1" not in daily.body
    assert "Idee 1" in weekly.body and "Idee 0" not in weekly.body
    for message in mail.outbox:
        assert "Idee 2" not in message.body and "Idee 3" not in message.body
    off.refresh_from_db()
    assert off.emailed_at is None


def test_a_digest_in_english_grouped_by_reason_with_unsubscribe(proposals, process):
    person = UserFactory(language="en")
    notify(proposals[0], person, NOW - TICK)
    notify(process, person, NOW - TICK, reason=Why.PHASE_STARTED)
    mail.outbox.clear()
    delivery.send_daily_digests(NOW)

    [message] = mail.outbox
    html = message.alternatives[0][0]
    with translation.override("en"):
        assert message.subject == translation.gettext("Your daily summary")
        phase_label = str(Why.PHASE_STARTED.label)
        answer_label = str(Why.PROPOSAL_ANSWERED.label)
    # Sections in the order of the reasons, each with its heading.
    assert message.body.index(phase_label) < message.body.index(answer_label)
    assert "<h2" in html and phase_label in html
    assert process.get_full_url() in message.body
    assert f'href="{proposals[0].get_url(full=True)}"' in html
    url = message.extra_headers["List-Unsubscribe"][1:-1]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert delivery.read_unsubscribe_token(token) == (person, Delivery.DAILY)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.fixture
def many_recipients(proposals, process, settings):
    """Builds ``count`` recipients, each with three daily notifications (two things they share
    and a proposal of their own); the worker's queue keeps the outbox's deliveries."""
    settings.TASKS = {
        **settings.TASKS,
        "worker": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    answer = ActivityFactory(kind="proposal_answered", target=proposals[0])
    phase = ActivityFactory(kind="phase_started", target=process)

    def make(count):
        Notification.objects.all().delete()
        rows = []
        for _ in range(count):
            person = UserFactory()
            own = ProposalFactory(process=process, author=person, moderation=Moderation.PUBLISHED)
            own_answer = ActivityFactory(kind="proposal_answered", target=own)
            for activity, reason in (
                (answer, Why.PROPOSAL_ANSWERED),
                (phase, Why.PHASE_STARTED),
                (own_answer, Why.PROPOSAL_ANSWERED),
            ):
                rows.append(
                    Notification(
                        recipient=person,
                        activity=activity,
                        reason=reason,
                        delivery=Delivery.DAILY,
                        created_at=NOW - TICK,
                    )
                )
        Notification.objects.bulk_create(rows)

    return make


def test_digest_queries_do_not_grow_with_the_recipients(many_recipients):
    def digest_queries(count):
        many_recipients(count)
        OutgoingMail.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            assert delivery.send_daily_digests(NOW) == count
        assert OutgoingMail.objects.count() == count
        assert not Notification.objects.filter(emailed_at=None).exists()
        return [q["sql"] for q in captured.captured_queries if "outgoingmail" not in q["sql"]]

    digest_queries(5)  # warms the caches (content types, site root paths)
    small = digest_queries(50)
    large = digest_queries(500)
    assert len(small) == len(large), "\n".join(large)


def test_what_happened_before_the_digest_is_in_it_though_the_worker_fanned_it_out_after(
    proposals, settings
):
    """The digest job and the fan-out are both tasks: a digest at ``now`` includes what
    happened before ``now`` even when the worker created its notifications a moment later."""
    from django.contrib.auth import get_user_model

    from participation import services
    from participation.models import Proposal
    from tests.participation.worker import run_queue, use_database_queue

    use_database_queue(settings)
    proposal = proposals[0]
    delivery.set_preferences(proposal.author, {Why.PROPOSAL_ANSWERED: Delivery.DAILY})
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    digest_time = timezone.now()
    run_queue()  # the fan-out, after the digest's moment
    mail.outbox.clear()
    delivery.send_daily_digests(digest_time)
    run_queue()
    author = get_user_model().objects.get(pk=proposal.author_id)
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Idee 0" in mail.outbox[0].body
