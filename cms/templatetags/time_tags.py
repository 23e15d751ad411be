"""Machine-readable moments for ``<time datetime="…">``.

Django's ``date:'c'`` writes microseconds (``…:20.966528+01:00``), which HTML does not allow (a
fraction of a second has at most three digits). ``machine_time`` writes whole seconds in the
site's time zone, and a plain date for a date.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
