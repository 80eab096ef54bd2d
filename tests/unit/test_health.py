"""Health checks: pure functions over a site's run statistics."""

from archive.health import check_site as check_with
from spiders import settings


def check_site(site, now, before):
    """The check with the thresholds a crawl uses by default (spiders/settings.py)."""
    return check_with(site, now, before, settings.KOMMUNARKIV_MAX_ERROR_RATE, settings.KOMMUNARKIV_COVERAGE_DROP)

COVERAGE = {"title": 1.0, "lead": 0.95, "published_at": 0.95, "updated_at": 0.9, "body": 1.0, "quotes": 0.5,
            "page_contact": 0.8, "contact": 1.0}


def stats(**over):
    base = dict(pages_fetched=100, articles_parsed=40, unchanged=0, failed=0, invalid=0,
                invalid_ratio_exceeded=None, coverage=dict(COVERAGE))
    return base | over


def test_a_healthy_site():
    assert check_site("arboga", stats(), [stats(), stats()]) == []


def test_a_site_without_articles():
    assert check_site("arboga", stats(articles_parsed=0, coverage={}), []) == [
        "arboga: no article found (fetched 100 pages)"]


def test_a_site_that_is_down():
    assert check_site("arboga", stats(pages_fetched=0, articles_parsed=0), []) == ["arboga: no page could be fetched"]


def test_an_unchanged_site_is_healthy():
    assert check_site("arboga", stats(articles_parsed=0, unchanged=37, coverage={}), [stats()]) == []


def test_error_rate_over_the_threshold():
    [problem] = check_site("koping", stats(failed=25), [])
    assert problem == "koping: 25 of 100 fetches failed (25%, over 20%)"


def test_coverage_drop_names_the_field():
    [problem] = check_site("kungsor", stats(coverage=COVERAGE | {"published_at": 0.4}), [stats(), stats(), stats()])
    assert problem == ("kungsor: publication dates found on 95% of articles in the last 3 run(s), 40% now: "
                       "the page template may have changed")


def test_too_few_records_are_not_compared():
    assert check_site("kungsor", stats(articles_parsed=5, coverage=COVERAGE | {"lead": 0.0}), [stats()]) == []
    assert check_site("kungsor", stats(coverage=COVERAGE | {"lead": 0.0}), [stats(articles_parsed=3)]) == []
