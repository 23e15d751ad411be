"""Bar charts as SVG, computed here and printed by a template: no script, no third party.

:func:`bar_chart` lays out one series of ``(label, count)``: the bars, a value axis with round
steps, labels under the bars (every n-th when there are many) and the count above each bar when
there is room. Nothing depends on colour alone: one series, direct labels, gridlines. Zero data,
one bar and very large numbers keep a sensible layout.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH = 720
HEIGHT = 260
TOP = 24
BOTTOM = 48
RIGHT = 12
# A digit of the axis labels (12 px text) is about this wide.
DIGIT_WIDTH = 7.5
TICKS = 5
# Below this width a bar has no room for its count above it.
LABELLED_BAR = 22
# Labels under the bars are at least this far apart.
LABEL_SPACING = 56


def nice_step(largest, ticks=TICKS):
    """A round step (1, 2 or 5 times a power of ten) so that about ``ticks`` steps reach
    ``largest``."""
    if largest <= 0:
        return 1
    rough = largest / ticks
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return max(1, int(factor * power))
    return max(1, int(10 * power))


def formatted(number):
    return number_format(number, force_grouping=True)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    value_text: str
    text_x: float
    text_y: float
    show_value: bool


@dataclass
class Tick:
    y: float
    text: str


@dataclass
class AxisLabel:
    x: float
    text: str


@dataclass
class Chart:
    width: int
    height: int
    left: float
    right: float
    top: float
    baseline: float
    bars: list
    ticks: list
    labels: list
    label_y: float
    tick_x: float
    title_y: float
    largest: int


def bar_chart(points, width=WIDTH, height=HEIGHT):
    """The layout of a bar chart of ``points``, a list of ``(label, count)``."""
    largest = max((count for _label, count in points), default=0)
    step = nice_step(largest)
    top_value = max(step, math.ceil(largest / step) * step)
    tick_values = list(range(0, top_value + 1, step))
    widest = max(len(formatted(value)) for value in tick_values)
    left = 16 + widest * DIGIT_WIDTH
    right = width - RIGHT
    baseline = height - BOTTOM
    plot_height = baseline - TOP
    slot = (right - left) / max(len(points), 1)
    bar_width = max(1.0, slot * 0.7)
    every = max(1, math.ceil(LABEL_SPACING / slot))

    def y_of(value):
        return baseline - plot_height * value / top_value

    bars, labels = [], []
    for index, (label, count) in enumerate(points):
        x = left + slot * index + (slot - bar_width) / 2
        y = y_of(count)
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(y, 1),
                width=round(bar_width, 1),
                height=round(baseline - y, 1),
                label=str(label),
                value=count,
                value_text=formatted(count),
                text_x=round(x + bar_width / 2, 1),
                text_y=round(y - 5, 1),
                show_value=bar_width >= LABELLED_BAR or len(points) == 1,
            )
        )
        if index % every == 0:
            labels.append(AxisLabel(x=round(x + bar_width / 2, 1), text=str(label)))
    ticks = [Tick(y=round(y_of(value), 1), text=formatted(value)) for value in tick_values]
    return Chart(
        width=width,
        height=height,
        left=round(left, 1),
        right=right,
        top=TOP,
        baseline=baseline,
        bars=bars,
        ticks=ticks,
        labels=labels,
        label_y=baseline + 18,
        tick_x=round(left - 6, 1),
        title_y=height - 6,
        largest=largest,
    )
