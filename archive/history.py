"""An article's revisions and readable word-level diffs between consecutive ones."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from archive.models import Article, Revision
from archive.when import iso
from records.normalise import canonical_url

DIFF_FIELDS = ("title", "lead", "body", "published_at", "updated_at")


def word_diff(old: str | None, new: str | None, context: int = 8) -> str:
    """wdiff style: [-removed-] and {+added+}, with `context` unchanged words around each change
    and … where more unchanged text is left out."""
    a, b = (old or "").split(), (new or "").split()
    out: list[str] = []
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = a[i1:i2]
            head = same[:context] if n > 0 else []
            tail = same[-context:] if n < len(ops) - 1 else []
            if len(same) <= len(head) + len(tail):
                out.extend(same)
            else:
                out.extend(head + ["…"] * bool(head or tail) + tail)
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    return {f: word_diff(old.get(f), new.get(f)) for f in DIFF_FIELDS if old.get(f) != new.get(f)}


@dataclass
class RevisionView:
    id: int
    first_seen_at: str
    last_seen_at: str
    content_hash: str
    title: str | None
    changes: dict[str, str] = field(default_factory=dict)  # field -> diff against the revision before
    fields: dict[str, Any] = field(default_factory=dict)  # the diffed fields' values, as this revision has them


class NotInArchive(LookupError):
    pass


def history(engine: Engine, url: str) -> tuple[Article, list[RevisionView]]:
    with Session(engine) as s:
        article = s.scalar(select(Article).where(or_(Article.canonical_url == canonical_url(url),
                                                     Article.url == url)))
        if article is None:
            raise NotInArchive(f"no article with URL {url} in the archive")
        revisions = s.scalars(select(Revision).where(Revision.article_id == article.id).order_by(Revision.id)).all()
        views, previous = [], None
        for r in revisions:
            views.append(RevisionView(
                id=r.id, first_seen_at=iso(r.first_seen_at), last_seen_at=iso(r.last_seen_at),
                content_hash=r.content_hash, title=r.record.get("title"),
                changes=changed_fields(previous, r.record) if previous is not None else {},
                fields={f: r.record.get(f) for f in DIFF_FIELDS}))
            previous = r.record
        s.expunge(article)
        return article, views
