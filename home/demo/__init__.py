"""Texts and structure of the demo installation, in German and English.

Written for the platform from the alliance's self-description. Each module holds one kind of
content as plain data: a dict per page with a ``"de"`` and, where the page is translated, an
``"en"`` part holding the page fields and StreamField values in Wagtail's raw form. The command
``load_demo_content`` creates what is missing from it.
"""

from .pages import HOME, STANDARD_PAGES

__all__ = ["HOME", "STANDARD_PAGES"]
