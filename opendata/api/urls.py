"""The read API, version 1: /api/v1/…"""

from rest_framework.routers import SimpleRouter

from opendata.api.pages import pages_router
from opendata.downloads import download_urls

from . import contributions

app_name = "api"

router = SimpleRouter()
router.register("proposals", contributions.ProposalResource, basename="proposal")
router.register("polls", contributions.PollResource, basename="poll")
router.register("action-groups", contributions.ActionGroupResource, basename="action-group")

urlpatterns = [
    *pages_router.get_urlpatterns(),
    *router.urls,
    contributions.comments_of("proposals", contributions.find_proposal, "proposal"),
    *download_urls,
]
