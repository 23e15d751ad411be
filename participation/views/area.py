"""Mein Bereich: a signed-in person's own proposals, supports, comments, groups, ballots, what
they follow, their notifications and settings, and their profile.

Every tab costs the same number of queries whatever the number of contributions: one page of
rows, and for the things they point at one query per kind (pages, processes, groups …).
"""

import html

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.models import Page, get_page_models

from .. import rules
from ..forms.area import NotificationSettingsForm, ProfileForm
from ..models import (
    ActionGroup,
    Ballot,
    Comment,
    Follow,
    Membership,
    Notification,
    ProcessHostMixin,
    Proposal,
    Support,
)
from ..notifications import targets
from ..polls import polls_by_key
from ..rules.follows import FollowButton, kind_of, title_of
from .shared import private

PER_PAGE = 20
ANSWER_EXCERPT_WORDS = 30


# --- What every tab shares -----------------------------------------------------------------------


def _paginate(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _render(request, tab, template, context):
    context = {"tab": tab, **context}
    return private(render(request, f"participation/area/{template}.html", context))


def area_view(view):
    """Signed-in people only (others sign in and come back), never cached."""
    return never_cache(login_required(view))


def with_processes(proposals, *, phases=False):
    """``proposals`` whose process page is there, each given it in its specific type, loaded
    together (its address and rules read it), with its phases if ``phases``."""
    proposals = list(proposals)
    processes = targets.load_processes(proposals)
    if phases:
        hosts = [page for page in processes.values() if isinstance(page, ProcessHostMixin)]
        prefetch_related_objects(hosts, "phases")
    return [
        proposal
        for proposal in proposals
        if hasattr(processes.get(proposal.process_id), "proposal_url")
    ]


# --- Overview ------------------------------------------------------------------------------------


def _counted(model, field, **filters):
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


@area_view
def overview(request):
    user = request.user
    counts = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            n_proposals=_counted(Proposal, "author"),
            n_supports=_counted(Support, "user"),
            n_comments=_counted(Comment, "author", deleted_at=None),
            n_groups=_counted(Membership, "user", state__in=["active", "requested"]),
            n_ballots=_counted(Ballot, "user"),
            n_follows=_counted(Follow, "user"),
            n_unread=_counted(Notification, "recipient", read_at=None),
        )
        .values(
            "n_proposals",
            "n_supports",
            "n_comments",
            "n_groups",
            "n_ballots",
            "n_follows",
            "n_unread",
        )
        .get()
    )
    sections = [
        (reverse("area:notifications"), _("Notifications"), _unread_label(counts["n_unread"])),
        (reverse("area:proposals"), _("My proposals"), counts["n_proposals"]),
        (reverse("area:supports"), _("My supports"), counts["n_supports"]),
        (reverse("area:comments"), _("My comments"), counts["n_comments"]),
        (reverse("area:groups"), _("My action groups"), counts["n_groups"]),
        (reverse("participation:my_registrations"), _("My registrations"), None),
        (reverse("area:ballots"), _("My poll ballots"), counts["n_ballots"]),
        (reverse("area:following"), _("What I follow"), counts["n_follows"]),
    ]
    return _render(
        request,
        "overview",
        "overview",
        {"sections": [{"url": u, "title": t, "count": c} for u, t, c in sections]},
    )


def _unread_label(count):
    return ngettext("%(count)s unread", "%(count)s unread", count) % {"count": count}


# --- My proposals --------------------------------------------------------------------------------


@area_view
def proposals(request):
    user = request.user
    now = timezone.now()
    page = _paginate(request, Proposal.objects.filter(author=user).order_by("-created_at", "-pk"))
    rows = []
    for proposal in with_processes(page.object_list, phases=True):
        process = proposal.process
        may_edit = not rules.proposal_obstacle(user, process, "edit", proposal, now)
        may_withdraw = not rules.proposal_obstacle(user, process, "withdraw", proposal, now)
        answer = html.unescape(strip_tags(proposal.answer or ""))
        rows.append(
            {
                "proposal": proposal,
                "url": proposal.get_url(request),
                "process_title": process.title,
                "state": proposal.get_state_display(),
                "answer_excerpt": Truncator(answer).words(ANSWER_EXCERPT_WORDS) if answer else "",
                "edit_url": proposal.get_url(request, "edit") if may_edit else "",
                "withdraw_url": proposal.get_url(request, "withdraw") if may_withdraw else "",
            }
        )
    return _render(request, "proposals", "proposals", {"page_obj": page, "rows": rows})


# --- My supports and budgets ---------------------------------------------------------------------


def _running_processes(now):
    """The live process pages whose current phase takes supports, one per translation group
    (in the reader's language where there is one)."""
    models = [model for model in get_page_models() if issubclass(model, ProcessHostMixin)]
    if not models:
        return []
    pages = list(Page.objects.live().public().type(*models).select_related("locale").specific())
    prefetch_related_objects(pages, "phases")
    language = get_language()
    chosen = {}
    for page in pages:
        if not page.allows("support", now):
            continue
        current = chosen.get(page.translation_key)
        if current is None or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title)


def _budgets(request, now):
    user = request.user
    used = dict(
        Support.objects.filter(user=user, proposal__withdrawn_at__isnull=True)
        .exclude(proposal__moderation=Proposal.Moderation.HIDDEN)
        .order_by()
        .values("process__translation_key")
        .annotate(count=Count("pk"))
        .values_list("process__translation_key", "count")
    )
    budgets = []
    for process in _running_processes(now):
        count = used.get(process.translation_key, 0)
        budget = process.support_budget
        if budget:
            free = max(budget - count, 0)
            label = ngettext(
                "%(free)s of %(budget)s support left",
                "%(free)s of %(budget)s supports left",
                budget,
            ) % {"free": free, "budget": budget}
        else:
            label = ngettext(
                "No limit: you support %(count)s proposal",
                "No limit: you support %(count)s proposals",
                count,
            ) % {"count": count}
        budgets.append({"process": process, "url": process.get_url(request), "label": label})
    return budgets


@area_view
def supports(request):
    user = request.user
    now = timezone.now()
    page = _paginate(
        request,
        Support.objects.filter(user=user).select_related("proposal").order_by("-created_at", "-pk"),
    )
    supported = [support.proposal for support in page.object_list]
    shown = {proposal.pk for proposal in with_processes(supported)}
    rows = []
    for support in page.object_list:
        proposal = support.proposal
        visible = proposal.pk in shown and (proposal.is_published or proposal.author_id == user.pk)
        rows.append(
            {
                "support": support,
                "proposal": proposal if visible else None,
                "url": proposal.get_url(request) if visible else "",
                "counted": not proposal.is_withdrawn and not proposal.is_hidden,
            }
        )
    context = {"page_obj": page, "rows": rows, "budgets": _budgets(request, now)}
    return _render(request, "supports", "supports", context)


# --- My comments ---------------------------------------------------------------------------------


@area_view
def comments(request):
    user = request.user
    page = _paginate(request, Comment.objects.filter(author=user).order_by("-created_at", "-pk"))
    pairs = ((c.target_type_id, c.target_id) for c in page.object_list)
    found = targets.visible_objects(pairs, user)
    rows = []
    for comment in page.object_list:
        target = found.get((comment.target_type_id, comment.target_id))
        url = ""
        if target is not None:
            comment.target = target
            base = targets.url_of(target)
            url = f"{base}#comment-{comment.pk}" if base and not comment.is_deleted else ""
        rows.append(
            {
                "comment": comment,
                "target_title": title_of(target) if target is not None else "",
                "url": url,
            }
        )
    return _render(request, "comments", "comments", {"page_obj": page, "rows": rows})


# --- My action groups ----------------------------------------------------------------------------


def _membership_label(membership):
    if membership.is_lead:
        return _("Lead")
    return membership.get_state_display()


@area_view
def groups(request):
    user = request.user
    page = _paginate(
        request,
        Membership.objects.filter(user=user).select_related("group").order_by("-created_at", "-pk"),
    )
    ids = [membership.group_id for membership in page.object_list]
    visible = set(
        ActionGroup.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    rows = [
        {
            "group": membership.group,
            "url": membership.group.get_url(request) if membership.group_id in visible else "",
            "role": _membership_label(membership),
            "membership": membership,
        }
        for membership in page.object_list
    ]
    return _render(request, "groups", "groups", {"page_obj": page, "rows": rows})


# --- My poll ballots -----------------------------------------------------------------------------


@area_view
def ballots(request):
    user = request.user
    page = _paginate(
        request,
        Ballot.objects.filter(user=user).prefetch_related("choices").order_by("-updated_at", "-pk"),
    )
    keys = {ballot.poll_key for ballot in page.object_list}
    polls = polls_by_key(keys, get_language())
    now = timezone.now()
    rows = []
    for ballot in page.object_list:
        poll = polls.get(ballot.poll_key)
        if poll is None:
            continue
        labels = {choice.translation_key: choice.label for choice in poll.choices.all()}
        ticked = [labels[c.choice_key] for c in ballot.choices.all() if c.choice_key in labels]
        if ballot.other_text:
            ticked.append(ballot.other_text)
        rows.append(
            {
                "poll": poll,
                "url": reverse("participation:poll", kwargs={"pk": poll.pk}),
                "answers": ticked,
                "ballot": ballot,
                "is_open": poll.is_open(now),
            }
        )
    return _render(request, "ballots", "ballots", {"page_obj": page, "rows": rows})


# --- What I follow -------------------------------------------------------------------------------

KIND_LABELS = {
    "process": _("Process"),
    "proposal": _("Proposal"),
    "vision": _("Vision"),
    "group": _("Action group"),
    "field": _("Field of action"),
}


@area_view
def following(request):
    user = request.user
    page = _paginate(request, Follow.objects.filter(user=user).order_by("-created_at", "-pk"))
    pairs = ((f.target_type_id, f.target_id) for f in page.object_list)
    found = targets.visible_objects(pairs, user)
    rows = []
    for follow in page.object_list:
        target = found.get((follow.target_type_id, follow.target_id))
        kind = kind_of(target) if target is not None else None
        if kind is None:
            rows.append({"follow": follow, "target": None})
            continue
        title = title_of(target)
        rows.append(
            {
                "follow": follow,
                "target": target,
                "title": title,
                "kind": str(KIND_LABELS[kind]),
                "url": targets.url_of(target) if kind != "field" else "",
                "button": FollowButton(kind, target.pk, title, True, True),
            }
        )
    return _render(request, "following", "following", {"page_obj": page, "rows": rows})


# --- Notifications -------------------------------------------------------------------------------


@area_view
def notifications(request):
    page = _paginate(
        request,
        Notification.objects.filter(recipient=request.user)
        .select_related("activity")
        .order_by("-created_at", "-pk"),
    )
    rows = targets.describe(page.object_list, request.user)
    has_unread = getattr(request.user, "unread_notifications", None)
    if has_unread is None:
        has_unread = Notification.objects.filter(recipient=request.user, read_at=None).exists()
    context = {"page_obj": page, "rows": rows, "has_unread": bool(has_unread)}
    return _render(request, "notifications", "notifications", context)


@never_cache
@login_required
def mark_read(request):
    """POST ``notification=<pk>``: mark it read and open what it is about; ``all``: mark every
    notification read and come back to the list."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    mine = Notification.objects.filter(recipient=request.user)
    back = reverse("area:notifications")
    now = timezone.now()
    if "all" in request.POST:
        count = mine.filter(read_at=None).update(read_at=now)
        if count:
            messages.success(request, _("All notifications are marked as read."))
        return private(redirect(back))
    pk = request.POST.get("notification", "")
    notification = mine.select_related("activity").filter(pk=pk).first() if pk.isdigit() else None
    if notification is None:
        messages.error(request, _("This notification no longer exists."))
        return private(redirect(back))
    if notification.read_at is None:
        mine.filter(pk=notification.pk, read_at=None).update(read_at=now)
    shown = targets.describe([notification], request.user)
    if not shown or not shown[0].url:
        messages.info(request, _("What this notification was about is no longer available."))
        return private(redirect(back))
    return private(redirect(shown[0].url))


@area_view
def notification_settings(request):
    user = request.user
    if request.method == "POST":
        form = NotificationSettingsForm(request.POST, user=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings are saved."))
            return private(redirect("area:notification_settings"))
    else:
        form = NotificationSettingsForm(user=user)
    return _render(request, "notification_settings", "notification_settings", {"form": form})


# --- Profile -------------------------------------------------------------------------------------


@area_view
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is saved."))
            return private(redirect("area:profile"))
    else:
        form = ProfileForm(instance=user)
    profile_url = (
        reverse("participation:profile", kwargs={"pk": user.pk}) if user.public_profile else ""
    )
    return _render(request, "profile", "profile", {"form": form, "profile_url": profile_url})
