"""Two factors for staff: with ``STAFF_MFA_REQUIRED`` on, nobody who may use the admin gets
into it with a password alone.

A staff member without an authenticator (authenticator app or security key) is sent to set up
an authenticator app, and back afterwards; one who has an authenticator but whose session did
not prove it (a session from before the authenticator existed) is asked for a code. Residents
are never asked; they may turn two factors on for themselves.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added

from cms.accounts import has_second_factor, may_use_admin

# The admin address a staff member was sent away from, to return to after the set-up.
RETURN_SESSION_KEY = "cms.staff_mfa_return"
# Setting up an authenticator proves a code in this session, as signing in with it would.
ENROLLED_SESSION_KEY = "cms.staff_mfa_enrolled"

ENROLMENT_MESSAGE = _(
    "Your account may use the administration. Staff accounts need a second factor: please set "
    "up an authenticator app now. Afterwards you can continue where you were."
)
PROOF_MESSAGE = _(
    "Please confirm that it is you with a code from your authenticator app before you open "
    "the administration."
)


def staff_mfa_required(user):
    """Whether ``user`` must use a second factor for the admin (everybody who may use it, while
    ``STAFF_MFA_REQUIRED`` is on)."""
    return (
        settings.STAFF_MFA_REQUIRED
        and user is not None
        and user.is_authenticated
        and may_use_admin(user)
    )


def proved_second_factor(request, user):
    """Whether this session signed in (or confirmed it is the person) with a second factor, or
    set up the second factor itself."""
    if request.session.get(ENROLLED_SESSION_KEY) == str(user.pk):
        return True
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def _admin_prefix():
    return reverse("wagtailadmin_home")


def enrolment_redirect(request, return_to=None):
    """Where ``request.user`` must go before the admin opens (a redirect with a message saying
    why), or ``None`` when nothing stands in the way. ``return_to``, an admin address, is where
    the set-up page offers to continue."""
    user = request.user
    if not staff_mfa_required(user):
        return None
    if not has_second_factor(user):
        if return_to:
            request.session[RETURN_SESSION_KEY] = return_to
        messages.warning(request, ENROLMENT_MESSAGE)
        return HttpResponseRedirect(reverse("mfa_activate_totp"))
    if not proved_second_factor(request, user):
        messages.info(request, PROOF_MESSAGE)
        query = urlencode({"next": return_to or _admin_prefix()})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
    return None


def return_url(request):
    """The admin address a staff member came from before setting up the second factor, if any
    (for the "continue" link after the set-up)."""
    url = request.session.get(RETURN_SESSION_KEY)
    if url and url.startswith(_admin_prefix()) and url_has_allowed_host_and_scheme(url, None):
        return url
    return None


class StaffMFAMiddleware:
    """Keeps staff without a proven second factor out of every admin address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(_admin_prefix()):
            response = enrolment_redirect(request, return_to=request.get_full_path())
            if response is not None:
                return response
            if RETURN_SESSION_KEY in request.session:
                del request.session[RETURN_SESSION_KEY]
        return self.get_response(request)


def _remember_enrolment(sender, request, user, authenticator, **kwargs):
    if request is not None and authenticator.type != Authenticator.Type.RECOVERY_CODES:
        request.session[ENROLLED_SESSION_KEY] = str(user.pk)


# Connected with the middleware that reads the mark: loading the middleware loads this module.
authenticator_added.connect(_remember_enrolment, dispatch_uid="cms-staff-mfa-enrolled")
