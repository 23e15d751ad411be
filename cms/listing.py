"""What the index pages of all page apps share: the filter form, pagination and labels."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.images import get_image_model

from cms import layout
from cms.taxonomy import FieldOfAction

# The image size of teasers (components/teaser.html); prefetched with the listed pages.
LISTING_RENDITION = "fill-640x360|format-webp"


def listed(queryset, *, defer_streamfields=True):
    """Live, public pages with everything a teaser shows (fields of action, image rendition),
    in the same number of queries for any number of pages."""
    queryset = (
        queryset.live()
        .public()
        .select_related("locale")
        .prefetch_related(
            "fields_of_action",
            Prefetch(
                "image", queryset=get_image_model().objects.prefetch_renditions(LISTING_RENDITION)
            ),
        )
    )
    return queryset.defer_streamfields() if defer_streamfields else queryset


def fields_of_action_field():
    return ParentalManyToManyField(
        "cms.FieldOfAction",
        verbose_name=_("fields of action"),
        blank=True,
        related_name="+",
    )


class ListingFilterForm(forms.Form):
    """GET filters of index pages. Unknown values are dropped, never an error page."""

    field = forms.ChoiceField(label=_("Field of action"), required=False)

    def __init__(self, data, *, fields_of_action):
        super().__init__(data)
        self.fields["field"].choices = [("", _("All fields of action"))] + [
            (slug, field.name) for slug, field in fields_of_action.items()
        ]

    def values(self):
        """The valid filter values; an invalid one counts as not given (``None``)."""
        self.is_valid()
        for name in set(self.errors) & set(self.fields):
            # The template explains the problem in an element with this id.
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        return {name: self.cleaned_data.get(name) or None for name in self.fields}


def paginate(request, queryset, per_page):
    """The requested page of ``queryset``; a wrong page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def filtered_page(request, pages, filters, per_page, fields_of_action):
    """The requested page of ``pages`` in the chosen field of action (``filters["field"]``),
    each labelled with its fields of action in the reader's language."""
    if filters.get("field"):
        pages = pages.filter(fields_of_action__slug=filters["field"])
    page_obj = paginate(request, pages.distinct(), per_page)
    label_fields_of_action(page_obj.object_list, fields_of_action)
    return page_obj


def label_fields_of_action(pages, fields_of_action):
    """Give each page ``field_labels``: its fields of action in the reader's language.

    ``pages`` must have ``fields_of_action`` prefetched; ``fields_of_action`` is the
    {slug: field} map of :meth:`FieldOfAction.for_language`.
    """
    for page in pages:
        page.field_labels = [
            fields_of_action.get(field.slug, field) for field in page.fields_of_action.all()
        ]
    return pages


def fields_of_action_for(request):
    """The {slug: field} map for this request's language, from the layout cache (a saved or
    deleted field of action starts a new generation) and kept on the request."""
    if not hasattr(request, "_fields_of_action"):
        request._fields_of_action = layout.cached(
            request, "fields_of_action", FieldOfAction.for_language
        )
    return request._fields_of_action
