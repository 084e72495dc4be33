"""How the plugin's pages show numbers, dates and time series: pure functions, no I/O.

Charts are drawn on the server (CSS bars, an SVG timeline), so the pages need nothing from
a CDN and read the same with scripts off.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

# The form storage keeps dates in: ISO 8601, a date alone or a UTC time with Z.
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


def counted(number: int, noun: str) -> str:
    """`1 video`, `2 videos`, `1,204 paragraphs`."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def readable_date(value: str | None) -> str | None:
    """`2024-03-04` -> `4 March 2024`; `2024-03-04T09:05:00Z` -> `4 March 2024, 09:05 UTC`.

    A value in any other form (kept as the page printed it) comes back as it is.
    """
    if not value:
        return value
    match = _ISO.match(value.strip())
    if not match:
        return value
    year, month, day, hour, minute, zone = match.groups()
    if not 1 <= int(month) <= 12:
        return value
    text = f"{MONTHS[int(month) - 1]} {year}" if day is None else f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if hour is not None:
        text += f", {hour}:{minute}" + (" UTC" if zone == "Z" else f" {zone}" if zone else "")
    return text


def marked(snippet: str | None) -> Markup | None:
    """A search snippet with its hits between « » shown as <mark>, the rest escaped."""
    if snippet is None:
        return None
    html = str(escape(snippet)).replace("«", "<mark>").replace("»", "</mark>")
    return Markup(html) if html.count("<mark>") == html.count("</mark>") else Markup(escape(snippet))


def bars(rows: list[dict], label: str, count: str, url=None) -> list[dict]:
    """Rows for a CSS bar chart: label, count, width in percent of the largest, link."""
    top = max((row[count] or 0 for row in rows), default=0) or 1
    return [
        {
            "label": row[label],
            "count": row[count] or 0,
            "width": round(100 * (row[count] or 0) / top, 1),
            "url": url(row) if url else None,
        }
        for row in rows
    ]


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def periods(counts: dict[str, dict[str, int]], series: list[str], max_bars: int = 120) -> list[dict]:
    """Per-month counts (`{'2024-03': {'articles': 4, 'quotes': 9}}`) as a gapless series.

    Months with nothing get zeros, so the time axis is even; a span longer than `max_bars`
    months is counted by year instead.
    """
    months = sorted(key for key in counts if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", key))
    if not months:
        return []
    span = _months_between(months[0], months[-1])
    if len(span) > max_bars:
        by_year: dict[str, dict[str, int]] = {}
        for month in months:
            year = by_year.setdefault(month[:4], dict.fromkeys(series, 0))
            for name in series:
                year[name] += counts[month].get(name, 0)
        years = [str(y) for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)]
        return [{"period": y, **by_year.get(y, dict.fromkeys(series, 0))} for y in years]
    return [{"period": m, **{name: counts.get(m, {}).get(name, 0) for name in series}} for m in span]


def timeline_svg(rows: list[dict], series: list[tuple[str, str]], width: int = 720, band: int = 70) -> Markup:
    """An SVG of one bar band per series over the same time axis.

    `rows` come from `periods`; `series` is [(key, colour)]. Each band is scaled to its own
    largest count, printed at its top left; each bar has a tooltip with its period and count.
    """
    if not rows:
        return Markup("")
    left, gap, axis = 4, 18, 16
    height = len(series) * (band + gap) + axis
    step = (width - left) / len(rows)
    parts = [f'<svg class="nf-timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(" and ".join(k for k, _ in series))} over time">']
    for index, (key, colour) in enumerate(series):
        top = index * (band + gap) + gap
        peak = max(row[key] for row in rows) or 1
        parts.append(f'<text x="{left}" y="{top - 5}" class="nf-timeline-label">{escape(key)} '
                     f'(most in one {"year" if len(rows[0]["period"]) == 4 else "month"}: {peak:,})</text>')
        parts.append(f'<line x1="{left}" x2="{width}" y1="{top + band}" y2="{top + band}" stroke="#d1d5db"/>')
        for n, row in enumerate(rows):
            h = band * row[key] / peak
            x = left + n * step
            parts.append(
                f'<rect x="{x + step * 0.1:.1f}" y="{top + band - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
                f'height="{h:.1f}" fill="{colour}"><title>{escape(row["period"])}: {row[key]:,} {escape(key)}</title></rect>'
            )
    # period labels on the axis: the first, the last, and a few between
    ticks = sorted({0, len(rows) - 1, *range(0, len(rows), max(1, len(rows) // 6))})
    for n in ticks:
        if n < len(rows) and (n == len(rows) - 1 or len(rows) - 1 - n >= max(1, len(rows) // 12)):
            x = left + n * step + step / 2
            anchor = "start" if n == 0 else "end" if n == len(rows) - 1 else "middle"
            parts.append(f'<text x="{x:.1f}" y="{height - 2}" text-anchor="{anchor}" class="nf-timeline-tick">'
                         f'{escape(rows[n]["period"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))

