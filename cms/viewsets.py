"""Admin views of the platform's own models: users with display names, fields of action."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.taxonomy import FieldOfAction


class DisplayNameMixin:
    """People are shown by display name; Wagtail's required real name is optional here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = False


class PlatformUserCreationForm(DisplayNameMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class PlatformUserEditForm(DisplayNameMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name"}


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin; staff also see and set the public display name."""

    def get_form_class(self, for_update=False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm


class FieldOfActionViewSet(SnippetViewSet):
    """The taxonomy's snippet admin; the editorial menu groups it with the page apps' snippets."""

    model = FieldOfAction
    icon = "tag"
    menu_label = _("Fields of action")
    list_display = ["name", "slug", "colour"]
    list_filter = ["locale"]
    ordering = ["sort_order", "name"]
