"""The accessibility statement (BITV 2.0) with the feedback form, and the feedback it collects."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms import apifields
from cms.models import BasePage
from participation.blocks import PageBodyBlock

from ..forms import AccessibilityFeedbackForm


class AccessibilityStatementPage(BasePage):
    """The accessibility statement: what is accessible and what not, the enforcement body and the
    date of the last review as fields editors keep up to date, and a form to report a barrier."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)
    last_reviewed = models.DateField(
        _("last reviewed on"),
        help_text=_("When the statement was last checked against the website."),
    )
    enforcement_body_name = models.CharField(_("name"), max_length=200)
    enforcement_body_address = models.TextField(_("postal address"), max_length=400, blank=True)
    enforcement_body_url = models.URLField(_("website"), blank=True)
    enforcement_body_email = models.EmailField(_("email address"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_body_name"),
                FieldPanel("enforcement_body_address"),
                FieldPanel("enforcement_body_url"),
                FieldPanel("enforcement_body_email"),
            ],
            heading=_("Enforcement body"),
            help_text=_(
                "Where readers turn when our answer to their feedback does not satisfy them."
            ),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [*apifields.PAGE, APIField("intro"), APIField("body"), APIField("last_reviewed")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A POST to the page is feedback (home.feedback, a before_serve_page hook), which puts
        # the bound form here; a GET gets an empty one, the page concerned filled in.
        context["feedback_form"] = AccessibilityFeedbackForm.for_request(request)
        return context

    def enforcement_body(self):
        """The enforcement body's fields, for the template."""
        return {
            "name": self.enforcement_body_name,
            "address": self.enforcement_body_address,
            "url": self.enforcement_body_url,
            "email": self.enforcement_body_email,
        }


class AccessibilityFeedback(models.Model):
    """A barrier somebody reported on the accessibility statement's form: what, where, and how to
    reach them if they want an answer. Editors read it and mark it as handled."""

    barrier = models.TextField(_("barrier"), max_length=3000)
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    # Staff's record of who answered; it stays when that person's account is deleted.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.barrier[:60]
