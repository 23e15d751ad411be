"""Forms of action-group membership: a request to join, the leads' reasons, undertakings
(Vorhaben) and progress updates. They validate what people type; the services decide whether
they may do it."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.text import CleanTextMixin

from ..models import GroupUpdate, Undertaking
from ..rules.memberships import vision_pages
from . import AccessibleFormMixin, _one_kind_of_line_break

REASON_MAX_LENGTH = 500
MESSAGE_MAX_LENGTH = 500


class MembershipRequestForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the leads (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Say briefly why you would like to join. At most 500 characters."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["message"])


class ReasonForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """Why the leads decline a request or remove a member; the person reads it."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX_LENGTH,
        help_text=_(
            "The person reads this by email and on the group's page. At most 500 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["reason"])
        self.fields["reason"].required = required
        if not required:
            self.fields["reason"].label = _("Reason (optional)")


def vision_choices():
    """The visions an undertaking may be tied to, in the reader's language where there are
    any."""
    visions = vision_pages().select_related("locale").order_by("title")
    in_language = visions.filter(locale__language_code=translation.get_language())
    return in_language if in_language.exists() else visions


class UndertakingForm(CleanTextMixin, AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Undertaking
        fields = ["title", "description", "status", "vision"]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "status": _("Status"),
            "vision": _("Vision (optional)"),
        }
        help_texts = {
            "title": _("At most 120 characters."),
            "description": _(
                "What the group sets out to do. Plain text: leave an empty line between "
                "paragraphs. At most 3,000 characters."
            ),
            "vision": _("The vision this undertaking carries into action, if any."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["title", "description"])
        self.fields["vision"].queryset = vision_choices()
        self.fields["vision"].empty_label = _("No vision")

    def undertaking_data(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class GroupUpdateForm(CleanTextMixin, AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = GroupUpdate
        fields = ["title", "text", "undertaking"]
        labels = {
            "title": _("Title"),
            "text": _("Text"),
            "undertaking": _("About the undertaking (optional)"),
        }
        help_texts = {
            "title": _("At most 120 characters."),
            "text": _(
                "What happened, what comes next. Plain text: leave an empty line between "
                "paragraphs. At most 5,000 characters."
            ),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["title", "text"])
        self.fields["undertaking"].queryset = Undertaking.objects.filter(group_id=group.pk)
        self.fields["undertaking"].empty_label = _("The whole group")

    def update_data(self):
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}
