"""`kommunarkiv replica`: serve the bundled replica of the sites."""

from __future__ import annotations

import time

import click

from kommunarkiv.cli.common import EXIT_USAGE, fail
from replica.profiles import DEFAULT_SITES, PROFILES
from replica.server import Replica


@click.command()
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port of the first site; the next sites take the following ports (0: any free ports).")
@click.option("--site", "slugs", multiple=True, help="Serve only these replica sites (arboga, koping, kungsor, fagersta).")
@click.option("--extra-articles", default=0, show_default=True, type=click.IntRange(0),
              help="Synthetic articles to add to each site, for scale tests.")
@click.option("--hostile", is_flag=True, help="Also serve the /hostile/ pages (broken, huge, looping, bombs).")
def replica(port, slugs, extra_articles, hostile) -> None:
    """Serve the bundled replica of the sites on 127.0.0.1 until interrupted."""
    unknown = [s for s in slugs if s not in PROFILES]
    if unknown:
        fail(f"no replica of {unknown[0]!r}; the replica has {', '.join(PROFILES)}", EXIT_USAGE)
    try:
        server = Replica(tuple(slugs) or DEFAULT_SITES, port=port, extra_articles=extra_articles,
                         hostile=hostile).start()
    except OSError as exc:
        fail(f"cannot listen on port {port}: {exc.strerror}; try --port 0", EXIT_USAGE)
    for slug, site in server.sites.items():
        click.echo(f"{slug:<9} {site.base}  ({len(site.content.articles)} articles)")
    click.echo("crawl it with:\n  kommunarkiv crawl " + " ".join(f"--base-url {a}" for a in server.base_url_args()))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
