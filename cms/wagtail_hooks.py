"""Registers the platform's own admin pieces with Wagtail: the user bulk action, the admin
stylesheet, two corrections of Wagtail's wording, and the translation rules and views of
cms/translation_admin.py (translations through the editorial approval)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page, WorkflowState
from wagtail.permissions import policy_registry

from cms import translation_admin, translation_status
from cms.viewsets import UserDeleteBulkAction

# After Wagtail's own "delete" bulk action for users (order 0), which this one replaces.
hooks.register("register_bulk_action", UserDeleteBulkAction, order=100)


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-moderation.css"))


# Wagtail's menu of reports on pages and workflows. Its plain msgid "Reports" is shared with
# anything else the platform calls "Reports" (residents' reports are "Meldungen"), and the
# platform's catalogue wins over Wagtail's: a msgid of its own keeps it "Berichte".
WAGTAIL_REPORTS = pgettext_lazy("Wagtail's admin menu", "Reports")


@hooks.register("construct_main_menu")
def name_wagtails_reports_menu(request, menu_items):
    for index, item in enumerate(menu_items):
        if item.name == "reports" and isinstance(item, SubmenuMenuItem):
            menu_items[index] = SubmenuMenuItem(
                WAGTAIL_REPORTS,
                item.menu,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                order=item.order,
                attrs=item.attrs,
            )


SUBMITTED = _("Page “%(page_title)s” was submitted and now waits in the workflow “%(workflow)s”.")
# Wagtail's texts after submitting a page (edit view, create view); they say "moderation",
# which on this platform is what happens to residents' contributions.
WAGTAIL_SUBMITTED = (
    "Page '%(page_title)s' has been submitted for moderation.",
    "Page '%(page_title)s' created and submitted for moderation.",
)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def name_the_workflow(request, page):
    """Wagtail's message after submitting a page, with the workflow's real name."""
    title = {"page_title": page.get_admin_display_title()}
    theirs = [escape(gettext(text) % title) for text in WAGTAIL_SUBMITTED]
    storage = messages.get_messages(request)
    found = [m for m in storage if any(text in str(m.message) for text in theirs)]
    if found:
        # Not ``page.current_workflow_state``: the edit view read it before the workflow began.
        state = WorkflowState.objects.for_instance(page).active().select_related("workflow").first()
        if state is not None:
            ours = escape(SUBMITTED % {**title, "workflow": state.workflow.name})
            for message in found:
                text = str(message.message)
                for their_text in theirs:
                    text = text.replace(their_text, ours)
                # Wagtail rendered the message (with its buttons) as safe HTML; the texts
                # swapped in are escaped.
                message.message = mark_safe(text)  # noqa: S308
    # Reading the messages marks them as shown; they are still to be shown on the next page.
    storage.used = False


# --- Translations go through the editorial approval (cms/translation_admin.py) -------------------


@hooks.register("register_admin_urls")
def translation_urls():
    # Before wagtail-localize's own hook (cms comes first in INSTALLED_APPS), so these paths
    # answer for its translate and sync forms; reversing its URL names still works.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            translation_admin.TranslatePageView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation_admin.SyncTranslationsView.as_view(),
        ),
        path(
            "translations/",
            include(
                (
                    [
                        path(
                            "outdated/",
                            translation_admin.OutdatedTranslationsReport.as_view(),
                            name="outdated",
                        ),
                        path(
                            "<int:page_id>/submit-for-approval/",
                            translation_admin.submit_for_approval,
                            name="submit_for_approval",
                        ),
                    ],
                    "cms_translations",
                ),
                namespace="cms_translations",
            ),
        ),
    ]


class OutdatedTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_permission(request.user, "change")


@hooks.register("register_reports_menu_item")
def outdated_translations_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Outdated translations"),
        reverse("cms_translations:outdated"),
        name="outdated-translations",
        icon_name="doc-empty-inverse",
        order=850,
    )


@hooks.register("before_publish_page")
def refuse_incomplete_translation(request, page):
    """The page editor's "publish": never live with texts in the source language."""
    refusal = translation_status.incomplete_message(page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.id)
    return None


@hooks.register("before_edit_page", order=-1)
def refuse_incomplete_translation_editor_publish(request, page):
    """The translation editor's "publish" (wagtail-localize answers the page's edit view)."""
    if request.method == "POST" and request.POST.get("action") == "publish":
        refusal = translation_status.incomplete_message(page)
        if refusal:
            messages.error(request, refusal)
            return redirect("wagtailadmin_pages:edit", page.id)
    return None


@hooks.register("register_page_header_buttons")
def translation_status_buttons(page, user, view_name, next_url=None):
    """Per language: complete, incomplete, outdated or missing, in the page's header menu."""
    if page.is_root():
        return
    for row in translation_status.statuses([page]).get(page.translation_key, []):
        label = _("%(language)s: %(state)s") % {
            "language": row.locale.get_display_name(),
            "state": row.label,
        }
        if row.page is not None:
            url = reverse("wagtailadmin_pages:edit", args=[row.page.id])
        elif row.source is not None:
            url = reverse("wagtail_localize:submit_page_translation", args=[row.source.id])
        else:
            continue
        yield Button(label, url, icon_name="wagtail-localize-language", priority=90)
