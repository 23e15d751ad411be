"""Action groups: the overview with filters and map, a group's page and its feed, starting and
editing a group."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from .shared import not_yet

urlpatterns = [
    path("", not_yet, name="groups"),
    path(pgettext_lazy("URL path", "new/"), not_yet, name="group_start"),
    path("<int:pk>/", not_yet, name="group"),
]
