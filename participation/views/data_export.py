"""Download my data (GDPR Art. 15/20): ask for a ZIP on the account page, and fetch it once
through its link (:mod:`participation.services.data_export`).

The link's secret lives in a cookie of the browser that asked (the database keeps only its hash,
and not in its sessions either), so the account page can show the link once the worker is done.
The link opens for its owner only, signed in; anybody else, a replay, an expired or a malformed
link: 404.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..models.accounts import hash_token
from ..services import data_export as exports
from .area import area_view
from .shared import private

COOKIE = "data_download_link"
SECTION = "data-export"


@dataclass(frozen=True)
class ExportSection:
    """What the account page's section shows; at most one of the states is set."""

    request_url: str
    page_url: str
    requested_at: datetime | None = None
    preparing: bool = False
    taking_long: bool = False
    download_url: str = ""
    expires_at: datetime | None = None
    ready_elsewhere: bool = False
    downloaded_at: datetime | None = None
    expired_at: datetime | None = None
    failed: bool = False

    @property
    def may_request(self):
        """Whether the section offers its button (to ask, ask again, or renew the link)."""
        return not self.download_url and (not self.preparing or self.taking_long)


def _status(export, token, now):
    base = {
        "request_url": reverse("area:request_export"),
        "page_url": f"{reverse('area:account')}#{SECTION}",
    }
    if export is None:
        return ExportSection(**base)
    base["requested_at"] = export.created_at
    Phase = exports.Phase
    phase = exports.phase_of(export, now)
    if phase == Phase.PREPARING:
        return ExportSection(**base, preparing=True, taking_long=exports.is_stale(export, now))
    if phase == Phase.FAILED:
        return ExportSection(**base, failed=True)
    if phase == Phase.DOWNLOADED:
        return ExportSection(**base, downloaded_at=export.downloaded_at)
    if phase == Phase.EXPIRED:
        return ExportSection(**base, expired_at=export.expires_at)
    if exports.is_token(token) and hash_token(token) == export.token_hash:
        return ExportSection(
            **base,
            download_url=reverse("area:download_export", kwargs={"token": token}),
            expires_at=export.expires_at,
        )
    return ExportSection(**base, ready_elsewhere=True, expires_at=export.expires_at)


def section_context(request):
    """What the account page's "Download my data" section shows (one query)."""
    export = exports.latest_export(request.user)
    return _status(export, request.COOKIES.get(COOKIE), timezone.now())


def _tell(request, result):
    """Say what asking did; the section below says where the download stands."""
    Outcome, Phase = exports.Outcome, exports.Phase
    if result.outcome == Outcome.LIMITED:
        messages.error(
            request,
            _(
                "You have asked for your data %(count)s times in the last 24 hours. "
                "Please try again tomorrow."
            )
            % {"count": exports.DAILY_LIMIT},
        )
        return
    phase = exports.phase_of(result.export, timezone.now())
    if phase == Phase.FAILED:
        messages.error(request, _("Preparing your data failed. Please try again in a few minutes."))
    elif phase == Phase.READY and result.outcome == Outcome.RENEWED:
        messages.success(
            request, _("Here is a new link to your data. The link you had before no longer works.")
        )
    elif phase == Phase.READY:
        messages.success(request, _("Your data is ready: download it below."))
    elif result.outcome == Outcome.CREATED:
        messages.success(
            request, _("We are preparing your data. Reload this page in a minute to download it.")
        )
    else:
        messages.info(
            request,
            _("Your data is already being prepared. Reload this page in a minute to download it."),
        )


@area_view
@require_POST
def request_export(request):
    result = exports.request_export(request.user, known_token=request.COOKIES.get(COOKIE))
    _tell(request, result)
    response = private(redirect(f"{reverse('area:account')}#{SECTION}"))
    if result.token:
        response.set_cookie(
            COOKIE,
            result.token,
            # Long enough for a download that waited for the worker and then for its person.
            max_age=int(2 * exports.EXPIRES_AFTER.total_seconds()),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@area_view
@require_GET
def download_export(request, token):
    export = exports.find_download(request.user, token)
    if export is None or not exports.claim_download(export):
        raise Http404
    response = HttpResponse(bytes(export.archive), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{exports.file_name(export)}"'
    response["Content-Length"] = str(len(response.content))
    response.delete_cookie(COOKIE, samesite="Lax")
    return private(response)
