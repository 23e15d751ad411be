"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability of the platform.

``SECURITY_CONTACT_EMAIL`` is the address (someone must read it; ``SECURITY.md`` says what
happens to a report). ``Expires`` is required: an operator who commits to keeping the contact
current sets ``SECURITY_TXT_EXPIRES`` (an ISO date, renewed at least yearly; a date that has
passed is served as it is, which tells researchers the file is stale). Without it the file is
valid for a year from the day it is served, as long as the platform runs and is maintained.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

DEFAULT_CONTACT = "security@example.org"
VALID_FOR = datetime.timedelta(days=365)


def expires(now=None):
    """When the file stops being valid, as an aware UTC datetime."""
    configured = getattr(settings, "SECURITY_TXT_EXPIRES", None)
    if configured:
        day = datetime.date.fromisoformat(str(configured))
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    today = (
        (now or timezone.now())
        .astimezone(datetime.UTC)
        .replace(hour=0, minute=0, second=0, microsecond=0)
    )
    # Midnight of the day: less than a year from now, as RFC 9116 recommends.
    return today + VALID_FOR


def canonical_url(request):
    """The file's address on the site's configured host (``WAGTAILADMIN_BASE_URL``), else on
    the host the request came to."""
    base_url = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if base_url:
        return f"{base_url}/.well-known/security.txt"
    return request.build_absolute_uri("/.well-known/security.txt")


@require_GET
def security_txt(request):
    context = {
        "contact": getattr(settings, "SECURITY_CONTACT_EMAIL", "") or DEFAULT_CONTACT,
        "expires": expires().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "languages": ", ".join(code for code, _name in settings.LANGUAGES),
        "canonical": canonical_url(request),
        "policy": getattr(settings, "SECURITY_POLICY_URL", ""),
    }
    text = render_to_string("security.txt", context, request=request)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
