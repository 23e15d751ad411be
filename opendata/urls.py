"""The open-data app's pages on the public site, with a language prefix."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("api/", views.api_docs, name="api_docs"),
]
