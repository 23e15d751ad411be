"""The account adapter with what participation adds: a blocked person who signs in is told
why they are blocked and how to object; staff who must use a second factor and have none set it
up right after signing in."""

import time

from django.shortcuts import render

from cms import security
from cms.accounts import AccountAdapter as BaseAccountAdapter

from .models import Block
from .notifications import moderation_contact

# Set when a blocked person signed in with the right password: for this long they may delete
# their account from the "blocked" page (views.account.delete_blocked_account).
BLOCKED_SIGN_IN = "blocked_sign_in"
BLOCKED_SIGN_IN_SECONDS = 15 * 60


def remember_blocked_sign_in(request, user):
    request.session[BLOCKED_SIGN_IN] = {"pk": user.pk, "at": time.time()}


class AccountAdapter(BaseAccountAdapter):
    def get_login_redirect_url(self, request):
        enrolment = security.enrolment_redirect(request)
        if enrolment is not None:
            return enrolment["Location"]
        return super().get_login_redirect_url(request)

    def respond_user_inactive(self, request, user):
        block = Block.objects.filter(user=user, lifted_at=None).first()
        if block is not None:
            # Deleting the account stays possible (GDPR); allauth checked the password.
            remember_blocked_sign_in(request, user)
        return render(
            request,
            "account/account_inactive.html",
            {"account_block": block, "contact": moderation_contact()},
            status=403,
        )
