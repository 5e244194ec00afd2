"""Charts drawn on the server as SVG: the geometry is computed here, the markup lives in templates/charts/.

Every series gets a fill pattern as well as a colour, and every bar carries its number, so a chart reads
in black and white and on paper; each chart is shown beside a table of the same figures.
"""

import hashlib
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
    y: float
    total: int
    segments: list = field(default_factory=list)


@dataclass
class StackedBars:
    """Horizontal stacked bars, one per row (e.g. a school), one segment per series (e.g. a state)."""

    series: list
    bars: list
    width: int
    height: int
    label_width: int
    bar_height: int

    @property
    def fingerprint(self):
        bars = [
            (str(bar.label), [(s.value, s.series, str(s.label), s.x, s.width) for s in bar.segments])
            for bar in self.bars
        ]
        return _fingerprint([str(label) for label in self.series], bars, self.width, self.height, self.label_width)

    @property
    def legend(self):
        return [
            {"label": label, "css": SERIES_STYLES[i % 5][0], "pattern": SERIES_STYLES[i % 5][1], "x": i * 210}
            for i, label in enumerate(self.series)
        ]


def stacked_bars(rows, series, width=860, label_width=250, bar_height=18, gap=8):
    """`rows` is [(label, [value per series])]; bars are scaled to the largest row total."""
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
    return StackedBars(series, bars, width, height, label_width, bar_height)


@dataclass
class Column:
    label: str
    value: int
    x: float
    y: float
    height: float


@dataclass
class ColumnChart:
    columns: list
    width: int
    height: int
    baseline: float
    column_width: float

    @property
    def fingerprint(self):
        columns = [(str(c.label), c.value, c.x, c.y, c.height) for c in self.columns]
        return _fingerprint(columns, self.width, self.height, self.column_width)


def column_chart(points, width=760, height=220):
    """`points` is [(label, value)], e.g. completions per month; columns scaled to the largest value."""
    largest = max((value for _, value in points), default=0) or 1
    baseline = height - 30
    step = (width - 20) / max(len(points), 1)
    column_width = max(step * 0.7, 2)
    columns = []
    for index, (label, value) in enumerate(points):
        column_height = (baseline - 20) * value / largest
        columns.append(Column(label, value, 10 + index * step, baseline - column_height, column_height))
    return ColumnChart(columns, width, height, baseline, column_width)
