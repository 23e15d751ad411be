"""The admin around translations: translations go through the editorial approval like any
page. wagtail-localize's translate and sync forms in our wording and rules, "submit for
approval" from the translation editor, and the report of outdated translations."""

import contextlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from cms import translation_status

SUBMITTED = _("The translation “%(title)s” was submitted for approval.")
NO_WORKFLOW = _("This page has no approval workflow; a lead editor publishes it directly.")
IN_MODERATION = _("This page already waits for approval.")


def approval_state(page, user):
    """What the translation editor's "submit for approval" needs to know, as ready values."""
    perms = page.permissions_for_user(user)
    workflow = page.get_workflow()
    return {
        "may_submit": perms.can_edit() and workflow is not None and workflow.active,
        "in_moderation": page.workflow_in_progress,
        "incomplete": translation_status.incomplete_message(page),
        "url": reverse("cms_translations:submit_for_approval", args=[page.id]),
    }


@require_POST
def submit_for_approval(request, page_id):
    """Start the page's workflow on its latest revision, once every text is translated."""
    page = get_object_or_404(Page, id=page_id).specific
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    refusal = None
    if workflow is None or not workflow.active:
        refusal = NO_WORKFLOW
    elif page.workflow_in_progress:
        refusal = IN_MODERATION
    else:
        refusal = translation_status.incomplete_message(page)
    if refusal:
        messages.error(request, refusal)
        return redirect(edit_url)
    if page.get_latest_revision() is None:
        page.save_revision(user=request.user)
    workflow.start(page, request.user)
    messages.success(request, SUBMITTED % {"title": page.get_admin_display_title()})
    return redirect(edit_url)


class TranslatePageView(SubmitPageTranslationView):
    """wagtail-localize's translate form with the missing languages ticked and plain labels."""

    def get_form(self):
        form = super().get_form()
        form.fields["locales"].label = _("Languages")
        form.fields["select_all"].label = _("Select all languages")
        if self.request.method != "POST" and not form.initial:
            form.initial = {"locales": list(form.fields["locales"].queryset)}
        return form


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's sync form: "publish immediately" only for people who may publish the
    page, and then only the translations that are complete; the others stay drafts."""

    def may_publish(self):
        instance = self.object.get_source_instance()
        if isinstance(instance, Page):
            return instance.permissions_for_user(self.request.user).can_publish()
        return True

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            field = form.fields["publish_translations"]
            # A disabled field ignores what is posted: the option cannot be forced.
            field.disabled = True
            field.widget = forms.HiddenInput()
        return form

    @transaction.atomic
    def form_valid(self, form):
        publish = form.cleaned_data["publish_translations"]
        if publish and not isinstance(self.object.get_source_instance(), Page):
            return super().form_valid(form)
        form.cleaned_data["publish_translations"] = False
        response = super().form_valid(form)
        if publish:
            for translation in self.object.translations.filter(enabled=True):
                page = translation.get_target_instance()
                refusal = translation_status.incomplete_message(page)
                if refusal:
                    messages.warning(self.request, f"{page.get_admin_display_title()}: {refusal}")
                else:
                    with contextlib.suppress(ValidationError):
                        translation.save_target(user=self.request.user, publish=True)
        return response


class OutdatedTranslationsReport(WagtailAdminTemplateMixin, TemplateView):
    """Every translation whose source was published after the translation took it over."""

    template_name = "cms/outdated_translations.html"
    page_title = _("Outdated translations")
    header_icon = "doc-empty-inverse"

    def get_breadcrumbs_items(self):
        # The last crumb is the page's heading (Wagtail's header shows the crumbs, not the title).
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for row in translation_status.outdated_translations(self.request.user):
            rows.append(
                {
                    "source": row.source,
                    "translation": row.page,
                    "locale": row.locale.get_display_name(),
                    "language_code": row.locale.language_code,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[row.page.id]),
                    "sync_url": reverse(
                        "wagtail_localize:update_translations", args=[row.source_record_id]
                    )
                    if row.source_record_id
                    else None,
                }
            )
        context["rows"] = rows
        return context
