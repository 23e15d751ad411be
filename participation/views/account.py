"""The account page of "Mein Bereich": download my data, two factors, delete my account; and
deleting the account of a blocked person, who cannot sign in (GDPR: they may still)."""

import time

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..accounts import BLOCKED_SIGN_IN, BLOCKED_SIGN_IN_SECONDS
from ..forms.account import DeleteAccountForm
from ..services import accounts
from . import data_export, security
from .area import _render, area_view
from .shared import private


@area_view
def account(request):
    return _render(
        request,
        "account",
        "account",
        {
            "export": data_export.section_context(request),
            "security": security.section_context(request),
        },
    )


def _deleted(request):
    logout(request)
    messages.success(request, _("Your account is deleted. Thank you for taking part."))
    return private(redirect(f"/{request.LANGUAGE_CODE}/"))


@area_view
def delete_account(request):
    """Asks for the password again and says what happens; then deletes the account. A second
    request racing the first finds the account gone and ends the same way."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        accounts.delete_account(request.user, by=request.user)
        return _deleted(request)
    return _render(request, "account", "account_delete", {"form": form})


def delete_blocked_account(request):
    """A blocked person who just signed in with their password may delete their account; the
    record of the block stays, pseudonymised."""
    signed_in = request.session.get(BLOCKED_SIGN_IN) or {}
    if time.time() - signed_in.get("at", 0) > BLOCKED_SIGN_IN_SECONDS:
        raise Http404
    person = get_user_model().objects.filter(pk=signed_in.get("pk"), is_active=False).first()
    if person is None:
        raise Http404
    form = DeleteAccountForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        accounts.delete_account(person, by=person)
        del request.session[BLOCKED_SIGN_IN]
        return _deleted(request)
    context = {"form": form, "blocked": True}
    return private(render(request, "account/delete_blocked_account.html", context))
