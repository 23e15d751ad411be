"""Action groups: the overview with filters and map, a group's page and its feed, starting and
editing a group.

The group page is assembled here; the membership panel, the needs and the suitable formats come
in through the context functions of their modules (``memberships.group_panel``,
``board.group_needs``, ``participation.formats.suitable_formats``) and their includes.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import number_format
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from wagtail.models import Page

from cms.cache import TRY_AGAIN, CacheUnavailable
from cms.listing import ListingFilterForm, fields_of_action_for, label_fields_of_action, paginate
from cms.localization import language_of
from cms.maps import allow_map_tiles, map_context

from .. import formats, rules, services
from ..forms.groups import REGIONWIDE_LABEL, ActionGroupForm
from ..models import ActionGroup, GroupUpdate, ModerationLogEntry, Undertaking
from ..models.moderation import target_type_of
from ..municipalities import MUNICIPALITY_CHOICES
from ..rules.follows import follow_button
from ..services import submissions
from ..text import render_plain_text
from . import board, memberships
from .shared import private, public, refused

PER_PAGE = 24
FEED_ITEMS = 30
PURPOSE_EXCERPT = 220
REGIONWIDE = "regionwide"


# --- The overview --------------------------------------------------------------------------------


class GroupFilterForm(ListingFilterForm):
    """The overview's GET filters; unknown values are dropped, never an error page."""

    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    seeks = forms.BooleanField(label=gettext_lazy("Looking for members"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status of an undertaking"), required=False)

    def __init__(self, data, *, fields_of_action):
        super().__init__(data, fields_of_action=fields_of_action)
        self.fields["municipality"].choices = [
            ("", gettext_lazy("All municipalities")),
            (REGIONWIDE, REGIONWIDE_LABEL),
            *MUNICIPALITY_CHOICES,
        ]
        self.fields["status"].choices = [
            ("", gettext_lazy("Any status")),
            *Undertaking.Status.choices,
        ]


def _filters(request):
    form = GroupFilterForm(request.GET, fields_of_action=fields_of_action_for(request))
    return form, form.values()


def _filtered(groups, filters):
    if filters["field"]:
        through = ActionGroup.fields_of_action.through
        groups = groups.filter(
            Exists(
                through.objects.filter(
                    actiongroup_id=OuterRef("pk"), fieldofaction__slug=filters["field"]
                )
            )
        )
    if filters["municipality"] == REGIONWIDE:
        groups = groups.filter(municipality="")
    elif filters["municipality"]:
        groups = groups.filter(municipality=filters["municipality"])
    if filters["seeks"]:
        groups = groups.filter(seeks_members=True)
    if filters["status"]:
        groups = groups.filter(
            Exists(Undertaking.objects.filter(group=OuterRef("pk"), status=filters["status"]))
        )
    return groups


def _filter_query(filters):
    return urlencode(
        {name: "1" if value is True else value for name, value in filters.items() if value}
    )


def _place_label(group):
    return group.municipality or str(REGIONWIDE_LABEL)


def _joining_label(group):
    if group.joining == ActionGroup.Joining.OPEN:
        return _("Open to everybody")
    return _("Join by request")


def _members_label(count):
    return ngettext("%(count)s member", "%(count)s members", count) % {"count": count}


def groups(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form, filters = _filters(request)
    listed = _filtered(
        ActionGroup.objects.visible_to(request.user).prefetch_related("fields_of_action"), filters
    ).order_by("-created_at", "-pk")
    page_obj = paginate(request, listed, PER_PAGE)
    label_fields_of_action(page_obj.object_list, fields_of_action_for(request))
    for group in page_obj.object_list:
        group.url = group.get_url(request)
        group.place_label = _place_label(group)
        group.members_label = _members_label(group.member_count)
        group.joining_label = _joining_label(group)
        group.purpose_excerpt = Truncator(group.purpose).chars(PURPOSE_EXCERPT)
    query = _filter_query(filters)
    context = {
        "filter_form": form,
        "groups": page_obj,
        "filtered": any(filters.values()),
        "start_url": reverse("participation:group_start"),
        "geojson_url": reverse("participation:groups_geojson") + (f"?{query}" if query else ""),
        **map_context(legend=[("group", _("Action group"))]),
    }
    response = render(request, "participation/groups/overview.html", context)
    allow_map_tiles(response)
    return public(request, response)


def groups_geojson(request):
    """The groups with a place on the map as a GeoJSON FeatureCollection, with the overview's
    filters."""
    _form, filters = _filters(request)
    rows = (
        _filtered(ActionGroup.objects.visible_to(request.user), filters)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("-created_at", "-pk")
        .values("pk", "name", "municipality", "latitude", "longitude", "member_count")
    )
    pattern = reverse("participation:group", kwargs={"pk": 987654321})
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "title": row["name"],
                "url": pattern.replace("987654321", str(row["pk"])),
                "kind": _members_label(row["member_count"]),
                "municipality": row["municipality"] or str(REGIONWIDE_LABEL),
                "marker": "group",
            },
        }
        for row in rows
    ]
    response = HttpResponse(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )
    return public(request, response)


# --- A group's page ------------------------------------------------------------------------------


def _visible_group(request, pk):
    """The group if ``request.user`` may read it (published, their own, or pending and led by
    them); else 404."""
    queryset = (
        ActionGroup.objects.visible_to(request.user)
        .select_related("author", "vision", "process", "proposal__process")
        .prefetch_related("fields_of_action")
    )
    return get_object_or_404(queryset, pk=pk)


def _readable_pages(group):
    """The ids of the pages the group names (vision, process, the proposal's process) that are
    live and outside every private section; one query for all of them (two with restrictions)."""
    ids = {group.vision_id, group.process_id}
    if group.proposal is not None:
        ids.add(group.proposal.process_id)
    ids.discard(None)
    if not ids:
        return set()
    return set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))


def _page_link(request, page, readable):
    """A link to a page the group names, if it is live and public; else None."""
    if page is None or page.pk not in readable:
        return None
    url = page.get_url(request)
    return {"title": page.title, "url": url} if url else None


def _proposal_link(request, group, readable):
    proposal = group.proposal
    if proposal is None or not proposal.is_readable or proposal.process_id not in readable:
        return None
    process_url = proposal.process.get_url(request)
    if not process_url:
        return None
    return {
        "title": proposal.title,
        "url": process_url
        + proposal.get_url(below_process=True, language=language_of(proposal.process.locale_id)),
    }


def _hiding(group):
    """Why the moderation hid ``group`` (the latest hiding's reason and note), for its founder;
    None when nothing is recorded."""
    entry = (
        ModerationLogEntry.objects.filter(
            target_type=target_type_of(group),
            target_id=group.pk,
            action__in=[
                ModerationLogEntry.Action.HIDE,
                ModerationLogEntry.Action.AUTO_HIDE,
                ModerationLogEntry.Action.BLOCK,
            ],
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if entry is None:
        return None
    if entry.action == ModerationLogEntry.Action.AUTO_HIDE:
        reason = entry.get_action_display()
    else:
        reason = entry.get_reason_display() or entry.get_action_display()
    return {"reason": reason, "note_html": render_plain_text(entry.note)}


def group_page(request, pk):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    group = _visible_group(request, pk)
    user = request.user
    fields_of_action = fields_of_action_for(request)
    label_fields_of_action([group], fields_of_action)
    # The membership part first: it loads the leads and the reader's membership, which the
    # rules below then read without a query.
    panel = memberships.group_panel(request, group)
    readable = _readable_pages(group)
    is_lead = panel["membership_is_lead"]
    is_author = user.is_authenticated and group.author_id == user.pk
    context = {
        "group": group,
        "purpose_html": render_plain_text(group.purpose),
        "place_label": _place_label(group),
        "members_label": _members_label(group.member_count),
        "location": (
            f"{number_format(group.latitude)}, {number_format(group.longitude)}"
            if group.has_location
            else ""
        ),
        "joining_label": _joining_label(group),
        "leads": panel["membership_leads"],
        "hiding": _hiding(group) if group.is_hidden and is_author else None,
        "is_lead": is_lead,
        "is_author": is_author,
        "may_edit": is_lead and rules.edit_group_obstacle(user, group) is None,
        "edit_url": group.get_url(request, "group_edit"),
        "overview_url": reverse("participation:groups"),
        "vision_link": _page_link(request, group.vision, readable),
        "process_link": _page_link(request, group.process, readable),
        "proposal_link": _proposal_link(request, group, readable),
        "feed_url": group.get_url(request, "group_feed") if group.is_published else "",
        "follow": follow_button(request, group),
        **panel,
        **board.group_needs(request, group),
        **formats.suitable_formats(request, group),
    }
    response = TemplateResponse(request, "participation/groups/group_page.html", context)
    if not group.is_published:
        return private(response)
    return public(request, response)


# --- The feed of a group's updates ---------------------------------------------------------------


class GroupUpdatesFeed(Feed):
    """The readable updates of a readable group, newest first (Atom)."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, pk):
        group = ActionGroup.objects.readable().filter(pk=pk).first()
        if group is None:
            raise Http404
        return group

    def title(self, group):
        return _clean(_("%(name)s – updates") % {"name": group.name})

    def subtitle(self, group):
        return _clean(Truncator(group.purpose).chars(PURPOSE_EXCERPT))

    def link(self, group):
        return group.get_url(self.request)

    def feed_url(self, group):
        return self.request.build_absolute_uri()

    def items(self, group):
        return list(
            GroupUpdate.objects.readable()
            .filter(group=group)
            .order_by("-created_at", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return _clean(item.title)

    def item_description(self, item):
        return _clean(item.text)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_url(self.request, full=True)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


def _clean(text):
    """Text without the control characters XML forbids (pasted from word processors)."""
    return "".join(
        " " if (ord(char) < 32 and char not in "\t\n\r") or ord(char) == 127 else char
        for char in str(text or "")
    )


def group_feed(request, pk):
    # A feed object per request: it keeps the request for the items' addresses.
    return GroupUpdatesFeed()(request, pk=pk)


# --- Starting and editing a group ----------------------------------------------------------------


def _form_page(request, context, status=200):
    """The group form; its place picker may load map tiles (cms.maps)."""
    response = render(
        request,
        "participation/groups/group_form.html",
        {**map_context(), **context},
        status=status,
    )
    return private(allow_map_tiles(response))


def _initial_from_query(request):
    """What a link from a vision, proposal or process page preselects (``?vision=<id>`` …);
    anything else is ignored."""
    initial = {}
    for name in ("vision", "proposal", "process"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    return initial


def _submitted_already(request, token):
    done, pk = submissions.submitted(request, token)
    if not done:
        return None
    messages.info(request, _("This group has already been started; it was saved once."))
    if pk is not None and ActionGroup.objects.filter(pk=pk, author=request.user).exists():
        return private(redirect("participation:group", pk=pk))
    return private(redirect("participation:groups"))


def start_group(request):
    start_url = reverse("participation:group_start")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obstacle = rules.start_group_obstacle(request.user)
    if obstacle:
        return refused(request, obstacle, reverse("participation:groups"))
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "mode": "start",
        "action_url": start_url,
        "cancel_url": reverse("participation:groups"),
    }
    if request.method == "GET":
        form = ActionGroupForm(user=request.user, initial=_initial_from_query(request))
        context.update(form=form, submission_token=submissions.issue(request))
        return _form_page(request, context)

    token = request.POST.get("submission", "")
    done = _submitted_already(request, token)
    if done is not None:
        return done
    form = ActionGroupForm(request.POST, request.FILES, user=request.user)
    context.update(form=form, submission_token=token)
    if not form.is_valid():
        return _form_page(request, context)
    try:
        claimed = submissions.claim(request, token)
    except CacheUnavailable:
        messages.error(request, TRY_AGAIN)
        return _form_page(request, context, status=503)
    if not claimed:
        # Not sent from a form of this session (or the session ended): nothing is saved yet.
        messages.info(request, _("Please check the form once more and send it again."))
        context["submission_token"] = submissions.issue(request)
        return _form_page(request, context)
    try:
        group = services.start_group(request.user, form.group_data())
    except rules.ParticipationError as error:
        submissions.release(request, token)
        return refused(request, error.message, reverse("participation:groups"))
    submissions.record(request, token, group.pk)
    if group.is_pending:
        messages.success(
            request,
            _(
                "Your group is started and waits for a moderator. Once it is approved, "
                "everybody can find it; until then only its leads can see it."
            ),
        )
    else:
        messages.success(request, _("Your group is started and can now be found by everybody."))
    return private(redirect(group.get_url(request)))


def edit_group(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    group = _visible_group(request, pk)
    back_to = group.get_url(request)
    obstacle = rules.edit_group_obstacle(request.user, group)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        form = ActionGroupForm(request.POST, request.FILES, instance=group, user=request.user)
        if form.is_valid():
            try:
                group = services.edit_group(request.user, group, form.group_data())
            except rules.ParticipationError as error:
                return refused(request, error.message, back_to)
            if group.changed and group.is_pending:
                messages.success(
                    request,
                    _(
                        "Your changes are saved. The group waits for a moderator; once they "
                        "are approved, everybody can see it again."
                    ),
                )
            elif group.changed:
                messages.success(request, _("Your changes are saved."))
            else:
                messages.info(request, _("You did not change anything, so nothing was saved."))
            return private(redirect(back_to))
    else:
        form = ActionGroupForm(instance=group, user=request.user)
    context = {
        "mode": "edit",
        "form": form,
        "group": group,
        "action_url": group.get_url(request, "group_edit"),
        "cancel_url": back_to,
    }
    return _form_page(request, context)


urlpatterns = [
    path("", groups, name="groups"),
    path(pgettext_lazy("URL path", "new/"), start_group, name="group_start"),
    path(pgettext_lazy("URL path", "map/"), groups_geojson, name="groups_geojson"),
    path("<int:pk>/", group_page, name="group"),
    path(
        format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "edit/")),
        edit_group,
        name="group_edit",
    ),
    path(
        format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "feed/")),
        group_feed,
        name="group_feed",
    ),
]
