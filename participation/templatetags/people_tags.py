"""A person's name as others see it: a link to their public profile when they chose to have one,
plain text otherwise."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cms.accounts import DELETED_ACCOUNT

register = template.Library()


def profile_url(person):
    """The address of ``person``'s public profile, or ``None`` when they have none."""
    if person is None or not person.public_profile or not person.is_active:
        return None
    return reverse("participation:profile", kwargs={"pk": person.pk})


@register.simple_tag
def person_name(person):
    """``{% person_name proposal.author %}`` (or ``… as name`` for a translated sentence); the
    person must be loaded with the contribution (``select_related``). An author who deleted
    their account is "Deleted account"."""
    if person is None:
        return str(DELETED_ACCOUNT)
    name = person.display_name or _("A resident")
    if profile_url(person) is None:
        return format_html("{}", name)
    return person_link(person.pk, name)


def person_link(pk, name):
    """The link to the public profile of person ``pk`` (for views that load names only)."""
    url = reverse("participation:profile", kwargs={"pk": pk})
    return format_html('<a class="person-link" href="{}">{}</a>', url, name)
