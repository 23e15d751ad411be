from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    default = True
    name = "cms"
    verbose_name = _("Platform")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.models import Page, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import layout, pagecache
        from cms.taxonomy import FieldOfAction

        def on_save_or_delete(sender, instance, created=False, **kwargs):
            # A setting created on first use (``for_request``) is empty and changes nothing.
            if isinstance(instance, BaseSiteSetting) and created:
                return
            # Every page shows fields of action from the layout cache (``fields_of_action_for``).
            if isinstance(instance, Page | Site | BaseSiteSetting | FieldOfAction):
                layout.start_new_generation()

        # Weak references would let the local function be collected.
        post_save.connect(on_save_or_delete, weak=False, dispatch_uid="layout-save")
        post_delete.connect(on_save_or_delete, weak=False, dispatch_uid="layout-delete")
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(layout.start_new_generation, dispatch_uid=f"layout-{id(signal)}")
        pagecache.connect()


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the public display name on its forms."""

    user_viewset = "cms.viewsets.UserViewSet"
