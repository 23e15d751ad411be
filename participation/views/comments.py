"""Comments: the thread shown below a proposal, vision or story, and the actions on it (write,
reply, edit, delete, mark as helpful). Every action is a form POST that works without
JavaScript and leads back to the comment in its thread.

What is commented on is named in the address by its model ("participation.proposal",
"home.storypage" …) and id; only models that take comments (``comments_enabled``) and that the
person may read are accepted.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import rules, services
from ..forms import CommentForm
from ..models import Comment, HelpfulMark, Proposal
from ..ratelimits import too_fast
from ..text import render_plain_text
from .shared import private, readable_object, refused

PER_PAGE = 20
ORDERS = {
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "helpful": ("-helpful_count", "created_at", "pk"),
}
PAGE_PARAM = "comments_page"
REPLIES_PARAM = "comments_replies"
REPLIES_SHOWN = 10
ORDER_PARAM = "comments_order"


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def target_label(target):
    model = type(target)
    if hasattr(target, "specific_class") and target.specific_class is not None:
        model = target.specific_class
    return model._meta.label_lower


def _process(target):
    """The process whose phases decide about comments on ``target``, phases loaded; or None."""
    if not isinstance(target, Proposal):
        return None
    process = target.comment_process()
    prefetch_related_objects([process], "phases")
    return process


def _thread_url(request, target, comment=None):
    url = target.get_url(request)
    return f"{url}#comment-{comment.pk}" if comment is not None else f"{url}#comments"


# A message with this extra tag is shown next to its comment (see thread_context), not at the
# top of the page (cms_tags.unplaced).
PLACED = "placed"


def confirm_at(request, comment, text, level=messages.SUCCESS, target=None):
    """Say ``text`` next to ``comment`` in the thread of ``target`` (what it comments on, if
    loaded already) and return the address that leads there:
    the message is a status that takes the focus (its id is the address's fragment), so people
    find the confirmation where they acted, also without JavaScript."""
    messages.add_message(request, level, text, extra_tags=f"{PLACED} comment-{comment.pk}")
    return f"{(target or comment.target).get_url(request)}#comment-{comment.pk}-message"


def _refused_at(request, target, comment, message):
    """Back to ``comment`` with why the action on it was refused, next to it; unverified
    people go where they can confirm their address."""
    if str(message) == str(rules.PROPOSAL_UNVERIFIED):
        return refused(request, message, None)
    return private(redirect(confirm_at(request, comment, message, messages.ERROR, target=target)))


def _placed_messages(request):
    """{comment pk: message} of the confirmations waiting to be shown next to their comment."""
    placed = {}
    storage = messages.get_messages(request)
    if not storage:
        # Iterating would mark the page as personal (cms.pagecache.personal_by_nature).
        return placed
    for message in storage:
        tags = (message.extra_tags or "").split()
        if PLACED in tags:
            for tag in tags:
                if tag.startswith("comment-") and tag[8:].isdigit():
                    placed[int(tag[8:])] = message
    return placed


def _form_page(request, target, form, *, title, action_url, comment=None, status=200):
    """The comment form on a page of its own: shown when a comment could not be saved, so that
    nothing typed is lost, and for editing."""
    context = {
        "form": form,
        "target": target,
        "target_url": target.get_url(request),
        "title": title,
        "action_url": action_url,
        "comment": comment,
    }
    return private(render(request, "participation/comment_form.html", context, status=status))


def _comment_request(request, target_label, target_id, pk):
    """The commented object, the comment named in the address, and the way back to it."""
    target = readable_object(request, target_label, target_id, "comments_enabled")
    comment = get_object_or_404(Comment.objects.on(target).select_related("parent"), pk=pk)
    return target, comment, _thread_url(request, target, comment)


def create(request, target_label, target_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    target = readable_object(request, target_label, target_id, "comments_enabled")
    back_to = _thread_url(request, target)
    if not request.user.is_authenticated:
        return redirect_to_login(back_to)
    process = _process(target)
    form = CommentForm(request.POST)
    action_url = request.path
    refusal = too_fast(request, "comment")
    if refusal:
        form.is_valid()
        form.add_error(
            None,
            refusal.explain(
                _(
                    "You have written many comments in a short time. Please wait a minute and "
                    "then send this one again."
                )
            ),
        )
        return _form_page(
            request,
            target,
            form,
            title=_("Your comment could not be saved"),
            action_url=action_url,
            status=refusal.status,
        )
    if not form.is_valid():
        return _form_page(
            request, target, form, title=_("Your comment could not be saved"), action_url=action_url
        )
    parent = None
    if form.cleaned_data["parent"]:
        parent = Comment.objects.on(target).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            raise Http404
    try:
        comment = services.create_comment(
            request.user,
            target,
            form.cleaned_data["text"],
            process=process,
            parent=parent,
            # Only moderators see the box; from anybody else the field is ignored.
            official=form.cleaned_data["official"] and rules.may_reply_officially(request.user),
        )
    except rules.ParticipationError as error:
        if error.code == rules.UNVERIFIED:
            return refused(request, error.message, back_to)
        form.add_error(None, error.message)
        return _form_page(
            request,
            target,
            form,
            title=_("Your comment could not be saved"),
            action_url=action_url,
            status=403,
        )
    if comment.moderation == Comment.Moderation.PENDING:
        text = _(
            "Thank you for your comment. It will be shown once a moderator has approved it; "
            "until then only you can see it."
        )
    else:
        text = _("Thank you for your comment.")
    return private(redirect(confirm_at(request, comment, text, target=target)))


def edit(request, target_label, target_id, pk):
    target, comment, back_to = _comment_request(request, target_label, target_id, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    process = _process(target)
    obstacle = rules.comment_obstacle(
        request.user, "edit", target=target, process=process, comment=comment
    )
    if obstacle:
        return _refused_at(request, target, comment, obstacle)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = services.edit_comment(
                    request.user, comment, form.cleaned_data["text"], target=target, process=process
                )
            except rules.ParticipationError as error:
                return _refused_at(request, target, comment, error.message)
            if comment.changed and comment.moderation == Comment.Moderation.PENDING:
                back_to = confirm_at(
                    request,
                    comment,
                    _(
                        "Your changes are saved. The comment will be shown again once a "
                        "moderator has approved them."
                    ),
                    target=target,
                )
            elif comment.changed:
                back_to = confirm_at(request, comment, _("Your changes are saved."), target=target)
            return private(redirect(back_to))
    else:
        form = CommentForm(initial={"text": comment.text})
    return _form_page(
        request,
        target,
        form,
        title=_("Edit your comment"),
        action_url=request.path,
        comment=comment,
    )


def delete(request, target_label, target_id, pk):
    """A confirmation page (GET) and the deletion itself (POST)."""
    target, comment, back_to = _comment_request(request, target_label, target_id, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    obstacle = rules.comment_obstacle(request.user, "delete", target=target, comment=comment)
    if obstacle:
        return _refused_at(request, target, comment, obstacle)
    if request.method == "POST":
        try:
            services.delete_comment(request.user, comment, target=target)
        except rules.ParticipationError as error:
            return _refused_at(request, target, comment, error.message)
        text = _("Your comment is deleted. Replies to it stay.")
        return private(redirect(confirm_at(request, comment, text, target=target)))
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "comment": comment,
        "comment_html": render_plain_text(comment.text),
        "target_url": back_to,
        "action_url": request.path,
    }
    return private(render(request, "participation/comment_delete.html", context))


def helpful(request, target_label, target_id, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    target, comment, back_to = _comment_request(request, target_label, target_id, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(back_to)
    marking = request.POST.get("action") != "remove"
    try:
        services.mark_helpful(
            request.user, comment, target=target, process=_process(target), helpful=marking
        )
    except rules.ParticipationError as error:
        return _refused_at(request, target, comment, error.message)
    text = _("You marked the comment as helpful.") if marking else _("Your mark is taken back.")
    return private(redirect(confirm_at(request, comment, text, target=target)))


# --- The thread ----------------------------------------------------------------------------------


def _thread_query(target, user):
    """The comments of ``target`` a person sees in its thread: published ones, hidden and deleted
    ones as placeholders (so that the thread keeps its shape), and their own waiting ones."""
    comments = Comment.objects.thread(target, user).select_related("author")
    if user.is_authenticated:
        comments = comments.annotate(
            marked_helpful=Exists(HelpfulMark.objects.filter(comment=OuterRef("pk"), user=user))
        )
    return comments


_SENTINEL = 987654321


def _url_patterns(label, target_id):
    """The addresses of the actions on a comment of this thread, with ``{pk}`` for the comment:
    reversed once per thread instead of four times per comment."""
    patterns = {
        action: reverse(f"participation:comment_{action}", args=[label, target_id, _SENTINEL])
        for action in ("edit", "delete", "helpful")
    }
    patterns["report"] = reverse("participation:report", args=["participation.comment", _SENTINEL])
    return {action: url.replace(str(_SENTINEL), "{pk}") for action, url in patterns.items()}


def _shown(comment, state, user, patterns, placed):
    """What the template shows of one comment; ``placed``: the confirmations to show next to
    their comment."""
    own = user.is_authenticated and comment.author_id == user.pk
    # Authors still read what the moderation hid of theirs, marked as hidden.
    visible = not comment.is_deleted and (not comment.is_hidden or own)
    return {
        "urls": {action: url.format(pk=comment.pk) for action, url in patterns.items()},
        "comment": comment,
        "text_html": render_plain_text(comment.text) if visible else "",
        "state": state,
        "pending": comment.is_pending,
        "hidden": comment.is_hidden,
        "deleted": comment.is_deleted,
        "own": own,
        "may_report": rules.may_report(user, comment),
        "message": placed.pop(comment.pk, None),
    }


def thread_context(request, target, process=None):
    """Everything the thread template needs, in three queries however long the thread is: the
    number of top-level comments, one page of them, and their replies. ``process``: the page
    whose phases decide, if the caller has it loaded already."""
    user = request.user
    process = process or _process(target)
    order = request.GET.get(ORDER_PARAM)
    if order not in ORDERS:
        order = "oldest"
    comments = _thread_query(target, user)
    top_level = comments.filter(parent=None).order_by(*ORDERS[order])
    page = Paginator(top_level, PER_PAGE).get_page(request.GET.get(PAGE_PARAM))
    first = list(page.object_list)
    # At most REPLIES_SHOWN replies per comment (all for the one the reader opened), so that a
    # page costs the same however long a discussion below one comment grows.
    expanded = _int(request.GET.get(REPLIES_PARAM))
    replies = list(
        comments.filter(parent__in=[c.pk for c in first])
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("parent_id")], order_by=[F("created_at"), F("pk")]
            )
        )
        .filter(Q(position__lte=REPLIES_SHOWN) | Q(parent_id=expanded))
        .order_by("created_at", "pk")
    )
    states = rules.comment_states(user, [*first, *replies], target=target, process=process)
    placed = _placed_messages(request)
    label = target_label(target)
    patterns = _url_patterns(label, target.pk)
    replies_of = {}
    for reply in replies:
        replies_of.setdefault(reply.parent_id, []).append(
            _shown(reply, states[reply.pk], user, patterns, placed)
        )
    base = reverse("participation:comment_create", args=[label, target.pk])
    closed = rules.comments_closed(target, process)
    obstacle = closed or rules.comment_obstacle(user, "comment", target=target, process=process)
    comments = [
        {
            **_shown(comment, states[comment.pk], user, patterns, placed),
            "replies": replies_of.get(comment.pk, []),
            "more_replies": (
                max(0, comment.reply_count - len(replies_of.get(comment.pk, [])))
                if comment.pk != expanded
                else 0
            ),
            "all_replies_url": "?"
            + urlencode({**request.GET.dict(), REPLIES_PARAM: comment.pk})
            + f"#comment-{comment.pk}",
        }
        for comment in first
    ]
    return {
        "comments": comments,
        # Confirmations about comments not on this page of the thread: shown above it, under
        # the same id, so that the address still leads to them.
        "other_messages": sorted(placed.items()),
        "page_obj": page,
        "total": getattr(target, "comment_count", None),
        "order": order,
        "orders": [
            ("oldest", _("Oldest first")),
            ("newest", _("Newest first")),
            ("helpful", _("Most helpful")),
        ],
        "order_param": ORDER_PARAM,
        "page_param": PAGE_PARAM,
        "create_url": base,
        "comment_url_base": base,
        "may_comment": obstacle is None,
        "may_reply_officially": obstacle is None and rules.may_reply_officially(user),
        "obstacle": obstacle,
        # Only while the thread is open: nobody is asked to sign in to do what nobody can.
        "needs_sign_in": closed is None and not user.is_authenticated,
        "needs_verification": str(obstacle) == str(rules.PROPOSAL_UNVERIFIED),
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}",
        "form": CommentForm(),
    }
