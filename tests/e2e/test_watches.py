"""Watches on the replica: add watches, crawl, change two articles and publish one new samverkan
article, crawl again: each feed lists exactly the new article and the changes, with their diffs,
and feedparser reads every entry's title, link, date and summary."""

import http.server
import json
import os
import threading
from datetime import UTC
from email.header import decode_header, make_header

import feedparser
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from replica.content import add_article
from replica.server import Replica
from tests.e2e.helpers import cli, crawl, free_port

pytestmark = pytest.mark.e2e

NEW = {
    "title": "Ny gemensam nämnd för krisberedskap i Västra Mälardalen",
    "lead": "Arboga, Köping och Kungsör bildar en gemensam nämnd för krisberedskap.",
    "body": "Kommunfullmäktige i Arboga, Köping och Kungsör har beslutat att bilda en gemensam nämnd för "
            "krisberedskap från årsskiftet. Nämnden ska samordna övningar, planer och informationen till "
            "invånarna när något allvarligt händer.\n\n– Vi blir starkare när vi arbetar tillsammans, "
            "säger Anders Röhfors (S), kommunstyrelsens ordförande i Arboga.",
    "published": "2026-11-27T10:00", "updated": None, "category": "kommun-och-politik", "images": [],
    "attachments": [], "contact": None, "topics": ["samverkan"], "quotes": [], "people": [],
}


class Mailbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


@pytest.fixture
def smtp(monkeypatch):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); the crawl's environment points at it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("KOMMUNARKIV_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KOMMUNARKIV_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("KOMMUNARKIV_SMTP_FROM", "bevakning@kommunarkiv.test")
    yield mailbox
    controller.stop()


@pytest.fixture
def webhook():
    """A local HTTP receiver that keeps every JSON body POSTed to it."""
    received = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


def _newest(db, query, n=50):
    found = json.loads(cli("search", query, "--sort", "date", "--every-article", "--json", "--limit", str(n),
                           "--db", db).stdout)
    return {h["canonical_url"]: h["published_at"] for h in found}


def _moment(iso):
    """An article's date as the feed gives it, in UTC: a date alone is its midnight in Stockholm."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(iso)
    return (moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("Europe/Stockholm"))).astimezone(UTC).timetuple()[:6]


def test_a_watch_added_before_the_first_crawl_reports_it_then_only_what_changed(tmp_path, smtp, webhook):
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    hook_url, hooks = webhook
    added_watch = cli("watch", "add", "samverkan", "topic:samverkan", "--db", db, "--email", "redaktion@example.se",
                      "--webhook", hook_url, env=dict(os.environ))
    assert added_watch.returncode == 0
    assert "the archive is empty, so the first crawl's matches will all be sent" in added_watch.stdout
    assert "e-mailed to redaktion@example.se and posted as JSON to " + hook_url in added_watch.stdout
    assert cli("watch", "add", "röhfors", 'person:"Anders Röhfors"', "--db", db).returncode == 0
    bad = cli("watch", "add", "trasig", '"oavslutad', "--db", db)
    assert bad.returncode == 2 and "unbalanced quote" in bad.stderr
    with Replica() as server:
        assert crawl(db, *server.base_url_args()).returncode == 0
        newest = _newest(db, "topic:samverkan")
        matching = len(json.loads(cli("search", "topic:samverkan", "--every-article", "--json", "--limit", "1000",
                                      "--db", db).stdout))
        # the first crawl's matches: in the feed (the newest 50, with the articles' dates) and in one digest
        first = feedparser.parse(cli("watch", "feed", "samverkan", "--db", db).stdout)
        assert not first.bozo and len(newest) == min(50, matching) and matching >= 20
        assert {e.link: _moment(newest[e.link])[:3] for e in first.entries} == \
            {url: _moment(at)[:3] for url, at in newest.items()}
        for e in first.entries:
            assert tuple(e.published_parsed)[:6] == _moment(newest[e.link])
        [mail] = smtp.messages
        text = mail.get_payload(decode=True).decode("utf-8")
        assert text.count("\nNY: ") == matching and "ÄNDRAD" not in text
        arboga = server.sites["arboga"]
        seed = next(a for a in arboga.content.articles if a.story == "almedalen-2017")
        other = next(a for a in arboga.content.articles if "samverkan" in a.topics and a is not seed)
        arboga.edit(seed.path, title=seed.title + " i Visby")
        arboga.edit(other.path, body=other.body + "\n\nUppdatering: beslutet är nu fattat.")
        added = add_article(server.sites["kungsor"].content, NEW)
        result = crawl(db, *server.base_url_args())
        assert result.returncode == 0, result.stderr[-2000:]
        base = {"arboga": arboga.base, "kungsor": server.sites["kungsor"].base}

    feed = feedparser.parse(cli("watch", "feed", "samverkan", "--db", db, "--url", "https://example.se/s.atom").stdout)
    assert not feed.bozo and feed.feed.title == "kommunarkiv: samverkan"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["https://example.se/s.atom"]
    changes = {e.link: e for e in feed.entries if e.title.startswith("Ändrad: ")}
    assert set(changes) == {base["arboga"] + seed.path, base["arboga"] + other.path}
    assert "{+i Visby+}" in changes[base["arboga"] + seed.path].summary
    assert "{+Uppdatering: beslutet är nu fattat.+}" in changes[base["arboga"] + other.path].summary
    fresh = [e for e in feed.entries if e.link == base["kungsor"] + added.path]
    assert [e.title for e in fresh] == [NEW["title"]] and tuple(fresh[0].published_parsed)[:3] == (2026, 11, 27)

    # the digest and the webhook after the second crawl hold only what changed: two changes, one new
    first_mail, mail = smtp.messages
    subject = str(make_header(decode_header(mail["Subject"])))
    assert mail["To"] == "redaktion@example.se" and subject == "kommunarkiv: 3 nytt för samverkan"
    text = mail.get_payload(decode=True).decode("utf-8")
    assert text.count("ÄNDRAD: ") == 2 and text.count("\nNY: ") == 1 and "{+i Visby+}" in text
    assert [len(h["entries"]) for h in hooks] == [matching, 3]
    assert {e["url"] for e in hooks[1]["entries"]} == set(changes) | {base["kungsor"] + added.path}
    listed = json.loads(cli("watch", "list", "--json", "--db", db).stdout)
    assert {w["name"]: w["entries"] for w in listed}["samverkan"] == matching + 3
    assert cli("watch", "remove", "röhfors", "--db", db).returncode == 0
    assert cli("watch", "feed", "röhfors", "--db", db).returncode == 2


def test_a_watch_added_to_a_full_archive_sends_nothing_old(tmp_path, smtp):
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    with Replica() as server:
        assert crawl(db, *server.base_url_args()).returncode == 0
        said = cli("watch", "add", "samverkan", "topic:samverkan", "--db", db, "--email", "r@example.se",
                   env=dict(os.environ))
        assert "matching already archived are not sent" in said.stdout
        # right after adding, the feed already shows the newest matches
        assert len(feedparser.parse(cli("watch", "feed", "samverkan", "--db", db).stdout).entries) == \
            len(_newest(db, "topic:samverkan"))
        assert crawl(db, *server.base_url_args()).returncode == 0
    assert smtp.messages == []
