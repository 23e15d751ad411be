"""The tab navigation of "Mein Bereich" (also on the registrations page, which is one of its
tabs)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

TABS = [
    ("overview", "area:overview", _("Overview")),
    ("notifications", "area:notifications", _("Notifications")),
    ("proposals", "area:proposals", _("My proposals")),
    ("supports", "area:supports", _("My supports")),
    ("comments", "area:comments", _("My comments")),
    ("groups", "area:groups", _("My action groups")),
    ("registrations", "participation:my_registrations", _("My reservations")),
    ("ballots", "area:ballots", _("My poll ballots")),
    ("following", "area:following", _("What I follow")),
    ("notification_settings", "area:notification_settings", _("Notification settings")),
    ("profile", "area:profile", _("Profile")),
    ("account", "area:account", _("Account and data")),
]


@register.inclusion_tag("participation/area/tabs.html", takes_context=True)
def area_tabs(context, current):
    """The tabs, ``current`` marked; the unread count comes with the signed-in person."""
    user = context.get("user")
    unread = getattr(user, "unread_notifications", 0) or 0
    return {
        "tabs": [
            {
                "name": name,
                "url": reverse(url_name),
                "label": label,
                "current": name == current,
                "unread": unread if name == "notifications" else 0,
            }
            for name, url_name, label in TABS
        ]
    }
