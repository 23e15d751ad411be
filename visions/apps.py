from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionsConfig(AppConfig):
    name = "visions"
    verbose_name = _("Visions and processes")

    def ready(self):
        from . import signals

        signals.connect()
