"""The replica's pages: hand-written articles (content/*.json), cross-posted stories, non-news pages,
traps for the crawler, and synthetic articles in any number for scale tests."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from replica.profiles import PROFILES, Profile
from replica.synthetic import synthetic_articles

T = TypeVar("T")

CONTENT_DIR = Path(__file__).with_name("content")
STOCKHOLM_OFFSET_NOTE = "published/updated are Europe/Stockholm wall-clock times"


@dataclass
class Article:
    site: str
    key: str
    title: str
    lead: str | None
    body: str
    published: str
    updated: str | None
    category: str
    images: list[dict]
    attachments: list[dict]
    contact: dict | None
    topics: list[str]
    quotes: list[dict]
    people: list[dict]
    story: str | None = None
    synthetic: bool = False
    path: str = ""
    node: str = ""

    @property
    def modified(self) -> str:
        return self.updated or self.published

    @property
    def published_dt(self) -> datetime:
        return datetime.fromisoformat(self.published if "T" in self.published else self.published + "T00:00")

    @property
    def modified_dt(self) -> datetime:
        m = self.modified
        return datetime.fromisoformat(m if "T" in m else m + "T00:00")


@dataclass
class Page:
    site: str
    path: str
    title: str
    lead: str | None
    body: str
    updated: str
    kind: str = "page"  # page | event | private
    published: str | None = None


@dataclass
class SiteContent:
    profile: Profile
    articles: list[Article]  # newest first
    pages: list[Page]
    by_path: dict[str, Article | Page] = field(default_factory=dict)
    version: int = 0  # bumped by every change (add_article, ReplicaSite.edit); the memo keys on it
    _memo: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` kept until the content changes: what each request would otherwise compute
        over every article (a 33,000-article site made the replica, not the crawler, the bench's
        bottleneck at 20 pages/s)."""
        kept = self._memo.get(name)
        if kept is None or kept[0] != self.version:
            kept = self._memo[name] = (self.version, compute())
        return cast(T, kept[1])

    def position(self, article: Article) -> int:
        """The article's index in `articles` (newest first)."""
        return self.memo("positions", lambda: {id(a): i for i, a in enumerate(self.articles)})[id(article)]


def slugify(text: str) -> str:
    """Sitevision's URL names: lower case, å/ä to a, ö to o, spaces to '-', other punctuation dropped."""
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9\s-]", "", text)
    return re.sub(r"\s", "-", text.strip()).strip("-")


def node_id(profile: Profile, key: str) -> str:
    return profile.node_prefix + hashlib.sha1(key.encode()).hexdigest()[:6]


def epoch_ms(stamp: str) -> int:
    dt = datetime.fromisoformat(stamp if "T" in stamp else stamp + "T00:00")
    return int(dt.timestamp() * 1000)


def _article(site: str, key: str, raw: dict, story: str | None = None) -> Article:
    return Article(
        site=site, key=key, title=raw["title"], lead=raw.get("lead"), body=raw["body"],
        published=raw["published"], updated=raw.get("updated"), category=raw["category"],
        images=list(raw.get("images", [])), attachments=list(raw.get("attachments", [])),
        contact=raw.get("contact"), topics=list(raw.get("topics", [])), quotes=list(raw.get("quotes", [])),
        people=list(raw.get("people", [])), story=story,
    )


@cache
def _load_json(name: str) -> dict:
    path = CONTENT_DIR / f"{name}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _hand_written(site: str) -> tuple[list[Article], list[Page]]:
    own = _load_json(site)
    shared = _load_json("shared")
    articles = [_article(site, f"{site}-{i}", a) for i, a in enumerate(own.get("articles", []))]
    for story in shared.get("stories", []):
        if site in story["versions"]:
            articles.append(_article(site, f"{site}-{story['story']}", story["versions"][site], story["story"]))
    for i, decoy in enumerate(shared.get("decoys", [])):
        if decoy["site"] == site:
            articles.append(_article(site, f"{site}-decoy-{i}", decoy["article"]))
    pages = [
        Page(site=site, path=p["path"], title=p["title"], lead=p.get("lead"), body=p["body"],
             updated=p.get("updated") or "2024-01-01")
        for p in own.get("pages", [])
    ]
    return articles, pages


def _traps(site: str) -> list[Page]:
    """Pages a crawler must not archive as news (an event with a date) or not fetch (robots.txt)."""
    return [
        Page(site=site, path="/evenemang/hostmarknad-pa-torget.html", title="Höstmarknad på torget",
             lead="Välkommen till årets höstmarknad med lokala hantverkare och odlare.",
             body="Marknaden pågår mellan klockan 10 och 15.\n\nFri entré för alla besökare.",
             updated="2025-09-01", kind="event", published="2025-08-20T09:00"),
        Page(site=site, path="/intranat/personalinformation.html", title="Personalinformation",
             lead=None, body="Den här sidan är bara för anställda.", updated="2025-01-01", kind="private"),
    ]


def _assign_paths(profile: Profile, articles: list[Article]) -> None:
    seen: set[str] = set()
    for a in articles:
        slug = slugify(a.title) or "nyhet"
        day = a.published[:10]
        path = profile.article_pattern.format(category=a.category, date=day, slug=slug, year=day[:4])
        n = 2
        while path in seen:
            path = profile.article_pattern.format(category=a.category, date=day, slug=f"{slug}-{n}",
                                                  year=day[:4])
            n += 1
        seen.add(path)
        a.path = path
        a.node = node_id(profile, a.key)


def load_site(site: str, extra_articles: int = 0) -> SiteContent:
    profile = PROFILES[site]
    articles, pages = _hand_written(site)
    articles += [
        _article(site, f"{site}-synthetic-{i}", raw) for i, raw in enumerate(synthetic_articles(site, extra_articles))
    ]
    for a in articles[len(articles) - extra_articles:] if extra_articles else []:
        a.synthetic = True
    articles.sort(key=lambda a: (a.published_dt, a.key), reverse=True)
    _assign_paths(profile, articles)
    pages += _traps(site)
    content = SiteContent(profile=profile, articles=articles, pages=pages)
    content.by_path = {a.path: a for a in articles} | {p.path: p for p in pages}
    return content


def add_article(content: SiteContent, raw: dict) -> Article:
    """Publish a new article on a running replica site (it becomes the newest)."""
    article = _article(content.profile.slug, f"{content.profile.slug}-added-{len(content.articles)}", raw)
    _assign_paths(content.profile, [article])
    while article.path in content.by_path:
        article.path = article.path.replace(".html", "-1.html") if article.path.endswith(".html") else article.path + "-1"
    content.articles.insert(0, article)
    content.by_path[article.path] = article
    content.version += 1
    return article
