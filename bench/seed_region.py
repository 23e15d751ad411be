"""Region-scale data for the HTTP benchmark (bench/http.py): 5,000 residents, 20,000 proposals in
four processes, 200,000 supports, 100,000 comments (2,000 of them on one proposal), 1,000 stories
and 500 events, on top of the demo content.

Usage (normally through `make bench-http`, which creates the database and loads the demo first):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/landvorteil_bench \\
    .venv/bin/python bench/seed_region.py [--scale 0.05]

BENCH_SCALE (or --scale) multiplies every figure, for a quick run on a small machine. Idempotent:
the four processes "Region …" mark the data; when they exist with the expected number of
proposals nothing is created (a database seeded at another scale is refused: drop it first).
Rows are inserted in bulk, bypassing the services, so the counters the services keep
(supports, comments, replies, helpful marks, "qualified") are set afterwards from the rows, as
the services would have left them; pages are created one by one through treebeard (published,
without revisions), and the search index is rebuilt once at the end.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

if __name__ == "__main__":
    django.setup()

RESIDENTS = 5_000
PROPOSALS = 20_000
SUPPORTS = 200_000
COMMENTS = 100_000
DISCUSSED_COMMENTS = 2_000
STORIES = 1_000
EVENTS = 500
RESIDENT_EMAIL = "region-{}@example.org"
# (slug, title, share of the proposals)
PROCESSES = [
    ("region-zukunft", "Region: Zukunft 2040", 40),
    ("region-mobilitaet", "Region: Mobilität auf dem Land", 25),
    ("region-gruenden", "Region: Gründen und Arbeiten", 20),
    ("region-verwaltung", "Region: Verwaltung vor Ort", 15),
]
QUALIFIED_THRESHOLD = 25

PLACES = ["Gadebusch", "Rehna", "Wittenburg", "Zarrentin", "Hagenow", "Lübtheen", "Boizenburg"]
NOUNS = [
    "Dorfladen",
    "Bürgerbus",
    "Radweg",
    "Coworking-Space",
    "Ärztehaus",
    "Mitfahrbank",
    "Dorfbüro",
    "Jugendtreff",
    "Bibliothek",
    "Spielplatz",
]
SENTENCES = [
    "Wir brauchen in {place} einen {noun}, der auch am Wochenende offen ist.",
    "Der {noun} in {place} könnte mit wenig Geld viel bewirken.",
    "Viele Menschen in {place} fahren jeden Tag weit, weil es keinen {noun} gibt.",
    "Ein {noun} wäre ein Treffpunkt für alle Generationen in {place}.",
    "Die Gemeinde {place} sucht Menschen, die beim {noun} mitmachen.",
    "Mit einem {noun} bleibt die junge Familie in {place} und zieht nicht weg.",
]


class Progress:
    """A progress bar on stderr (tqdm is not a dependency)."""

    def __init__(self, label, total):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = time.perf_counter()
        self.show()

    def add(self, count):
        self.done += count
        now = time.perf_counter()
        if self.done >= self.total or now - self.shown > 0.5:
            self.show()

    def show(self):
        self.shown = time.perf_counter()
        share = min(self.done / self.total, 1)
        bar = "#" * int(share * 30)
        elapsed = self.shown - self.started
        sys.stderr.write(
            f"\r  {self.label:<22} [{bar:<30}] {self.done:>8,}/{self.total:,} {elapsed:6.1f} s"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def scaled(count, scale):
    return max(1, int(round(count * scale)))


def sentence(rng):
    return rng.choice(SENTENCES).format(place=rng.choice(PLACES), noun=rng.choice(NOUNS))


def paragraph(rng, count):
    return " ".join(sentence(rng) for _ in range(count))


def batched(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def marker_processes():
    from visions.models import ProcessIndexPage, ProcessPage

    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    slugs = [slug for slug, *_rest in PROCESSES]
    found = ProcessPage.objects.child_of(index).filter(slug__in=slugs)
    # In PROCESSES' order: the first, with the most proposals, is the one the benchmark shows.
    return sorted(found, key=lambda process: slugs.index(process.slug))


def create_residents(count):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress

    from cms.roles import RESIDENTS as RESIDENTS_GROUP

    User = get_user_model()
    password = make_password(settings.DEMO_PASSWORD)
    progress = Progress("residents", count)
    residents = Group.objects.get(name=RESIDENTS_GROUP)
    Membership = User.groups.through
    for batch in batched(range(count), 1_000):
        users = User.objects.bulk_create(
            User(
                email=RESIDENT_EMAIL.format(n),
                display_name=f"Bewohnerin {n}",
                password=password,
            )
            for n in batch
        )
        Membership.objects.bulk_create(
            Membership(user_id=user.pk, group_id=residents.pk) for user in users
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True)
            for user in users
        )
        progress.add(len(batch))
    return list(
        User.objects.filter(email__startswith="region-", email__endswith="@example.org")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def create_processes():
    from django.utils import timezone

    from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase

    index = ProcessIndexPage.objects.filter(locale__language_code="de").first()
    today = timezone.localdate()
    processes = []
    for slug, title, _share in PROCESSES:
        process = ProcessPage(
            title=title,
            slug=slug,
            question="Was braucht die Region, damit Menschen hier gut leben und arbeiten?",
            intro="Ein Prozess in der Größe einer Region, für den HTTP-Benchmark.",
            support_budget=0,
            qualified_threshold=QUALIFIED_THRESHOLD,
            phases=[
                ProcessPhase(
                    title="Vorschläge sammeln und unterstützen",
                    start=today - datetime.timedelta(days=365),
                    end=today + datetime.timedelta(days=365),
                    allows_support=True,
                    allows_comment=True,
                )
            ],
        )
        index.add_child(instance=process)
        process.save_revision().publish()
        processes.append(process)
    return processes


def create_proposals(processes, residents, count, rng):
    from django.db import connection
    from django.utils import timezone

    from cms.taxonomy import FieldOfAction
    from participation.models import Proposal
    from participation.municipalities import MUNICIPALITIES

    fields = list(
        FieldOfAction.objects.filter(locale__language_code="de").values_list("pk", flat=True)
    )
    weights = [share for *_rest, share in PROCESSES]
    progress = Progress("proposals", count)
    before = Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for batch in batched(range(count), 2_000):
        Proposal.objects.bulk_create(
            Proposal(
                process_id=rng.choices(processes, weights=weights)[0].pk,
                author_id=rng.choice(residents),
                title=f"{rng.choice(NOUNS)} für {rng.choice(PLACES)} ({n + 1})"[:120],
                summary=paragraph(rng, 2)[:500],
                text="\n\n".join(paragraph(rng, 4) for _ in range(rng.randint(1, 4))),
                field_of_action_id=rng.choice(fields),
                municipality=rng.choice(MUNICIPALITIES),
                latitude=round(rng.uniform(53.3, 54.0), 5) if n % 3 == 0 else None,
                longitude=round(rng.uniform(10.3, 11.6), 5) if n % 3 == 0 else None,
            )
            for n in batch
        )
        progress.add(len(batch))
    # auto_now_add stamped them all with now: one every half hour, the newest now.
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE participation_proposal p SET created_at = t.at, updated_at = t.at
            FROM (SELECT id, %s - (max(id) OVER () - id) * interval '30 minutes' AS at
                  FROM participation_proposal WHERE id > %s) t
            WHERE p.id = t.id
            """,
            [now, before],
        )
    return list(
        Proposal.objects.filter(process__in=processes)
        .order_by("pk")
        .values_list("pk", "process_id")
    )


def copy_rows(table, columns, rows, progress):
    """COPY ``rows`` into ``table``: supports and comments by the hundred thousand."""
    from django.db import connection

    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for n, row in enumerate(rows, 1):
                copy.write_row(row)
                if n % 10_000 == 0:
                    progress.add(10_000)
        if progress.done < progress.total:
            progress.add(progress.total - progress.done)


def create_supports(proposals, residents, count, rng):
    """``count`` supports, at most one per person and proposal; some proposals are popular
    (a Pareto-like share), most get a few."""
    from django.utils import timezone

    now = timezone.now()
    per_person = max(1, count // len(residents))
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(proposals))]
    order = proposals[:]
    rng.shuffle(order)
    total = per_person * len(residents)

    def rows():
        for user_id in residents:
            chosen = set()
            while len(chosen) < min(per_person, len(order)):
                chosen.update(
                    index for index in rng.choices(range(len(order)), weights, k=per_person)
                )
            for index in list(chosen)[:per_person]:
                proposal_id, process_id = order[index]
                yield (proposal_id, user_id, process_id, now)

    copy_rows(
        "participation_support",
        ["proposal_id", "user_id", "process_id", "created_at"],
        rows(),
        Progress("supports", total),
    )


def create_comments(proposals, residents, count, discussed, rng):
    """``count`` comments: DISCUSSED_COMMENTS on ``discussed``, the rest over the proposals;
    70 % top-level, the others replies to one of them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from participation.models import Comment, Proposal

    content_type = ContentType.objects.get_for_model(Proposal).pk
    process_of = dict(proposals)
    others = [pk for pk, _process in proposals if pk != discussed]
    start = timezone.now() - datetime.timedelta(days=300)
    on_discussed = min(DISCUSSED_COMMENTS, count)
    targets = [discussed] * on_discussed + [rng.choice(others) for _ in range(count - on_discussed)]
    top_level = [target for n, target in enumerate(targets) if n % 10 < 7]
    replies = [target for n, target in enumerate(targets) if n % 10 >= 7]
    columns = [
        "target_type_id",
        "target_id",
        "process_id",
        "parent_id",
        "author_id",
        "text",
        "moderation",
        "is_official",
        "helpful_count",
        "reply_count",
        "created_at",
    ]
    before = Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def rows(targets, parents):
        for n, target in enumerate(targets):
            parent = rng.choice(parents[target]) if parents is not None else None
            yield (
                content_type,
                target,
                process_of[target],
                parent,
                rng.choice(residents),
                paragraph(rng, rng.randint(1, 3))[:2000],
                "published",
                False,
                0,
                0,
                start + datetime.timedelta(seconds=n * 200),
            )

    copy_rows(
        "participation_comment",
        columns,
        rows(top_level, None),
        Progress("comments", len(top_level)),
    )
    parents = {}
    for pk, target in Comment.objects.filter(pk__gt=before).values_list("pk", "target_id"):
        parents.setdefault(target, []).append(pk)
    # A reply answers a comment on the same proposal: one without any gets its reply elsewhere.
    answerable = list(parents)
    replies = [target if target in parents else rng.choice(answerable) for target in replies]
    copy_rows(
        "participation_comment", columns, rows(replies, parents), Progress("replies", len(replies))
    )
    with connection.cursor() as cursor:
        # Replies come after what they answer.
        cursor.execute(
            """
            UPDATE participation_comment c SET created_at = p.created_at + interval '1 hour'
            FROM participation_comment p WHERE c.parent_id = p.id AND c.id > %s
            """,
            [before],
        )


def create_helpful_marks(discussed, residents, rng):
    from participation.models import Comment, HelpfulMark

    top_level = list(
        Comment.objects.filter(target_id=discussed, parent=None).values_list("pk", flat=True)
    )
    marks = {(rng.choice(top_level), user_id) for user_id in residents[:400] for _ in range(10)}
    HelpfulMark.objects.bulk_create(
        (HelpfulMark(comment_id=comment, user_id=user) for comment, user in marks),
        batch_size=5_000,
    )


def set_counters(processes):
    """The counters the services keep, from the rows."""
    from django.db import connection
    from django.utils import timezone

    ids = [process.pk for process in processes]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE participation_proposal p SET support_count = coalesce(s.n, 0)
            FROM participation_proposal q
            LEFT JOIN (SELECT proposal_id, count(*) AS n FROM participation_support
                       GROUP BY proposal_id) s ON s.proposal_id = q.id
            WHERE p.id = q.id AND p.process_id = ANY(%s)
            """,
            [ids],
        )
        cursor.execute(
            """
            UPDATE participation_proposal SET qualified_at = %s
            WHERE process_id = ANY(%s) AND support_count >= %s AND qualified_at IS NULL
            """,
            [timezone.now(), ids, QUALIFIED_THRESHOLD],
        )
        cursor.execute(
            """
            UPDATE participation_proposal p SET comment_count = coalesce(c.n, 0)
            FROM participation_proposal q
            LEFT JOIN (SELECT target_id, count(*) AS n FROM participation_comment
                       WHERE target_type_id = (SELECT id FROM django_content_type
                                               WHERE app_label = 'participation'
                                                 AND model = 'proposal')
                         AND moderation = 'published' AND deleted_at IS NULL
                       GROUP BY target_id) c ON c.target_id = q.id
            WHERE p.id = q.id AND p.process_id = ANY(%s)
            """,
            [ids],
        )
        cursor.execute(
            """
            UPDATE participation_comment c SET
              reply_count = coalesce(r.n, 0), helpful_count = coalesce(h.n, 0)
            FROM participation_comment d
            LEFT JOIN (SELECT parent_id, count(*) AS n FROM participation_comment
                       WHERE parent_id IS NOT NULL AND moderation = 'published'
                         AND deleted_at IS NULL GROUP BY parent_id) r ON r.parent_id = d.id
            LEFT JOIN (SELECT comment_id, count(*) AS n FROM participation_helpfulmark
                       GROUP BY comment_id) h ON h.comment_id = d.id
            WHERE c.id = d.id AND c.process_id = ANY(%s) AND c.parent_id IS NULL
            """,
            [ids],
        )


def create_pages(stories, events, rng):
    """Stories (older than the demo's, so that the first page of the story index stays the
    demo's) and events (after the demo's), one by one through treebeard."""
    from django.utils import timezone

    from cms.taxonomy import FieldOfAction
    from home.models import EventIndexPage, EventPage, StoryIndexPage, StoryPage

    story_index = StoryIndexPage.objects.filter(locale__language_code="de").first()
    event_index = EventIndexPage.objects.filter(locale__language_code="de").first()
    fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
    today = timezone.localdate()
    now = timezone.now()

    def body():
        blocks = []
        for _ in range(rng.randint(2, 4)):
            blocks.append({"type": "heading", "value": {"text": sentence(rng)[:80], "level": "h2"}})
            blocks.append({"type": "paragraph", "value": f"<p>{paragraph(rng, 5)}</p>"})
        return blocks

    progress = Progress("stories", stories)
    for n in range(stories):
        date = today - datetime.timedelta(days=200 + n)
        story = StoryPage(
            title=f"{rng.choice(NOUNS)} in {rng.choice(PLACES)}: ein Beispiel ({n + 1})",
            slug=f"region-geschichte-{n + 1}",
            date=date,
            intro=paragraph(rng, 2)[:600],
            body=body(),
            first_published_at=now - datetime.timedelta(days=200 + n),
            last_published_at=now - datetime.timedelta(days=200 + n),
        )
        story.fields_of_action.set([rng.choice(fields)] if fields else [])
        story_index.add_child(instance=story)
        progress.add(1)
    progress = Progress("events", events)
    for n in range(events):
        start = now + datetime.timedelta(days=120 + n, hours=rng.randint(0, 8))
        event = EventPage(
            title=f"Werkstatt: {rng.choice(NOUNS)} in {rng.choice(PLACES)} ({n + 1})",
            slug=f"region-werkstatt-{n + 1}",
            start=start,
            end=start + datetime.timedelta(hours=2),
            address=f"Gemeindehaus {rng.choice(PLACES)}",
            organiser="Regionalbüro",
            intro=paragraph(rng, 2)[:600],
            body=body(),
            first_published_at=now,
            last_published_at=now,
        )
        event_index.add_child(instance=event)
        progress.add(1)


def index_is_current(processes):
    from django.contrib.contenttypes.models import ContentType

    from participation.models import Proposal
    from search.models import SearchDocument

    indexed = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Proposal), page__in=processes
    ).count()
    return indexed >= Proposal.objects.filter(process__in=processes).count()


def seed(scale=1.0):
    """Seeds the database when the benchmark's processes are missing; returns them."""
    from django.db import connection, transaction

    from participation.models import Proposal
    from search import documents

    expected = scaled(PROPOSALS, scale)
    processes = marker_processes()
    if processes:
        found = Proposal.objects.filter(process__in=processes).count()
        if found != expected:
            sys.exit(
                f"The database holds the region at another scale ({found:,} proposals, "
                f"{expected:,} expected at scale {scale}): drop it, or choose another database."
            )
        print(f"the region's data is there ({found:,} proposals); nothing to seed")
    else:
        print(f"seeding the region at scale {scale} …", flush=True)
        started = time.perf_counter()
        rng = random.Random(2024)
        with transaction.atomic():
            residents = create_residents(scaled(RESIDENTS, scale))
            processes = create_processes()
            proposals = create_proposals(processes, residents, expected, rng)
            create_supports(proposals, residents, scaled(SUPPORTS, scale), rng)
            # The proposal with the 2,000 comments: one of the first process's.
            discussed = next(pk for pk, process in proposals if process == processes[0].pk)
            create_comments(proposals, residents, scaled(COMMENTS, scale), discussed, rng)
            create_helpful_marks(discussed, residents, rng)
            set_counters(processes)
            create_pages(scaled(STORIES, scale), scaled(EVENTS, scale), rng)
        print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    if not index_is_current(processes):
        print("rebuilding the search index …", flush=True)
        started = time.perf_counter()
        total = documents.rebuild()
        print(f"indexed {total:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return processes


def discussed_proposal(processes):
    """The proposal with the most comments (the one with 2,000 at full scale)."""
    from participation.models import Proposal

    return Proposal.objects.filter(process__in=processes).order_by("-comment_count", "pk").first()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    args = parser.parse_args()
    seed(args.scale)


if __name__ == "__main__":
    main()
