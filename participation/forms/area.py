"""The forms of "Mein Bereich": the profile and the notification settings."""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.accounts import NAME_EMPTY, NAME_TAKEN, clean_display_name, display_name_taken
from cms.taxonomy import FieldOfAction
from cms.text import CleanTextMixin

from ..models import (
    FIXED_DELIVERY,
    Delivery,
    NotificationReason,
)
from ..notifications.delivery import preferences_of, set_preferences
from . import AccessibleFormMixin

# A display name stays for a day before it may change again: names are how people recognise
# each other in a thread, and a name changed every few minutes is a way to confuse them.
DISPLAY_NAME_INTERVAL = timedelta(hours=24)

NAME_TOO_SOON = _("You can change your display name once a day. Please try again after %(time)s.")


class ProfileForm(CleanTextMixin, AccessibleFormMixin, forms.ModelForm):
    # The display name has its own, stricter check (cms.accounts.clean_display_name).
    text_checked_elsewhere = ("display_name",)

    fields_of_interest = forms.ModelMultipleChoiceField(
        label=_("Fields of action I am interested in"),
        queryset=FieldOfAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = get_user_model()
        fields = ["display_name", "about", "fields_of_interest", "public_profile", "language"]
        error_messages = {"display_name": {"required": NAME_EMPTY}}
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "about": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
        }

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.previous_name = self.instance.display_name
        fields = FieldOfAction.for_language(get_language())
        self.fields["fields_of_interest"].queryset = FieldOfAction.objects.filter(
            pk__in=[field.pk for field in fields.values()]
        ).order_by("sort_order", "name")

    def clean_display_name(self):
        name = clean_display_name(self.cleaned_data.get("display_name"))
        if name == self.previous_name:
            return name
        changed_at = self.instance.display_name_changed_at
        if changed_at is not None and self.now - changed_at < DISPLAY_NAME_INTERVAL:
            again = timezone.localtime(changed_at + DISPLAY_NAME_INTERVAL)
            raise forms.ValidationError(
                NAME_TOO_SOON,
                code="too_soon",
                params={"time": again.strftime("%d.%m.%Y %H:%M")},
            )
        if display_name_taken(name, self.instance):
            raise forms.ValidationError(NAME_TAKEN, code="taken")
        return name

    @transaction.atomic
    def save(self, commit=True):
        user = super().save(commit=False)
        if user.display_name != self.previous_name:
            user.display_name_changed_at = self.now
        user.save()
        self.save_m2m()
        return user


class NotificationSettingsForm(AccessibleFormMixin, forms.Form):
    """One choice per reason: immediately, daily, weekly, or only on the site. Reasons with a
    fixed delivery (statements of reasons) are shown, not chosen."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        current = preferences_of(user)
        super().__init__(*args, initial={r.value: current[r] for r in NotificationReason}, **kwargs)
        self.fixed = []
        for reason in NotificationReason:
            if reason in FIXED_DELIVERY:
                self.fixed.append((reason.label, Delivery(FIXED_DELIVERY[reason]).label))
                continue
            self.fields[reason.value] = forms.ChoiceField(
                label=reason.label, choices=Delivery.choices, widget=forms.RadioSelect
            )

    def save(self):
        set_preferences(self.user, {NotificationReason(k): v for k, v in self.cleaned_data.items()})
