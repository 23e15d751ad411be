"""``{% comment_thread target %}``: the comments below a proposal, vision or story."""

from django import template

from participation.views import comments as comment_views

register = template.Library()


@register.inclusion_tag("participation/components/comment_thread.html", takes_context=True)
def comment_thread(context, target, process=None):
    """``process``: the process page of a proposal, when the page has it loaded already."""
    request = context["request"]
    return {
        "request": request,
        "target": target,
        "label": comment_views.target_label(target),
        **comment_views.thread_context(request, target, process),
    }
