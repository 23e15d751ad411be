"""Double-submit protection: a one-time token per submission, so that a double click or a
reload of the POST creates one proposal only.

The preview issues a token (kept in the session); the submit claims it in the cache, which is
atomic (``cache.add``). The session remembers which proposal a token created, the cache does so
for requests running at the same time. Without the shared cache that guard is gone: a claim
then raises :class:`cms.cache.CacheUnavailable` and the form answers "try again shortly".
"""

import secrets

from django.core.cache import cache

from cms.cache import strict

SESSION_KEY = "proposal_submissions"
CACHE_PREFIX = "proposal-submission:"
MAX_AGE = 60 * 60 * 24
KEPT = 20


def issue(request):
    """A new token for the submission this request previews."""
    token = secrets.token_urlsafe(24)
    tokens = dict(request.session.get(SESSION_KEY) or {})
    tokens[token] = None
    request.session[SESSION_KEY] = dict(list(tokens.items())[-KEPT:])
    return token


def cache_key(request, token):
    return f"{CACHE_PREFIX}{request.user.pk}:{token}"


def submitted(request, token):
    """``(True, pk)`` if ``token`` was submitted already, with the primary key of what it
    created (None while the first request is still running); ``(False, None)`` otherwise."""
    tokens = request.session.get(SESSION_KEY) or {}
    if not token or token not in tokens:
        return False, None
    pk = tokens[token]
    if pk is None:
        claimed = cache.get(cache_key(request, token))
        if claimed is None:
            return False, None
        pk = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else None
    return True, pk


def claim(request, token):
    """Whether this request may create what ``token`` stands for (once per token)."""
    tokens = request.session.get(SESSION_KEY) or {}
    if not token or token not in tokens or tokens[token] is not None:
        return False
    with strict():
        return cache.add(cache_key(request, token), True, MAX_AGE)


def release(request, token):
    """Give a claimed token back: creating failed, a later submit may try again."""
    cache.delete(cache_key(request, token))


def record(request, token, pk):
    """Remember that ``token`` created the object with primary key ``pk``."""
    cache.set(cache_key(request, token), pk, MAX_AGE)
    tokens = dict(request.session.get(SESSION_KEY) or {})
    tokens[token] = pk
    request.session[SESSION_KEY] = tokens
