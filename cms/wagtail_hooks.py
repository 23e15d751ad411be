"""Registers the platform's own admin pieces with Wagtail: the user bulk action, the admin
stylesheet, and two corrections of Wagtail's wording."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.models import WorkflowState

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
