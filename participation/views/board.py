"""The region's board of needs and offers ("Gesucht" / "Geboten") and the contact relay.

The board lists the open, readable entries of readable groups with filters. Leads add their
group's needs and mark them as met; residents offer something and withdraw it. Every entry is
answered through the relay, which writes to a group's leads or an offer's author by email and
never shows an address; the recipient reports a message through the signed link in the email.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cms.listing import fields_of_action_for, paginate

from .. import rules, services
from ..forms.board import BoardEntryForm, BoardFilterForm, RelayForm, RelayReportForm
from ..models import ActionGroup, BoardEntry, Moderation, RelayMessage
from ..ratelimits import too_fast
from ..text import render_plain_text
from .shared import private, public, refused

logger = logging.getLogger(__name__)

PER_PAGE = 20

# The relay's refusals that the form shows (the person may try again later, their text kept).
# Refusals the sender can mend by trying again later: the form keeps their text.
RELAY_RETRY = ("too_many", services.RELAY_UNDELIVERED)


def _board_url():
    return reverse("participation:board")


def _label(entry, fields_of_action):
    field = entry.field_of_action
    if field is None:
        return None
    return fields_of_action.get(field.slug, field)


def _decorate(request, entries, fields_of_action):
    """Give each entry what its template shows: its description as HTML, its field of action
    in the reader's language, and the addresses the reader may use. No query per entry."""
    user = request.user
    for entry in entries:
        entry.description_html = render_plain_text(entry.description)
        entry.field_label = _label(entry, fields_of_action)
        entry.municipality_label = entry.municipality or _("Region-wide")
        entry.group_url = entry.group.get_url(request) if entry.group_id else None
        own = (user.is_authenticated and entry.author_id == user.pk) or (
            entry.is_need and rules.is_group_lead(user, entry.group_id)
        )
        entry.answer_url = (
            reverse("participation:relay_entry", kwargs={"pk": entry.pk})
            if entry.is_published and not own
            else None
        )
        if rules.may_change_entry(user, entry):
            entry.edit_url = reverse("participation:board_entry_edit", kwargs={"pk": entry.pk})
            entry.close_url = reverse("participation:board_entry_close", kwargs={"pk": entry.pk})
        else:
            entry.edit_url = entry.close_url = None
    return entries


def open_entries(user):
    """The open entries ``user`` may read: not closed, readable (or their own), and of a
    published group if they belong to one."""
    return (
        BoardEntry.objects.visible_to(user)
        .filter(closed_at=None)
        .filter(Q(group=None) | Q(group__moderation=Moderation.PUBLISHED))
        .select_related("group", "author", "field_of_action")
    )


def board(request):
    fields_of_action = fields_of_action_for(request)
    form = BoardFilterForm(request.GET, fields_of_action=fields_of_action)
    filters = form.values()
    entries = open_entries(request.user)
    if filters["kind"]:
        entries = entries.filter(kind=filters["kind"])
    if filters["category"]:
        entries = entries.filter(category=filters["category"])
    if filters["field"]:
        entries = entries.filter(field_of_action__slug=filters["field"])
    if filters["municipality"]:
        entries = entries.filter(Q(municipality=filters["municipality"]) | Q(municipality=""))
    page_obj = paginate(request, entries, PER_PAGE)
    _decorate(request, page_obj.object_list, fields_of_action)
    user = request.user
    context = {
        "filter_form": form,
        "filtered": any(filters.values()),
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "offer_url": reverse("participation:board_offer_create"),
        "may_offer": not user.is_authenticated or rules.offer_obstacle(user) is None,
    }
    response = render(request, "participation/board/board.html", context)
    return public(request, response)


def group_needs(request, group):
    """What the group page shows of the group's open needs and how to write to its leads, in a
    constant number of queries."""
    user = request.user
    fields_of_action = fields_of_action_for(request)
    needs = list(
        BoardEntry.objects.visible_to(user)
        .filter(group=group, kind=BoardEntry.Kind.NEED, closed_at=None)
        .select_related("field_of_action")
    )
    for need in needs:
        need.group = group
    _decorate(request, needs, fields_of_action)
    lead = rules.is_group_lead(user, group.pk)
    return {
        "board_needs": needs,
        "board_is_lead": lead,
        "board_need_url": (
            reverse("participation:board_need_create", kwargs={"pk": group.pk})
            if lead and rules.need_obstacle(user, group) is None
            else None
        ),
        "board_contact_url": (
            reverse("participation:relay_group", kwargs={"pk": group.pk})
            if group.is_published and not lead
            else None
        ),
        "board_url": _board_url(),
    }


# --- Needs and offers ----------------------------------------------------------------------------


def _refuse(request, obstacle, back_to):
    if obstacle.code == rules.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    return refused(request, obstacle, back_to)


def _lead_groups(user):
    return list(
        ActionGroup.objects.filter(pk__in=rules.lead_group_ids(user))
        .exclude(moderation=Moderation.HIDDEN)
        .only("pk", "name")
    )


def _entry_form(request, *, kind, group=None, entry=None, back_to):
    """The form of a new need (``group``), a new offer, or a change of ``entry``."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    user = request.user
    offer = kind == BoardEntry.Kind.OFFER
    groups = _lead_groups(user) if offer else None
    language = translation.get_language()
    form = BoardEntryForm(
        request.POST if request.method == "POST" else None,
        instance=entry or BoardEntry(kind=kind, group=group),
        kind=kind,
        groups=groups,
        language_code=language,
    )
    if request.method == "POST" and form.is_valid():
        data = form.entry_data()
        try:
            if entry is not None:
                entry = services.edit_entry(user, entry, data)
                messages.success(request, _("Your changes are saved."))
            elif offer:
                entry = services.add_offer(user, data)
                messages.success(request, _("Your offer is on the board."))
            else:
                entry = services.add_need(user, group, data)
                messages.success(request, _("The need is on the board."))
        except rules.ParticipationError as error:
            return refused(request, error.message, back_to)
        return private(redirect(entry.get_url(request)))
    context = {
        "form": form,
        "kind": kind,
        "group": group or (entry.group if entry else None),
        "entry": entry,
        "back_to": back_to,
    }
    status = 400 if form.is_bound else 200
    return private(render(request, "participation/board/entry_form.html", context, status=status))


def need_create(request, pk):
    group = get_object_or_404(ActionGroup.objects.visible_to(request.user), pk=pk)
    back_to = group.get_url(request)
    obstacle = rules.need_obstacle(request.user, group)
    if obstacle:
        return _refuse(request, obstacle, back_to)
    return _entry_form(request, kind=BoardEntry.Kind.NEED, group=group, back_to=back_to)


def offer_create(request):
    obstacle = rules.offer_obstacle(request.user)
    if obstacle:
        return _refuse(request, obstacle, _board_url())
    return _entry_form(request, kind=BoardEntry.Kind.OFFER, back_to=_board_url())


def _visible_entry(request, pk):
    entries = BoardEntry.objects.visible_to(request.user).select_related("group")
    return get_object_or_404(entries, pk=pk)


def entry_edit(request, pk):
    entry = _visible_entry(request, pk)
    back_to = entry.get_url(request)
    obstacle = rules.entry_obstacle(request.user, entry)
    if obstacle:
        return _refuse(request, obstacle, back_to)
    return _entry_form(request, kind=entry.kind, entry=entry, back_to=back_to)


def _next_or(request, fallback):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


def entry_close(request, pk):
    """Mark a need as met or withdraw an offer (a button, POST only)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry = _visible_entry(request, pk)
    back_to = _next_or(request, _board_url())
    try:
        services.close_entry(request.user, entry)
    except rules.ParticipationError as error:
        return _refuse(request, error.message, back_to)
    if entry.is_need:
        messages.success(request, _("The need is marked as met and has left the board."))
    else:
        messages.success(request, _("Your offer is withdrawn and has left the board."))
    return private(redirect(back_to))


# --- The contact relay ---------------------------------------------------------------------------


def relay_group(request, pk):
    """Write to the leads of a group."""
    group = ActionGroup.objects.filter(pk=pk).first()
    back_to = group.get_url(request) if group is not None and group.is_published else None
    return _relay(request, group=group, back_to=back_to)


def relay_entry(request, pk):
    """Answer a need (its group's leads) or an offer (its author)."""
    entry = BoardEntry.objects.select_related("group", "author").filter(pk=pk).first()
    back_to = entry.get_url(request) if entry is not None else None
    return _relay(request, entry=entry, back_to=back_to)


def _network_too_fast(request):
    """The limit per network address (in the cache). When the cache is down the relay still
    works: its limits per person and per email address are counted in the database."""
    refusal = too_fast(request, "relay")
    if refusal and refusal.status != 429:
        logger.warning("The relay's limit per network address could not be counted")
        return False
    return bool(refusal)


def _relay(request, *, group=None, entry=None, back_to=None):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    user = request.user
    signed_in = user.is_authenticated
    back_to = back_to or _board_url()
    recipients = rules.relay_recipients(group, entry) if (group or entry) else []
    obstacle = rules.relay_obstacle(user, group=group, entry=entry, recipients=recipients)
    if obstacle and obstacle.code not in RELAY_RETRY:
        return refused(request, obstacle, back_to if obstacle.code != "unknown" else _board_url())
    form = RelayForm(request.POST if request.method == "POST" else None, signed_in=signed_in)
    status = 200
    if request.method == "POST":
        if _network_too_fast(request):
            form.is_valid()
            form.add_error(
                None, _("Many messages were sent from here in a short time. Please try later.")
            )
            status = 429
        elif form.is_valid():
            try:
                services.send_relay(
                    user,
                    group=group,
                    entry=entry,
                    text=form.cleaned_data["text"],
                    share_address=form.cleaned_data["share_address"],
                    sender_name=form.cleaned_data.get("name", ""),
                    sender_email=form.cleaned_data.get("email", ""),
                    language=translation.get_language(),
                )
            except rules.ParticipationError as error:
                if error.code not in RELAY_RETRY:
                    return refused(request, error.message, back_to)
                form.add_error(None, error.message)
                status = 503 if error.code == services.RELAY_UNDELIVERED else 429
            else:
                messages.success(
                    request,
                    _("Your message is sent. We did not show your address to anybody.")
                    if not form.cleaned_data["share_address"]
                    else _("Your message is sent. The recipient can answer you by email."),
                )
                return private(redirect(back_to))
        else:
            status = 400
    elif obstacle:
        messages.info(request, obstacle)
    if entry is not None:
        heading = (
            _("Answer the need “%(title)s”") if entry.is_need else _("Answer the offer “%(title)s”")
        ) % {"title": entry.title}
        recipient = (
            _("Your message goes to the leads of the group %(group)s.") % {"group": entry.group}
            if entry.is_need
            else _("Your message goes to the person who made the offer.")
        )
    else:
        heading = _("Write to the leads of %(group)s") % {"group": group.name}
        recipient = _("Your message goes to the leads of the group.")
    context = {
        "form": form,
        "heading": heading,
        "recipient_note": recipient,
        "back_to": back_to,
        "sender": user if signed_in else None,
    }
    return private(render(request, "participation/board/relay_form.html", context, status=status))


def _invalid_report(request, message, status):
    context = {"message": message}
    return private(
        render(request, "participation/board/relay_report_invalid.html", context, status=status)
    )


def relay_report(request):
    """The recipient of a relayed message reports it through the signed link in the email."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    token = request.POST.get("token", "") if request.method == "POST" else request.GET.get("t", "")
    try:
        message_id, text = services.read_report_token(token)
    except signing.BadSignature:
        return _invalid_report(
            request,
            _(
                "This report link is not valid: it was changed, cut off or is too old. Please "
                "copy the whole link from the email."
            ),
            400,
        )
    message = RelayMessage.objects.filter(pk=message_id).first()
    if message is None:
        return _invalid_report(request, _("This message is no longer on record."), 404)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obstacle = rules.report_obstacle(request.user, message)
    if obstacle:
        messages.info(request, obstacle)
        return private(redirect(_board_url()))
    status = 200
    if request.method == "POST":
        form = RelayReportForm(request.POST)
        refusal = too_fast(request, "report")
        if refusal:
            form.is_valid()
            form.add_error(
                None,
                refusal.explain(
                    _("You have sent many reports in a short time. Please try again in a minute.")
                ),
            )
            status = refusal.status
        elif form.is_valid():
            try:
                services.report_relay(
                    request.user, token, form.cleaned_data["reason"], form.cleaned_data["note"]
                )
            except rules.ParticipationError as error:
                messages.info(request, error.message)
                return private(redirect(_board_url()))
            messages.success(
                request, _("Thank you for your report. The moderators will look at it.")
            )
            return private(redirect(_board_url()))
        else:
            status = 400
    else:
        form = RelayReportForm(initial={"token": token})
    sender = message.author.display_name if message.author_id else message.sender_name
    context = {
        "form": form,
        "text_html": render_plain_text(text),
        "sender_name": sender,
        "sent_at": message.created_at,
        "action_url": reverse("participation:relay_report"),
    }
    return private(render(request, "participation/board/relay_report.html", context, status=status))


urlpatterns = [
    path(pgettext_lazy("URL path", "new-offer/"), offer_create, name="board_offer_create"),
    path(
        format_lazy("{}<int:pk>/", pgettext_lazy("URL path", "new-need/")),
        need_create,
        name="board_need_create",
    ),
    path(
        format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "edit/")),
        entry_edit,
        name="board_entry_edit",
    ),
    path(
        format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "close/")),
        entry_close,
        name="board_entry_close",
    ),
    path(
        format_lazy(
            "{}{}<int:pk>/",
            pgettext_lazy("URL path", "contact/"),
            pgettext_lazy("URL path", "group/"),
        ),
        relay_group,
        name="relay_group",
    ),
    path(
        format_lazy(
            "{}{}<int:pk>/",
            pgettext_lazy("URL path", "contact/"),
            pgettext_lazy("URL path", "entry/"),
        ),
        relay_entry,
        name="relay_entry",
    ),
    path(
        format_lazy(
            "{}{}", pgettext_lazy("URL path", "contact/"), pgettext_lazy("URL path", "report/")
        ),
        relay_report,
        name="relay_report",
    ),
]
