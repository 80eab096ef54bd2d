"""Sites are data: a fourth municipality is one site-list entry, and the crawler works against any
server that serves a Sitevision-style site, not only the bundled replica."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from replica.server import Replica
from tests.conftest import saved_page
from tests.e2e.helpers import cli, crawl, rows
from tests.sites import SLUGS

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_a_fourth_site_is_one_entry(tmp_path):
    sites = (ROOT / "records" / "sites.toml").read_text(encoding="utf-8") + (
        '\n[[site]]\nslug = "fagersta"\nname = "Fagersta kommun"\nbase_url = "https://www.fagersta.se"\n')
    (tmp_path / "sites.toml").write_text(sites, encoding="utf-8")
    with Replica(("fagersta",), extra_articles=25) as server:
        site = server.sites["fagersta"]
        result = crawl(f"sqlite:///{tmp_path / 'a.sqlite'}", f"fagersta={site.base}", sites=("fagersta",),
                       extra=("--sites-file", str(tmp_path / "sites.toml")))
    assert result.returncode == 0, result.stderr[-2000:]
    stored = {u for (u,) in rows(tmp_path / "a.sqlite", "SELECT canonical_url FROM articles")}
    assert stored == {site.base + a.path for a in site.content.articles}
    assert rows(tmp_path / "a.sqlite", "SELECT slug, name FROM municipalities") == [("fagersta", "Fagersta kommun")]


@pytest.fixture
def static_site(tmp_path):
    """Köping's pages saved as plain files, served by Python's http.server (no ETag, no listing)."""
    root = tmp_path / "www"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = {"nyheter/seed.html": "koping/seed.html", "nyheter/bilder.html": "koping/article-images.html",
             "tjanster/simhall.html": "koping/service.html"}
    for target, name in pages.items():
        html = saved_page(name)[0].decode("utf-8").replace("https://www.koping.se", base)
        html = html.replace('rel="canonical" href="' + base, 'rel="canonical" data-x="')  # no canonical link
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_text(html, encoding="utf-8")
    urls = "".join(f"<url><loc>{base}/{p}</loc></url>" for p in pages)
    (root / "sitemap.xml").write_text(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    (root / "robots.txt").write_text(f"User-agent: *\nDisallow: /intern/\nSitemap: {base}/sitemap.xml\n")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


def test_crawl_any_sitevision_style_server(static_site, tmp_path):
    result = cli("crawl", "--site", "koping", "--base-url", f"koping={static_site}", "--db",
                 f"sqlite:///{tmp_path / 'a.sqlite'}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-2000:]
    stored = sorted(u for (u,) in rows(tmp_path / "a.sqlite", "SELECT url FROM articles"))
    assert stored == [f"{static_site}/nyheter/bilder.html", f"{static_site}/nyheter/seed.html"]
    assert "failed 1" in result.stdout and f"failed {static_site}/nyheter.html: HTTP 404" in result.stdout


def test_scrapy_list_and_crawl_from_the_repository_root(tmp_path):
    import subprocess
    import sys

    scrapy = Path(sys.executable).with_name("scrapy")
    listed = subprocess.run([str(scrapy), "list"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listed.stdout.split() == SLUGS
    with Replica(("arboga",)) as server:
        site = server.sites["arboga"]
        run = subprocess.run([str(scrapy), "crawl", "arboga", "-a", f"base_url={site.base}",
                              "-s", f"KOMMUNARKIV_DB=sqlite:///{tmp_path / 'a.sqlite'}", "-s", "DOWNLOAD_DELAY=0",
                              "-s", "AUTOTHROTTLE_ENABLED=False"], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert rows(tmp_path / "a.sqlite", "SELECT count(*) FROM articles") == [(len(site.content.articles),)]
