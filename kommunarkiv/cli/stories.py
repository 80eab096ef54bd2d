"""`kommunarkiv story` and `kommunarkiv stories`: why articles share a story, and grouping the
archive again."""

from __future__ import annotations

import json

import click

from archive.story_review import StoryArticleNotFound, article_id_of, explain
from archive.story_review import rebuild as run_rebuild
from kommunarkiv.cli.archive_option import db_option, open_or_fail
from kommunarkiv.cli.common import EXIT_USAGE, fail


@click.command()
@click.argument("article")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def story(article, db, as_json) -> None:
    """Why ARTICLE (an id or URL) shares a story with others, or why its candidates were left out."""
    engine = open_or_fail(db, create=False)
    try:
        found = explain(engine, article_id_of(engine, article))
    except StoryArticleNotFound as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    a = found["article"]
    click.echo(f"article {a['id']} ({a['municipality']}, {a['published_at']}): {a['title']}")
    if found["story_id"] is None:
        click.echo("in no story")
    else:
        click.echo(f"story {found['story_id']}: " + "; ".join(f"{x['id']} {x['municipality']}" for x in found["articles"]))
    for link in found["links"]:
        click.echo(f"\n{link['a']} and {link['b']}: {'joined' if link['join'] else 'not joined directly'}")
        click.echo("\n".join(f"  - {r}" for r in link["reasons"]))
    for c in found["candidates"]:
        click.echo(f"\ncandidate {c['id']} ({c['municipality']}): {c['title']}: "
                   f"{'would join' if c['join'] else 'not joined'}")
        click.echo("\n".join(f"  - {r}" for r in c["reasons"]))


@click.command()
@click.option("--rebuild", is_flag=True, help="Group the whole archive again under the current rules.")
@db_option
def stories(rebuild, db) -> None:
    """Story grouping of the archive; --rebuild gives the stories that storing its records afresh gives."""
    if not rebuild:
        fail("say what to do: kommunarkiv stories --rebuild", EXIT_USAGE)
    counts = run_rebuild(open_or_fail(db, create=False))
    click.echo(f"{counts['stories']} stories, {counts['articles_in_stories']} articles in them")
