"""How django-allauth creates residents (a public display name and the residents' role), and how
the signed-in person is loaded for each request."""

import time
import unicodedata

from django import forms
from django.contrib.auth import backends as auth_backends
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from allauth.account import auth_backends as allauth_backends
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from cms.roles import RESIDENTS
from cms.text import has_invisible

NAME_EMPTY = _("Please enter a display name.")
# Who wrote a contribution whose author deleted their account.
DELETED_ACCOUNT = _("Deleted account")
NAME_INVISIBLE = _("The display name may not contain control or invisible characters.")
NAME_TAKEN = _("Somebody else already uses this display name. Please choose another one.")


def clean_display_name(value):
    """``value`` with its spaces normalised; :class:`ValidationError` for an empty name or one
    with invisible characters."""
    value = unicodedata.normalize("NFC", value or "")
    # Strict: not even a joiner or a line break, since people recognise each other by name.
    if has_invisible(value, strict=True):
        raise forms.ValidationError(NAME_INVISIBLE, code="invisible")
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(NAME_EMPTY, code="empty")
    return name


def display_name_taken(name, user):
    """Whether somebody other than ``user`` (``None``: anybody) uses ``name``, ignoring case."""
    # PostgreSQL compares every letter without case; SQLite (development) only ASCII ones.
    others = get_user_model().objects.filter(display_name__iexact=name)
    if user is not None and user.pk is not None:
        others = others.exclude(pk=user.pk)
    return others.exists()


def delete_person(person, *, by=None, with_contributions=False):
    """Delete ``person``'s account the one way that keeps everybody else's data right: the
    function the apps register under the Wagtail hook ``delete_person`` (participation's
    deletion service), else a plain delete. Self-service and the admin both end here."""
    for delete in hooks.get_hooks("delete_person"):
        return delete(person, by=by, with_contributions=with_contributions)
    person.delete()
    return None


class SignupForm(forms.Form):
    """Fields allauth adds to its sign-up form (it subclasses this class)."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=50,
        help_text=_("Shown next to your contributions. It does not have to be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={"required": NAME_EMPTY},
    )
    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        """The same rules as changing it later: no empty or invisible name, none that somebody
        else uses (ignoring case)."""
        name = clean_display_name(self.cleaned_data["display_name"])
        if display_name_taken(name, None):
            raise forms.ValidationError(NAME_TAKEN, code="taken")
        return name

    def signup(self, request, user):
        """Required by allauth; the display name is already saved by ``AccountAdapter``."""


# Setting up a second factor asks for the password again, unless the person signed in with it
# this long ago: staff are sent to the set-up right after signing in, and typing the password
# twice in a row protects nothing (allauth's own reauthentication lasts as long).
FRESH_SIGN_IN_SECONDS = 300


class AccountAdapter(DefaultAccountAdapter):
    def is_reauthentication_required(self, *, app, **kwargs):
        if app == "allauth.mfa" and self._signed_in_moments_ago():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _signed_in_moments_ago(self):
        request = self.request
        if request is None or not request.user.is_authenticated:
            return False
        records = get_authentication_records(request, request.user)
        signed_in = [record["at"] for record in records if record.get("method") == "password"]
        return bool(signed_in) and time.time() - signed_in[-1] < FRESH_SIGN_IN_SECONDS

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


# What allauth asks for at sign-in; recovery codes only stand in for them.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def _unread_notifications(user_model):
    """The number of the person's unread notifications, as a subquery over the relation
    "notifications" (participation's model, found through the relation: cms imports no app),
    which the partial index on unread notifications answers without a join or grouping."""
    notification = user_model._meta.get_field("notifications").related_model
    unread = (
        notification._default_manager.filter(recipient=OuterRef("pk"), read_at=None)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def with_account_facts(users):
    """``users`` with what every page asks about the signed-in person, in the same query:
    ``email_verified`` (a confirmed address: needed to take part) and ``admin_access`` (the
    Wagtail admin permission through the person or a group; superusers have it anyway) and
    ``unread_notifications`` (the header's count; the relation belongs to participation) and
    ``has_second_factor`` (what keeps staff out of the admin until they set one up)."""
    return users.annotate(
        unread_notifications=_unread_notifications(users.model),
        email_verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
        admin_access=Exists(
            Permission.objects.filter(
                Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk")),
                content_type__app_label="wagtailadmin",
                codename="access_admin",
            )
        ),
        has_second_factor=Exists(
            Authenticator.objects.filter(user=OuterRef("pk"), type__in=SECOND_FACTORS)
        ),
    )


def has_verified_email(user):
    """Whether ``user`` confirmed an email address (needed to take part); the person signed in
    for a request comes with the answer (:func:`with_account_facts`)."""
    known = getattr(user, "email_verified", None)
    if known is not None:
        return known
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def has_second_factor(user):
    """Whether ``user`` has an authenticator app or a security key (recovery codes alone are
    no second factor); the person signed in for a request comes with the answer."""
    known = getattr(user, "has_second_factor", None)
    if known is not None:
        return known
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def may_use_admin(user):
    """``user.has_perm("wagtailadmin.access_admin")``, answered by the account facts the person
    was loaded with instead of two permission queries on every page."""
    if not user.is_active:
        return False
    known = getattr(user, "admin_access", None)
    if known is None:
        return user.has_perm("wagtailadmin.access_admin")
    return user.is_superuser or known


class AccountFactsMixin:
    """Loads the signed-in person for a request together with their account facts: two
    queries fewer on every page a signed-in person sees."""

    def get_user(self, user_id):
        try:
            user = with_account_facts(get_user_model()._default_manager).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(AccountFactsMixin, auth_backends.ModelBackend):
    pass


class AuthenticationBackend(AccountFactsMixin, allauth_backends.AuthenticationBackend):
    pass
