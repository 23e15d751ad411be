"""Template tags that hand the base layout ready values; the templates themselves never query."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from cms import accounts, layout
from cms.frame import page_frame, site_frame

register = template.Library()


def _home_urls(request):
    """{language code: URL} of the site's home page in every language with a live translation."""
    return site_frame(request)["homes"]


def _page_translations(request, page):
    """{language code: {"url", "full_url"}} of ``page``'s live translations (itself included)."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    return page_frame(request, page)["translations"]


def _is_subpage_route(request, page):
    """Whether the request is for a route below the page (a learning step, a feed …)."""
    url = page.get_url(request)
    return bool(url) and request.path != url


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """Description, canonical and language alternates, and Open Graph data of a page."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or not page.pk:
        return {}
    translations = _page_translations(request, page)
    alternates = [{"code": code, "url": urls["full_url"]} for code, urls in translations.items()]
    default = translations.get(settings.LANGUAGE_CODE)
    image = page.get_social_image() if hasattr(page, "get_social_image") else None
    image_url = ""
    if image is not None:
        image_url = request.build_absolute_uri(image.get_rendition("fill-1200x630|format-jpeg").url)
    return {
        "title": page.seo_title or page.title,
        "description": page.get_meta_description()
        if hasattr(page, "get_meta_description")
        else page.search_description,
        "canonical": request.build_absolute_uri(request.path)
        if _is_subpage_route(request, page)
        else page.get_full_url(request),
        "alternates": alternates,
        "x_default": default["full_url"] if default is not None else "",
        "image_url": image_url,
        "og_locale": {"de": "de_DE", "en": "en_GB"}.get(get_language(), "de_DE"),
        "site_name": "LANDVORTEIL",
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The way from the home page to the current page, for pages below the home page."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}

    # A copy: the cached list itself must not grow.
    crumbs = list(page_frame(request, page)["ancestors"])
    crumbs.append(
        {
            "title": page.title,
            "url": page.get_url(request),
            "current": not _is_subpage_route(request, page),
        }
    )
    return {"crumbs": crumbs}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Every language with the current page (and route below it) in that language; a language
    without a live translation is marked and links to the same address there, which shows the
    notice of the nearest translated page (cms/routing.py)."""
    request = context.get("request")
    current = get_language()
    if request is None:
        return {"languages": []}
    homes = _home_urls(request)
    page = context.get("page")
    translations = _page_translations(request, page)
    notice = getattr(request, "translation_notice", None)
    routed = _routed_translations(request, page) if translations else {}
    languages = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        missing = False
        if notice is not None and code == notice["language"]:
            url = notice["url"]
        elif target is not None:
            url = routed.get(code) or target["url"]
        elif translations:
            url, missing = _same_path_in(request, code), True
        else:
            url = _translated_path(request, code, homes)
        languages.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
                "missing": missing,
            }
        )
    current_name = get_language_info(current)["name_translated"]
    return {
        "languages": languages,
        "page_language": current,
        # Translators: in the language switcher, next to a language the page is missing in
        "only_in": _("only in %(language)s") % {"language": current_name},
    }


def _routed_translations(request, page):
    """{language code: URL} of the route below ``page`` that the request is for (a learning
    step, a proposal …) on each live translation; {} on the page itself."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or not _is_subpage_route(request, page):
        return {}
    key = f"route:{page.pk}:{request.path}"

    def compute():
        urls = {}
        for translation in (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .specific()
        ):
            url = translation.get_url(request)
            if url is None or not hasattr(translation, "reverse_subpage"):
                continue
            try:
                route = translation.reverse_subpage(
                    match.url_name, args=match.args, kwargs=match.kwargs
                )
            except NoReverseMatch:
                continue
            urls[translation.locale.language_code] = url + route
        return urls

    return layout.cached(request, key, compute)


def _same_path_in(request, code):
    """The request's address with the language prefix of ``code``."""
    prefix = f"/{get_language()}/"
    path = request.path
    rest = path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")
    return f"/{code}/{rest}"


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context):
    """The notice on a page shown in place of one that exists only in another language."""
    request = context.get("request")
    notice = getattr(request, "translation_notice", None) if request is not None else None
    if notice is None:
        return {"notice": None}
    language = {"language": get_language_info(notice["language"])["name_translated"]}
    return {
        "notice": {
            **notice,
            "text": _("This page is only available in %(language)s.") % language,
            "read_in": _("Read it in %(language)s:") % language,
        }
    }


def _translated_path(request, code, homes):
    """The same view in another language (with the same query, e.g. a search), or that
    language's home page."""
    path = request.path
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.url_name not in (None, "wagtail_serve"):
        translated = translate_url(path, code)
        if translated != path or code == get_language():
            query = request.GET.urlencode()
            return f"{translated}?{query}" if query else translated
    return homes.get(code) or f"/{code}/"


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The logo and the header's menu: the main navigation and the tools (search, languages,
    account), which fold into one disclosure on small screens."""
    request = context.get("request")
    # The tools are inclusion tags of their own and need what the page has.
    frame = {"request": request, "page": context.get("page"), "user": context.get("user")}
    if request is None:
        return {**frame, "items": [], "home_url": "/"}
    home_url = _home_urls(request).get(get_language())
    if home_url is None:
        return {**frame, "items": [], "home_url": "/"}

    current_path = request.path
    frame_values = site_frame(request)
    items = [
        {"title": title, "url": url, "active": current_path.startswith(url or "#")}
        for title, url in frame_values["menu"]
    ]
    easy_read_url = frame_values.get("easy_read", "")
    return {
        **frame,
        "items": items,
        "home_url": home_url,
        "easy_read_url": easy_read_url,
        "easy_read_active": bool(easy_read_url) and current_path.startswith(easy_read_url),
    }


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    # No site answers for an unknown host name: its error pages still render.
    if request is None or Site.find_for_request(request) is None:
        return {"links": []}

    return site_frame(request)["footer"]


@register.inclusion_tag("components/account_links.html", takes_context=True)
def account_links(context):
    user = context.get("user")
    authenticated = user is not None and user.is_authenticated
    return {
        "user": user,
        "authenticated": authenticated,
        "show_admin_link": authenticated and accounts.may_use_admin(user),
    }


@register.filter
def unplaced(messages):
    """The messages for the top of the page: without those tagged "placed", which the page
    shows where the action was (e.g. next to a comment, participation.views.comments)."""
    if not messages:
        # Asked before iterating: iterating marks the messages as shown, and so the page as
        # personal (cms.pagecache.personal_by_nature).
        return []
    return [message for message in messages if "placed" not in (message.extra_tags or "").split()]
