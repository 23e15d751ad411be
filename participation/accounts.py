"""The account adapter with what participation adds: a blocked person who signs in is told
why they are blocked and how to object; staff who must use a second factor and have none set it
up right after signing in."""

from django.shortcuts import render

from cms import security
from cms.accounts import AccountAdapter as BaseAccountAdapter

from .models import Block
from .notifications import moderation_contact


class AccountAdapter(BaseAccountAdapter):
    def get_login_redirect_url(self, request):
        enrolment = security.enrolment_redirect(request)
        if enrolment is not None:
            return enrolment["Location"]
        return super().get_login_redirect_url(request)

    def respond_user_inactive(self, request, user):
        block = Block.objects.filter(user=user, lifted_at=None).first()
        return render(
            request,
            "account/account_inactive.html",
            {"account_block": block, "contact": moderation_contact()},
            status=403,
        )
