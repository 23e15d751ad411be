"""Forms of the board of needs and offers and of the contact relay: the board's filters, a need
or an offer, a message to a group's leads or an entry's author, and the recipient's report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.listing import ListingFilterForm
from cms.taxonomy import FieldOfAction
from cms.text import CleanTextMixin

from ..models import BoardEntry
from ..municipalities import MUNICIPALITY_CHOICES
from . import AccessibleFormMixin, ReportForm, _one_kind_of_line_break

RELAY_TEXT_MAX_LENGTH = 2000


class BoardFilterForm(ListingFilterForm):
    """The board's GET filters: kind, category, field of action (its slug) and municipality
    (which includes what is offered or needed region-wide). Unknown values are dropped."""

    kind = forms.ChoiceField(label=_("Wanted or offered"), required=False)
    category = forms.ChoiceField(label=_("What"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    field_order = ["kind", "category", "field", "municipality"]

    def __init__(self, data, *, fields_of_action):
        super().__init__(data, fields_of_action=fields_of_action)
        self.fields["kind"].choices = [("", _("Wanted and offered")), *BoardEntry.Kind.choices]
        self.fields["category"].choices = [("", _("Everything")), *BoardEntry.Category.choices]
        self.fields["municipality"].choices = [
            ("", _("The whole region")),
            *MUNICIPALITY_CHOICES,
        ]
        self.order_fields(self.field_order)


class BoardEntryForm(CleanTextMixin, AccessibleFormMixin, forms.ModelForm):
    """A need (for a group) or an offer (optionally on behalf of a group the person leads).
    ``groups``: the groups an offer may be made for; ``None`` for a need, whose group is set."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    group = forms.TypedChoiceField(
        label=_("On behalf of"), required=False, coerce=int, empty_value=None
    )

    class Meta:
        model = BoardEntry
        fields = ["title", "description", "category", "field_of_action", "municipality"]
        labels = {
            "title": _("Title"),
            "description": _("Description"),
            "category": _("What"),
            "field_of_action": _("Field of action"),
        }
        help_texts = {
            "title": _("At most 120 characters."),
            "description": _(
                "Plain text, at most 1,500 characters: leave an empty line between paragraphs."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, kind, groups=None, language_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["title", "description"])
        self.kind = kind
        in_language = FieldOfAction.objects.filter(locale__language_code=language_code)
        self.fields["field_of_action"].queryset = (
            in_language if language_code and in_language.exists() else FieldOfAction.objects.all()
        )
        self.fields["field_of_action"].required = True
        self.fields["field_of_action"].empty_label = _("Please choose")
        self.fields["category"].choices = [("", _("Please choose")), *BoardEntry.Category.choices]
        self.fields["municipality"].choices = [("", _("Region-wide")), *MUNICIPALITY_CHOICES]
        self.fields["municipality"].help_text = _("Where in the region, or region-wide.")
        if groups:
            self.fields["group"].choices = [
                ("", _("Myself")),
                *[(group.pk, group.name) for group in groups],
            ]
            self.fields["group"].help_text = _("You may offer something for a group you lead.")
            if self.instance.pk and self.instance.group_id:
                self.initial.setdefault("group", self.instance.group_id)
        else:
            del self.fields["group"]

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_description(self):
        return self.cleaned_data["description"].strip()

    def entry_data(self):
        """The cleaned data the services take."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["municipality"] = data["municipality"] or ""
        if "group" in self.fields:
            data["group_id"] = self.cleaned_data.get("group")
        return data


class RelayForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """A message through the contact relay. Visitors give a name and an address; signed-in
    residents write with those of their account (``signed_in``)."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We never show it. The recipient sees it only if you tick the box below."),
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=RELAY_TEXT_MAX_LENGTH,
        help_text=_("Plain text, at most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    share_address = forms.BooleanField(
        label=_("The recipient may see my email address and answer me directly"),
        required=False,
        help_text=_(
            "If you do not tick this, the recipient cannot answer you by email: your address "
            "stays with us."
        ),
    )

    def __init__(self, *args, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["text"])
        if signed_in:
            del self.fields["name"]
            del self.fields["email"]
            self.fields["share_address"].label = _(
                "The recipient may see the email address of my account and answer me directly"
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."), code="required")
        return name

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a message."), code="required")
        return text


class RelayReportForm(ReportForm):
    """The recipient reports a relayed message; the signed token carries the message."""

    token = forms.CharField(widget=forms.HiddenInput)
