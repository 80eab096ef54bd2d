"""The timeline as an SVG drawn on the server: a stacked bar per month, one colour per
municipality, a tooltip (<title>) on every bar. No script, no inline style: it passes the
Content-Security-Policy and reads the same in every browser and in an <img>."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from archive.facets import Timeline
from archive.when import month as month_name

COLOURS = ["#1b6ca8", "#d1495b", "#3a9d5d", "#edae49", "#6c4f9c", "#00798c", "#8c564b", "#7f7f7f"]
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 760, 220, 40, 36, 10
TICK_FONT = 11  # px, as style.css sets it
LABEL_WIDTH = 4 * 0.62 * TICK_FONT  # a year's four digits, with room for wide fonts' digits
GAP = 8  # px between two year labels at the least


def year_ticks(months: list[str], x_of: Callable[[int], float]) -> list[tuple[float, str]]:
    """(x, year) of the year labels under the axis: one at each January and at the first month, each
    kept only where it clears the label before it and ends inside the chart, so that no span of years
    makes two overlap (with more years than room, every second or third January is labelled)."""
    kept: list[tuple[float, str]] = []
    for i, m in enumerate(months):
        if not (m.endswith("-01") or i == 0):
            continue
        x = x_of(i)
        if x + LABEL_WIDTH > WIDTH - 2:
            continue
        if kept and x < kept[-1][0] + LABEL_WIDTH + GAP:
            if len(kept) == 1 and not months[0].endswith("-01"):
                kept[0] = (x, m[:4])  # a part of a first year yields to the first whole one
            continue
        kept.append((x, m[:4]))
    return kept


def timeline_svg(tl: Timeline, title: str = "Artiklar per månad", names: dict[str, str] | None = None) -> Markup:
    """The chart, ready to put in a page (scraped or user text in it is escaped); `names` gives the
    municipalities' names for the legend and the tooltips (the slugs stay in data- attributes)."""
    names = names or {}
    if not tl.months:
        return Markup('<p class="meta">Inga daterade artiklar att visa.</p>')
    totals = [sum(s[i] for s in tl.series.values()) for i in range(len(tl.months))]
    top = max(totals) or 1
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    bar_w = plot_w / len(tl.months)

    def x_of(i: int) -> float:
        return LEFT + i * bar_w

    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {WIDTH} {HEIGHT + 20}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}"><title>{escape(title)}</title>',
             f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - 10}" y2="{HEIGHT - BOTTOM}" class="axis" '
             f'stroke="#555"/>',
             f'<text x="{LEFT - 4}" y="{TOP + 8}" class="tick" text-anchor="end">{top}</text>',
             f'<text x="{LEFT - 4}" y="{HEIGHT - BOTTOM}" class="tick" text-anchor="end">0</text>']
    base = [0] * len(tl.months)
    for k, (slug, counts) in enumerate(tl.series.items()):
        colour = COLOURS[k % len(COLOURS)]
        for i, n in enumerate(counts):
            if not n:
                continue
            h = n / top * plot_h
            y = HEIGHT - BOTTOM - base[i] / top * plot_h - h
            parts.append(f'<rect class="bar" data-municipality="{escape(slug)}" data-month="{tl.months[i]}" '
                         f'x="{x_of(i):.1f}" y="{y:.1f}" width="{max(bar_w - 1, 0.5):.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{month_name(tl.months[i])}, {escape(names.get(slug, slug))}: {n} '
                         f'{"artikel" if n == 1 else "artiklar"}</title></rect>')
            base[i] += n
        parts.append(f'<rect x="{LEFT + k * 110}" y="{HEIGHT + 4}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{LEFT + k * 110 + 14}" y="{HEIGHT + 13}" class="legend">{escape(names.get(slug, slug))}</text>')
    parts += [f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" class="tick">{year}</text>'
              for x, year in year_ticks(tl.months, x_of)]
    parts.append("</svg>")
    return Markup("".join(parts))
