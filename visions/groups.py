"""The action groups that work on a vision, as its page shows them ("Diese Aktionsgruppen
arbeiten daran"): each readable group with its size, its undertakings tied to the vision and
its latest readable update, in three queries however many groups and updates there are."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import ngettext

from participation.models import ActionGroup, GroupUpdate, Undertaking


class WorkingGroup:
    """One group in the vision page's section, with everything the template shows as ready
    text: a page may list dozens of groups, and every tag in the loop costs."""

    def __init__(self, group, url, undertakings, latest_update):
        self.name = group.name
        self.url = url
        self.member_count = group.member_count
        self.members_label = ngettext(
            "%(count)s member", "%(count)s members", group.member_count
        ) % {"count": group.member_count}
        self.undertakings = [
            {
                "title": undertaking.title,
                "status": undertaking.status,
                "status_label": undertaking.get_status_display(),
            }
            for undertaking in undertakings
        ]
        self.latest_update = latest_update
        if latest_update is not None:
            moment = localtime(latest_update.created_at).replace(microsecond=0)
            self.update_date = date_format(moment, "DATE_FORMAT")
            self.update_datetime = moment.isoformat()


def working_groups(vision):
    """The readable groups that work on ``vision`` (any of its language versions), largest
    first."""
    on_vision = (
        Undertaking.objects.filter(vision__translation_key=vision.translation_key)
        .order_by("created_at", "pk")
        .only("pk", "group_id", "title", "status")
    )
    latest = (
        GroupUpdate.objects.readable()
        .filter(group=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    groups = list(
        ActionGroup.objects.readable()
        .with_vision(vision)
        .annotate(latest_update_id=Subquery(latest))
        .prefetch_related(Prefetch("undertakings", queryset=on_vision, to_attr="on_vision"))
        .order_by("-member_count", "name", "pk")
        .only("pk", "name", "member_count")
    )
    update_ids = [group.latest_update_id for group in groups if group.latest_update_id]
    updates = (
        GroupUpdate.objects.only("pk", "title", "created_at").in_bulk(update_ids)
        if update_ids
        else {}
    )
    # One address resolved, the others made from it: a page may list dozens of groups.
    pattern = reverse("participation:group", kwargs={"pk": 987654321})
    return [
        WorkingGroup(
            group,
            pattern.replace("987654321", str(group.pk)),
            group.on_vision,
            updates.get(group.latest_update_id),
        )
        for group in groups
    ]


def start_group_url(vision):
    """Where a resident starts a group for ``vision`` (the start form preselects it)."""
    return reverse("participation:group_start") + "?" + urlencode({"vision": vision.pk})
