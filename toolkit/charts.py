"""Charts drawn as SVG on the server, so they work without JavaScript and in PDFs.

Every chart has a <title> and <desc> (its text alternative), and pages also show a table of the
same figures for screen-reader users.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from toolkit.money import money

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 230
PLOT_WIDTH = 360
WIDTH = LABEL_WIDTH + PLOT_WIDTH + 60


def score_bars(rows, title, chart_id="chart", thresholds=()):
    """A horizontal bar chart of scores from 0 to 100.

    ``rows`` are (label, score or None) pairs; ``thresholds`` are (score, label) pairs drawn as
    dashed lines, e.g. the verdict bands.
    """
    rows = list(rows)
    height = len(rows) * (BAR_HEIGHT + GAP) + 40
    description = "; ".join(
        f"{label}: {'not enough answers' if score is None else f'{score:.0f} out of 100'}" for label, score in rows
    )
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="toolkit-chart" role="img" '
            'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="{1}" height="{2}" '
            'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif" font-size="14">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            chart_id, WIDTH, height, title, description,
        )
    ]
    for index, (label, score) in enumerate(rows):
        y = 10 + index * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>', LABEL_WIDTH - 10, text_y, label))
        parts.append(format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="#f3f2f1"/>', LABEL_WIDTH, y, PLOT_WIDTH, BAR_HEIGHT))
        if score is None:
            parts.append(format_html('<text x="{}" y="{}" fill="#505a5f">not enough answers</text>', LABEL_WIDTH + 8, text_y))
            continue
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="#1d70b8"/>',
                LABEL_WIDTH, y, f"{PLOT_WIDTH * max(0, min(score, 100)) / 100:.1f}", BAR_HEIGHT,
            )
        )
        parts.append(format_html('<text x="{}" y="{}" fill="#0b0c0c">{}</text>', LABEL_WIDTH + PLOT_WIDTH + 8, text_y, f"{score:.0f}"))
    axis_y = len(rows) * (BAR_HEIGHT + GAP) + 10
    for value, label in thresholds:
        x = LABEL_WIDTH + PLOT_WIDTH * value / 100
        x = f"{x:.1f}"
        parts.append(format_html('<line x1="{0}" y1="5" x2="{0}" y2="{1}" stroke="#0b0c0c" stroke-dasharray="4 3"/>', x, axis_y))
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="#0b0c0c">{}</text>', x, axis_y + 16, label))
    return _closed(parts)




# Fills for verdicts, with the words always written beside the bar (never colour alone).
VERDICT_FILLS = {"Aligned": "#00703c", "Different": "#f47738", "Conflict": "#d4351c"}


def verdict_bars(rows, title, chart_id="chart", verdicts=("Aligned", "Different", "Conflict")):
    """A horizontal bar per row, split by how many questions have each verdict, with the counts
    written after the bar. ``rows`` are (label, {verdict: count}) pairs."""
    rows = list(rows)
    height = len(rows) * (BAR_HEIGHT + GAP) + 40
    most = max([sum(counts.get(v, 0) for v in verdicts) for _, counts in rows] + [1])

    def words(counts):
        return ", ".join(f"{counts.get(v, 0)} {v.lower()}" for v in verdicts)

    description = "; ".join(f"{label}: {words(counts)}" for label, counts in rows)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="toolkit-chart" role="img" '
            'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="{1}" height="{2}" '
            'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif" font-size="14">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            chart_id, WIDTH + 120, height, title, description,
        )
    ]
    scale = (PLOT_WIDTH - 40) / most
    for index, (label, counts) in enumerate(rows):
        y = 10 + index * (BAR_HEIGHT + GAP)
        text_y = y + BAR_HEIGHT * 0.7
        parts.append(format_html('<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>', LABEL_WIDTH - 10, text_y, label))
        x = LABEL_WIDTH
        for verdict in verdicts:
            width = counts.get(verdict, 0) * scale
            if width:
                parts.append(format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff"/>',
                    f"{x:.1f}", y, f"{width:.1f}", BAR_HEIGHT, VERDICT_FILLS.get(verdict, "#505a5f"),
                ))
                x += width
        parts.append(format_html('<text x="{}" y="{}" font-size="12" fill="#0b0c0c">{}</text>', f"{x + 8:.1f}", text_y, words(counts)))
    return _closed(parts)


# Lines are told apart by their dashes and their labels as well as their colours.
LINE_STYLES = [("#1d70b8", ""), ("#d4351c", "6 3"), ("#00703c", "2 3"), ("#4c2c92", "10 4"),
               ("#f47738", "6 3 2 3"), ("#28a197", "1 2"), ("#912b88", "12 3"), ("#505a5f", "4 4")]


def pounds(value) -> str:
    """Whole pounds as people write them: £1,250 and −£87,372 (as every other amount is written)."""
    return money(value, places=0)


def lines_description(series, labels) -> str:
    """The text alternative of a ``lines`` chart: every figure, series by series. Documents that
    cannot hold the chart itself (the Word outline) give this text instead."""
    return "; ".join(
        f"{name}: " + ", ".join(f"{label} {pounds(value)}" for label, value in zip(labels, values)) for name, values in series
    )


def lines(series, labels, title, chart_id="chart", height=260):
    """A line per series (name, [amount for each of ``labels``]) of money, with a zero line and
    each series named at its end. The text alternative lists every figure."""
    series = [(name, [float(v) for v in values]) for name, values in series]
    values = [v for _, vs in series for v in vs] + [0.0]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    left, top, width, plot_height = 90, 15, 360, height - 60
    step = width / max(len(labels) - 1, 1)

    def x(i):
        return left + i * step

    def y(value):
        return top + plot_height * (high - value) / span

    description = lines_description(series, labels)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="toolkit-chart" role="img" '
            'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="{1}" height="{2}" '
            'font-family="Arial, Liberation Sans, DejaVu Sans, sans-serif" font-size="12">'
            '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>',
            chart_id, WIDTH + 60, height, title, description,
        ),
        # format_html escapes its arguments to text first, so numbers are formatted here.
        format_html('<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#0b0c0c"/>', left, f"{y(0):.1f}", left + width),
        format_html('<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">£0</text>', left - 6, f"{y(0) + 4:.1f}"),
        format_html('<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>', left - 6, f"{y(high) + 4:.1f}", pounds(high)),
        format_html('<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>', left - 6, f"{y(low) + 4:.1f}", pounds(low)) if low < 0 else "",
    ]
    for i, label in enumerate(labels):
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle" fill="#0b0c0c">{}</text>', f"{x(i):.1f}", height - 25, label.split(" (")[0]))
    for index, (name, vs) in enumerate(series):
        colour, dashes = LINE_STYLES[index % len(LINE_STYLES)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vs))
        parts.append(format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
            points, colour, format_html(' stroke-dasharray="{}"', dashes) if dashes else "",
        ))
        if vs:
            parts.append(format_html('<text x="{}" y="{}" fill="#0b0c0c">{}</text>', f"{x(len(vs) - 1) + 6:.1f}", f"{y(vs[-1]) + 4 + index * 2:.1f}", name))
    return _closed(parts)


def _closed(parts) -> str:
    """The chart's parts, and its closing tag, as one piece of safe HTML."""
    # Every part is format_html's, which escapes what it is given; the closing tag is a constant.
    return mark_safe("".join(str(p) for p in parts) + "</svg>")  # nosec B308, B703 # see the line above
