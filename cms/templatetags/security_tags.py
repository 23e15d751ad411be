"""What the two-factor and sign-up pages say about the person and the site: whether the person
must use a second factor, where to continue after setting one up, and where the privacy notice
is."""

from django import template
from django.urls import reverse

from wagtail.models import Site

from cms import layout, security
from cms.models import FooterSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_mfa(context):
    """``required``: the signed-in person may use the admin and must use a second factor for
    it; ``continue_url``: where the "continue" link after the set-up leads (the admin address
    the person was sent away from, else the admin's start page), for staff only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    required = request is not None and security.staff_mfa_required(user)
    continue_url = None
    if required:
        continue_url = security.return_url(request) or reverse("wagtailadmin_home")
    return {"required": required, "continue_url": continue_url}


@register.simple_tag(takes_context=True)
def privacy_notice_url(context):
    """The address of the privacy notice (Settings → Footer) in the reader's language, else in
    its own; ``""`` when none is chosen or it is not live. From the page-frame cache."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return ""

    return layout.cached(
        request,
        "privacy-notice",
        lambda: FooterSettings.for_request(request).privacy_url(request),
    )
