"""Forms of the editorial pages that readers fill in."""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.text import CleanTextMixin
from participation.forms import AccessibleFormMixin


def same_site_path(url, host):
    """The path (with query) of ``url`` if it points at ``host`` or is a path on this site;
    ``""`` for anything else, so that no foreign address is kept or shown."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("", "http", "https"):
        return ""
    if parts.netloc and (parts.hostname or "") != host:
        return ""
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


class AccessibilityFeedbackForm(CleanTextMixin, AccessibleFormMixin, forms.Form):
    """A barrier somebody found: what (required), where (a page of this site) and, if they want
    an answer, how to reach them."""

    barrier = forms.CharField(
        label=_("Which barrier did you find?"),
        help_text=_("Describe what did not work for you. At most 3,000 characters."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please describe the barrier.")},
    )
    page_url = forms.CharField(
        label=_("On which page? (optional)"),
        help_text=_("The address of the page on this website, e.g. /de/veranstaltungen/."),
        max_length=500,
        required=False,
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        help_text=_("Only if you want an answer. We use it for nothing else."),
        required=False,
        error_messages={"invalid": _("Please give a valid email address, e.g. name@example.org.")},
    )

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        if self.is_bound:
            self.data = self.data.copy()
            for name in ("barrier",):
                if name in self.data:
                    self.data[name] = self.data[name].replace("\r\n", "\n").replace("\r", "\n")

    @classmethod
    def for_request(cls, request):
        """An empty form; the page concerned is the one the reader came from (``?seite=`` or
        the referrer), if it is on this site."""
        host = request.get_host().split(":")[0]
        page_url = same_site_path(request.GET.get("seite", ""), host) or same_site_path(
            request.headers.get("referer", ""), host
        )
        if page_url == request.path:
            # Back on the statement after sending: it is not the page concerned.
            page_url = ""
        return cls(host=host, initial={"page_url": page_url})

    def clean_page_url(self):
        url = self.cleaned_data["page_url"]
        if url and not same_site_path(url, self.host):
            raise forms.ValidationError(
                _("Please give the address of a page on this website (%(host)s)."),
                params={"host": self.host},
            )
        return same_site_path(url, self.host)
