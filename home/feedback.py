"""The feedback form of the accessibility statement: a reader reports a barrier, the editors
(Redaktion, Chefredaktion) find it in the admin and get an e-mail, the reader a confirmation.
Mails go through the outbox (participation.mail) and are sent by the worker."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.roles import EDITORS, LEAD_EDITORS
from participation.mail import compose
from participation.ratelimits import too_fast

from .forms import AccessibilityFeedbackForm
from .models import AccessibilityFeedback, AccessibilityStatementPage

THANKS = _(
    "Thank you. We have received your message about the barrier. The editors will look at it."
)
THANKS_WITH_CONFIRMATION = _(
    "Thank you. We have received your message about the barrier and sent a confirmation to "
    "%(email)s. The editors will look at it."
)
TOO_MANY = _("You have sent several messages in a short time. Please try again later.")


def editor_addresses():
    """The e-mail addresses of the active editors and lead editors."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[EDITORS, LEAD_EDITORS])
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def submit_feedback(data, *, language, statement_url):
    """Keep the feedback (cleaned form ``data``) for the editors, tell them by e-mail and confirm
    its receipt to the sender if they gave an address; all in one transaction, so a feedback
    is never kept without its mails nor mailed without being kept."""
    with transaction.atomic():
        feedback = AccessibilityFeedback.objects.create(
            barrier=data["barrier"],
            page_url=data["page_url"],
            name=data["name"],
            email=data["email"],
            language=language,
        )
        context = {"feedback": feedback, "statement_url": statement_url}
        mails = []
        editors = editor_addresses()
        if editors:
            reply_to = [feedback.email] if feedback.email else None
            mails.append(
                compose(
                    "home/email/accessibility_feedback", context, editors, "de", reply_to=reply_to
                )
            )
        if feedback.email:
            mails.append(
                compose(
                    "home/email/accessibility_feedback_received",
                    context,
                    [feedback.email],
                    language,
                )
            )
        for mail in mails:
            mail.send()
    return feedback


def serve_statement(page, request, serve_args, serve_kwargs):
    """Wagtail's ``before_serve_page`` hook: a POST to the accessibility statement is feedback.
    Errors and refusals show the page again with what was typed; success redirects (the
    confirmation is a message on the page)."""
    if not isinstance(page, AccessibilityStatementPage) or request.method != "POST":
        return None
    form = AccessibilityFeedbackForm(request.POST, host=request.get_host().split(":")[0])
    status = 200
    refusal = too_fast(request, "accessibility_feedback")
    if refusal:
        form.is_valid()
        form.add_error(None, refusal.explain(TOO_MANY))
        status = refusal.status
    elif form.is_valid():
        feedback = submit_feedback(
            form.cleaned_data, language=get_language(), statement_url=page.get_full_url(request)
        )
        if feedback.email:
            messages.success(request, THANKS_WITH_CONFIRMATION % {"email": feedback.email})
        else:
            messages.success(request, THANKS)
        return page.add_cache_headers(request, redirect(f"{page.get_url(request)}#feedback"))
    else:
        status = 400
    context = page.get_context(request, *serve_args, **serve_kwargs)
    context["feedback_form"] = form
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    return page.add_cache_headers(request, response)
