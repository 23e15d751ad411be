import functools

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from cms import layout, pagecache
from cms.localization import locale_id_of, localized_pages
from cms.pagecache import CacheGeneration  # noqa: F401  (Django finds the model here)
from cms.subpages import SEPARATOR, split_route_name
from cms.taxonomy import (
    FieldOfAction,  # noqa: F401  (Django finds the model here)
    LocalizedChoicesPageForm,
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Signs in with the email address; shown by display name only."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=50,
        help_text=_("Shown next to your contributions. It does not have to be your real name."),
    )

    display_name_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    about = models.TextField(
        _("about me"),
        max_length=500,
        blank=True,
        help_text=_("A few public words about yourself (optional)."),
    )
    fields_of_interest = models.ManyToManyField(
        "cms.FieldOfAction",
        verbose_name=_("fields of action I am interested in"),
        blank=True,
        related_name="+",
    )
    public_profile = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_(
            "Show a profile page with your public contributions; "
            "otherwise your name is shown without a link."
        ),
    )
    language = models.CharField(
        _("language for e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    # When the retention job warned the person that their account has been unused for two
    # years; signing in again clears it.
    inactivity_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name or super().get_full_name()

    def get_short_name(self):
        return self.display_name or super().get_short_name()


class BasePage(Page):
    """Every page type inherits this: listing fields, translation rules and cache headers."""

    # Fields of action and people in the page's language, each once.
    base_form_class = LocalizedChoicesPageForm

    def publish(self, revision, *args, **kwargs):
        """Every publish (workflow approval, translation editor, sync, schedule) refuses a
        translation whose texts are not all translated: it would be live in the source
        language. The page editor's button is refused earlier, with a message (wagtail_hooks)."""
        from cms.translation_status import check_publishable

        check_publishable(self)
        return super().publish(revision, *args, **kwargs)

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        max_length=300,
        help_text=_("Short text shown where this page is listed or shared."),
    )

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social media image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared (Open Graph). Without it, the page's main image is used."
        ),
    )

    promote_panels = [
        MultiFieldPanel(Page.promote_panels, _("Common page configuration")),
        FieldPanel("listing_summary"),
        FieldPanel("social_image"),
    ]

    # Every field is translated as wagtail-localize detects it (title, slug, SEO texts, body …):
    # translators set the slug in the translation editor (an English page reads /en/stories/…);
    # wagtail-localize makes a slug that a sibling already has unique with a number.
    override_translatable_fields = [TranslatableField("slug")]

    # Foreign keys that serving the page reads, loaded with it (cms.models.load_specific).
    serve_select_related = []

    class Meta:
        abstract = True

    def get_social_image(self):
        """The image for link previews: the chosen one, else the page's own main image."""
        return self.social_image or getattr(self, "image", None)

    def search_date(self):
        """The date the site search shows with the page."""
        return self.last_published_at

    def get_meta_description(self):
        return self.search_description or self.listing_summary or getattr(self, "intro", "")

    def route(self, request, path_components):
        """Find the page for the rest of the path with two queries, however deep it lies
        (:func:`route_below`)."""
        if not path_components:
            return super().route(request, path_components)
        return route_below(self, request, path_components)

    def get_view_restrictions(self):
        """The restrictions of this page and its ancestors (of an alias: those of its original),
        in one query instead of Wagtail's two.

        Wagtail's serve hook and :meth:`add_cache_headers` both ask during one request; the page
        object lives for that request, so the answer is read once.
        """
        if "_view_restrictions" not in self.__dict__:
            steps = range(self.steplen, len(self.path) + 1, self.steplen)
            pages = Page.objects.filter(path__in=[self.path[:end] for end in steps]).exclude(
                pk=self.pk
            )
            restricted = [self.alias_of_id or self.pk]
            self._view_restrictions = PageViewRestriction.objects.filter(
                Q(page_id__in=restricted)
                | Q(page_id__in=pages.values(target=Coalesce("alias_of_id", "id")))
            )
        return self._view_restrictions

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        return self.add_cache_headers(request, response)

    def add_cache_headers(self, request, response):
        """The shared-cache contract (:func:`cms.pagecache.add_cache_headers`); a page with view
        restrictions (or below one) is never shared."""
        return pagecache.add_cache_headers(
            request, response, restricted=lambda: bool(self.get_view_restrictions())
        )


def route_below(page, request, path_components):
    """The route of ``path_components`` below ``page`` (whose class routes as :class:`BasePage`
    does), with two queries however deep the target lies.

    Wagtail walks the path one level at a time, two queries a level. Every page's ``url_path``
    already spells its path of slugs, so one query finds all pages on the way and one more loads
    the target with its images. A page on the way with routes of its own (a feed, a calendar, a
    proposal …) gets the rest of the path when one of its routes matches it, exactly as when
    walking level by level; only a page that routes in yet another way stops the walk early.
    """
    prefixes = [
        f"{page.url_path}{'/'.join(path_components[:depth])}/"
        for depth in range(1, len(path_components) + 1)
    ]
    found = {
        found.url_path: found
        for found in Page.objects.filter(
            url_path__in=prefixes, path__startswith=page.path, depth__gt=page.depth
        ).only("url_path", "path", "depth", "content_type", "live")
    }
    target, consumed = None, 0
    for depth, prefix in enumerate(prefixes, start=1):
        found_page = found.get(prefix)
        if found_page is None:
            break
        target, consumed = found_page, depth
        page_class = found_page.specific_class
        if page_class is None:
            break
        if page_class.route is RoutablePageMixin.route:
            if found_page.live and _resolves(page_class, path_components[depth:]):
                break
        elif page_class.route is not BasePage.route:
            break
    if target is None:
        raise Http404
    return load_specific(target).route(request, path_components[consumed:])


def _resolves(page_class, path_components):
    """Whether a route of the routable ``page_class`` matches the rest of the path."""
    path = "/" + "".join(f"{component}/" for component in path_components)
    try:
        page_class.get_resolver().resolve(path)
    except Http404:
        return False
    return True


def load_specific(page):
    """``page`` as its specific class with its images (main and social image) and what the
    class names in ``serve_select_related``, in one query."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    related = [*_image_fields(model), *model.serve_select_related]
    return model._default_manager.select_related(*related).get(pk=page.pk)


@functools.cache
def _image_fields(model):
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is image_model
    ]


class IndexPageMixin(models.Model):
    """What every index page (stories, events, places, processes …) has: an optional
    introduction above its list, one index per parent, and a page size for its list.
    Each index says under which page type it goes (``parent_page_types``): the page apps
    hold the page types, ``cms`` names none of them."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    max_count_per_parent = 1
    per_page = 12

    class Meta:
        abstract = True

    def items(self, model, *, other_languages=True):
        """The live ``model`` children of this index; in another language than the default
        also those of the default language's index that have no live translation here (shown
        with a language label, :func:`cms.listing.mark_languages`), so that an English index
        never hides what exists only in German."""
        own = Q(path__startswith=self.path, depth=self.depth + 1)
        source = self.default_language_index() if other_languages else None
        if source is None:
            return model.objects.filter(own)
        untranslated = Q(path__startswith=source[0], depth=source[1] + 1) & ~Exists(
            Page.objects.live().filter(
                translation_key=OuterRef("translation_key"), locale_id=self.locale_id
            )
        )
        return model.objects.filter(own | untranslated)

    def default_language_index(self):
        """(path, depth) of this index's live translation in the default language, from the
        layout cache; None for that index itself or without one."""
        if self.locale_id == locale_id_of(settings.LANGUAGE_CODE):
            return None
        key = f"default-index:{self.translation_key}"
        found = layout.cached_everywhere(
            key,
            lambda: (
                Page.objects.live()
                .filter(
                    translation_key=self.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .values_list("path", "depth")
                .first()
                or ()
            ),
        )
        return tuple(found) or None


class CommentableMixin(models.Model):
    """A page residents discuss below its content (participation's comment thread); editors
    may close the comments of a page."""

    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Residents may write comments below this page. Existing comments stay."),
    )

    comments_enabled = True
    settings_panels = [*BasePage.settings_panels, FieldPanel("comments_open")]

    class Meta:
        abstract = True


class MainImageMixin(models.Model):
    """A page's main image with alternative text of its own: the same picture may need a
    different description on a different page."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )

    image_panels = [
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image"))
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )


class RoutableBasePage(RoutablePageMixin, BasePage):
    """A page with extra routes (feeds, calendars, steps …).

    ``RoutablePageMixin`` calls a route's view directly, bypassing ``BasePage.serve``; here every
    route, the page's own address included, gets the same cache headers.
    """

    class Meta:
        abstract = True

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            return super().serve(request)
        response = view(request, *(args or []), **(kwargs or {}))
        return self.add_cache_headers(request, response)

    @property
    def route_language(self):
        """The language of the page's route segments: the language of its locale, read from
        the site root it lies below (Wagtail caches those for building addresses) rather than
        from a query for the locale."""
        if "locale" not in self._state.fields_cache and self.url_path:
            roots = [
                root
                for root in self._get_site_root_paths()
                if self.url_path.startswith(root.root_path)
            ]
            if roots:
                return max(roots, key=lambda root: len(root.root_path)).language_code
        return self.locale.language_code

    def reverse_subpage(self, name, args=None, kwargs=None):
        """The address of route ``name`` below the page, with the segments of the page's
        language (:mod:`cms.subpages`); ``name`` may carry another language's suffix, as a
        route resolved on a translation does."""
        return self.reverse_subpage_in(self.route_language, name, args, kwargs)

    @classmethod
    def reverse_subpage_in(cls, language, name, args=None, kwargs=None):
        """The address of route ``name`` below a page of this type in ``language``."""
        resolver = cls.get_resolver()
        name = split_route_name(name)[0]
        args, kwargs = args or [], kwargs or {}
        for candidate_language in (language, settings.LANGUAGE_CODE):
            candidate = f"{name}{SEPARATOR}{candidate_language}"
            try:
                return resolver.reverse(candidate, *args, **kwargs)
            except NoReverseMatch:
                continue
        return resolver.reverse(name, *args, **kwargs)

    def resolve_subpage(self, path):
        """The route at ``path``; its ``url_name`` without language. Another language's
        segment answers with a permanent redirect to the page's own (reads only; a form sent
        to it is still handled)."""
        match = super().resolve_subpage(path)
        name, language = split_route_name(match.url_name)
        match.url_name = name
        if language is not None and language != self.route_language:
            match.func = self._to_own_segment(match.func, name)
        return match

    def localize_subpath(self, subpath):
        """``subpath`` (a route below a page of this type, maybe with ``#fragment``) with the
        segments of this page's language; unchanged if no route matches it."""
        route, hash_, fragment = subpath.partition("#")
        try:
            match = self.get_resolver().resolve("/" + route.lstrip("/"))
        except Http404:
            return subpath
        own = self.reverse_subpage(match.url_name, match.args, match.kwargs)
        return own + hash_ + fragment

    def _to_own_segment(self, view, name):
        def redirect_to_own_segment(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            url = self.get_url(request) + self.reverse_subpage(name, args, kwargs)
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

        return redirect_to_own_segment


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """Legal links that every page shows in its footer; each resolves to the reader's language."""

    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    open_data_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("open data page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    select_related = ["imprint_page", "privacy_page", "accessibility_page", "open_data_page"]

    panels = [
        FieldPanel("imprint_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("open_data_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("footer")

    @staticmethod
    def _live_localized(pages):
        """``pages`` (those chosen) in the active language, else in the original one; the live
        ones."""
        pages = [page for page in pages if page is not None]
        translations = localized_pages(pages)
        pages = [translations.get(page.translation_key, page) for page in pages]
        return [page for page in pages if page.live]

    def legal_links(self, request):
        """(title, url) of the legal pages in the active language, else in the original one."""
        pages = [
            self.imprint_page,
            self.privacy_page,
            self.accessibility_page,
            self.open_data_page,
        ]
        return [(page.title, page.get_url(request)) for page in self._live_localized(pages)]

    def privacy_url(self, request):
        """The privacy notice's address as :meth:`legal_links` gives it; ``""`` without one."""
        pages = self._live_localized([self.privacy_page])
        return pages[0].get_url(request) if pages else ""


def menu_area_choices():
    """The sections outside the page tree that the main navigation may name
    (``settings.MAIN_MENU_AREAS``)."""
    return [(name, label) for name, (_url_name, label) in settings.MAIN_MENU_AREAS.items()]


@register_setting(icon="bars")
class NavigationSettings(BaseSiteSetting):
    """The main navigation: pages in the order editors choose, each in the reader's language,
    and sections of the platform that are not pages (the action groups, the board)."""

    main_menu = StreamField(
        [
            ("page", blocks.PageChooserBlock(label=_("Page"))),
            (
                "area",
                blocks.ChoiceBlock(
                    choices=menu_area_choices, label=_("Section of the platform"), icon="link"
                ),
            ),
        ],
        verbose_name=_("main navigation"),
        blank=True,
        max_num=10,
        help_text=_(
            "Pages and sections in the main navigation, in this order. Each is shown in the "
            "reader's language where a translation is published. Empty: the home page's "
            "subpages marked “Show in menus”."
        ),
    )

    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Leichte Sprache page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The start of the section in Leichte Sprache. Every page links to it in its header, "
            "in the reader's language where a translation is published."
        ),
    )

    select_related = ["easy_read_page"]

    panels = [FieldPanel("main_menu"), FieldPanel("easy_read_page")]

    class Meta:
        verbose_name = _("navigation")

    def easy_read_url(self, request):
        """The address of the Leichte Sprache section in the active language, else in its own;
        ``""`` without a live one."""
        page = self.easy_read_page
        if page is None:
            return ""
        page = localized_pages([page]).get(page.translation_key, page)
        return page.get_url(request) if page.live else ""

    def menu_items(self, request):
        """(title, address) of each entry in the active language: live pages (or their
        original where untranslated) and the sections of the platform."""
        pages = [block.value for block in self.main_menu if block.block_type == "page"]
        translations = localized_pages([page for page in pages if page is not None])
        items = []
        for block in self.main_menu:
            if block.block_type == "area":
                area = settings.MAIN_MENU_AREAS.get(block.value)
                if area is not None:
                    items.append((str(area[1]), reverse(area[0])))
            elif block.value is not None:
                page = translations.get(block.value.translation_key, block.value)
                if page.live:
                    items.append((page.title, page.get_url(request)))
        return items
