"""The page cache for anonymous readers: nginx keeps the public pages, and one number, the
*generation*, says which copies are current.

nginx asks :func:`generation_view` at most once a second and puts the answer into every cache
key (deploy/nginx/landvorteil.conf.template). Anything that may change what a public page shows
starts a new generation after its transaction commits (:func:`purge`), so every cached copy
is replaced within about a second: publishing, unpublishing, moving or deleting a page, a
translation, a setting or the menu, a moderation decision, a new or edited contribution.
Wagtail's frontend-cache purges by address would not reach listings, home pages, translations
and filtered pages that show the same thing; one generation reaches all of them.

What changes often and only moves a number (supports, helpful marks, poll ballots,
registrations) starts no generation: such counts lag by at most the pages' shared-cache
lifetime (``s-maxage``, :data:`SHARED_MAX_AGE`).

Which responses may be kept at all is decided by the pages themselves
(:meth:`cms.models.BasePage.add_cache_headers`): never a signed-in person's page, one with a
message, a form token or a personal component, and never a response that sets a cookie.
"""

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

SHARED_MAX_AGE = 60
"""Seconds a shared cache may keep a public page (counts lag by at most this)."""

SHOWN_APPS = {
    "cms",
    "home",
    "visions",
    "participation",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "wagtail_localize",
}
"""Apps whose saved or deleted rows may change a public page."""

_quiet = {
    # Wagtail's bookkeeping: drafts, logs, references, renditions, workflows.
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailcore", "pagelock"),
    ("wagtailcore", "uploadedfile"),
    ("wagtailimages", "rendition"),
    ("cms", "cachegeneration"),
}


def quiet(*models_):
    """Saving or deleting rows of these models changes no public page (or only a count)."""
    _quiet.update((model._meta.app_label, model._meta.model_name) for model in models_)


class CacheGeneration(models.Model):
    """The one row whose value nginx puts into every page cache key."""

    value = models.BigIntegerField(default=0)

    class Meta:
        app_label = "cms"
        verbose_name = "page cache generation"

    def __str__(self):
        return str(self.value)


def current():
    """The generation nginx keys its copies with: the row's value and the release's static
    files, so that a deployment with new templates or styles replaces every copy too."""
    value = CacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    return f"{value}-{_release()}"


_release_tag = None


def _release():
    global _release_tag
    if _release_tag is None:
        manifest = Path(settings.STATIC_ROOT or "") / "staticfiles.json"
        try:
            _release_tag = hashlib.sha256(manifest.read_bytes()).hexdigest()[:12]
        except OSError:
            _release_tag = "dev"
    return _release_tag


def _bump():
    try:
        if not CacheGeneration.objects.filter(pk=1).update(value=F("value") + 1):
            CacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
    except DatabaseError:
        # The change is committed; its pages show it once their copies expire (SHARED_MAX_AGE).
        logger.exception("The page cache generation could not be advanced.")


def purge():
    """Replace every cached page once the current transaction commits (once per transaction)."""
    if connection.in_atomic_block and any(
        callback is _bump for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_bump)


def _on_change(sender, instance=None, update_fields=None, **kwargs):
    if sender.__module__ == "__fake__":
        return  # a migration's historical model: the table may not exist yet, no page is cached
    meta = sender._meta
    if meta.app_label not in SHOWN_APPS or (meta.app_label, meta.model_name) in _quiet:
        return
    if update_fields and set(update_fields) <= {"last_login", "inactivity_warned_at"}:
        return
    purge()


def connect():
    post_save.connect(_on_change, weak=False, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, weak=False, dispatch_uid="pagecache-delete")


def generation_view(request):
    """For nginx (``auth_request``): the current generation in ``X-Cache-Generation``, or
    "unavailable" when the database cannot say, which makes nginx pass requests through."""
    try:
        value = current()
    except DatabaseError:
        value = "unavailable"
    response = HttpResponse(status=204)
    response["X-Cache-Generation"] = value
    response["Cache-Control"] = "no-store"
    return response


def add_cache_headers(request, response, *, restricted=None):
    """Shared caches (nginx's page cache) may keep what anonymous readers GET (200 only) for
    :data:`SHARED_MAX_AGE` seconds; nothing else – no redirect, no error, no refusal, nothing
    a view has already decided on, nothing with a message or a form token, nothing behind a
    view restriction (``restricted()``), and nothing a component marked as personal
    (``request.personal_content``, e.g. a visitor's own ballot in a poll). Browsers ask again
    each time, so that a hidden contribution disappears as soon as the shared copy does."""
    if response.has_header("Cache-Control"):
        return response
    if not getattr(response, "is_rendered", True):
        # Components mark personal content while the template renders.
        response.add_post_render_callback(
            lambda rendered: add_cache_headers(request, rendered, restricted=restricted)
        )
        return response
    if (
        response.status_code != 200
        or request.method not in ("GET", "HEAD")
        or request.user.is_authenticated
        or getattr(request, "personal_content", False)
        or personal_by_nature(request)
        or (restricted is not None and restricted())
    ):
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
    # The language is in the address; the cookie says who is signed in.
    patch_vary_headers(response, ["Cookie"])
    return response


def personal_by_nature(request):
    """Whether the response carries something of this visitor's: a message shown to them, or
    a form token (which also sets the CSRF cookie)."""
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.used or len(storage)):
        return True
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
