"""Texts and structure of the demo installation, in German and English.

Written for the platform from the alliance's self-description. Each module holds one kind of
content as plain data: for the editorial pages a dict per page with a ``"de"`` and, where the page
is translated, an ``"en"`` part holding the page fields and StreamField values in Wagtail's raw
form; for the participation (processes, proposals, visions, comments, polls, action groups)
tuples and dicts as their comments describe. The commands ``load_demo_content`` and
``load_vision_demo`` create what is missing from it (:mod:`demo.loaders`).
"""
