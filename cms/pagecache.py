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
