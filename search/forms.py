from django import forms
from django.utils.translation import gettext_lazy as _

from .query import MAX_QUERY


class SearchForm(forms.Form):
    """The search words and filters from the address. Nothing here is ever refused: a search
    for anything shows a page of results (maybe none), so every value is cleaned, not
    validated."""

    SORTS = (("relevance", _("Best matches")), ("newest", _("Newest first")))

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.CharField(required=False)
    field = forms.CharField(required=False)
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def values(self):
        self.is_valid()
        data = self.cleaned_data
        text = " ".join((data.get("q") or "").split())
        try:
            page = int(data.get("page") or 1)
        except ValueError:
            page = 1
        return {
            "q": text[:MAX_QUERY],
            "shortened": len(text) > MAX_QUERY,
            "type": (data.get("type") or "")[:100],
            "field": (data.get("field") or "")[:100],
            "sort": "newest" if data.get("sort") == "newest" else "relevance",
            "page": min(max(page, 1), 1000),
        }
