"""Benchmark: the moderators' queue in the admin (/admin/moderation/) with 600 reported
contributions (proposals and comments, 1–5 reports each from different residents, capped by the
report threshold as the app does), hidden ones and ones awaiting moderation; prints the median
render time and query count of the reported tab, the reported tab filtered by a reason, the
pending tab and the hidden tab for the demo moderator. Target: the reported tab in < 100 ms.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/moderation.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets the demo content plus two processes, "Benchmark: Moderation" (post-moderated,
1,200 proposals, 3,000 comments, the reports) and "Benchmark: Moderation (Vorabprüfung)"
(pre-moderated, with proposals and comments awaiting moderation), created once and reused on
later runs. The data is what the services would have left: one report per person and
contribution, never by the author; at the report threshold (PARTICIPATION_REPORT_THRESHOLD, 3)
a published contribution is hidden automatically and takes no more reports; moderators' hiding
and reviewing settle the reports; the moderation log and the comment counters match.

Each tab is rendered through Django's test client in this process, signed in as
moderation@example.org (group "Moderation", password DEMO_PASSWORD): warm-up renders first, then
--renders timed ones (median and 95th percentile). With --explain the queries of each tab are
printed, slowest first, and on PostgreSQL the slowest ones with EXPLAIN ANALYZE.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="landvorteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
# The test settings: DEBUG off like production, the demo content allowed.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, OuterRef, Subquery  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from allauth.account.models import EmailAddress  # noqa: E402

from bench.explaining import explain  # noqa: E402
from cms.roles import MODERATORS, RESIDENTS  # noqa: E402
from cms.taxonomy import FieldOfAction  # noqa: E402
from participation import rules  # noqa: E402
from participation.admin.moderation_queue import Tab, queue_rows  # noqa: E402
from participation.models import (  # noqa: E402
    Comment,
    Moderation,
    ModerationLogEntry,
    Proposal,
    Reason,
    Report,
)
from participation.municipalities import MUNICIPALITIES  # noqa: E402
from participation.services import label_of  # noqa: E402
from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase  # noqa: E402

Action = ModerationLogEntry.Action

SLUG = "benchmark-moderation"
PRE_SLUG = "benchmark-moderation-pre"
MODERATOR = "moderation@example.org"
RESIDENT_EMAIL = "moderation-bench-{}@example.org"
RESIDENT_COUNT = 300
PROPOSALS = 1_200
TOP_LEVEL_COMMENTS = 2_100
REPLIES = 900
# Of the post-moderated process's contributions: (proposals, comments).
REPORTED = (240, 360)  # open reports
REVIEWED = (60, 60)  # reports a moderator reviewed, kept published; the first 40 reported again
REPORTED_AGAIN = 40
HIDDEN_BY_MODERATOR = (20, 40)  # hidden by a moderator, a quarter of them without reports
DELETED_AFTER_REPORT = 8  # reported comments their authors deleted afterwards
# The pre-moderated process: proposals (approved, waiting) and comments waiting.
PRE_APPROVED = 40
PRE_PENDING = 60
PRE_PENDING_COMMENTS = 100
# How many people report a contribution (1–5), before the report threshold cuts it short.
PLANNED_REPORTS = [1] * 40 + [2] * 25 + [3] * 15 + [4] * 12 + [5] * 8
REASON_WEIGHTS = {
    Reason.SPAM: 30,
    Reason.INSULT: 25,
    Reason.OFF_TOPIC: 25,
    Reason.PRIVACY: 8,
    Reason.ILLEGAL: 4,
    Reason.OTHER: 8,
}
FILTER_REASON = Reason.INSULT
WARM_UP = 5
TARGET_MS = 100  # the reported tab, from the issue

FIRST_NAMES = [
    "Anke", "Bernd", "Carola", "Dirk", "Elke", "Frank", "Gesa", "Holger", "Ilka", "Jens",
    "Kirsten", "Lars", "Meike", "Nils", "Okke", "Petra", "Rolf", "Silke", "Thies", "Ulrike",
]  # fmt: skip
TOPICS = [
    "Bürgerbus am Wochenende",
    "Dorfladen mit Café",
    "Radweg an der Landstraße",
    "Coworking im alten Bahnhof",
    "Ärztehaus für die Region",
    "Glasfaser für die Außenbereiche",
    "Jugendtreff im Feuerwehrhaus",
    "Mitfahrbänke in jedem Dorf",
    "Regionale Direktvermarktung",
    "Blühstreifen an den Feldwegen",
]
COMMENT_TEXTS = [
    "Das sehe ich ähnlich, aber wir sollten auch an die Dörfer denken, die keinen Bus haben.",
    "Gute Idee! Bei uns in der Gemeinde gibt es dafür schon einen Verein, der mitmachen würde.",
    "Wer soll das bezahlen? Die Kreisumlage steigt ohnehin jedes Jahr.",
    "Ich wohne seit 30 Jahren hier und finde, das geht an den Bedürfnissen vorbei.",
    "Kann man das nicht mit dem Vorschlag zum Dorfladen verbinden? Dann lohnt es sich eher.",
    "Bitte auch an Barrierefreiheit denken, meine Mutter kommt sonst nirgends mehr hin.",
    "Unsinn, das hat schon 2015 nicht funktioniert, und die Verantwortlichen sitzen heute noch da.",
    "Schaut euch mal https://example.org/angebot an, da gibt es das günstiger!!!",
]
REPORT_NOTES = [
    "Das ist reine Werbung für einen Online-Shop.",
    "Der Beitrag beleidigt eine Nachbarin namentlich.",
    "Hat nichts mit dem Prozess zu tun.",
    "Hier steht die Telefonnummer einer Privatperson.",
    "Derselbe Text steht schon unter fünf anderen Vorschlägen.",
    "Ich finde den Ton unangemessen, bitte prüfen.",
    "Der Link führt auf eine zweifelhafte Seite.",
    "Persönlicher Angriff auf den Bürgermeister, nicht auf die Sache.",
]
MODERATOR_NOTES = [
    "Werbung, siehe Netiquette Punkt 3.",
    "Beleidigend gegenüber anderen Teilnehmenden.",
    "Enthält personenbezogene Daten Dritter.",
    "",
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def create_process(slug, title, moderation):
    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    process = ProcessPage.objects.child_of(index).filter(slug=slug).first()
    if process is not None:
        return process
    today = timezone.localdate()
    process = ProcessPage(
        title=title,
        slug=slug,
        question="Wie gehen wir miteinander um?",
        intro="Ein Prozess mit vielen gemeldeten Beiträgen für den Benchmark der Moderation.",
        moderation=moderation,
        support_budget=0,
        qualified_threshold=10,
        phases=[
            ProcessPhase(
                title="Diskutieren",
                start=today - datetime.timedelta(days=120),
                end=today + datetime.timedelta(days=365),
                allows_support=True,
                allows_comment=True,
            )
        ],
    )
    index.add_child(instance=process)
    process.save_revision().publish()
    return process


class Filler:
    """Creates the residents, contributions, reports and log entries with bulk inserts, keeping
    what the services would have kept."""

    def __init__(self, process, pre_process, moderator):
        self.process = process
        self.pre_process = pre_process
        self.moderator = moderator
        self.rng = random.Random(500)  # noqa: S311 - repeatable data
        self.now = timezone.now()
        self.threshold = rules.report_threshold()
        self.reports = []
        self.log = []
        self.hidden = set()  # (model, pk)
        self.reporters = {}  # (model, pk) -> reporter ids, for one report per person
        self.last_report = {}  # (model, pk) -> when it was last reported

    def moment(self, after, within=None):
        """A random time after ``after``, at most ``within`` later, before now."""
        end = self.now - datetime.timedelta(minutes=1)
        if within is not None:
            end = min(end, after + within)
        if end <= after:
            return after + datetime.timedelta(seconds=1)
        return after + (end - after) * self.rng.random()

    def reason(self):
        return self.rng.choices(list(REASON_WEIGHTS), weights=list(REASON_WEIGHTS.values()))[0]

    def run(self):
        self.create_residents()
        self.create_proposals()
        self.create_comments()
        self.moderate()
        Report.objects.bulk_create(self.reports, batch_size=1_000)
        ModerationLogEntry.objects.bulk_create(self.log, batch_size=1_000)
        for model in (Proposal, Comment):
            pks = [pk for kind, pk in self.hidden if kind is model]
            model.objects.filter(pk__in=pks).update(moderation=Moderation.HIDDEN)
        self.update_counters()

    def create_residents(self):
        User = get_user_model()
        password = make_password(settings.DEMO_PASSWORD)
        User.objects.bulk_create(
            User(
                email=RESIDENT_EMAIL.format(n),
                display_name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} aus "
                f"{MUNICIPALITIES[n % len(MUNICIPALITIES)]}",
                password=password,
            )
            for n in range(RESIDENT_COUNT)
        )
        self.residents = list(
            User.objects.filter(email__startswith="moderation-bench-").order_by("pk")
        )
        Group.objects.get(name=RESIDENTS).user_set.add(*self.residents)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in self.residents
        )

    def create_proposals(self):
        fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
        rng = self.rng

        def proposal(process, n, moderation):
            topic = TOPICS[n % len(TOPICS)]
            return Proposal(
                process_id=process.pk,
                author=rng.choice(self.residents),
                title=f"{topic} ({n})",
                summary=f"Wir schlagen vor: {topic}. So kommen die Menschen in der Region "
                "leichter zusammen und die Wege werden kürzer.",
                text="Ein Absatz mit der Idee und wie sie umgesetzt werden kann.\n\n" * 4,
                field_of_action=fields[n % len(fields)],
                municipality=MUNICIPALITIES[n % len(MUNICIPALITIES)],
                moderation=moderation,
            )

        Proposal.objects.bulk_create(
            [proposal(self.process, n, Moderation.PUBLISHED) for n in range(PROPOSALS)]
            + [
                proposal(
                    self.pre_process,
                    n,
                    Moderation.PUBLISHED if n < PRE_APPROVED else Moderation.PENDING,
                )
                for n in range(PRE_APPROVED + PRE_PENDING)
            ],
            batch_size=1_000,
        )
        self.proposals = list(Proposal.objects.filter(process_id=self.process.pk).order_by("pk"))
        self.pre_proposals = list(
            Proposal.objects.filter(process_id=self.pre_process.pk).order_by("pk")
        )
        # auto_now_add stamped them all with now: spread them over the last 90 and 20 days.
        for n, item in enumerate(self.proposals):
            item.created_at = self.now - datetime.timedelta(days=90) * (1 - n / PROPOSALS)
        for n, item in enumerate(self.pre_proposals):
            item.created_at = self.now - datetime.timedelta(days=20) * (
                1 - n / len(self.pre_proposals)
            )
        for item in self.proposals + self.pre_proposals:
            item.updated_at = item.created_at
        Proposal.objects.bulk_update(
            self.proposals + self.pre_proposals, ["created_at", "updated_at"], batch_size=500
        )
        # The approval of the pre-moderated process's first proposals, by the moderator.
        for item in self.pre_proposals[:PRE_APPROVED]:
            at = self.moment(item.created_at, self.day(1))
            self.log_entry(item, Action.APPROVE, at, previous=Moderation.PENDING)

    @staticmethod
    def day(days):
        return datetime.timedelta(days=days)

    def comment(self, target, created, parent=None, moderation=Moderation.PUBLISHED):
        return Comment(
            target_type=self.proposal_type,
            target_id=target.pk,
            process_id=target.process_id,
            parent=parent,
            author=self.rng.choice(self.residents),
            text=self.rng.choice(COMMENT_TEXTS),
            moderation=moderation,
            created_at=created,
        )

    def create_comments(self):
        """Top-level comments, most on a few much-discussed proposals, then replies; the
        pre-moderated process's comments all wait for a moderator."""
        rng = self.rng
        self.proposal_type = ContentType.objects.get_for_model(Proposal)
        self.new_comments = []
        for _ in range(TOP_LEVEL_COMMENTS):
            target = self.proposals[int(len(self.proposals) * rng.random() ** 2)]
            self.new_comments.append(self.comment(target, self.moment(target.created_at)))
        for _ in range(PRE_PENDING_COMMENTS):
            target = rng.choice(self.pre_proposals[:PRE_APPROVED])
            self.new_comments.append(
                # after the proposal was approved
                self.comment(
                    target,
                    self.moment(target.created_at + self.day(1)),
                    moderation=Moderation.PENDING,
                )
            )
        Comment.objects.bulk_create(self.new_comments, batch_size=1_000)
        parents = list(
            Comment.objects.filter(process_id=self.process.pk, parent=None).order_by("pk")
        )
        by_pk = {item.pk: item for item in self.proposals}
        self.new_comments = []
        for _ in range(REPLIES):
            parent = parents[int(len(parents) * rng.random() ** 2)]
            target = by_pk[parent.target_id]
            self.new_comments.append(
                self.comment(target, self.moment(parent.created_at), parent=parent)
            )
        Comment.objects.bulk_create(self.new_comments, batch_size=1_000)
        self.comments = list(Comment.objects.filter(process_id=self.process.pk).order_by("pk"))
        # Nobody comments on a hidden proposal or replies to a hidden comment: hiding comes
        # after the last comment or reply.
        self.last_answer = {}
        for item in self.comments:
            for key in ((Proposal, item.target_id), (Comment, item.parent_id)):
                if key[1] is not None:
                    self.last_answer[key] = max(
                        item.created_at, self.last_answer.get(key, item.created_at)
                    )

    def answered(self, item):
        """When ``item`` got its last comment or reply (its creation time if none)."""
        return self.last_answer.get((type(item), item.pk), item.created_at)

    def log_entry(
        self, item, action, at, *, moderator=True, reason="", note="", previous=Moderation.PUBLISHED
    ):
        self.log.append(
            ModerationLogEntry(
                action=action,
                previous_moderation=previous,
                moderator=self.moderator if moderator else None,
                target_type=ContentType.objects.get_for_model(item),
                target_id=item.pk,
                target_label=label_of(item),
                author_id=item.author_id,
                reason=reason,
                note=note,
                created_at=at,
            )
        )

    def report(self, item, at, reason, reviewed_at=None):
        """One more person's report about ``item`` (never its author, once per person)."""
        used = self.reporters.setdefault((type(item), item.pk), {item.author_id})
        reporter = self.rng.choice([user for user in self.residents if user.pk not in used])
        used.add(reporter.pk)
        if self.rng.random() > 0.7:
            reason = self.reason()  # most name what the contribution is about, some another
        note = self.rng.choice(REPORT_NOTES) if self.rng.random() < 0.35 else ""
        report = Report(
            target_type=ContentType.objects.get_for_model(item),
            target_id=item.pk,
            reporter=reporter,
            reason=reason,
            note=note,
            created_at=at,
            reviewed_at=reviewed_at,
        )
        self.reports.append(report)
        self.last_report[type(item), item.pk] = at
        return report

    def moderate(self):
        rng = self.rng
        proposals = rng.sample(self.proposals, len(self.proposals))
        comments = rng.sample(self.comments, len(self.comments))
        for items, kind in ((proposals, 0), (comments, 1)):
            reported = items[: REPORTED[kind]]
            reviewed = items[REPORTED[kind] - REPORTED_AGAIN :][: REVIEWED[kind]]
            hidden = items[REPORTED[kind] - REPORTED_AGAIN + REVIEWED[kind] :][
                : HIDDEN_BY_MODERATOR[kind]
            ]
            settled = {}  # item -> when a moderator settled its earlier reports
            for item in reviewed:
                settled[item.pk] = self.review(item)
            for n, item in enumerate(hidden):
                self.hide(item, with_reports=n % 4 != 0)
            for item in reported:
                self.open_reports(
                    item, max(settled.get(item.pk, item.created_at), self.answered(item))
                )
        # A few reported comments (published, top-level) were deleted by their authors later.
        deleted = [
            item
            for item in comments[: REPORTED[1]]
            if not item.parent_id and (Comment, item.pk) not in self.hidden
        ][:DELETED_AFTER_REPORT]
        for item in deleted:
            item.text = ""
            item.deleted_at = self.moment(self.last_report[Comment, item.pk])
        Comment.objects.bulk_update(deleted, ["text", "deleted_at"], batch_size=500)

    def review(self, item):
        """1–2 reports a moderator reviewed, keeping the contribution published."""
        reason = self.reason()
        start = self.moment(item.created_at, self.day(20))
        reviewed_at = self.moment(start, self.day(3))
        for _ in range(self.rng.randint(1, max(1, min(2, self.threshold - 1)))):
            at = self.moment(item.created_at, start - item.created_at)
            self.report(item, at, reason, reviewed_at=reviewed_at)
        self.log_entry(item, Action.REVIEW, reviewed_at)
        return reviewed_at

    def hide(self, item, with_reports):
        """A moderator hid ``item`` with a reason, after reports below the threshold or on
        their own; the reports are settled."""
        reason = self.reason()
        hidden_at = self.moment(self.answered(item), self.day(10))
        if with_reports:
            reasons = []
            for _ in range(self.rng.randint(1, max(1, self.threshold - 1))):
                at = self.moment(item.created_at, hidden_at - item.created_at)
                reasons.append(self.report(item, at, reason, reviewed_at=hidden_at).reason)
            reason = Counter(reasons).most_common(1)[0][0]
        self.log_entry(
            item, Action.HIDE, hidden_at, reason=reason, note=self.rng.choice(MODERATOR_NOTES)
        )
        self.hidden.add((type(item), item.pk))

    def open_reports(self, item, since):
        """1–5 open reports, one after the other; at the threshold the platform hides the item
        (with the commonest reason) and nobody can report it any more."""
        reason = self.reason()
        planned = self.rng.choice(PLANNED_REPORTS)
        at = since
        reasons = Counter()
        for _ in range(planned):
            at = self.moment(at, self.day(2))
            reasons[self.report(item, at, reason).reason] += 1
            if sum(reasons.values()) >= self.threshold:
                commonest = sorted(reasons.items(), key=lambda pair: (-pair[1], pair[0]))[0][0]
                self.log_entry(item, Action.AUTO_HIDE, at, moderator=False, reason=commonest)
                self.hidden.add((type(item), item.pk))
                break

    def update_counters(self):
        """The numbers pages show: published comments that were not deleted."""
        process_ids = [self.process.pk, self.pre_process.pk]
        counted = Comment.objects.filter(moderation=Moderation.PUBLISHED, deleted_at=None)
        comments_of = (
            counted.filter(target_type=self.proposal_type, target_id=OuterRef("pk"))
            .order_by()
            .values("target_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        Proposal.objects.filter(process_id__in=process_ids).update(
            comment_count=Coalesce(Subquery(comments_of), 0)
        )
        replies_of = (
            counted.filter(parent=OuterRef("pk"))
            .order_by()
            .values("parent")
            .annotate(count=Count("pk"))
            .values("count")
        )
        Comment.objects.filter(process_id__in=process_ids, parent=None).update(
            reply_count=Coalesce(Subquery(replies_of), 0)
        )


def measure(client, url, renders):
    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    # Read now: the log is reset when the next request starts.
    queries = list(context.captured_queries)
    assert b'name="items"' in response.content, f"{url}: the queue is empty"
    timings = []
    for _ in range(renders):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=100)
    parser.add_argument(
        "--explain", action="store_true", help="print the queries, slowest first (and plans)"
    )
    parser.add_argument("--explain-top", type=int, default=3, help="how many plans per tab")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    User = get_user_model()
    moderator = User.objects.get(email=MODERATOR)
    assert moderator.groups.filter(name=MODERATORS).exists(), f"{MODERATOR} is no moderator"
    with transaction.atomic():
        process = create_process(SLUG, "Benchmark: Moderation", ProcessPage.Moderation.POST)
        pre_process = create_process(
            PRE_SLUG, "Benchmark: Moderation (Vorabprüfung)", ProcessPage.Moderation.PRE
        )
        if not Proposal.objects.filter(process_id=process.pk).exists():
            started = time.perf_counter()
            Filler(process, pre_process, moderator).run()
            print(f"created the benchmark data in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    reported = list(queue_rows(Tab.REPORTED))
    kinds = Counter(ContentType.objects.get_for_id(row[0]).model for row in reported)
    with_reason = len(list(queue_rows(Tab.REPORTED, reason=FILTER_REASON)))
    pending = len(list(queue_rows(Tab.PENDING)))
    hidden = len(list(queue_rows(Tab.HIDDEN)))
    per_item = Counter(
        Report.objects.open()
        .values("target_type", "target_id")
        .annotate(count=Count("pk"))
        .values_list("count", flat=True)
    )
    print(
        f"database: {connection.vendor}; the queue holds {len(reported)} reported items "
        f"({kinds['proposal']} proposals, {kinds['comment']} comments; "
        f"{Report.objects.open().count()} open reports, items with 1/2/3/4/5 open reports: "
        f"{'/'.join(str(per_item[n]) for n in range(1, 6))}), "
        f"{with_reason} of them reported as “{FILTER_REASON.label}”, "
        f"{pending} awaiting moderation, {hidden} hidden"
    )
    client = Client()
    if not client.login(username=MODERATOR, password=settings.DEMO_PASSWORD):
        client.force_login(moderator)  # the account existed before with another password
    pages = [
        ("reported", "reported tab, first page", "/admin/moderation/?tab=reported"),
        (
            "reported",
            f"reported tab, reason={FILTER_REASON.value}",
            f"/admin/moderation/?tab=reported&reason={FILTER_REASON.value}",
        ),
        ("pending", "pending tab", "/admin/moderation/?tab=pending"),
        ("hidden", "hidden tab", "/admin/moderation/?tab=hidden"),
    ]
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"signed in as {MODERATOR} ({MODERATORS}); {args.renders} renders per tab after "
        f"{WARM_UP} warm-up renders; load average {load} on {os.cpu_count()} CPUs"
    )
    print(f"{'page':<34}{'median ms':>10}{'p95 ms':>9}{'queries':>9}  target")
    for kind, label, url in pages:
        median, p95, queries = measure(client, url, args.renders)
        target = f"< {TARGET_MS} ms" if kind == "reported" else ""
        flag = "  OVER" if kind == "reported" and median >= TARGET_MS else ""
        print(f"{label:<34}{median:>10.1f}{p95:>9.1f}{len(queries):>9}  {target}{flag}")
        if args.explain:
            print(f"    {url}")
            explain(queries, args.explain_top)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average afterwards: {load}")


if __name__ == "__main__":
    main()
