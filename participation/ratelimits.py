"""Limits on how fast people write (comments, reports, notices), per person and per
address. The counters live in Django's cache: with ``REDIS_URL`` (production) all server
processes share them; the local memory cache of development counts per process.

django-ratelimit counts; the address is the one allauth's sign-in limits use, which respects
``TRUSTED_PROXY_COUNT`` behind a proxy.
"""

from django.conf import settings

from allauth.account.adapter import get_adapter
from django_ratelimit.core import is_ratelimited

DEFAULT_RATES = {
    "comment": {"user": "10/m", "ip": "30/m"},
    "report": {"user": "10/m", "ip": "30/m"},
    "notice": {"user": "5/h", "ip": "5/h"},
    "vote": {"user": "20/m", "ip": "60/m"},
    # Beside the relay's own limits per person and address, counted in the database.
    "relay": {"user": "10/h", "ip": "20/h"},
}


def _client_ip(group, request):
    return get_adapter(request).get_client_ip(request)


def too_fast(request, action):
    """Whether this ``action`` (counted now) goes over the person's or the address's limit."""
    rates = {**DEFAULT_RATES, **getattr(settings, "PARTICIPATION_RATE_LIMITS", {})}[action]
    over = False
    if request.user.is_authenticated and rates.get("user"):
        over |= is_ratelimited(
            request, group=f"{action}:user", key="user", rate=rates["user"], increment=True
        )
    if rates.get("ip"):
        over |= is_ratelimited(
            request, group=f"{action}:ip", key=_client_ip, rate=rates["ip"], increment=True
        )
    return over
