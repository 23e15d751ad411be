"""Dates of the demo: it is loaded on a day in Berlin, and its past events happen at noon."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

BERLIN = ZoneInfo("Europe/Berlin")


def at_noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=BERLIN)


def today():
    return timezone.localdate(timezone=BERLIN)
