"""``{% may_report contribution as flag %}``: whether the page offers the visitor to report a
contribution, as :func:`participation.rules.may_report` decides."""

from django import template

from participation import rules

register = template.Library()


@register.simple_tag(takes_context=True)
def may_report(context, contribution):
    return rules.may_report(context["request"].user, contribution)
