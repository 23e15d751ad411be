"""Starting and editing action groups.

Lock order as in the other services: the person's user row first, then the group's row.
"""

from django.conf import settings
from django.db import transaction

from .. import rules
from ..models import ActionGroup, Membership
from ..notifications import events
from .announcements import announce_new_in_field
from .proposals import _lock_person

GROUP_FIELDS = (
    "name",
    "purpose",
    "municipality",
    "latitude",
    "longitude",
    "image_alt",
    "joining",
    "seeks_members",
    "vision",
    "proposal",
    "process",
)


def groups_pre_moderated():
    """Whether new groups, and changes to published ones, wait for a moderator (the default)."""
    return getattr(settings, "PARTICIPATION_GROUPS_PRE_MODERATED", True)


def _apply(group, data):
    for name in GROUP_FIELDS:
        if name in data:
            setattr(group, name, data[name])
    if data.get("remove_image") and group.image:
        group.image.delete(save=False)
        group.image = ""
        group.image_alt = ""
    image = data.get("image")
    if image:
        if group.image:
            group.image.delete(save=False)
        group.image.save(image.name, image, save=False)
    if not group.image:
        group.image_alt = ""


def _values(group):
    return tuple(
        getattr(group, f"{name}_id" if name in ("vision", "proposal", "process") else name)
        for name in GROUP_FIELDS
    )


def start_group(user, data):
    """Create ``user``'s action group from cleaned form ``data`` with ``user`` as its first lead
    (an active membership), in one transaction.

    ``data["fields_of_action"]`` are the chosen fields of action (at least one, the form makes
    sure); ``data["image"]`` an already re-encoded file
    (:func:`participation.images.clean_image`) or missing. Under pre-moderation the group waits
    for a moderator; only its leads see it until then.
    """
    with transaction.atomic():
        _lock_person(user)
        rules.check_start_group(user)
        group = ActionGroup(
            author=user,
            moderation=(
                ActionGroup.Moderation.PENDING
                if groups_pre_moderated()
                else ActionGroup.Moderation.PUBLISHED
            ),
        )
        _apply(group, {key: value for key, value in data.items() if key != "remove_image"})
        group.full_clean(exclude=["image", "author", "vision", "proposal", "process"])
        # The founder is the first member: the count starts at one with the membership below.
        group.member_count = 1
        group.save()
        group.fields_of_action.set(data["fields_of_action"])
        Membership.objects.create(
            group=group, user=user, role=Membership.Role.LEAD, state=Membership.State.ACTIVE
        )
        events.follow(user, group, automatic=True)
        if group.is_published:
            announce_new_in_field(group)
        return group


def edit_group(user, group, data):
    """Change ``group`` as its lead ``user`` asks. Under pre-moderation a published group that
    changes waits for a moderator again, so that an approved group cannot turn into anything
    afterwards.

    Nothing is saved when nothing changed; the returned group's ``changed`` says whether
    anything was.
    """
    with transaction.atomic():
        _lock_person(user)
        group = ActionGroup.objects.select_for_update().get(pk=group.pk)
        rules.check_edit_group(user, group)
        before = _values(group)
        image_before = group.image.name
        fields_before = set(group.fields_of_action.values_list("pk", flat=True))
        _apply(group, data)
        group.full_clean(exclude=["image", "author", "vision", "proposal", "process"])
        fields_after = (
            {field.pk for field in data["fields_of_action"]}
            if "fields_of_action" in data
            else fields_before
        )
        group.changed = (
            _values(group) != before
            or group.image.name != image_before
            or fields_after != fields_before
        )
        if group.changed:
            if groups_pre_moderated() and group.is_published:
                group.moderation = ActionGroup.Moderation.PENDING
            group.save()
            if fields_after != fields_before:
                group.fields_of_action.set(data["fields_of_action"])
        return group
