"""The read API, version 1: /api/v1/…"""

from django.urls import path

from rest_framework.routers import SimpleRouter

from opendata.downloads import download_urls
from opendata.views import api_docs_redirect

from . import contributions, pages
from .schema import SchemaView

app_name = "api"

router = SimpleRouter()
router.register("proposals", contributions.ProposalResource, basename="proposal")
router.register("polls", contributions.PollResource, basename="poll")
router.register("action-groups", contributions.ActionGroupResource, basename="action-group")
router.register("processes", pages.ProcessResource, basename="process")
router.register("visions", pages.VisionResource, basename="vision")
router.register("events", pages.EventResource, basename="event")
router.register("places", pages.PlaceResource, basename="place")

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", api_docs_redirect, name="docs"),
    *router.urls,
    contributions.comments_of("proposals", contributions.find_proposal, "proposal"),
    contributions.comments_of("visions", pages.find_vision, "vision"),
    *pages.pages_router.get_urlpatterns(),
    *download_urls,
]
