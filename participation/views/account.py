"""The account page of "Mein Bereich": download my data, two factors, delete my account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

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


@area_view
def delete_account(request):
    """Asks for the password again and says what happens; then deletes the account."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        accounts.delete_account(request.user, by=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return private(redirect(f"/{request.LANGUAGE_CODE}/"))
    return _render(request, "account", "account_delete", {"form": form})
