"""``{% poll_box poll %}``: a poll with its form or results, as the visitor may see it."""

from django import template

from participation.polls import poll_box as box_for
from participation.views.polls import in_language

register = template.Library()


@register.inclusion_tag("participation/components/poll.html", takes_context=True)
def poll_box(context, poll, level=2):
    """``level``: of the question's heading (2 in a page body, 3 below a section heading)."""
    request = context["request"]
    return {
        "request": request,
        "box": box_for(request, in_language(poll), level=level),
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
