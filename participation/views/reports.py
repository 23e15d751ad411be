"""Reporting a contribution ("Melden"): a form with a reason and an optional note, once per
person and contribution; and the notice of illegal content that anybody may send. What can be
reported is named in the address by its model and id, like comments
(:mod:`participation.views.comments`)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import rules, services
from ..forms import IllegalContentNoticeForm, ReportForm
from ..models import Comment
from ..ratelimits import too_fast
from .comments import confirm_at
from .shared import private, readable_object


def _back(request, target, back_to, text, level):
    """Back to what was (to be) reported, with ``text``: next to it if it is a comment."""
    if isinstance(target, Comment):
        return private(redirect(confirm_at(request, target, text, level)))
    messages.add_message(request, level, text)
    return private(redirect(back_to))


def report(request, target_label, target_id):
    target = readable_object(request, target_label, target_id, "reportable")
    back_to = target.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    obstacle = rules.report_obstacle(request.user, target)
    if obstacle:
        return _back(request, target, back_to, obstacle, messages.INFO)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST)
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
                services.report(
                    request.user, target, form.cleaned_data["reason"], form.cleaned_data["note"]
                )
            except rules.ParticipationError as error:
                return _back(request, target, back_to, error.message, messages.INFO)
            text = _("Thank you for your report. The moderators will look at it.")
            return _back(request, target, back_to, text, messages.SUCCESS)
    else:
        form = ReportForm()
    context = {"form": form, "target": target, "target_url": back_to, "action_url": request.path}
    return private(render(request, "participation/report_form.html", context, status=status))


def illegal_content_notice(request):
    """The notice form for everybody, also without an account (EU Digital Services Act). The
    sender gets a confirmation of receipt by email; moderators find the notice in the admin."""
    host = request.get_host().split(":")[0]
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    status = 200
    if request.method == "POST":
        form = IllegalContentNoticeForm(request.POST, host=host)
        refusal = too_fast(request, "notice")
        if refusal:
            form.is_valid()
            form.add_error(
                None,
                refusal.explain(
                    _("You have sent many notices in a short time. Please try again later.")
                ),
            )
            status = refusal.status
        elif form.is_valid():
            notice = services.submit_notice(form.save(commit=False))
            messages.success(
                request,
                _(
                    "Thank you. We have received your notice and sent a confirmation to "
                    "%(email)s. The moderators will check the content."
                )
                % {"email": notice.email},
            )
            return private(redirect(request.path))
    else:
        form = IllegalContentNoticeForm(host=host, initial={"url": request.GET.get("url", "")})
    return private(
        render(request, "participation/illegal_content_notice.html", {"form": form}, status=status)
    )
