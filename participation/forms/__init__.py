"""Forms of the participation engine. They validate what people type; the services decide
whether they may do it. Only the fields listed here are read: extra fields in a request (author,
state, counts …) are ignored."""

from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cms.taxonomy import FieldOfAction
from cms.text import CleanTextMixin

from .. import images
from ..models import Comment, IllegalContentNotice, Proposal, Reason, Report

PENDING_IMAGE_DIR = "proposals/pending/"
PENDING_IMAGE_SALT = "participation.proposal-image"
PENDING_IMAGE_MAX_AGE = 24 * 60 * 60
COORDINATE_STEP = Decimal("0.00001")


def field_of_action_choices(process):
    """The process's fields of action, else all fields of action in the process's language."""
    if process.pk:
        queryset = process.fields_of_action.all()
        if queryset.exists():
            return queryset
    in_language = FieldOfAction.objects.filter(locale_id=process.locale_id)
    return in_language if in_language.exists() else FieldOfAction.objects.all()


class AccessibleFormMixin:
    """Describes every field by its help text and errors, and marks invalid fields."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}_help")
            if self.errors.get(name):
                described_by.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def error_summary(self):
        """(field id, message) for the error summary at the top of the form."""
        entries = [(None, message) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            label = self.fields[name].label if name in self.fields else ""
            target = self[name].id_for_label if name in self.fields else None
            for message in errors:
                entries.append((target, f"{label}: {message}" if label else message))
        return entries


class PlaceAndImageMixin:
    """What forms with an optional place on the map (``latitude``, ``longitude``) and an
    optional image (``image``, ``image_alt``, ``remove_image``) check alike: proposals and
    action groups."""

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        # Without an upload, FileField gives back the current image: that one stays as it is.
        if not isinstance(upload, UploadedFile):
            return None
        return images.clean_image(upload)

    def _coordinate(self, name):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        return value.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)

    def check_place(self, cleaned):
        """Both coordinates or none, rounded to the stored precision."""
        latitude, longitude = self._coordinate("latitude"), self._coordinate("longitude")
        if (latitude is None) != (longitude is None) and not (
            self.errors.get("latitude") or self.errors.get("longitude")
        ):
            missing = "longitude" if longitude is None else "latitude"
            message = _("Give both latitude and longitude, or leave both empty.")
            self.add_error(missing, ValidationError(message, code="incomplete_location"))
        cleaned["latitude"], cleaned["longitude"] = latitude, longitude

    def check_image_description(self, cleaned):
        """An image (new, or the current one kept) needs a description; without one it goes."""
        has_image = bool(cleaned.get("image")) or bool(
            self.instance.pk and self.instance.image and not cleaned.get("remove_image")
        )
        if has_image and not (cleaned.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                ValidationError(
                    _("Describe the image for people who cannot see it."), code="required"
                ),
            )
        if not has_image:
            cleaned["image_alt"] = ""


class ProposalForm(CleanTextMixin, AccessibleFormMixin, PlaceAndImageMixin, forms.ModelForm):
    """Submitting and editing a proposal. ``image`` is checked and re-encoded here; the cleaned
    data holds the clean copy (``image``) or nothing."""

    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
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
    # The clean copy of an image uploaded before the preview, so that nobody has to choose it
    # again. Signed with the person's id: nobody can claim someone else's upload.
    pending_image = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    class Meta:
        model = Proposal
        fields = [
            "title",
            "summary",
            "text",
            "field_of_action",
            "municipality",
            "latitude",
            "longitude",
            "image",
            "image_alt",
        ]
        labels = {
            "title": _("Title"),
            "summary": _("Summary"),
            "text": _("Your proposal"),
            "field_of_action": _("Field of action"),
            "municipality": _("Municipality (optional)"),
            "image_alt": _("Image description"),
        }
        help_texts = {
            "title": _("At most 120 characters."),
            "summary": _("One or two sentences, at most 500 characters. Shown in the list."),
            "text": _(
                "Plain text: leave an empty line between paragraphs. Web addresses become links."
            ),
            "municipality": _("Where in the region your proposal applies, if in one place."),
            "image_alt": _("Describe what the image shows for people who cannot see it."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, process, user, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["title", "summary", "text"])
        self.process = process
        self.user = user
        self.fields["field_of_action"].queryset = field_of_action_choices(process)
        self.fields["field_of_action"].empty_label = _("Please choose")
        self.fields["municipality"].choices = [
            ("", _("Not in one place")),
            *[choice for choice in self.fields["municipality"].choices if choice[0]],
        ]
        self.fields["latitude"].help_text = _(
            "Optional: a place on the map, e.g. 53.89100 (latitude) and 11.46500 (longitude)."
        )
        if not (self.instance.pk and self.instance.image):
            del self.fields["remove_image"]
        self.pending_image_name = None

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_summary(self):
        return self.cleaned_data["summary"].strip()

    def clean_text(self):
        return self.cleaned_data["text"].strip()

    def clean(self):
        cleaned = super().clean()
        self.check_place(cleaned)
        if not cleaned.get("image") and cleaned.get("pending_image"):
            cleaned["image"] = self._pending_image(cleaned["pending_image"])
        self.check_image_description(cleaned)
        return cleaned

    def _pending_image(self, token):
        """The image stored at the preview, if the token is the signed-in person's."""
        try:
            value = signing.loads(token, salt=PENDING_IMAGE_SALT, max_age=PENDING_IMAGE_MAX_AGE)
        except signing.BadSignature:
            return None
        if value.get("user") != self.user.pk:
            return None
        name = value.get("name", "")
        if not name.startswith(PENDING_IMAGE_DIR) or ".." in name:
            return None
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as file:
            content = ContentFile(file.read(), name=name.rsplit("/", 1)[-1])
        self.pending_image_name = name
        return content

    def keep_image_for_preview(self):
        """Store the clean image until the person submits, and put its token into the form.

        Returns the token (also for the preview's hidden field) or ``""`` without an image.
        """
        image = self.cleaned_data.get("image")
        if not image:
            return ""
        if self.pending_image_name:
            name = self.pending_image_name
        else:
            name = default_storage.save(PENDING_IMAGE_DIR + image.name, image)
            self.pending_image_name = name
        token = signing.dumps({"user": self.user.pk, "name": name}, salt=PENDING_IMAGE_SALT)
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_image")] = token
        self.cleaned_data["pending_image"] = token
        return token

    def discard_pending_image(self):
        if self.pending_image_name and default_storage.exists(self.pending_image_name):
            default_storage.delete(self.pending_image_name)

    def proposal_data(self):
        """The cleaned data the services take."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["remove_image"] = bool(self.cleaned_data.get("remove_image"))
        if not data["image"]:
            data.pop("image")
        return data


def _one_kind_of_line_break(form, names):
    """Browsers send a line break as \\r\\n: counted twice, a text that fits the limit as typed
    would be refused. One kind of line break, before any check."""
    if form.is_bound:
        form.data = form.data.copy()
        for name in names:
            if name in form.data:
                form.data[name] = form.data[name].replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """A comment or a reply. Only the text and which comment it answers are read."""

    text = forms.CharField(
        label=_("Your comment"),
        max_length=Comment._meta.get_field("text").max_length,
        help_text=_("Plain text, at most 2,000 characters. Web addresses become links."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    official = forms.BooleanField(label=_("Write as the moderation"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["text"])


class ReportForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the moderators (optional)"),
        required=False,
        max_length=Report._meta.get_field("note").max_length,
        help_text=_("At most 500 characters. Only the moderators read it."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_kind_of_line_break(self, ["note"])


class IllegalContentNoticeForm(CleanTextMixin, AccessibleFormMixin, forms.ModelForm):
    """The notice form for everybody (EU Digital Services Act, Art. 16)."""

    good_faith = forms.BooleanField(
        label=_(
            "I confirm in good faith that the information in this notice is accurate and complete."
        )
    )

    class Meta:
        model = IllegalContentNotice
        fields = ["reason", "url", "explanation", "name", "email"]
        labels = {
            "reason": _("What kind of illegal content is it?"),
            "url": _("Address (URL) of the content on this website"),
            "explanation": _("Why is the content illegal?"),
            "name": _("Your name (optional)"),
            "email": _("Your email address"),
        }
        help_texts = {
            "url": _("Copy it from the address bar, e.g. the page of a proposal or a comment."),
            "explanation": _("At most 2,000 characters."),
            "email": _("We confirm the receipt and tell you what we decided."),
        }
        widgets = {
            "reason": forms.RadioSelect,
            "explanation": forms.Textarea(attrs={"rows": 6}),
        }
        field_classes = {"url": partial(forms.URLField, assume_scheme="https")}

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        self.fields["reason"].choices = self.fields["reason"].choices[1:]  # no empty choice
        _one_kind_of_line_break(self, ["explanation"])

    def clean_url(self):
        url = self.cleaned_data["url"]
        if urlsplit(url).hostname != self.host:
            raise ValidationError(
                _("Please give the address of a page on this website (%(host)s)."),
                params={"host": self.host},
            )
        return url


# --- Moderators' forms (in the admin) ----------------------------------------------------------

NOTE_MAX_LENGTH = 500


class NoteForm(CleanTextMixin, forms.Form):
    """A moderator's note to an action; the moderation log keeps it."""

    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("At most 500 characters. Kept in the moderation log."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(NoteForm):
    """Hiding needs a reason; authors get it with the note (a statement of reasons)."""

    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "---------"), *Reason.choices],
        error_messages={"required": _("Please choose why the contributions are hidden.")},
    )
    field_order = ["reason", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _(
            "At most 500 characters. The authors get it by email with the reason; the "
            "moderation log keeps it."
        )


class BlockForm(HideForm):
    hide_contributions = forms.BooleanField(
        label=_("Also hide everything this person wrote"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Please choose why the person is blocked."
        )
        self.fields["note"].help_text = _(
            "At most 500 characters. The person reads it by email and when they try to sign in."
        )


class UnblockForm(NoteForm):
    restore_contributions = forms.BooleanField(
        label=_("Publish again what the block hid"), required=False
    )
