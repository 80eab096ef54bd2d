"""The site list: which municipalities are crawled, where they live, and the few hints they need."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit

# Read through importlib.resources, so it loads from a zipped egg too (Scrapyd).
DEFAULT_SITES_FILE = files("records") / "sites.toml"
SITES_ENV = "KOMMUNARKIV_SITES"


class SiteError(ValueError):
    """A site list entry or a --base-url override that cannot be used."""


@dataclass(frozen=True)
class Site:
    slug: str
    name: str
    base_url: str
    news_listing: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc.lower()

    @property
    def hosts(self) -> frozenset[str]:
        """Every host (with port) that belongs to this site."""
        return frozenset({self.host, *(a.lower() for a in self.aliases)})

    def owns(self, url: str) -> bool:
        return urlsplit(url).netloc.lower() in self.hosts

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")


def _check_base_url(slug: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SiteError(f"site {slug!r}: base URL {url!r} must look like https://host[:port]")
    if parts.path not in ("", "/") or parts.query:
        raise SiteError(f"site {slug!r}: base URL {url!r} must be an origin, without a path")
    return f"{parts.scheme}://{parts.netloc}"


def load_sites(path: str | os.PathLike[str] | None = None) -> dict[str, Site]:
    """Read the site list (KOMMUNARKIV_SITES, else the bundled sites.toml), keyed by slug."""
    chosen = path or os.environ.get(SITES_ENV)
    source: Traversable = Path(chosen) if chosen else DEFAULT_SITES_FILE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(f"site list {source} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise SiteError(f"site list {source} is not valid TOML: {exc}") from None
    sites: dict[str, Site] = {}
    for entry in data.get("site", []):
        try:
            slug = entry["slug"]
            site = Site(
                slug=slug,
                name=entry["name"],
                base_url=_check_base_url(slug, entry["base_url"]),
                news_listing=entry.get("news_listing"),
                aliases=tuple(entry.get("aliases", ())),
            )
        except KeyError as exc:
            raise SiteError(f"site list {source}: an entry lacks {exc.args[0]!r}") from None
        if not slug.isidentifier() or slug != slug.lower():
            raise SiteError(f"site list {source}: slug {slug!r} must be lower-case letters, digits, _")
        if slug in sites:
            raise SiteError(f"site list {source}: slug {slug!r} appears twice")
        sites[slug] = site
    if not sites:
        raise SiteError(f"site list {source} has no [[site]] entries")
    return sites


def with_base_url(site: Site, base_url: str) -> Site:
    """The same site served from another origin (the replica, a mirror); live aliases are dropped."""
    return replace(site, base_url=_check_base_url(site.slug, base_url), aliases=())


def parse_base_url_overrides(pairs: list[str] | tuple[str, ...], sites: dict[str, Site]) -> dict[str, Site]:
    """Apply `SLUG=URL` overrides to the site list and return the changed list."""
    out = dict(sites)
    for pair in pairs:
        slug, sep, url = pair.partition("=")
        if not sep:
            raise SiteError(f"--base-url {pair!r}: expected SLUG=URL, e.g. koping=http://127.0.0.1:8001")
        if slug not in out:
            raise SiteError(f"--base-url {pair!r}: unknown site {slug!r}; known: {', '.join(out)}")
        out[slug] = with_base_url(out[slug], url)
    return out


def site_for_url(url: str, sites: dict[str, Site]) -> Site | None:
    for site in sites.values():
        if site.owns(url):
            return site
    return None


def municipality_for(url: str | None, organisation: str | None, sites: dict[str, Site]) -> str | None:
    """The slug of a page's municipality: from its URL's site, else from the footer's organisation
    name ("Kungsörs kommun"), else None."""
    if url and (site := site_for_url(url, sites)):
        return site.slug
    if organisation:
        wanted = organisation.strip().lower()
        for site in sites.values():
            if site.name.lower() == wanted:
                return site.slug
    return None
