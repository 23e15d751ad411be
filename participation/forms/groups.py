"""Starting and editing an action group.

The vision and the process a group works on are pages of the page apps, which participation
never imports. It finds them through what it owns: a vision is a page that a proposal can
become (the model on the other side of ``Proposal.visions``), a process is a page with the
process rules (:class:`participation.models.ProcessHostMixin`). The choices are the live, public
pages of the reader's language; a vision page links to the start form with ``?vision=<id>``,
a proposal page with ``?proposal=<id>``, which preselect them.
"""

from django import forms
from django.apps import apps
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from cms.taxonomy import FieldOfAction
from cms.text import CleanTextMixin

from .. import images
from ..models import ActionGroup, ProcessHostMixin, Proposal
from ..municipalities import MUNICIPALITY_CHOICES
from . import AccessibleFormMixin, PlaceAndImageMixin, _one_kind_of_line_break

REGIONWIDE_LABEL = _("Region-wide")


def vision_model():
    """The page model of visions, known from the relation they keep to their proposal."""
    return Proposal._meta.get_field("visions").related_model


def process_models():
    return [model for model in apps.get_models() if issubclass(model, ProcessHostMixin)]


def _pages_of(models, language_code):
    pages = Page.objects.live().public().type(*models).order_by("title")
    in_language = pages.filter(locale__language_code=language_code)
    return in_language


def vision_pages(language_code=None):
    """The live, public vision pages a group may name, in the language given (default: active)."""
    return _pages_of([vision_model()], language_code or get_language())


def process_pages(language_code=None):
    return _pages_of(process_models(), language_code or get_language())


def fields_of_action_in(language_code=None):
    """The fields of action in the language given (default: active), else all of them."""
    in_language = FieldOfAction.objects.filter(
        locale__language_code=language_code or get_language()
    )
    return in_language if in_language.exists() else FieldOfAction.objects.all()


class ProposalNumberField(forms.ModelChoiceField):
    """A readable proposal, named by its number (as in its address)."""

    widget = forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"})

    def label_from_instance(self, obj):
        return obj.title


class ActionGroupForm(CleanTextMixin, AccessibleFormMixin, PlaceAndImageMixin, forms.ModelForm):
    """Starting or editing a group. ``image`` is checked and re-encoded here; the cleaned data
    holds the clean copy or nothing."""

    fields_of_action = forms.ModelMultipleChoiceField(
        label=_("Fields of action"),
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Please choose at least one field of action."),
            "invalid_choice": _("Please choose fields of action from the list."),
            "invalid_pk_value": _("Please choose fields of action from the list."),
        },
    )
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        help_text=_("Where the group is active, or “Region-wide”."),
        error_messages={
            "invalid_choice": _(
                "Please choose a municipality of the region from the list, or “Region-wide”."
            )
        },
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_(
            "Optional: a place on the map, e.g. 53.89100 (latitude) and 11.46500 (longitude)."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB and 20 megapixels. We remove location data."),
        widget=forms.FileInput(attrs={"accept": images.ACCEPT}),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    vision = forms.ModelChoiceField(
        label=_("Vision (optional)"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("The vision of the region your group carries into action."),
        error_messages={"invalid_choice": _("Please choose a vision from the list.")},
    )
    process = forms.ModelChoiceField(
        label=_("Process (optional)"),
        queryset=Page.objects.none(),
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Please choose a process from the list.")},
    )
    proposal = ProposalNumberField(
        label=_("Number of a proposal (optional)"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_("The number in the address of the proposal your group works on."),
        error_messages={
            "invalid_choice": _("There is no published proposal with this number."),
        },
    )

    class Meta:
        model = ActionGroup
        fields = [
            "name",
            "purpose",
            "fields_of_action",
            "municipality",
            "latitude",
            "longitude",
            "image",
            "image_alt",
            "joining",
            "seeks_members",
            "vision",
            "proposal",
            "process",
        ]
        labels = {
            "name": _("Name of the group"),
            "purpose": _("What the group wants to achieve"),
            "image_alt": _("Image description"),
            "joining": _("How people join"),
            "seeks_members": _("We are looking for members"),
        }
        help_texts = {
            "name": _("At most 80 characters."),
            "purpose": _(
                "Plain text, at most 3,000 characters: leave an empty line between paragraphs. "
                "Web addresses become links."
            ),
            "image_alt": _("Describe what the image shows for people who cannot see it."),
            "seeks_members": _("Shown in the overview; people can look for such groups."),
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 10}),
            "joining": forms.RadioSelect,
        }

    def __init__(self, *args, user, language_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["name", "purpose", "image_alt"])
        self.user = user
        language_code = language_code or get_language()
        self.fields["fields_of_action"].queryset = fields_of_action_in(language_code)
        self.fields["municipality"].choices = [("", REGIONWIDE_LABEL), *MUNICIPALITY_CHOICES]
        self.fields["vision"].queryset = vision_pages(language_code)
        self.fields["process"].queryset = process_pages(language_code)
        proposals = Proposal.objects.readable().filter(withdrawn_at=None)
        if self.instance.proposal_id:
            # A proposal named before stays possible, even if it was withdrawn since.
            proposals = Proposal.objects.readable().filter(
                withdrawn_at=None
            ) | Proposal.objects.filter(pk=self.instance.proposal_id)
        self.fields["proposal"].queryset = proposals
        if self.instance.pk:
            for name in ("vision", "process"):
                current = getattr(self.instance, f"{name}_id")
                if current:
                    field = self.fields[name]
                    field.queryset = field.queryset | Page.objects.filter(pk=current)
        if self.instance.pk and not self.is_bound:
            # Fields of action are chosen in the reader's language; a group tagged in another
            # language shows the same fields (same slugs) checked.
            slugs = {field.slug for field in self.instance.fields_of_action.all()}
            self.initial["fields_of_action"] = [
                field.pk
                for field in self.fields["fields_of_action"].queryset
                if field.slug in slugs
            ]
        if not (self.instance.pk and self.instance.image):
            del self.fields["remove_image"]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_purpose(self):
        return self.cleaned_data["purpose"].strip()

    def clean(self):
        cleaned = super().clean()
        self.check_place(cleaned)
        self.check_image_description(cleaned)
        return cleaned

    def _post_clean(self):
        # The service puts the values on the group; the form's own copy of the instance is not
        # saved, and its image stays untouched until then.
        pass

    def group_data(self):
        """The cleaned data the services take."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["fields_of_action"] = list(data["fields_of_action"])
        data["image_alt"] = (data["image_alt"] or "").strip()
        data["remove_image"] = bool(self.cleaned_data.get("remove_image"))
        if not data["image"]:
            data.pop("image")
        return data
