"""Reserving places at an event: on behalf of an action group (which of the person's groups,
how many places and a note), and without an account (name and e-mail address). The services
decide whether they may."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.text import CleanTextMixin

from ..rules import MAX_GROUP_PLACES
from . import AccessibleFormMixin


class GroupRegistrationForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """The optional group part of an event's reservation form, for people who lead published
    action groups. Without a group chosen, the person reserves only for themselves."""

    group = forms.TypedChoiceField(
        label=_("Reserve for my group"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Leave at “Only me” to reserve a place just for yourself."),
    )
    places = forms.IntegerField(
        label=_("How many members come (you included)"),
        min_value=1,
        max_value=MAX_GROUP_PLACES,
        initial=1,
        required=False,
        help_text=_("For a group: between 1 and %(max)d places.") % {"max": MAX_GROUP_PLACES},
    )
    note = forms.CharField(
        label=_("Note for the organisers"),
        max_length=300,
        required=False,
        help_text=_("Optional, for a group: who comes, what you need. At most 300 characters."),
    )

    def __init__(self, data=None, *, lead_groups, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].choices = [("", _("Only me")), *lead_groups]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("group") is None:
            # Only the person themselves: one place, no note.
            cleaned["places"], cleaned["note"] = 1, ""
        elif not cleaned.get("places") and "places" not in self.errors:
            self.add_error("places", _("Say how many members come."))
        return cleaned


class GuestRegistrationForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """Reserving a place without an account: a name and an e-mail address, which gets the
    confirmation link. The address is never shown on the site."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send you a link to confirm the reservation. Nobody else sees your address; "
            "the organisers see it in their list of reservations."
        ),
    )
    note = forms.CharField(
        label=_("Note for the organisers"),
        max_length=300,
        required=False,
        help_text=_("Optional: what you need to take part. At most 300 characters."),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."), code="required")
        return name
