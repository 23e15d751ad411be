"""A much-discussed proposal for the benchmarks (bench/proposals.py, bench/uncached_pages.py):
needs Django set up by the benchmark that imports it."""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from participation.models import Comment, HelpfulMark, Proposal

COMMENTS = 2_000


def discuss(proposal, users):
    """2,000 comments on ``proposal``: 1,400 top-level ones and 600 replies, with helpful marks,
    and the counters the services would have kept."""
    rng = random.Random(2000)  # noqa: S311 - repeatable data
    start = timezone.now() - datetime.timedelta(days=20)
    content_type = ContentType.objects.get_for_model(Proposal)
    top_level = COMMENTS * 7 // 10

    def comment(n, parent=None):
        return Comment(
            target_type=content_type,
            target_id=proposal.pk,
            process_id=proposal.process_id,
            parent=parent,
            author=users[n % len(users)],
            text=f"Kommentar {n}: Das sehe ich ähnlich, aber wir sollten auch an die Dörfer "
            "denken, die keinen Bus haben. https://example.org/idee",
            created_at=start + datetime.timedelta(minutes=13 * n),
        )

    parents = Comment.objects.bulk_create(comment(n) for n in range(top_level))
    Comment.objects.bulk_create(
        comment(n, parent=rng.choice(parents[:200])) for n in range(top_level, COMMENTS)
    )
    marks = {(rng.choice(parents).pk, user.pk) for user in users for _ in range(15)}
    HelpfulMark.objects.bulk_create(
        HelpfulMark(comment_id=comment_id, user_id=user_id) for comment_id, user_id in marks
    )
    marks_of = HelpfulMark.objects.filter(comment=OuterRef("pk")).order_by().values("comment")
    replies_of = Comment.objects.filter(parent=OuterRef("pk")).order_by().values("parent")
    Comment.objects.filter(parent=None, target_id=proposal.pk).update(
        helpful_count=Coalesce(Subquery(marks_of.annotate(c=Count("pk")).values("c")), 0),
        reply_count=Coalesce(Subquery(replies_of.annotate(c=Count("pk")).values("c")), 0),
    )
    Proposal.objects.filter(pk=proposal.pk).update(comment_count=COMMENTS)
