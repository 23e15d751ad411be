"""Download my data (GDPR Art. 15/20): request a ZIP, and fetch it once through its link.

SKELETON — the data-export helper replaces this module."""


def section_context(request):
    """What the account page's "Download my data" section shows."""
    return {}


def request_export(request):
    raise NotImplementedError


def download_export(request, token):
    raise NotImplementedError
