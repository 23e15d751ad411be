"""How django-allauth creates residents: a public display name and the residents' role."""

from django import forms
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import DefaultAccountAdapter

from cms.roles import RESIDENTS


class SignupForm(forms.Form):
    """Fields allauth adds to its sign-up form (it subclasses this class)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        help_text=_("Shown next to your contributions. It does not have to be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please enter a display name."))
        return name

    def signup(self, request, user):
        """Required by allauth; the display name is already saved by ``AccountAdapter``."""


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.display_name = form.cleaned_data.get("display_name", "")
        if not commit:
            return super().save_user(request, user, form, commit=False)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            user.groups.add(Group.objects.get_or_create(name=RESIDENTS)[0])
        return user

    # After signing in or out people stay in the language they were using.
    def get_login_redirect_url(self, request):
        return f"/{get_language()}/"

    def get_logout_redirect_url(self, request):
        return f"/{get_language()}/"
