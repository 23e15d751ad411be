"""The demo app: no models, only the content and its management commands."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
