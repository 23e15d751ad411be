"""Two factors on the account page: which second factors the person has, how many recovery codes
are left, and whether the administration requires a second factor of them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from allauth.mfa.models import Authenticator

from cms.security import staff_mfa_required


def section_context(request):
    """What the account page's "Two-factor authentication" section shows."""
    authenticators = list(Authenticator.objects.filter(user_id=request.user.pk).order_by("pk"))
    by_type = {}
    for authenticator in authenticators:
        by_type.setdefault(authenticator.type, []).append(authenticator)
    methods = []
    if Authenticator.Type.TOTP in by_type:
        methods.append(_("Authenticator app"))
    keys = len(by_type.get(Authenticator.Type.WEBAUTHN, []))
    if keys:
        methods.append(
            ngettext("%(count)d security key", "%(count)d security keys", keys) % {"count": keys}
        )
    recovery = by_type.get(Authenticator.Type.RECOVERY_CODES)
    recovery_codes_left = len(recovery[0].wrap().get_unused_codes()) if recovery else None
    return {
        "enabled": bool(methods),
        "methods": methods,
        "recovery_codes_left": recovery_codes_left,
        "required": staff_mfa_required(request.user),
        "manage_url": reverse("mfa_index"),
        "activate_url": reverse("mfa_activate_totp"),
        "recovery_codes_url": reverse("mfa_view_recovery_codes") if recovery else "",
    }
