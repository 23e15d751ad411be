"""The page-based resources of the read API: Wagtail's pages API v2 at /api/v1/pages/ (every
published, public page with the fields its type declares in ``api_fields``)."""

from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


def error_response(status_code, code, message, fields=None):
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status_code
    )


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages without a view restriction on them or an ancestor, for everybody alike:
    a session that entered a page's password sees no more here than anybody else."""

    renderer_classes = [JSONRenderer]
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

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return error_response(status.HTTP_404_NOT_FOUND, "not_found", _("Not found."))
        if isinstance(exc, BadRequestError):
            return error_response(status.HTTP_400_BAD_REQUEST, "bad_request", str(exc))
        return super().handle_exception(exc)

    @classmethod
    def get_urlpatterns(cls):
        # Only the listing and the detail: "find" answers with redirects into the site's routing.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]


pages_router = WagtailAPIRouter("api")
pages_router.register_endpoint("pages", PublicPagesAPIViewSet)
