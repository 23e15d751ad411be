"""Two factors on the account page.

SKELETON — the MFA helper replaces this module."""


def section_context(request):
    """What the account page's "Two-factor authentication" section shows."""
    return {}
