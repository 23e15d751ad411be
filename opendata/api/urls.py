"""The read API, version 1: /api/v1/…"""

from opendata.api.pages import pages_router

app_name = "api"

urlpatterns = [
    *pages_router.get_urlpatterns(),
]
