"""Comments, replies, helpful marks, reports and moderation decisions of the demo, written
through the participation services as residents and the moderator would."""

from django.conf import settings
from django.contrib.auth import get_user_model

from allauth.account.models import EmailAddress

from cms.roles import MODERATORS
from participation import services
from participation.models import Comment, Proposal

from ..content.comments import (
    COMMENTS,
    MODERATED_COMMENTS,
    REPORTED_COMMENTS,
    SPAM_ACCOUNT,
    SPAM_BLOCK,
    SPAM_COMMENTS,
)


class Comments:
    """Mixin of the ``load_vision_demo`` command.

    Expects ``self.count()`` and ``self.residents``.
    """

    def comments(self, running, visions):
        """Comments, replies and helpful marks through the services, as residents would write
        them; only where nothing has been commented yet."""
        if Comment.objects.exists():
            return
        proposals = {p.title: p for p in Proposal.objects.filter(process_id=running.pk)}
        pages = {vision.slug: vision for vision in visions}
        process = running.specific
        for where, author, text, replies, helpful in COMMENTS:
            target = proposals.get(where) or pages[where]
            in_process = process if isinstance(target, Proposal) else None
            comment = services.create_comment(
                self.residents[author], target, text, process=in_process
            )
            for reply_author, reply in replies:
                services.create_comment(
                    self.residents[reply_author], target, reply, process=in_process, parent=comment
                )
            for key in helpful:
                services.mark_helpful(
                    self.residents[key], comment, target=target, process=in_process
                )
            self.count("comments", 1 + len(replies))
        for title, author, text, reports in REPORTED_COMMENTS:
            comment = services.create_comment(
                self.residents[author], proposals[title], text, process=process
            )
            for reporter, reason, note in reports:
                services.report(self.residents[reporter], comment, reason, note)
            self.count("reported comments")
        self.moderation(proposals, process)

    def moderation(self, proposals, process):
        """A comment the demo moderator hid with a reason, and a blocked advertiser; nobody is
        emailed (the addresses are made up)."""
        moderator = get_user_model().objects.filter(groups__name=MODERATORS).first()
        if moderator is None:
            return
        for title, author, text, reason, note in MODERATED_COMMENTS:
            comment = services.create_comment(
                self.residents[author], proposals[title], text, process=process
            )
            services.moderate(comment, "hide", moderator, reason=reason, note=note, notify=False)
            self.count("hidden comments")
        email, name = SPAM_ACCOUNT
        advertiser = get_user_model().objects.create_user(
            email, settings.DEMO_PASSWORD, display_name=name
        )
        EmailAddress.objects.create(user=advertiser, email=email, verified=True, primary=True)
        for title, text in SPAM_COMMENTS:
            services.create_comment(advertiser, proposals[title], text, process=process)
        reason, note = SPAM_BLOCK
        services.block_user(
            advertiser, moderator, reason, note, hide_contributions=True, notify=False
        )
        self.count("blocked accounts")
