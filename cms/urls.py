from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.module_loading import import_string
from django.utils.translation import pgettext_lazy
from django.views.generic import RedirectView, TemplateView

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from csp.decorators import csp_update

from cms import routing
from cms.pagecache import generation_view
from cms.wellknown import security_txt

# A database that cannot be reached gets the 503 page also when a middleware found out first.
handler500 = "cms.health.server_error"

# The sections of sitemap.xml by class path (settings.SITEMAPS): the apps' sitemaps join
# without cms importing them.
SITEMAPS = {name: import_string(path) for name, path in settings.SITEMAPS.items()}


def sitemap_view(request):
    return sitemap(request, sitemaps={name: cls(request) for name, cls in SITEMAPS.items()})


# Wagtail's admin renders inline scripts (date choosers) and inline styles. Only the admin, behind
# its login, gets them; the public site keeps the strict policy from settings.
admin_urlpatterns = decorate_urlpatterns(
    list(wagtailadmin_urls.urlpatterns),
    csp_update({"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}),
)

urlpatterns = [
    # One sign-in for residents and staff, so that allauth's rate limits protect the admin too.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(admin_urlpatterns)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    # For the reverse proxy's page cache (cms/pagecache.py), without a language prefix.
    path("_cache/generation/", generation_view, name="page_cache_generation"),
    # The read API, without a language prefix (a language is a filter there).
    path("api/v1/", include("opendata.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(pgettext_lazy("URL path", "account/"), include("participation.area_urls")),
    path(pgettext_lazy("URL path", "account/"), include("allauth.urls")),
    path(pgettext_lazy("URL path", "participation/"), include("participation.urls")),
    path(pgettext_lazy("URL path", "search/"), include("search.urls")),
    path("", include("opendata.urls")),
    # Wagtail's page view with a cheaper start of the route (cms/routing.py).
    path("", include(routing.urlpatterns)),
    prefix_default_language=True,
)
