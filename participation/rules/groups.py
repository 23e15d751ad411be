"""Who may start an action group and who may edit one.

Any verified resident who is not blocked may start a group; its active leads edit it (not
while the moderation hides it). Moderators change other people's groups in the admin, never
through these actions. Joining, leading and leaving are :mod:`participation.rules.memberships`.
"""

from django.utils.translation import gettext_lazy as _

from .base import Refusal, check, person_obstacle
from .memberships import is_lead

START_GROUP_SIGN_IN = _("Please sign in to start or change an action group.")
NOT_GROUP_LEAD = _("Only the leads of this group can change it.")
GROUP_HIDDEN = _("This group was hidden by the moderation, so it cannot be changed.")

# Codes of the refusals (besides the person's: sign_in, blocked, unverified).
NOT_LEAD_CODE = "not_group_lead"
GROUP_HIDDEN_CODE = "group_hidden"


def start_group_obstacle(user):
    """Why ``user`` may not start an action group, or ``None``: only signed-in, verified,
    unblocked people may."""
    return person_obstacle(user, sign_in=START_GROUP_SIGN_IN)


def edit_group_obstacle(user, group):
    """Why ``user`` may not edit ``group`` (name, purpose, fields, place, image …), or
    ``None``: only its active leads may, and not while it is hidden."""
    obstacle = person_obstacle(user, sign_in=START_GROUP_SIGN_IN)
    if obstacle:
        return obstacle
    if not is_lead(user, group):
        return Refusal(NOT_LEAD_CODE, NOT_GROUP_LEAD)
    if group.is_hidden:
        return Refusal(GROUP_HIDDEN_CODE, GROUP_HIDDEN)
    return None


def check_start_group(user):
    check(start_group_obstacle(user))


def check_edit_group(user, group):
    check(edit_group_obstacle(user, group))
