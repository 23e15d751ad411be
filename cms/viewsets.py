"""Admin views of the platform's own models: users with display names, fields of action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from cms.accounts import (
    NAME_EMPTY,
    NAME_TAKEN,
    clean_display_name,
    delete_person,
    display_name_taken,
)
from cms.taxonomy import FieldOfAction


class DisplayNameMixin:
    """People are shown by display name; Wagtail's required real name is optional here. The
    display name follows the rules of signing up and of Mein Bereich: not empty, nothing
    invisible, nobody else's (ignoring case)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = False
        self.fields["display_name"].error_messages["required"] = NAME_EMPTY

    def clean_display_name(self):
        name = clean_display_name(self.cleaned_data.get("display_name"))
        if display_name_taken(name, self.instance):
            raise forms.ValidationError(NAME_TAKEN, code="taken")
        return name


class PlatformUserCreationForm(DisplayNameMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class PlatformUserEditForm(DisplayNameMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name"}


class DeletePersonForm(forms.Form):
    with_contributions = forms.BooleanField(
        label=_("Delete with contributions (spam accounts)"),
        required=False,
        help_text=_(
            "Hides everything this person wrote. Other people's replies stay, under a "
            "placeholder. Without this, the contributions stay under “Deleted account”."
        ),
    )


class UserDeleteView(WagtailUserDeleteView):
    """Deleting a person in the admin runs the same service as deleting one's own account:
    no cascade through other people's data, counters and waiting lists kept right."""

    form_class = DeletePersonForm
    template_name = "wagtailusers/users/confirm_delete.html"
    with_contributions = False

    def form_valid(self, form):
        self.with_contributions = form.cleaned_data["with_contributions"]
        return super().form_valid(form)

    def delete_action(self):
        delete_person(self.object, by=self.request.user, with_contributions=self.with_contributions)


class UserDeleteBulkAction(DeleteBulkAction):
    """Wagtail's "delete selected users", through the same service, one person at a time."""

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for person in objects:
            delete_person(person, by=user)
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin; staff also see and set the public display name; deleting goes
    through the deletion service."""

    delete_view_class = UserDeleteView

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
