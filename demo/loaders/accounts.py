"""Paul's traces in the demo (``demo.content.accounts``): what deleting an account removes and
what stays under "Deleted account". Through the services, as he would have done it."""

from django.contrib.auth import get_user_model

from participation import services
from participation.models import ActionGroup, Comment, Proposal

from ..content import accounts
from ..content.processes import RESIDENTS, RUNNING


class DeletableAccount:
    """Mixin of the ``load_demo_content`` command, after the accounts, the registrations, the
    participation demo and the action groups. Creates nothing when his comment exists, also
    after somebody deleted his account (the next run gives a fresh Paul without traces)."""

    def deletable_account(self):
        paul = get_user_model().objects.filter(email=accounts.EMAIL).first()
        if paul is None or Comment.objects.filter(text=accounts.COMMENT[1]).exists():
            return
        running = Proposal.objects.filter(process__slug=RUNNING["slug"])
        for title in accounts.SUPPORTS:
            services.support(paul, running.get(title=title))
        self.count(paul, True, "supports by Paul")
        title, text, (answerer, reply) = accounts.COMMENT
        proposal = running.get(title=title)
        process = proposal.process.specific
        comment = services.create_comment(paul, proposal, text, process=process)
        answerer = get_user_model().objects.get(
            email=next(email for key, email, _name in RESIDENTS if key == answerer)
        )
        services.create_comment(answerer, proposal, reply, process=process, parent=comment)
        self.count(comment, True, "comments with Paul")
        services.join_group(paul, ActionGroup.objects.get(name=accounts.GROUP))
