"""Limits on how fast people write (comments, reports, notices), per person and per
address. The counters live in Django's cache: with ``REDIS_URL`` (production) all server
processes share them; the local memory cache of development counts per process.

django-ratelimit counts; the address is the one allauth's sign-in limits use, which respects
``TRUSTED_PROXY_COUNT`` behind a proxy.

When the shared cache is down nothing can be counted: the limit fails closed, and the action
is refused with "try again shortly" (503, :data:`cms.cache.TRY_AGAIN`), never let through.
"""

from dataclasses import dataclass

from django.conf import settings

from allauth.account.adapter import get_adapter
from django_ratelimit.core import is_ratelimited

from cms.cache import TRY_AGAIN, CacheUnavailable, strict

DEFAULT_RATES = {
    "comment": {"user": "10/m", "ip": "30/m"},
    "report": {"user": "10/m", "ip": "30/m"},
    "notice": {"user": "5/h", "ip": "5/h"},
    "vote": {"user": "20/m", "ip": "60/m"},
    # Beside the relay's own limits per person and address, counted in the database.
    "relay": {"user": "10/h", "ip": "20/h"},
    # Reservations without an account: each sends an e-mail to the address given.
    "guest_registration": {"ip": "10/h", "address": "3/h"},
    # The accessibility statement's feedback form (home.feedback): anybody, mails the editors.
    "accessibility_feedback": {"ip": "5/h"},
}


def _client_ip(group, request):
    return get_adapter(request).get_client_ip(request)


@dataclass(frozen=True)
class Refusal:
    """Why an action may not go ahead now: over the limit (429, the caller says why in its
    own words) or the counters cannot be reached (503, ``message`` says so)."""

    status: int
    message: str = ""

    def explain(self, over_limit_message):
        return self.message or over_limit_message


OVER_LIMIT = Refusal(429)
UNAVAILABLE = Refusal(503, TRY_AGAIN)


def too_fast(request, action, *, address=None):
    """``None`` when this ``action`` (counted now) stays within the person's and the network
    address's limits, and those of the e-mail ``address`` it writes to (if given); else a
    :class:`Refusal`."""
    rates = {**DEFAULT_RATES, **getattr(settings, "PARTICIPATION_RATE_LIMITS", {})}[action]
    over = False
    try:
        with strict():
            if request.user.is_authenticated and rates.get("user"):
                over |= is_ratelimited(
                    request, group=f"{action}:user", key="user", rate=rates["user"], increment=True
                )
            if rates.get("ip"):
                over |= is_ratelimited(
                    request, group=f"{action}:ip", key=_client_ip, rate=rates["ip"], increment=True
                )
            if address and rates.get("address"):
                over |= is_ratelimited(
                    request,
                    group=f"{action}:address",
                    key=lambda group, request: address.lower(),
                    rate=rates["address"],
                    increment=True,
                )
    except CacheUnavailable:
        return UNAVAILABLE
    return OVER_LIMIT if over else None
