"""Build archive records for tests without a crawl."""

from __future__ import annotations

from archive.store import Incoming, SiteInfo

NAMES = {"arboga": "Arboga kommun", "koping": "Köpings kommun", "kungsor": "Kungsörs kommun"}  # as spiders/sites.toml
SITES = {s: SiteInfo(s, name, f"https://www.{s}.se") for s, name in NAMES.items()}


def record(slug: str, path: str, title: str, body: str, published: str | None = "2021-05-03",
           lead: str | None = None, **extra) -> dict:
    url = f"https://www.{slug}.se{path}"
    base = dict(url=url, canonical_url=url, municipality=slug, title=title, lead=lead, body=body, subheadings=[],
                published_at=published, published_raw=published, published_source="text", updated_at=None,
                updated_raw=None, updated_source=None, quotes=[], people=[], page_contact=None, images=[],
                attachments=[], contact=None, is_news=True, template="sv-template-nyhet",
                extraction={"method": "sitevision", "warnings": []})
    return base | extra


def batch(*records: dict) -> list[Incoming]:
    return [Incoming(SITES[r["municipality"]], r) for r in records]
