"""The `kommunarkiv` command: a thin shell over the library (spiders, archive, replica).

Exit codes: 0 done; 2 bad usage or a malformed query; 3 a crawl ran but a health check failed
(a site down or without articles, a field's coverage dropped, too many errors or invalid records);
4 the archive cannot be opened or needs `kommunarkiv db upgrade`; 5 another crawl is running on
the archive. 1 is left to Python for an unexpected error (a bug: please report it).
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

import click

from archive.db import (DB_ENV, ArchiveError, head_revision, make_engine, open_archive, resolve_url, storage_fault,
                        upgrade)
from archive.places import names
from archive.query import QueryError
from archive.when import human

EXIT_USAGE, EXIT_UNHEALTHY, EXIT_ARCHIVE, EXIT_LOCKED = 2, 3, 4, 5
db_option = click.option("--db", envvar=DB_ENV, default=None, metavar="URL",
                         help="Archive: any SQLAlchemy URL or an SQLite path (default sqlite:///data/kommunarkiv.sqlite).")


def _fail(message: str, code: int) -> None:
    click.echo(f"kommunarkiv: {message}", err=True)
    sys.exit(code)


class _Commands(click.Group):
    """Any command that meets a full disk or a read-only archive ends with one line and exit 4."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except ArchiveError as exc:
            _fail(str(exc), EXIT_ARCHIVE)
        except Exception as exc:  # noqa: BLE001 - only storage faults are handled; the rest re-raised
            fault = storage_fault(exc)
            if fault is None:
                raise
            _fail(fault, EXIT_ARCHIVE)


@click.group(cls=_Commands)
@click.version_option(package_name="kommunarkiv")
def main() -> None:
    """News scraper and searchable archive for Swedish municipalities."""


# -- crawl ------------------------------------------------------------------------------------------
def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            _fail(f"-s {pair!r}: expected NAME=VALUE, e.g. -s DOWNLOAD_DELAY=2", EXIT_USAGE)
        out[name] = value
    return out


def _select_sites(slugs: tuple[str, ...], base_urls: tuple[str, ...], sites_file: str | None):
    from spiders.sites import SiteError, load_sites, parse_base_url_overrides

    try:
        sites = parse_base_url_overrides(base_urls, load_sites(sites_file))
    except SiteError as exc:
        _fail(str(exc), EXIT_USAGE)
    unknown = [s for s in slugs if s not in sites]
    if unknown:
        _fail(f"unknown site {unknown[0]!r}; known: {', '.join(sites)}", EXIT_USAGE)
    return [sites[s] for s in (slugs or sites)]


def _open(db: str | None, create: bool = True):
    try:
        return open_archive(db, create=create)
    except ArchiveError as exc:
        _fail(str(exc), EXIT_ARCHIVE)


@main.command()
@click.option("--site", "slugs", multiple=True, metavar="SLUG", help="Crawl only this site (repeatable).")
@click.option("--base-url", "base_urls", multiple=True, metavar="SLUG=URL",
              help="Point a site at another origin, e.g. koping=http://127.0.0.1:8001 (repeatable).")
@click.option("--sites-file", type=click.Path(exists=True, dir_okay=False), envvar="KOMMUNARKIV_SITES",
              help="Site list to use instead of the bundled spiders/sites.toml.")
@db_option
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Any Scrapy setting.")
@click.option("--full", is_flag=True, help="Fetch every page again: no conditional requests, no lastmod skips.")
@click.option("--log-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON object per log line, for log collectors.")
@click.option("--distributed", "redis_url", metavar="REDIS_URL",
              help="Be one worker of a crawl shared over Redis, e.g. redis://127.0.0.1:6379/0.")
@click.option("--crawl-id", default=None, metavar="ID",
              help="With --distributed: the shared crawl's name (default: today's UTC date).")
def crawl(slugs, base_urls, sites_file, db, settings, full, log_format, redis_url, crawl_id) -> None:
    """Crawl the municipalities' news into the archive (the live sites unless --base-url)."""
    overrides = _settings(settings) | ({"KOMMUNARKIV_INCREMENTAL": "False"} if full else {})
    sites = _select_sites(slugs, base_urls, sites_file)
    db_url = resolve_url(db)
    _open(db_url).dispose()
    if redis_url:
        _check_redis(redis_url)
        crawl_id = crawl_id or time.strftime("%Y-%m-%d", time.gmtime())
    result = _run(sites, db_url, overrides, log_format, redis_url, crawl_id)
    sys.exit(EXIT_UNHEALTHY if result.problems else 0)


def _check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except (redis.RedisError, ValueError) as exc:
        _fail(f"cannot reach Redis at {url}: {exc}", EXIT_USAGE)


def _run(sites, db_url: str, overrides: dict[str, str], log_format: str = "text", redis_url: str | None = None,
         crawl_id: str | None = None):
    from archive.lock import Locked
    from spiders.runner import run_crawl

    started = time.monotonic()
    try:
        result = run_crawl(sites, db_url, overrides, log_format, redis_url, crawl_id)
    except Locked as exc:
        _fail(str(exc), EXIT_LOCKED)
    click.echo(f"crawl run {result.run_id} finished in {time.monotonic() - started:.1f} s, archive {db_url}")
    for o in result.sites:
        for line in o.summary():
            click.echo(line)
    if result.problems:
        click.echo("health check failed:", err=True)
        for problem in result.problems:
            click.echo(f"  {problem}", err=True)
    return result


# -- search -----------------------------------------------------------------------------------------
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the hits as CSV.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(0, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--every-article", is_flag=True, help="One hit per article: do not collapse a story into one hit.")
@click.option("--facets", "with_facets", is_flag=True,
              help="Also count the matching articles per municipality, year and topic (JSON: {hits, facets}).")
def search(query, db, as_json, as_csv, limit, offset, sort, every_article, with_facets) -> None:
    """Full-text search: words, "phrases", prefix*, OR, -not, kommun:, from:, to:, topic:, person:.

    A story published by several municipalities is one hit that names the others. The words of
    QUERY may come as one argument or several: `search samverkan -budget kommun:arboga`."""
    from archive.facets import facets
    from archive.search import search as run_search

    query = " ".join(query)
    if with_facets and as_csv:
        _fail("--facets cannot go with --csv (one table of hits); use --facets --json, or --facets alone", EXIT_USAGE)
    engine = _open(db, create=False)
    try:
        found = facets(engine, query) if with_facets else None
        results = run_search(engine, query, limit=limit, offset=offset, sort=sort, collapse=not every_article,
                             total=found.total if found else None)
        counts = found.to_dict() if found else None
    except QueryError as exc:
        _fail(f"bad query: {exc}", EXIT_USAGE)
    hits = [h.to_dict() for h in results.hits]
    if as_json:
        click.echo(json.dumps({"total": results.total, "hits": hits, "facets": counts} if with_facets else hits,
                              ensure_ascii=False, indent=2))
    elif as_csv:
        for h in hits:
            h["also_published"] = " ".join(a["url"] for a in h["also_published"])
        writer = csv.DictWriter(sys.stdout, fieldnames=list(hits[0]) if hits else ["id"])
        writer.writeheader()
        writer.writerows(hits)
    else:
        _print_hits(query, results.total, hits, counts, names(engine))


def _print_hits(query: str, total: int, hits: list[dict], counts: dict | None, places: dict[str, str]) -> None:
    """For people: municipalities by name, dates in Swedish (the JSON and CSV keep slugs and ISO)."""
    matches = "1 article matches" if total == 1 else f"{total} articles match"
    shown = f"; showing {len(hits)} {'hit' if len(hits) == 1 else 'hits'}" if hits else ""
    click.echo(f"{matches} {query!r}{shown}")
    for h in hits:
        click.echo(f"\n{human(h['published_at'], empty='(no date)')}  {places[h['municipality']]}  {h['title']}")
        click.echo(f"  {h['url']}")
        click.echo(f"  {h['snippet']}")
        if h["also_published"]:
            click.echo("  also published by " + ", ".join(places[a["municipality"]] for a in h["also_published"]))
    for name, values in (counts or {}).items():
        shown_value = (lambda v: places[v]) if name == "municipality" else str
        click.echo(f"\n{name}: " + ", ".join(f"{shown_value(v['value'])} {v['count']}" for v in values))


# -- parse ------------------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--url", help="The page's URL (default: file:// of the path).")
@click.option("--municipality", help="Site slug to put in the record (default: from the URL, else the footer).")
@click.option("--coverage", is_flag=True, help="After the records, a table of how often each field was found.")
def parse(paths, url, municipality, coverage) -> None:
    """Print the record of saved pages as JSON (one per line for several files or a folder)."""
    from spiders.parsers import parse_article
    from spiders.sites import load_sites, municipality_for

    files = [f for p in map(Path, paths) for f in ([p] if p.is_file() else sorted(p.rglob("*.htm*")))]
    if not files:
        _fail(f"no .html files in {', '.join(paths)}", EXIT_USAGE)
    sites = load_sites()
    records = []
    for f in files:
        page_url = url if url and len(files) == 1 else f.resolve().as_uri()
        parsed = parse_article(f.read_bytes(), page_url, municipality=municipality)
        if parsed.municipality is None:
            parsed.municipality = municipality_for(page_url, parsed.contact.organisation if parsed.contact else None,
                                                   sites)
        record = parsed.to_dict()
        records.append(record)
        click.echo(json.dumps(record, ensure_ascii=False, indent=None if len(files) > 1 else 2))
    if coverage and records:
        fields = [k for k in records[0] if k not in ("url", "canonical_url", "extraction", "is_news", "template")]
        click.echo(f"\n{'field':<20} found  of {len(records)}")
        for key in fields:
            found = sum(1 for r in records if r.get(key) not in (None, "", [], {}))
            click.echo(f"{key:<20} {found:>5}  {found / len(records):6.0%}")


# -- replica ----------------------------------------------------------------------------------------
@main.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port of the first site; the next sites take the following ports (0: any free ports).")
@click.option("--site", "slugs", multiple=True, help="Serve only these replica sites (arboga, koping, kungsor, fagersta).")
@click.option("--extra-articles", default=0, show_default=True, type=click.IntRange(0),
              help="Synthetic articles to add to each site, for scale tests.")
@click.option("--hostile", is_flag=True, help="Also serve the /hostile/ pages (broken, huge, looping, bombs).")
def replica(port, slugs, extra_articles, hostile) -> None:
    """Serve the bundled replica of the sites on 127.0.0.1 until interrupted."""
    from replica.profiles import DEFAULT_SITES, PROFILES
    from replica.server import Replica

    unknown = [s for s in slugs if s not in PROFILES]
    if unknown:
        _fail(f"no replica of {unknown[0]!r}; the replica has {', '.join(PROFILES)}", EXIT_USAGE)
    try:
        server = Replica(tuple(slugs) or DEFAULT_SITES, port=port, extra_articles=extra_articles,
                         hostile=hostile).start()
    except OSError as exc:
        _fail(f"cannot listen on port {port}: {exc.strerror}; try --port 0", EXIT_USAGE)
    for slug, site in server.sites.items():
        click.echo(f"{slug:<9} {site.base}  ({len(site.content.articles)} articles)")
    click.echo("crawl it with:\n  kommunarkiv crawl " + " ".join(f"--base-url {a}" for a in server.base_url_args()))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


# -- demo -------------------------------------------------------------------------------------------
FAST_LOCAL = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}


@main.command()
@db_option
@click.option("--query", default="samverkan", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65533),
              help="First replica port; a fixed port keeps the archive's URLs the same from run to run.")
def demo(db, query, port) -> None:
    """Start the replica, crawl it into the archive, and show a search."""
    from replica.server import Replica

    db_url = resolve_url(db)
    _open(db_url).dispose()
    try:
        server = Replica(port=port)
    except OSError as exc:
        _fail(f"cannot serve the replica on ports {port}-{port + 2}: {exc.strerror}; try --port", EXIT_USAGE)
    with server:
        click.echo("replica: " + ", ".join(f"{s} {site.base}" for s, site in server.sites.items()))
        sites = _select_sites(tuple(server.sites), tuple(server.base_url_args()), None)
        result = _run(sites, db_url, FAST_LOCAL)
    click.echo(f"\n$ kommunarkiv search {query}")
    ctx = click.get_current_context()
    ctx.invoke(search, query=tuple(query.split()), db=db_url, as_json=False, as_csv=False, limit=5, offset=0,
               sort="relevance")
    click.echo("\nnext:\n"
               "  kommunarkiv serve                                the archive in a browser, http://127.0.0.1:8080/\n"
               "  kommunarkiv search samverkan kommun:Köping       any query: see the README's query language\n"
               "  kommunarkiv watch add samverkan topic:samverkan  new matches collected after each crawl"
               + ("" if db is None else f"\n(with --db {db_url} for this archive)"))
    sys.exit(EXIT_UNHEALTHY if result.problems else 0)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10000))
def runs(db, as_json, limit) -> None:
    """The last crawl runs: per site pages fetched, 304s, new articles and revisions, failures, health."""
    from archive.runs import latest_runs

    rows = latest_runs(_open(db, create=False), limit)
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


# -- history, reparse, export, warc -----------------------------------------------------------------
@main.command()
@click.argument("url")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the revisions as JSON.")
def history(url, db, as_json) -> None:
    """Every revision of an article, with a word-level diff ([-removed-] {+added+}) to the one before."""
    from dataclasses import asdict

    from archive.history import NotInArchive
    from archive.history import history as load_history

    try:
        article, revisions = load_history(_open(db, create=False), url)
    except NotInArchive as exc:
        _fail(str(exc), EXIT_USAGE)
    if as_json:
        click.echo(json.dumps({"canonical_url": article.canonical_url, "revisions": [asdict(r) for r in revisions]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{article.canonical_url}: {len(revisions)} revision(s)")
    for n, r in enumerate(revisions):
        click.echo(f"\nrevision {r.id}: first seen {human(r.first_seen_at, zone=True)}, "
                   f"last seen {human(r.last_seen_at, zone=True)}")
        if n == 0:  # the first revision has nothing to differ from: its record, as archived
            for field_name, value in r.fields.items():
                shown = human(value) if field_name.endswith("_at") else " ".join(str(value).split())
                click.echo(f"  {field_name}: {shown if shown else '(none)'}")
        for field_name, diff in r.changes.items():
            click.echo(f"  {field_name}: {diff}")


@main.command()
@click.option("--site", help="Only this site's articles.")
@db_option
def reparse(site, db) -> None:
    """Rebuild records from the stored raw captures with today's parser (no network)."""
    from archive.reparse import reparse as run_reparse

    counts = run_reparse(_open(db, create=False), site)
    click.echo(f"reparsed {sum(counts.values())} articles: {counts.get('new_revisions', 0)} changed "
               f"(new revision), {counts.get('unchanged', 0)} unchanged")


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@db_option
def export(query, fmt, output, db) -> None:
    """One row per article (latest revision) with every record field and its provenance; QUERY
    (the search language, its words unquoted or quoted) narrows it."""
    from archive import export as exporter
    from archive.search import matching_ids

    query = " ".join(query)
    engine = _open(db, create=False)
    ids = None
    if query:
        try:
            ids = matching_ids(engine, query)
        except QueryError as exc:
            _fail(f"bad query: {exc}", EXIT_USAGE)
    if fmt == "parquet" and not output:
        _fail("parquet needs --output FILE", EXIT_USAGE)
    with (open(output, "wb") if output else click.get_binary_stream("stdout")) as out:
        n = exporter.write(engine, fmt, out, ids)
    if output:
        click.echo(f"{n} articles written to {output}")


@main.command()
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True), help="FILE.warc.gz")
@db_option
def warc(output, db) -> None:
    """The raw captures as WARC 1.1: request, response and metadata records."""
    from archive.warc import export_warc

    engine = _open(db, create=False)
    with open(output, "wb") as out:
        n = export_warc(engine, out, Path(output).name)
    click.echo(f"{n} captures written to {output}")


# -- watches ---------------------------------------------------------------------------------------
@main.group()
def watch() -> None:
    """Saved searches that collect new and changed articles after each crawl."""


@watch.command("add", context_settings={"ignore_unknown_options": True})
@click.argument("name")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--email", help="Send a digest here after each crawl that finds something (SMTP from the environment).")
@click.option("--webhook", help="POST the new entries as JSON to this URL after each crawl that finds something.")
def watch_add(name, query, db, email, webhook) -> None:
    """Follow QUERY (the search language) under NAME, e.g. watch add samverkan topic:samverkan."""
    from archive.watches import WatchError, add_watch

    query = " ".join(query)
    try:
        add_watch(_open(db), name, query, email, webhook)
    except QueryError as exc:
        _fail(f"bad query: {exc}", EXIT_USAGE)
    except WatchError as exc:
        _fail(str(exc), EXIT_USAGE)
    click.echo(f"watching {name!r}: {query}")


@watch.command("list")
@db_option
@click.option("--json", "as_json", is_flag=True)
def watch_list(db, as_json) -> None:
    """The watches, with how many entries each has collected."""
    from archive.watches import list_watches

    rows = list_watches(_open(db))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for w in rows:
        click.echo(f"{w['name']:<24} {w['entries']:>5} entries  {w['query']}")


@watch.command("remove")
@click.argument("name")
@db_option
def watch_remove(name, db) -> None:
    """Stop following a watch (its collected entries go too)."""
    from archive.watches import WatchError, remove_watch

    try:
        remove_watch(_open(db, create=False), name)
    except WatchError as exc:
        _fail(str(exc), EXIT_USAGE)
    click.echo(f"removed {name!r}")


@watch.command("feed")
@click.argument("name")
@db_option
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
def watch_feed(name, db, output) -> None:
    """The watch's new and changed articles as an Atom feed."""
    from archive.watches import WatchError, atom_feed

    try:
        xml = atom_feed(_open(db, create=False), name)
    except WatchError as exc:
        _fail(str(exc), EXIT_USAGE)
    if output:
        Path(output).write_bytes(xml)
        click.echo(f"feed of {name!r} written to {output}")
    else:
        click.get_binary_stream("stdout").write(xml)


@main.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def backup_command(file, db) -> None:
    """Back up the archive while it is in use (SQLite backup API; pg_dump for PostgreSQL)."""
    from archive.backup import BackupError, backup

    try:
        path = backup(_open(db, create=False), file)
    except BackupError as exc:
        _fail(str(exc), EXIT_ARCHIVE)
    click.echo(f"archive {resolve_url(db)} backed up to {path}")


# -- serve -----------------------------------------------------------------------------------------
@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 127.0.0.1 keeps the archive on this machine.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
def serve(db, host, port) -> None:
    """Serve the archive on the web: the search pages for people, the JSON API (docs at /docs,
    OpenAPI at /openapi.json) and the watches' Atom feeds. Reading only, except watches (token)."""
    import uvicorn

    from archive.web.app import create_app

    click.echo(f"serving {resolve_url(db)} on http://{host}:{port} (API docs: /docs)")
    uvicorn.run(create_app(_open(db, create=False)), host=host, port=port, log_level="warning")


# -- db ---------------------------------------------------------------------------------------------
@main.group()
def db() -> None:
    """Archive schema: status and upgrade."""


@db.command("upgrade")
@db_option
def db_upgrade(db) -> None:
    """Migrate an archive to this version's schema (creates a new one)."""
    try:
        before, after = upgrade(make_engine(db))
    except ArchiveError as exc:
        _fail(str(exc), EXIT_ARCHIVE)
    click.echo(f"archive {resolve_url(db)}: schema {before or '(new)'} -> {after}")


@db.command("status")
@db_option
def db_status(db) -> None:
    """Show the archive's schema version and what this kommunarkiv needs."""
    from archive.db import current_revision

    click.echo(f"archive {resolve_url(db)}: schema {current_revision(make_engine(db)) or '(none)'}, "
               f"this kommunarkiv needs {head_revision()}")


if __name__ == "__main__":
    main()
