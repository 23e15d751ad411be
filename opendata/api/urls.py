"""The read API, version 1: /api/v1/…"""

from rest_framework.routers import SimpleRouter

from . import pages

app_name = "api"

router = SimpleRouter()
router.register("processes", pages.ProcessResource, basename="process")
router.register("visions", pages.VisionResource, basename="vision")
router.register("events", pages.EventResource, basename="event")
router.register("places", pages.PlaceResource, basename="place")

urlpatterns = [
    *router.urls,
    *pages.pages_router.get_urlpatterns(),
]
