"""What the index pages of all page apps share: the filter form, pagination and labels."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from cms import layout
from cms.taxonomy import FieldOfAction

# The image size of teasers (components/teaser.html); prefetched with the listed pages.
LISTING_RENDITION = "fill-640x360|format-webp"


def not_in_private_section():
    """Pages outside every section with a view restriction, as a filter inside the query itself
    (``PageQuerySet.public()`` costs a query of its own)."""
    return ~Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def listed(queryset, *, defer_streamfields=True):
    """Live, public pages with everything a teaser shows (fields of action, image rendition),
    in three queries for any number of pages: the pages with their images, their fields of
    action, and the images' renditions."""
    queryset = (
        queryset.live()
        .filter(not_in_private_section())
        .select_related("locale", "image")
        .prefetch_related(
            "fields_of_action", Prefetch("image__renditions", queryset=_listing_renditions())
        )
    )
    return queryset.defer_streamfields() if defer_streamfields else queryset


def _listing_renditions():
    return get_image_model().get_rendition_model().objects.filter(filter_spec=LISTING_RENDITION)


def without_renditions(queryset):
    """``queryset`` of :func:`listed` without the renditions, for a page that lists pages of
    several types and loads all their renditions at once (:func:`prefetch_renditions`)."""
    return queryset.prefetch_related(None).prefetch_related("fields_of_action")


def prefetch_renditions(pages):
    """Load the teaser renditions of the images of ``pages`` (of any types) in one query."""
    images = [page.image for page in pages if page.image_id]
    prefetch_related_objects(images, Prefetch("renditions", queryset=_listing_renditions()))
    return pages


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
        if get_language() != settings.LANGUAGE_CODE:
            # Outside the default language, the lists also show what exists only in it.
            self.fields["languages"] = forms.ChoiceField(
                label=_("Language"),
                required=False,
                choices=[
                    ("", _("All, also content only in %(language)s") % _default_language()),
                    ("own", _("Only %(language)s") % _active_language()),
                ],
            )

    def other_languages(self):
        """Whether the list shows pages that exist only in the default language."""
        return self.values().get("languages") != "own"

    def values(self):
        """The valid filter values; an invalid one counts as not given (``None``)."""
        self.is_valid()
        for name in set(self.errors) & set(self.fields):
            # The template explains the problem in an element with this id.
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        return {name: self.cleaned_data.get(name) or None for name in self.fields}


def _default_language():
    return {"language": get_language_info(settings.LANGUAGE_CODE)["name_translated"]}


def _active_language():
    return {"language": get_language_info(get_language())["name_translated"]}


def mark_languages(pages, index):
    """Give each page of ``pages`` listed on ``index`` ``other_language``: its language code
    where it is not ``index``'s language (the teaser shows a label and marks its text with
    ``lang``), else ``None``. ``pages`` must have ``locale`` loaded."""
    for page in pages:
        page.other_language = (
            page.locale.language_code if page.locale_id != index.locale_id else None
        )
        page.other_language_name = (
            get_language_info(page.other_language)["name_translated"] if page.other_language else ""
        )
    return pages


def paginate(request, queryset, per_page, param="page"):
    """The requested page of ``queryset`` (its number in the query parameter ``param``); a
    wrong page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def filtered_page(request, pages, filters, per_page, fields_of_action):
    """The requested page of ``pages`` in the chosen field of action (``filters["field"]``),
    each labelled with its fields of action in the reader's language."""
    if filters.get("field"):
        pages = pages.filter(fields_of_action__slug=filters["field"])
    # One field of action: the join repeats no page, so no DISTINCT (over every column, the
    # body included, it would cost more than the rest of the query).
    page_obj = paginate(request, pages, per_page)
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
