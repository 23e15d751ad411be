"""The account adapter with what participation adds: a blocked person who signs in is told
why they are blocked and how to object."""

from django.shortcuts import render

from cms.accounts import AccountAdapter as BaseAccountAdapter

from .models import Block
from .notifications import moderation_contact


class AccountAdapter(BaseAccountAdapter):
    def respond_user_inactive(self, request, user):
        block = Block.objects.filter(user=user, lifted_at=None).first()
        return render(
            request,
            "account/account_inactive.html",
            {"account_block": block, "contact": moderation_contact()},
            status=403,
        )
