"""The page-based resources of the read API: Wagtail's pages API v2 at /api/v1/pages/ (every
published, public page with the fields its type declares in ``api_fields``)."""

import hashlib

from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from opendata.api.base import AddressRateThrottle


def error_response(status_code, code, message, fields=None):
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status_code
    )


def conditional(request, response, max_age=60):
    """``ETag`` from the body (``If-None-Match`` → 304) and public caching, as on every other
    answer of the API (opendata.api.base.ReadOnlyResource)."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    response.render()
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Accept-Language",))
    return get_conditional_response(request, etag=etag, response=response)


class JSONOnly(DefaultContentNegotiation):
    """JSON whatever ``?format=`` or ``Accept`` say: ``format`` is then an unknown parameter
    (400) instead of DRF's 404 for a format it does not render."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages without a view restriction on them or an ancestor, for everybody alike:
    a session that entered a page's password sees no more here than anybody else."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    throttle_classes = [AddressRateThrottle]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"format", "_"}

    def get_base_queryset(self):
        return super().get_base_queryset().public()

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = None
        return context

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        language = self.request.GET.get("locale")
        if language is not None and language not in dict(settings.LANGUAGES):
            raise BadRequestError(
                _("locale must be one of: %(choices)s")
                % {"choices": ", ".join(code for code, _name in settings.LANGUAGES)}
            )

    def listing_view(self, request):
        # Wagtail passes the values of field filters (?title=…, ?first_published_at=…) to the
        # database as they come: a value of the wrong type is the reader's mistake, not ours.
        try:
            return super().listing_view(request)
        except (ValidationError, ValueError, FieldError) as error:
            raise BadRequestError(_("A query parameter has a value of the wrong type.")) from error

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return error_response(status.HTTP_404_NOT_FOUND, "not_found", _("Not found."))
        if isinstance(exc, BadRequestError):
            return error_response(
                status.HTTP_400_BAD_REQUEST, "invalid", str(exc), {"query": [str(exc)]}
            )
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional(request, response)

    @classmethod
    def get_urlpatterns(cls):
        # Only the listing and the detail: "find" answers with redirects into the site's routing.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]


pages_router = WagtailAPIRouter("api")
pages_router.register_endpoint("pages", PublicPagesAPIViewSet)
