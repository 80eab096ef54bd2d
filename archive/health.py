"""Health checks at the end of a crawl: did each site yield articles, did a field's coverage drop
against the earlier runs (the template changed), did too many fetches fail.

A failed check makes `kommunarkiv crawl` exit 3 with a short report; the report is stored in the
run record. Thresholds are settings: KOMMUNARKIV_MAX_ERROR_RATE, KOMMUNARKIV_COVERAGE_DROP.
"""

from __future__ import annotations

from typing import Any

from records.crawlstats import COVERAGE_FIELDS

MIN_RECORDS = 10  # coverage is compared only over enough records, tonight and before


def check_site(site: str, now: dict[str, Any], before: list[dict[str, Any]],
               max_error_rate: float, coverage_drop: float) -> list[str]:
    """Problems found, each one readable line; empty when the site is healthy. The thresholds are
    the settings KOMMUNARKIV_MAX_ERROR_RATE (failed fetches / pages fetched) and
    KOMMUNARKIV_COVERAGE_DROP (a field's coverage falling this much against earlier runs)."""
    problems = []
    articles = now["articles_parsed"] + now["unchanged"]
    if now["pages_fetched"] == 0:
        problems.append(f"{site}: no page could be fetched")
    elif articles == 0:
        problems.append(f"{site}: no article found (fetched {now['pages_fetched']} pages)")
    if now["pages_fetched"] and now["failed"] / now["pages_fetched"] > max_error_rate:
        problems.append(f"{site}: {now['failed']} of {now['pages_fetched']} fetches failed "
                        f"({now['failed'] / now['pages_fetched']:.0%}, over {max_error_rate:.0%})")
    if now.get("invalid_ratio_exceeded"):
        problems.append(now["invalid_ratio_exceeded"])
    earlier = [b["coverage"] for b in before if b.get("articles_parsed", 0) >= MIN_RECORDS and b.get("coverage")]
    if now["articles_parsed"] >= MIN_RECORDS and earlier:
        for field, label in COVERAGE_FIELDS.items():
            was = sum(c.get(field, 0) for c in earlier) / len(earlier)
            is_ = now["coverage"].get(field, 0)
            if was - is_ >= coverage_drop:
                problems.append(f"{site}: {label} found on {was:.0%} of articles in the last {len(earlier)} "
                                f"run(s), {is_:.0%} now: the page template may have changed")
    return problems
