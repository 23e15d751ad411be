"""Pages of the open-data app on the public site."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request, override

from opendata.docs import endpoints, rate_limit


def api_docs(request):
    """The API's documentation in the site's layout, from the same description as the schema."""
    response = render(
        request,
        "opendata/api_docs.html",
        {
            "endpoints": endpoints(),
            "rate_limit": rate_limit(),
            "schema_url": request.build_absolute_uri(reverse("api:schema")),
            "api_base": request.build_absolute_uri("/api/v1/"),
            "open_data_url": _open_data_url(),
        },
    )
    patch_cache_control(response, public=True, max_age=0, s_maxage=300)
    return response


def _open_data_url():
    from django.urls import NoReverseMatch

    try:
        return reverse("opendata:open_data")
    except NoReverseMatch:
        return None


def api_docs_redirect(request):
    """/api/v1/docs/ → the documentation in the reader's language (Accept-Language)."""
    with override(get_language_from_request(request)):
        return redirect("opendata:api_docs")
