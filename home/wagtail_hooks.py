"""Admin for the snippets that editorial pages are tagged with."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.viewsets import FieldOfActionViewSet
from home.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role"]
    list_filter = ["locale"]
    search_fields = ["name"]


class EditorialSnippets(SnippetViewSetGroup):
    items = (FieldOfActionViewSet, PersonViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Editorial")
    menu_name = "editorial"


register_snippet(EditorialSnippets)
