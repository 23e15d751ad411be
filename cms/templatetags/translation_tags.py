"""Ready values for the templates that override wagtail-localize's, whose views we don't own."""

from django import template

from cms.translation_admin import approval_state

register = template.Library()


@register.simple_tag
def translation_approval(page, user):
    """What the translation editor's "submit for approval" shows (see translation_admin)."""
    return approval_state(page, user)
