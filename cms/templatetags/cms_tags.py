"""Template tags that hand the base layout ready values; the templates themselves never query."""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_language_info

from wagtail.models import Page, Site

from cms.models import FooterSettings

register = template.Library()


def _home_pages(request):
    """The site's home page in every language that has a live translation of it.

    Kept on the request: the menu and the language switcher both need it.
    """
    if not hasattr(request, "_home_pages"):
        site = Site.find_for_request(request)
        request._home_pages = (
            {
                page.locale.language_code: page
                for page in site.root_page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            }
            if site is not None
            else {}
        )
    return request._home_pages


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    current = get_language()
    if request is None:
        return {"languages": []}
    homes = _home_pages(request)
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            translation.locale.language_code: translation
            for translation in Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        }
    languages = []
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request)
        else:
            url = _translated_path(request, code, homes)
        languages.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
        )
    return {"languages": languages}


def _translated_path(request, code, homes):
    """The same view in another language, or that language's home page."""
    path = request.path
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.url_name not in (None, "wagtail_serve"):
        translated = translate_url(path, code)
        if translated != path or code == get_language():
            return translated
    home = homes.get(code)
    return home.get_url(request) if home is not None else f"/{code}/"


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    if request is None:
        return {"items": [], "home_url": "/"}
    homes = _home_pages(request)
    home = homes.get(get_language())
    if home is None:
        return {"items": [], "home_url": "/"}
    current_path = request.path
    items = []
    for child in home.get_children().live().in_menu().public():
        url = child.get_url(request)
        items.append(
            {"title": child.title, "url": url, "active": current_path.startswith(url or "#")}
        )
    return {"items": items, "home_url": home.get_url(request)}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    footer = FooterSettings.for_request(request)
    return {"links": footer.legal_links(request), "contact_email": footer.contact_email}


@register.inclusion_tag("components/account_links.html", takes_context=True)
def account_links(context):
    user = context.get("user")
    authenticated = user is not None and user.is_authenticated
    return {
        "user": user,
        "authenticated": authenticated,
        "show_admin_link": authenticated and user.has_perm("wagtailadmin.access_admin"),
    }
