"""One-click unsubscribe from notification e-mails, without signing in.

GET shows what the link turns off and a button (link scanners that open it change nothing);
POST turns it off. Mail clients send the POST themselves (RFC 8058 ``List-Unsubscribe-Post``)
without a CSRF token, so this view alone is exempt: the signed token is the authorisation.
A tampered or outdated token gets a clear 400 page.
"""

from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..models import Delivery
from ..models import NotificationReason as Reason
from ..notifications import delivery
from .shared import private

TEMPLATE = "participation/unsubscribe.html"


def _labels(reasons):
    return [Reason(reason).label for reason in reasons]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        user, kind = delivery.read_unsubscribe_token(token)
    except signing.BadSignature:
        return private(render(request, TEMPLATE, {"invalid": True}, status=400))
    context = {
        "action_url": request.path,
        "settings_url": reverse("area:notification_settings"),
        "is_digest": kind in delivery.DIGEST_KINDS,
        "digest_label": Delivery(kind).label if kind in delivery.DIGEST_KINDS else "",
    }
    if request.method == "POST":
        context["done"] = True
        context["reasons"] = _labels(delivery.unsubscribe(user, kind))
    else:
        context["reasons"] = _labels(delivery.reasons_of_kind(user, kind))
    return private(render(request, TEMPLATE, context))
