"""The read API, version 1: /api/v1/…"""

from django.urls import path

from rest_framework.routers import SimpleRouter

from opendata.views import api_docs_redirect

from . import pages
from .schema import SchemaView

app_name = "api"

router = SimpleRouter()
router.register("processes", pages.ProcessResource, basename="process")
router.register("visions", pages.VisionResource, basename="vision")
router.register("events", pages.EventResource, basename="event")
router.register("places", pages.PlaceResource, basename="place")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", api_docs_redirect, name="docs"),
    *router.urls,
    *pages.pages_router.get_urlpatterns(),
]
