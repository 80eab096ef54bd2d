"""`kommunarkiv crawl`, `demo` and `runs`: crawling into the archive and what the crawls recorded."""

from __future__ import annotations

import contextlib
import json
import sys
import time

import click
from click.core import ParameterSource
from sqlalchemy import Engine

from archive.lock import Locked
from archive.runs import latest_runs
from archive.when import human
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_ARCHIVE, EXIT_LOCKED, EXIT_STOPPED, EXIT_UNHEALTHY, EXIT_USAGE, fail
from kommunarkiv.cli.search import show_search
from kommunarkiv.crawl import CrawlResult, run_crawl
from records.sites import Site, SiteError, load_sites, parse_base_url_overrides
from replica.server import Replica


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            fail(f"-s {pair!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=2", EXIT_USAGE)
        out[name] = value
    return out


def _select_sites(slugs: tuple[str, ...], base_urls: tuple[str, ...], sites_file: str | None) -> list[Site]:
    try:
        sites = parse_base_url_overrides(base_urls, load_sites(sites_file))
    except SiteError as exc:
        fail(str(exc), EXIT_USAGE)
    unknown = [s for s in slugs if s not in sites]
    if unknown:
        fail(f"unknown site {unknown[0]!r}; known: {', '.join(sites)}", EXIT_USAGE)
    return [sites[s] for s in (slugs or sites)]


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Scrapy's INFO is its start-up banners, settings, middlewares and the stats dump, a few hundred
# lines per crawl: shown on request only. Warnings and errors (failed pages) are always shown.
DEFAULT_LEVEL = "WARNING"


def log_options(command):  # noqa: ANN001, ANN201 - a click decorator
    command = click.option("--log-level", type=click.Choice(LEVELS, case_sensitive=False), default=None,
                           envvar="KOMMUNARKIV_LOG_LEVEL",
                           help=f"Log from this level up (default {DEFAULT_LEVEL}: warnings and errors).")(command)
    return click.option("-v", "--verbose", count=True,
                        help="Log more: -v is --log-level INFO (Scrapy's start-up, each site's summary, its stats), "
                             "-vv DEBUG.")(command)


def _log_level(verbose: int, log_level: str | None, settings: dict[str, str]) -> dict[str, str]:
    """LOG_LEVEL from -s LOG_LEVEL, --log-level or -v (one of them), else KOMMUNARKIV_LOG_LEVEL, else
    WARNING."""
    source = click.get_current_context().get_parameter_source("log_level")
    typed = source is ParameterSource.COMMANDLINE
    given = [name for name, present in (("-s LOG_LEVEL", "LOG_LEVEL" in settings), ("--log-level", typed),
                                        ("-v", verbose > 0)) if present]
    if len(given) > 1:
        fail(f"{', '.join(given)}: each sets the log level; give one of them", EXIT_USAGE)
    if "LOG_LEVEL" in settings:
        return {}
    if typed:
        level = log_level
    elif verbose:
        level = "INFO" if verbose == 1 else "DEBUG"
    else:  # KOMMUNARKIV_LOG_LEVEL, or the default
        level = log_level or DEFAULT_LEVEL
    return {"LOG_LEVEL": level}


@click.command()
@click.option("--site", "slugs", multiple=True, metavar="SLUG", help="Crawl only this site (repeatable).")
@click.option("--base-url", "base_urls", multiple=True, metavar="SLUG=URL",
              help="Point a site at another origin, e.g. koping=http://127.0.0.1:8001 (repeatable).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False), envvar="KOMMUNARKIV_SITES",
              help="Site list to use instead of the bundled records/sites.toml.")
@db_option
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Any Scrapy setting.")
@click.option("--full", is_flag=True, help="Fetch every page again: no conditional requests, no lastmod skips.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON object per log line, for log collectors.")
@click.option("--distributed", "redis_url", metavar="REDIS_URL",
              help="Be one worker of a crawl shared over Redis, e.g. redis://127.0.0.1:6379/0.")
@click.option("--crawl-id", default=None, metavar="ID",
              help="With --distributed: the shared crawl's name (default: today's UTC date).")
@log_options
def crawl(slugs, base_urls, sites_file, db, settings, full, log_format, redis_url, crawl_id, log_level,
          verbose) -> None:
    """Crawl the municipalities' news into the archive (the live sites unless --base-url).

    On a terminal each site's progress is shown while it runs; then, as in a pipe, one summary
    line per site."""
    overrides = _settings(settings)
    overrides |= _log_level(verbose, log_level, overrides) | ({"KOMMUNARKIV_INCREMENTAL": "False"} if full else {})
    sites = _select_sites(slugs, base_urls, sites_file)
    engine = open_or_fail(db)
    if redis_url:
        _check_redis(redis_url)
        crawl_id = crawl_id or time.strftime("%Y-%m-%d", time.gmtime())
    result = _run(sites, engine, overrides, log_format, redis_url, crawl_id)
    sys.exit(EXIT_STOPPED if result.stopped else EXIT_UNHEALTHY if result.problems else 0)


def _check_redis(url: str) -> None:
    import redis

    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=3)
    except ValueError as exc:
        fail(f"--distributed {url!r}: {exc}", EXIT_USAGE)
    try:
        server.ping()
    except redis.RedisError as exc:
        fail(f"cannot reach Redis at {url} ({exc}): check that the server is running and accepts connections "
             f"(redis-cli -u {url} ping)", EXIT_ARCHIVE)


def _run(sites: list[Site], engine: Engine, overrides: dict[str, str], log_format: str = "text",
         redis_url: str | None = None, crawl_id: str | None = None) -> CrawlResult:
    started = time.monotonic()
    # The display starts before run_crawl sets up logging, so that log lines go above it. Not with
    # JSON logs: rich would wrap their lines at the terminal's width, and they are for machines.
    shown: contextlib.AbstractContextManager = contextlib.nullcontext()
    if sys.stderr.isatty() and log_format == "text":
        from kommunarkiv.progress import CrawlProgress  # rich: imported only when shown

        shown = CrawlProgress([s.slug for s in sites])
    try:
        with shown as progress:
            result = run_crawl(sites, engine, overrides, log_format, redis_url, crawl_id,
                               on_progress=progress.update if progress else None)
    except Locked as exc:
        fail(str(exc), EXIT_LOCKED)
    url = engine.url.render_as_string(hide_password=True)
    if result.stopped:
        click.echo(f"kommunarkiv: crawl run {result.run_id} stopped by {result.stopped}: what it stored is kept, "
                   "the next crawl fetches the rest", err=True)
    # the run's status as `runs` shows it: a crawl whose health check failed is "failed", not "finished"
    ended = "stopped" if result.stopped else "failed" if result.problems else "finished"
    click.echo(f"crawl run {result.run_id} {ended} in {time.monotonic() - started:.1f} s, archive {url}")
    for o in result.sites:  # a site's failures, if any, indented under its line: what cron mails
        for line in o.summary():
            click.echo(line)
    if result.problems:
        click.echo("health check failed:", err=True)
        for problem in result.problems:
            click.echo(f"  {problem}", err=True)
    return result


FAST_LOCAL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}


@click.command()
@db_option
@click.option("--query", default="samverkan", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65533),
              help="First replica port; a fixed port keeps the archive's URLs the same from run to run.")
@log_options
def demo(db, query, port, log_level, verbose) -> None:
    """Start the replica, crawl it into the archive, and show a search."""
    level = _log_level(verbose, log_level, {})
    engine = open_or_fail(db)
    try:
        server = Replica(port=port)
    except OSError as exc:
        fail(f"cannot serve the replica on ports {port}-{port + 2}: {exc.strerror}; try --port", EXIT_USAGE)
    with server:
        click.echo("replica: " + ", ".join(f"{s} {site.base}" for s, site in server.sites.items()))
        sites = _select_sites(tuple(server.sites), tuple(server.base_url_args()), None)
        result = _run(sites, engine, FAST_LOCAL | level)
    click.echo(f"\n$ kommunarkiv search {query}")
    show_search(engine, query, limit=5)
    click.echo("\nnext:\n"
               "  kommunarkiv serve                                the archive in a browser, http://127.0.0.1:8080/\n"
               "  kommunarkiv search samverkan kommun:Köping       any query: see the README's query language\n"
               "  kommunarkiv watch add samverkan topic:samverkan  new matches collected after each crawl"
               + ("" if db is None else f"\n(with --db {db} for this archive)"))
    sys.exit(EXIT_UNHEALTHY if result.problems else 0)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10000))
def runs(db, as_json, limit) -> None:
    """The last crawl runs: per site pages fetched, 304s, new articles and revisions, failures, health."""
    rows = latest_runs(open_or_fail(db, create=False), limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for run in rows:
        click.echo(f"run {run['id']}  {run['status']:<8}  {human(run['started_at'], zone=True)} -> "
                   f"{human(run['finished_at'], zone=True, empty='…')}  "
                   f"sites {run['sites']}")
        for slug, st in run["stats"].get("sites", {}).items():
            click.echo(f"  {slug}: fetched {st['pages_fetched']}, 304 {st['not_modified']}, skipped "
                       f"{st['skipped_by_lastmod']}, new {st['new_articles']}, revised {st['new_revisions']}, "
                       f"unchanged {st['unchanged']}, failed {st['failed']}, invalid {st['invalid']}")
        for problem in run["stats"].get("health", []):
            click.echo(f"  health: {problem}")
