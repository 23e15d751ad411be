"""What the demo resident Hanna hears back (``demo.content.notifications``): her own answered
proposal, a comment on it, a reply to her comment, an update of her group, the running process
she follows and her choice of the daily summary.

The actions go through the services, as residents and editors do them, so the notifications
come the way they come on the live site: queued in the transaction, created by the worker
(``make run`` starts it), unread in "Mein Bereich".
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

from participation import services
from participation.models import (
    ActionGroup,
    Activity,
    Delivery,
    Notification,
    NotificationReason,
    Proposal,
)
from participation.notifications import delivery, events
from visions.models import ProcessPage

from ..content.groups import ACCOUNTS
from ..content.notifications import (
    ANSWER,
    COMMENT_ON_HER_PROPOSAL,
    GROUP_UPDATE,
    HER_COMMENT,
    PROPOSAL,
    REPLY_TO_HER,
)
from ..content.processes import RESIDENTS, RUNNING

# Hanna's choices: the daily summary for what she follows and for comments; what concerns her
# directly (answers, replies, her groups' members, her events) at once.
HANNA_DAILY = [
    NotificationReason.PHASE_STARTED,
    NotificationReason.NEW_COMMENT,
    NotificationReason.VISION_UPDATE,
    NotificationReason.GROUP_UPDATE,
    NotificationReason.GROUP_NEED,
    NotificationReason.NEW_IN_FIELD,
]


class Notifications:
    """Mixin of the ``load_demo_content`` command, run last (it needs the residents, the running
    process and the action groups). Creates nothing when Hanna's proposal exists."""

    def notifications(self):
        people = self.notification_people()
        hanna = people["bewohnerin"]
        process = ProcessPage.objects.filter(slug=RUNNING["slug"], locale__language_code="de")
        process = process.first()
        if process is None or Proposal.objects.filter(title=PROPOSAL["title"]).exists():
            return
        self.untold_history()
        # She follows the running process by choice, and reads summaries once a day.
        events.follow(hanna, process)
        delivery.set_preferences(hanna, dict.fromkeys(HANNA_DAILY, Delivery.DAILY))

        proposal = self.her_proposal(hanna, process)
        editor = get_user_model().objects.filter(email="chefredaktion@example.org").first()
        services.answer_proposal(proposal, Proposal.State.UNDER_REVIEW, ANSWER, by=editor)
        author, text = COMMENT_ON_HER_PROPOSAL
        services.create_comment(people[author], proposal, text, process=process)

        title, text = HER_COMMENT
        other = Proposal.objects.get(process_id=process.pk, title=title)
        comment = services.create_comment(hanna, other, text, process=process)
        author, text = REPLY_TO_HER
        services.create_comment(people[author], other, text, process=process, parent=comment)
        self.count(comment, True, "comments for Hanna's notifications")

        name, lead, title, text = GROUP_UPDATE
        group = ActionGroup.objects.get(name=name)
        update = services.post_update(people[lead], group, {"title": title, "text": text})
        self.count(update, True, "group updates for Hanna's notifications")

    def notification_people(self):
        emails = {key: email for key, email, _name in RESIDENTS} | ACCOUNTS
        users = {u.email: u for u in get_user_model().objects.filter(email__in=emails.values())}
        return {key: users[email] for key, email in emails.items()}

    def untold_history(self):
        """The demo's past (comments, memberships, moderation written by the loaders before)
        is not announced: nobody is told today about what happened weeks ago."""
        history = Activity.objects.filter(created_at__gte=self.started)
        history.filter(fanned_out_at=None).update(fanned_out_at=timezone.now())
        Notification.objects.filter(activity__in=history).delete()

    def her_proposal(self, hanna, process):
        """Submitted in the collecting phase (the process is past it now), as the demo's other
        proposals are."""
        proposal = Proposal.objects.create(
            process_id=process.pk,
            author=hanna,
            title=PROPOSAL["title"],
            summary=PROPOSAL["summary"],
            text=PROPOSAL["text"],
            field_of_action=self.fields[PROPOSAL["field"]],
            municipality=PROPOSAL["municipality"],
        )
        Proposal.objects.filter(pk=proposal.pk).update(
            created_at=self.moment(PROPOSAL["submitted"]),
            updated_at=self.moment(PROPOSAL["submitted"]),
        )
        events.follow(hanna, proposal, automatic=True)
        self.count(proposal, True, "proposals for Hanna's notifications")
        return proposal
