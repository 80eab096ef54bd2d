"""The web interface in a real headless Chromium (Debian's, driven by Playwright) against
`kommunarkiv serve`: search, facets, article, people, the timeline chart, and scraped text that
tries to run script (it must not)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
import requests

from archive import runs
from archive.db import open_archive
from archive.incoming import Incoming
from archive.watches import add_watch, collect
from archive.writer import ArchiveWriter
from records.parsers import parse_article
from replica.server import Replica
from tests.conftest import require
from tests.e2e.helpers import free_port, wait_until
from tests.sites import SLUGS
from tests.unit.records import SITES, batch, record

pytestmark = pytest.mark.e2e
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STORY = ("Arboga, Köping och Kungsör fördjupar sin samverkan om räddningstjänst och IT. Kommunerna bildar en "
         "gemensam nämnd som från första januari ansvarar för drift, upphandling och utveckling av de system "
         "som alla tre förvaltningar använder, efter ett förslag från en arbetsgrupp under hösten.")
EVIL = "<script>window.__pwned=1</script>"
EVIL_IMG = '<img src=x onerror="window.__pwned=2">'
PERSON = {"name": "Anders Röhfors", "role": "kommunalråd i Arboga", "party": "S"}
FIRST_YEAR = 2009  # one "årsbokslut" article a year from here, for timelines of 1 to 15 years
ARTIFACTS = Path(__file__).with_name("artifacts")  # screenshots for a person to look at (gitignored)


def _evil(body: str) -> dict:
    return record("koping", "/evil.html", f"{EVIL} Simhallen öppnar", body, "2023-06-01",
                  lead=f"Samverkan {EVIL_IMG}",
                  quotes=[{"text": "<svg onload=window.__pwned=3>", "speaker": f"{EVIL_IMG}"}],
                  people=[{"name": f"{EVIL_IMG}", "role": EVIL}],
                  attachments=[{"url": "javascript:window.__pwned=4", "title": "Bilaga", "type": "pdf"}])


def _hostile_replica_article() -> dict:
    """The hostile replica's article whose title and body are markup as text, through the real parser."""
    server = Replica(("kungsor",), port=0, hostile=True).start()
    try:
        response = requests.get(server.sites["kungsor"].base + "/hostile/skript.html", timeout=10)
    finally:
        server.stop()
    record = parse_article(response.content, response.url, content_type=response.headers["content-type"],
                           municipality="kungsor").to_dict()
    assert record["title"].startswith("<script>window.__pwned=1</script>")  # kept as the page's text
    return record


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`kommunarkiv serve` over an archive with a three-municipality story, a person and a hostile article."""
    db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'a.sqlite'}"
    engine = open_archive(db)
    writer = ArchiveWriter(engine)
    add_watch(engine, "evil", "simhallen")
    collect(engine, runs.start_run(engine, ["koping"]))  # a run that stored nothing
    run = runs.start_run(engine, SLUGS)
    writer.write(batch(record("arboga", "/s1.html", "Fördjupad samverkan om IT", STORY, "2021-03-04",
                              people=[PERSON], quotes=[{"text": "Tillsammans blir vi starkare",
                                                        "speaker": "Anders Röhfors", "role": "kommunalråd"}])), run)
    writer.write(batch(record("koping", "/s2.html", "Fördjupad samverkan om IT", STORY, "2021-03-05"),
                       record("kungsor", "/s3.html", "Samverkan om IT", STORY, "2021-04-01"),
                       record("koping", "/v.html", "Samverkan om vägar", "Köping och Arboga i samverkan om vägar.",
                              "2022-09-01"),
                       _evil(f"Simhallen {EVIL} öppnar igen. <a href='javascript:window.__pwned=5'>klicka</a>")), run)
    writer.write(batch(_evil(f"Simhallen {EVIL_IMG} öppnar i augusti.")), run)  # a revision with a diff
    writer.write([Incoming(SITES["kungsor"], _hostile_replica_article())], run)
    writer.write(batch(*(record(("arboga", "koping", "kungsor")[year % 3], f"/bokslut{year}.html",
                                f"Årsbokslut {year}", f"Kommunens årsbokslut för {year} är klart.", f"{year}-06-15")
                         for year in range(FIRST_YEAR, FIRST_YEAR + 15))), run)
    collect(engine, run)
    engine.dispose()
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("kommunarkiv")), "serve", "--db", db, "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        assert proc.poll() is None, proc.stderr.read()
        try:
            return requests.get(base + "/api/search", timeout=10).status_code == 200
        except requests.ConnectionError:
            return False

    wait_until(answers, f"kommunarkiv serve to answer on {base}")
    yield base
    proc.terminate()
    proc.wait(10)


def _chromium_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` to run the browser tests"
    try:
        import playwright.sync_api  # noqa: F401 - only whether it is installed
    except ImportError:
        return "playwright is not installed: `pip install -e '.[test]'`"
    return None


@pytest.fixture(scope="module")
def browser():
    require(_chromium_missing())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def test_search_facet_article_and_chart(site, page):
    page.goto(site + "/")
    assert page.locator("svg.timeline rect.bar").count() > 0  # the whole archive's timeline
    page.fill("input[name=q]", "samverkan")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".hit")
    assert page.locator("#total").inner_text() == "5 artiklar"
    assert page.locator(".hit").count() == 3  # the story's three articles are one hit
    also = page.locator(".hit .also")
    assert also.count() == 1 and "Också publicerad av" in also.inner_text()
    bars = page.locator("svg.timeline rect.bar")
    assert {bars.nth(i).get_attribute("data-municipality") for i in range(bars.count())} == set(SLUGS)

    page.locator('[data-facet=municipality] a', has_text="Köping").click()
    page.wait_for_load_state()
    assert "kommun:koping" in unquote_plus(page.url)
    metas = page.locator(".hit > .meta:not(.also)").all_inner_texts()
    assert metas and all(m.startswith("Köping · ") for m in metas)
    assert "Köping · 1 september 2022" in metas
    assert page.locator("input[name=q]").input_value() == "samverkan kommun:koping"

    page.locator(".hit a.title", has_text="vägar").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Samverkan om vägar"
    assert page.locator(".body").inner_text().startswith("Köping och Arboga i samverkan")


def test_front_page_facets_and_removable_filter_chips(site, page):
    """The front page counts the whole archive per facet; a facet clicked becomes a chip whose
    removal gives the search its full count back, with its words and its sort kept."""
    page.goto(site + "/")
    municipalities = page.locator("[data-facet=municipality] li").all_inner_texts()
    # five årsbokslut each, the story's three, vägar and the evil one in Köping, the replica's in Kungsör
    assert municipalities == ["Köping 8", "Kungsör 7", "Arboga 6"]
    assert page.locator("#total").inner_text().startswith("21 artiklar i arkivet")
    page.locator("[data-facet=year] a", has_text="2021").click()
    page.wait_for_load_state()
    assert page.locator("#total").inner_text() == "4 artiklar"  # the story's three and 2021's årsbokslut
    assert page.locator("a.chip").count() == 1 and page.get_by_role("link", name="Ta bort filtret 2021").count() == 1

    page.goto(site + "/?q=samverkan&sort=date")
    assert page.locator("#total").inner_text() == "5 artiklar"
    assert page.locator("nav.chips").count() == 0
    page.locator("[data-facet=municipality] a", has_text="Köping").click()
    page.wait_for_load_state()
    assert page.locator("#total").inner_text() == "3 artiklar"  # the story's, vägar and the evil one
    chip = page.get_by_role("link", name="Ta bort filtret Köping")  # × is hidden from screen readers
    assert page.locator("[data-facet=municipality] [aria-current=true]").inner_text() == "Köping"  # chosen, no link
    assert chip.locator("[aria-hidden=true]").inner_text() == "×"
    assert chip.locator(".sr-only").bounding_box()["width"] <= 1  # ... and the words from sight: it reads "× Köping"
    page.locator("[data-facet=year] a", has_text="2022").click()
    page.wait_for_load_state()
    assert page.locator("#total").inner_text() == "1 artikel"  # vägar
    assert [c.get_attribute("data-kind") for c in page.locator("a.chip").all()] == ["municipality", "year"]
    _shot(page, "search-chips")
    page.get_by_role("link", name="Ta bort filtret 2022").click()
    page.wait_for_load_state()
    assert page.locator("input[name=q]").input_value() == "samverkan kommun:koping"
    assert page.locator("#total").inner_text() == "3 artiklar"
    assert [c.get_attribute("data-kind") for c in page.locator("a.chip").all()] == ["municipality"]
    page.get_by_role("link", name="Rensa alla filter").click()
    page.wait_for_load_state()
    assert page.locator("input[name=q]").input_value() == "samverkan"
    assert page.locator("select[name=sort]").input_value() == "date"
    assert page.locator("#total").inner_text() == "5 artiklar"
    assert page.locator("nav.chips").count() == 0
    page.goto(site + "/")
    _shot(page, "front-page-facets")


def test_people_page_from_an_article(site, page):
    page.goto(site + "/?q=" + "gemensam nämnd kommun:arboga")
    page.locator(".hit a.title").first.click()
    page.wait_for_load_state()
    assert page.locator("ul.also li").count() == 2  # the story's other two publications
    page.locator("ul.people a", has_text="Anders Röhfors").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Anders Röhfors"
    # the municipality the role names (tests/unit/test_people.py: not the publishing site)
    assert page.locator("table.roles tbody tr").first.inner_text().split("\t")[:4] == [
        "kommunalråd", "S", "Arboga", "4 mars 2021"]
    assert "Tillsammans blir vi starkare" in page.locator("ul.quotes").inner_text()


@pytest.mark.parametrize("path", ["/?q=simhallen", "/articles/{evil}", "/people", "/watches/evil.atom",
                                  "/articles/{evil}/capture", "/?q=" + EVIL, "/?q=badhuset", "/articles/{replica}"])
def test_scraped_script_never_runs(site, page, path):
    evil_id = requests.get(site + "/api/search", params={"q": "simhallen"}).json()["hits"][0]["id"]
    replica_id = requests.get(site + "/api/search", params={"q": "badhuset"}).json()["hits"][0]["id"]
    response = page.goto(site + path.format(evil=evil_id, replica=replica_id))
    assert response.status in (200, 404)  # the capture: generated records have none
    for link in page.locator("a").all():  # click every link that could carry script
        if (link.get_attribute("href") or "").startswith(("#", "javascript")):
            link.click()
    page.mouse.move(5, 5)
    # Whatever could run has had its turn once the page has loaded, every image has loaded or failed
    # (an onerror fires before its image counts as complete) and two animation frames have passed
    # (the handlers of the clicks and the mouse move ran in a task before them).
    page.wait_for_load_state("load")
    page.wait_for_function("() => [...document.images].every(image => image.complete)")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    if path == "/articles/{evil}":
        assert EVIL in page.locator("h1").inner_text()  # shown as text, not run
        assert page.locator("del, ins").count() > 0  # the diff of the two revisions
    if path == "/articles/{replica}":
        assert page.locator("h1").inner_text() == "<script>window.__pwned=1</script> Badhuset öppnar igen"
        assert 'onerror="window.__pwned=2"' in page.locator(".body").inner_text()
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp or "sandbox" in csp


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_api_docs_work_offline_under_the_csp(site, page):
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    page.goto(site + "/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/search" in [p.replace("\u200b", "") for p in paths]
    _shot(page, "docs")
    assert blocked == [] and outside == []


def test_names_and_swedish_dates(site, page):
    page.goto(site + "/?q=" + "gemensam nämnd kommun:Arboga")
    hit = page.locator(".hit").first
    assert hit.locator(".meta").first.inner_text() == "Arboga · 4 mars 2021"
    assert hit.locator(".also").inner_text() == "Också publicerad av Köping, Kungsör"
    _shot(page, "search")
    page.goto(site + "/")
    legend = page.locator("svg.timeline text.legend")
    assert [legend.nth(i).text_content() for i in range(legend.count())] == ["Arboga", "Köping", "Kungsör"]
    page.goto(site + "/?q=" + "gemensam nämnd kommun:Arboga")
    hit = page.locator(".hit").first
    hit.locator("a.title").click()
    page.wait_for_load_state()
    assert page.locator("article .meta").inner_text().startswith("Arboga · publicerad 4 mars 2021 · ")
    seen = page.locator(".revision .meta").first.inner_text()
    assert re.fullmatch(r"version 1: sedd \d{1,2} \w+ 20\d\d kl\. \d\d\.\d\d CES?T – .* CES?T", seen), seen
    _shot(page, "article")


@pytest.mark.parametrize("years", [1, 2, 3, 5, 8, 12, 15])
def test_timeline_year_labels_never_overlap(site, page, years):
    page.goto(site + f"/?q=årsbokslut from:{FIRST_YEAR} to:{FIRST_YEAR + years - 1}")
    assert page.locator("#total").inner_text() == f"{years} {'artikel' if years == 1 else 'artiklar'}"
    boxes = page.evaluate("""() => [...document.querySelectorAll('svg.timeline text.tick[y]')]
        .filter(t => !t.hasAttribute('text-anchor'))
        .map(t => { const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.right]; })""")
    chart = page.locator("svg.timeline").bounding_box()
    labels = [label for label, _, _ in boxes]
    assert labels and labels == sorted(set(labels)), labels
    assert all(right <= chart["x"] + chart["width"] + 0.5 for _, _, right in boxes)
    assert all(a[2] <= b[1] for a, b in zip(boxes, boxes[1:], strict=False)), boxes  # each ends before the next begins
    _shot(page, f"timeline-{years}-years")


@pytest.mark.parametrize("path,heading,message", [
    ("/?q=%22gemensam", None, "Felaktig sökning: citattecken saknar sin like: avsluta frasen med ett andra \""),
    ("/?q=kommun:stockholm", None, "Felaktig sökning: okänd kommun 'stockholm' i kommun:; kända: "
                                   "Arboga (arboga), Köping (koping), Kungsör (kungsor)"),
    ("/articles/99999", "Sidan finns inte", "Det finns ingen artikel 99999 i arkivet"),
    ("/finns-inte", "Sidan finns inte", "Sidan finns inte"),
])
def test_error_pages_in_swedish(site, page, path, heading, message):
    response = page.goto(site + path)
    assert response.status in (400, 404)
    assert page.locator(".error").inner_text() == message
    if heading:
        assert page.locator("h1").inner_text() == heading
    _shot(page, "error-" + str(response.status) + "-" + path.strip("/?").split("=")[0].replace("/", "-"))
