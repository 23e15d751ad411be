from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Platform")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the public display name on its forms."""

    user_viewset = "cms.viewsets.UserViewSet"
