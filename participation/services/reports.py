"""Reports of contributions (enough of them hide the contribution until a moderator decides),
and notices of illegal content from anybody."""

from django.db import transaction
from django.db.models import Count

from .. import notifications, rules
from ..models import (
    Moderation,
    Report,
)
from .moderation import Action, moderate
from .proposals import _lock_person

# --- Reports -------------------------------------------------------------------------------------


def report(user, target, reason, note=""):
    """``user`` reports ``target`` (a proposal or a comment) with a reason. When as many
    different people as the threshold have open reports about it, it is hidden until a
    moderator decides. Returns the report; ``report.hid`` says whether it hid the target."""
    model = type(target)
    with transaction.atomic():
        _lock_person(user)
        # Reports about one contribution are counted one after the other.
        target = model.objects.select_for_update().get(pk=target.pk)
        rules.check(rules.report_obstacle(user, target))
        report = Report(target=target, reporter=user, reason=reason, note=note)
        report.full_clean(exclude=["target_type", "reporter"])
        report.save()
        open_reports = Report.objects.of(target).open()
        reporters = open_reports.values("reporter").distinct().count()
        report.hid = (
            reporters >= rules.report_threshold() and target.moderation == Moderation.PUBLISHED
        )
        if report.hid:
            commonest = (
                open_reports.values("reason")
                .annotate(count=Count("pk"))
                .order_by("-count", "reason")
                .values_list("reason", flat=True)
                .first()
            )
            moderate(target, Action.AUTO_HIDE, None, reason=commonest)
        return report


# --- Notices of illegal content ------------------------------------------------------------------


def submit_notice(notice):
    """Keep ``notice`` (a validated, unsaved ``IllegalContentNotice``) for the moderators and
    confirm its receipt to the sender (EU Digital Services Act Art. 16). Returns the notice.
    The notice and its confirmation in the outbox are written together or not at all."""
    with transaction.atomic():
        notice.save()
        notifications.notice_received(notice)
    return notice
