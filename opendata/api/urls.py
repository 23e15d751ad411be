"""The read API, version 1: /api/v1/…"""

from opendata.api.pages import pages_router
from opendata.downloads import download_urls

app_name = "api"

urlpatterns = [
    *pages_router.get_urlpatterns(),
    *download_urls,
]
