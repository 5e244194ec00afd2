"""Charts drawn on the server as SVG: the geometry is computed here, the markup lives in templates/charts/.

Every series gets a fill pattern as well as a colour, and every bar carries its number, so a chart reads
in black and white and on paper; each chart is shown beside a table of the same figures.
"""

import hashlib
import math
import textwrap
from dataclasses import dataclass, field


def _fingerprint(*parts):
    """A digest of what a chart shows (texts as plain strings): charts of the same figures share their markup."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# (css class, pattern id) per series position; the patterns are defined once in templates/charts/defs.svg.
SERIES_STYLES = [
    ("series-0", "pattern-solid"),
    ("series-1", "pattern-stripes"),
    ("series-2", "pattern-dots"),
    ("series-3", "pattern-cross"),
    ("series-4", "pattern-grid"),
]


@dataclass
class Segment:
    x: float
    width: float
    value: int
    series: int
    label: str

    @property
    def css(self):
        return SERIES_STYLES[self.series % len(SERIES_STYLES)][0]

    @property
    def pattern(self):
        return SERIES_STYLES[self.series % len(SERIES_STYLES)][1]

    @property
    def text_x(self):
        return self.x + self.width / 2


@dataclass
class Bar:
    label: str
    y: float  # top of the bar; its label's lines stand above it
    total: int
    segments: list = field(default_factory=list)
    label_lines: list = field(default_factory=list)  # [(text, baseline y)]


@dataclass
class StackedBars:
    """Horizontal stacked bars, one per row (e.g. a school), one segment per series (e.g. a state).

    Drawn narrow (400 units) with each row's name above its bar, wrapped rather than cut, so that on a
    360-pixel phone the chart shrinks little and its text stays at least 11 pixels high."""

    series: list
    bars: list
    width: int
    height: int
    bar_height: int
    legend: list
    wide: "WideStackedBars | None" = None  # the same figures with names beside the bars, for wider screens

    @property
    def fingerprint(self):
        bars = [
            (str(bar.label), [(s.value, s.series, str(s.label), s.x, s.width) for s in bar.segments])
            for bar in self.bars
        ]
        return _fingerprint([str(label) for label in self.series], bars, self.width, self.height)


@dataclass
class WideStackedBars:
    """Names beside the bars, one short row each: compact from the md breakpoint up, where it stays legible."""

    series: list
    bars: list
    width: int
    height: int
    label_width: int
    bar_height: int

    @property
    def legend(self):
        return [
            {"label": label, "css": SERIES_STYLES[i % 5][0], "pattern": SERIES_STYLES[i % 5][1], "x": i * 210}
            for i, label in enumerate(self.series)
        ]


def wide_stacked_bars(rows, series, width=860, label_width=320, bar_height=18, gap=8):
    largest = max((sum(values) for _, values in rows), default=0) or 1
    plot_width = width - label_width - 50
    bars = []
    for index, (label, values) in enumerate(rows):
        bar = Bar(label=label, y=30 + index * (bar_height + gap), total=sum(values))
        x = label_width
        for series_index, value in enumerate(values):
            segment_width = plot_width * value / largest
            if value:
                bar.segments.append(Segment(x, segment_width, value, series_index, series[series_index]))
            x += segment_width
        bars.append(bar)
    height = 30 + len(rows) * (bar_height + gap) + 10
    return WideStackedBars(series, bars, width, height, label_width, bar_height)


# The charts' text is 15 units high (static/css/ustat.css); a letter of it is about 8.5 units wide.
LINE_HEIGHT = 18
LETTER_WIDTH = 8.5


def _legend(series, width):
    """Legend items left to right, starting a new line where the next would not fit."""
    items, x, y = [], 0, 4
    for index, label in enumerate(series):
        item_width = 22 + LETTER_WIDTH * len(str(label)) + 14
        if x and x + item_width > width:
            x, y = 0, y + LINE_HEIGHT + 4
        items.append(
            {"label": label, "css": SERIES_STYLES[index % 5][0], "pattern": SERIES_STYLES[index % 5][1], "x": x, "y": y}
        )
        x += item_width
    return items, (y + LINE_HEIGHT + 10 if items else 0)


def stacked_bars(rows, series, width=400, bar_height=20, gap=12):
    """`rows` is [(label, [value per series])]; bars are scaled to the largest row total."""
    largest = max((sum(values) for _, values in rows), default=0) or 1
    plot_width = width - 2
    legend, y = _legend(series, width)
    bars = []
    for label, values in rows:
        lines = textwrap.wrap(str(label), int(width / LETTER_WIDTH)) or [""]
        label_lines = [(line, y + 14 + number * LINE_HEIGHT) for number, line in enumerate(lines)]
        bar = Bar(label=label, y=y + len(lines) * LINE_HEIGHT + 2, total=sum(values), label_lines=label_lines)
        x = 1
        for series_index, value in enumerate(values):
            segment_width = plot_width * value / largest
            if value:
                bar.segments.append(Segment(x, segment_width, value, series_index, series[series_index]))
            x += segment_width
        bars.append(bar)
        y = bar.y + bar_height + gap
    return StackedBars(series, bars, width, y, bar_height, legend, wide=wide_stacked_bars(rows, series))


@dataclass
class Column:
    label: str
    value: int
    x: float
    y: float
    height: float
    middle: float  # where its number is centred


@dataclass
class ColumnChart:
    columns: list
    width: int
    height: int
    baseline: float
    column_width: float
    label_every: int = 1  # every n-th column is named, so that the names never overlap

    @property
    def fingerprint(self):
        columns = [(str(c.label), c.value, c.x, c.y, c.height) for c in self.columns]
        return _fingerprint(columns, self.width, self.height, self.column_width, self.label_every)


def column_chart(points, width=400, height=200):
    """`points` is [(label, value)], e.g. completions per month; columns scaled to the largest value."""
    largest = max((value for _, value in points), default=0) or 1
    baseline = height - 30
    step = (width - 20) / max(len(points), 1)
    column_width = max(step * 0.7, 2)
    columns = []
    for index, (label, value) in enumerate(points):
        column_height = (baseline - 20) * value / largest
        x = 10 + index * step
        columns.append(Column(label, value, x, baseline - column_height, column_height, x + column_width / 2))
    widest = max((len(str(label)) for label, _ in points), default=0) * LETTER_WIDTH + 6
    return ColumnChart(columns, width, height, baseline, column_width, label_every=max(math.ceil(widest / step), 1))
