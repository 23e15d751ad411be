"""The outbox's dead letters for staff: the e-mails that are not sent yet (waiting, waiting for a
retry, given up), why they failed, and "Send again" for those the worker gave up on.

Staff see recipients and subjects, never the text of a mail (it may quote a hidden contribution
or a reset link). Viewing needs ``participation.view_outgoingmail``, sending again
``participation.change_outgoingmail``; nobody adds, edits or deletes mails here.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from .. import mail
from ..models import OutgoingMail
from .shared import ReadableInspectView

State = OutgoingMail.State
RESENDABLE = (State.DEAD, State.RETRYING)


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """View with the view permission; "resend" with the change permission; nothing else."""

    def _permission_for(self, action):
        return {"view": "view", "resend": "change"}.get(action)

    def user_has_permission(self, user, action):
        action = self._permission_for(action)
        return action is not None and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [self._permission_for(a) for a in actions if self._permission_for(a)]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


outbox_permission_policy = OutboxPermissionPolicy(OutgoingMail)


def recipients(mail):
    return ", ".join(mail.recipients)


def last_error(mail):
    return Truncator(mail.last_error).chars(120)


class OutboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[c for c in State.choices if c[0] != State.SENT]
    )

    class Meta:
        model = OutgoingMail
        fields = ["state"]


class OutboxIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().exclude(state=State.SENT).defer("message")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.state in RESENDABLE and self.user_has_permission("resend"):
            buttons.append(
                Button(
                    _("Send again"),
                    url=reverse("outbox:send_again", args=[instance.pk]),
                    icon_name="mail",
                    priority=10,
                )
            )
        return buttons


class OutboxInspectView(ReadableInspectView):
    def get_fields(self):
        return [
            "state",
            "recipients",
            "subject",
            "attempts",
            "last_error",
            "created_at",
            "next_attempt_at",
            "sent_at",
        ]

    def get_field_display_value(self, field_name, field):
        if field_name == "recipients":
            return recipients(self.object)
        return super().get_field_display_value(field_name, field)


class SendAgainView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET), then queue a mail the worker gave up on once more (POST)."""

    template_name = "participation/admin/outbox_send_again.html"
    page_title = _("Send again")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not outbox_permission_policy.user_has_permission(request.user, "resend"):
            return permission_denied(request)
        self.mail = get_object_or_404(OutgoingMail.objects.defer("message"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.mail.subject

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("outbox:index"), "label": OutgoingMail._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "mail": self.mail,
            "recipients": recipients(self.mail),
            "resendable": self.mail.state in RESENDABLE,
            "cancel_url": reverse("outbox:index"),
        }

    def post(self, request, *args, **kwargs):
        if mail.send_again([self.mail.pk]):
            messages.success(
                request, _("“%(subject)s” is queued again.") % {"subject": self.mail.subject}
            )
        else:
            messages.error(request, _("This e-mail is sent or already waiting to be sent."))
        return redirect("outbox:index")


class OutboxViewSet(ModelViewSet):
    """E-mails the worker has not sent (yet); sent ones are not listed."""

    model = OutgoingMail
    name = "outbox"
    icon = "mail"
    menu_label = _("Outbox")
    add_to_settings_menu = True
    index_view_class = OutboxIndexView
    inspect_view_class = OutboxInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = OutboxFilterSet
    search_fields = ["subject"]
    ordering = ["-created_at", "-pk"]
    form_fields = []
    list_display = [
        "subject",
        Column("recipients", label=_("To"), accessor=recipients),
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        NumberColumn("attempts", label=_("Attempts"), sort_key="attempts"),
        Column("last_error", label=_("Last error"), accessor=last_error),
        DateColumn("created_at", label=_("Queued at"), sort_key="created_at"),
        DateColumn("next_attempt_at", label=_("Next attempt"), sort_key="next_attempt_at"),
    ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(OutgoingMail),
            codename__in=["view_outgoingmail", "change_outgoingmail"],
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("send-again/<int:pk>/", SendAgainView.as_view(), name="send_again"),
        ]


outbox_viewset = OutboxViewSet()
