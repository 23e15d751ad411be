"""The values of the page frame (cms/layout.py's cache), grouped so that a request reads each
group once: one cache entry for what every page of a site and language shows (home pages,
main menu, footer), one per page for its translations and breadcrumbs."""

from django.utils.translation import get_language

from wagtail.models import Page, Site

from cms import layout
from cms.models import FooterSettings, NavigationSettings


def site_frame(request):
    """What the frame of every page of this site and language shows: {"homes": {language code:
    URL of the home page in every language with a live translation}, "menu": [(title, URL)],
    "easy_read": URL of the Leichte Sprache section, "footer": {"links", "contact_email"}}.

    One entry of the layout cache, read once per request: each entry costs round trips to the
    cache, and every page shows all three.
    """
    frames = request.__dict__.setdefault("_site_frames", {})
    language = get_language()
    if language not in frames:
        frames[language] = layout.cached(request, "frame", lambda: _frame(request))
    return frames[language]


def _frame(request):
    site = Site.find_for_request(request)
    if site is None:
        return {"homes": {}, "menu": [], "footer": {"links": []}}
    homes = {
        page.locale.language_code: page.get_url(request)
        for page in site.root_page.get_translations(inclusive=True).live().select_related("locale")
    }
    menu, easy_read = [], ""
    if get_language() in homes:
        navigation = NavigationSettings.for_request(request)
        easy_read = navigation.easy_read_url(request)
        menu = navigation.menu_items(request)
        if not menu:
            home = site.root_page.get_translations(inclusive=True).get(
                locale__language_code=get_language()
            )
            pages = home.get_children().live().in_menu().public()
            menu = [(page.title, page.get_url(request)) for page in pages]
    footer = FooterSettings.for_request(request)
    return {
        "homes": homes,
        "menu": menu,
        "easy_read": easy_read,
        "footer": {"links": footer.legal_links(request), "contact_email": footer.contact_email},
    }


def page_frame(request, page):
    """What the frame shows of ``page``: {"translations": {language code: {"url",
    "full_url"}} of its live translations (itself included), "ancestors": [{"title", "url"}]
    of the pages between the home page and it}. One layout cache entry, read once per request:
    every page shows its translations in its head and language switcher, and its breadcrumbs."""
    frames = request.__dict__.setdefault("_page_frames", {})
    key = (page.pk, get_language())
    if key not in frames:

        def compute():
            translations = {
                translation.locale.language_code: {
                    "url": translation.get_url(request),
                    "full_url": translation.get_full_url(request),
                }
                for translation in Page.objects.live()
                .filter(translation_key=page.translation_key)
                .select_related("locale")
            }
            ancestors = []
            if page.depth > 2:
                ancestors = [
                    {"title": a.title, "url": a.get_url(request)}
                    for a in page.get_ancestors()
                    .filter(depth__gte=2)
                    .only("title", "url_path", "depth")
                ]
            return {"translations": translations, "ancestors": ancestors}

        frames[key] = layout.cached(request, f"page:{page.pk}", compute)
    return frames[key]


def parent_url(request, page):
    """The address of ``page``'s parent (below the home page), from the page frame; ``""`` for
    the home page and its children's parent."""
    ancestors = page_frame(request, page)["ancestors"] if page.depth > 2 else []
    return ancestors[-1]["url"] if ancestors else ""
