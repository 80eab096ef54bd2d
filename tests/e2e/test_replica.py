"""The replica answers like a Sitevision site: markup, URL patterns, feed, sitemaps, and HTTP."""

import gzip
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest

from replica.server import Replica
from tests.e2e.helpers import wait_until

pytestmark = pytest.mark.e2e


def get(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.fixture(scope="module")
def site(replica):
    return replica.sites["kungsor"]


def test_article_answers_with_charset_etag_and_last_modified(site):
    status, headers, body = get(site.base + site.content.articles[0].path)
    assert status == 200
    assert headers["Content-Type"] == "text/html;charset=UTF-8"
    assert re.fullmatch(r'"[0-9a-f]{20}"', headers["ETag"])
    assert headers["Last-Modified"].endswith("GMT")
    assert len(body) == int(headers["Content-Length"])


def test_conditional_requests_get_304(site):
    url = site.base + site.content.articles[0].path
    _, headers, _ = get(url)
    assert get(url, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert get(url, **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert get(url, **{"If-None-Match": '"other"'})[0] == 200
    assert get(url, **{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200


def test_unknown_paths_are_404(site):
    assert get(site.base + "/finns-inte.html")[0] == 404
    assert get(site.base + site.content.profile.listing_path + "?skip=abc")[0] == 404


def test_robots_has_disallow_rules_and_a_sitemap(site):
    _, _, body = get(site.base + "/robots.txt")
    text = body.decode()
    assert "Disallow: /*;jsessionid=*" in text and "Disallow: /intranat/" in text
    assert f"Sitemap: {site.base}/sitemap.xml" in text


def test_sitemap_index_points_to_a_gzipped_sitemap_with_lastmod(site):
    _, _, body = get(site.base + "/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.fromstring(body)
    assert index.find("s:sitemap/s:loc", ns).text == f"{site.base}/sitemap1.xml.gz"
    assert index.find("s:sitemap/s:lastmod", ns).text
    status, headers, gz = get(site.base + "/sitemap1.xml.gz")
    urls = ElementTree.fromstring(gzip.decompress(gz)).findall("s:url", ns)
    assert len(urls) == len(site.content.articles) + len(site.content.pages) + 2
    assert all(u.find("s:lastmod", ns).text for u in urls)


def test_every_page_links_the_rss_portlet(site):
    p = site.content.profile
    for path in ("/", site.content.articles[0].path, site.content.pages[0].path, p.listing_path):
        _, _, body = get(site.base + path)
        link = re.search(r'<link type="application/rss\+xml" rel="alternate" href="([^"]+)"', body.decode()).group(1)
        assert re.fullmatch(re.escape(site.base) + r"/4\.[0-9a-f]+/12\.[0-9a-f]+\.portlet\?state=rss&amp;"
                            r"sv\.contenttype=text/xml;charset=UTF-8", link)
    _, headers, feed = get(site.base + p.rss_path + "?" + p.rss_query)
    items = ElementTree.fromstring(feed).findall("channel/item")
    assert len(items) == 20 and items[0].find("link").text == site.base + site.content.articles[0].path


def test_kungsor_article_paths_and_asset_urls(site):
    for a in site.content.articles:
        assert re.fullmatch(r"/nyhetsarkivet/nyheter---[a-z-]+/nyhetsarkiv---[a-z-]+/\d{4}-\d\d-\d\d-[a-z0-9-]+\.html",
                            a.path), a.path
    with_images = next(a for a in site.content.articles if a.images and a.attachments)
    _, _, body = get(site.base + with_images.path)
    html = body.decode()
    assert re.search(r'src="/images/18\.[0-9a-f]+/\d{13}/[\w.-]+"', html)
    assert re.search(r'href="/download/18\.[0-9a-f]+/\d{13}/[\w.-]+\.pdf"', html)


def test_page_chrome_is_sitevision(site):
    _, _, body = get(site.base + site.content.articles[0].path)
    html = body.decode()
    for marker in ('class="sv-layout"', "sv-text-portlet", "AppRegistry.registerApp", 'aria-label="Länkstig"',
                   "Godkänn alla kakor", "<!-- Rubrik -->", "Kontakt för den här sidan:", "Senast uppdaterad:",
                   "Kontakta Kungsörs kommun", "Organisationsnr:", "Fakturaadress:"):
        assert marker in html, marker


def test_listing_pages_with_skip(replica):
    arboga = replica.sites["arboga"]
    _, _, first = get(arboga.base + "/nyhetslista/nyheter-om-kommun--politik.html")
    assert "sv.url=12.658b3aac158be536b536b5b2&amp;skip=10&amp;state=view" in first.decode()
    last = (len(arboga.content.articles) - 1) // 10 * 10
    status, _, body = get(arboga.base + f"/nyhetslista/nyheter-om-kommun--politik.html?skip={last}")
    assert status == 200 and 'rel="next"' not in body.decode()


def test_extra_articles_are_generated_deterministically():
    a, b = Replica(("koping",), extra_articles=50), Replica(("koping",), extra_articles=50)
    try:
        titles_a = [x.title for x in a.sites["koping"].content.articles]
        assert len(titles_a) == 38 + 50
        assert titles_a == [x.title for x in b.sites["koping"].content.articles]
        assert len({x.body for x in a.sites["koping"].content.articles}) == len(titles_a)
    finally:
        a.stop()
        b.stop()


def test_replica_command_serves_until_stopped():
    exe = Path(sys.executable).with_name("kommunarkiv")
    proc = subprocess.Popen([str(exe), "replica", "--port", "0", "--site", "koping"], stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)

        def answers() -> bool:
            try:
                return get(base + "/nyheter.html")[0] == 200
            except (urllib.error.URLError, ConnectionError):
                return False

        wait_until(answers, f"the replica to serve /nyheter.html on {base}")
    finally:
        proc.terminate()
        proc.wait(10)
