"""The timeline as an SVG drawn on the server: a stacked bar per month, one colour per
municipality, a tooltip (<title>) on every bar. No script, no inline style: it passes the
Content-Security-Policy and reads the same in every browser and in an <img>."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from archive.facets import Timeline

COLOURS = ["#1b6ca8", "#d1495b", "#3a9d5d", "#edae49", "#6c4f9c", "#00798c", "#8c564b", "#7f7f7f"]
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 760, 220, 40, 36, 10


def _year_ticks(months: list[str], x_of: Callable[[int], float]) -> list[str]:
    years = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    step = max(1, len(years) // 12)
    return [f'<text x="{x_of(i):.1f}" y="{HEIGHT - BOTTOM + 14}" class="tick">{y}</text>' for i, y in years[::step]]


def timeline_svg(tl: Timeline, title: str = "Artiklar per månad") -> Markup:
    """The chart, ready to put in a page (scraped or user text in it is escaped)."""
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
                         f'fill="{colour}"><title>{tl.months[i]} {escape(slug)}: {n}</title></rect>')
            base[i] += n
        parts.append(f'<rect x="{LEFT + k * 110}" y="{HEIGHT + 4}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{LEFT + k * 110 + 14}" y="{HEIGHT + 13}" class="legend">{escape(slug)}</text>')
    parts += _year_ticks(tl.months, x_of)
    parts.append("</svg>")
    return Markup("".join(parts))
