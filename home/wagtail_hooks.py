"""Admin for the snippets that editorial pages are tagged with."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.viewsets import FieldOfActionViewSet
from home.admin.feedback import AccessibilityFeedbackViewSet, feedback_permission_policy
from home.feedback import serve_statement
from home.models import AccessibilityFeedback, Person


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


hooks.register("before_serve_page", serve_statement)
hooks.register("register_admin_viewset", AccessibilityFeedbackViewSet)
register_permission_policy(AccessibilityFeedback, feedback_permission_policy)
