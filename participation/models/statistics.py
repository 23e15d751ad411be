"""The editors' statistics, counted ahead: how many of each measure (proposals, supports, …) a
day had, per field of action, municipality and process (see :mod:`participation.statistics`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCount(models.Model):
    """How many rows of ``measure`` fell on ``day`` (in the site's time zone) under one field of
    action (its slug), municipality and process (its ``translation_key``); "" where there is
    none or the breakdown does not apply to the measure. Rebuilt by
    :func:`participation.statistics.rebuild`; never edited by hand."""

    day = models.DateField()
    measure = models.CharField(max_length=20)
    field = models.CharField(max_length=100, blank=True)
    municipality = models.CharField(max_length=100, blank=True)
    process = models.CharField(max_length=36, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "day", "field", "municipality", "process"],
                name="one_daily_count_per_key",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.measure}: {self.count}"


class StatisticsState(models.Model):
    """One row: up to which day :class:`DailyCount` holds the figures and when they were
    counted. Its lock serialises the rebuilds."""

    counted_through = models.DateField(null=True, blank=True)
    counted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.counted_through} ({self.counted_at})"
