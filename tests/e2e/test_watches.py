"""Watches on the replica: add watches, crawl, change two articles and publish one new samverkan
article, crawl again: each feed lists exactly the new article and the changes, with their diffs,
and feedparser reads every entry's title, link, date and summary."""

import http.server
import json
import os
import threading
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


def test_feeds_list_exactly_the_new_article_and_the_changes(tmp_path, smtp, webhook):
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    hook_url, hooks = webhook
    assert cli("watch", "add", "samverkan", "topic:samverkan", "--db", db, "--email", "redaktion@example.se",
               "--webhook", hook_url, env=dict(os.environ)).returncode == 0
    assert cli("watch", "add", "röhfors", 'person:"Anders Röhfors"', "--db", db).returncode == 0
    bad = cli("watch", "add", "trasig", '"oavslutad', "--db", db)
    assert bad.returncode == 2 and "unbalanced quote" in bad.stderr
    with Replica() as server:
        assert crawl(db, *server.base_url_args()).returncode == 0
        arboga = server.sites["arboga"]
        seed = next(a for a in arboga.content.articles if a.story == "almedalen-2017")
        other = next(a for a in arboga.content.articles if "samverkan" in a.topics and a is not seed)
        arboga.edit(seed.path, title=seed.title + " i Visby")
        arboga.edit(other.path, body=other.body + "\n\nUppdatering: beslutet är nu fattat.")
        added = add_article(server.sites["kungsor"].content, NEW)
        result = crawl(db, *server.base_url_args())
        assert result.returncode == 0, result.stderr[-2000:]
        base = {"arboga": arboga.base, "kungsor": server.sites["kungsor"].base}

    feed = feedparser.parse(cli("watch", "feed", "samverkan", "--db", db).stdout)
    assert not feed.bozo and feed.feed.title == "kommunarkiv: samverkan"
    by_link = {e.link: e for e in feed.entries}
    assert set(by_link) == {base["kungsor"] + added.path, base["arboga"] + seed.path, base["arboga"] + other.path}
    for entry in feed.entries:
        assert entry.title and entry.link and entry.updated_parsed and entry.summary
    assert by_link[base["kungsor"] + added.path].title == NEW["title"]
    changed_seed = by_link[base["arboga"] + seed.path]
    assert changed_seed.title.startswith("Ändrad: ") and "{+i Visby+}" in changed_seed.summary
    assert "{+Uppdatering: beslutet är nu fattat.+}" in by_link[base["arboga"] + other.path].summary

    rohfors = feedparser.parse(cli("watch", "feed", "röhfors", "--db", db).stdout)
    names_him = "Anders Röhfors" in {p["name"] for p in other.people}
    assert {e.link for e in rohfors.entries} == {base["kungsor"] + added.path, base["arboga"] + seed.path} | (
        {base["arboga"] + other.path} if names_him else set())

    listed = json.loads(cli("watch", "list", "--json", "--db", db).stdout)
    assert {w["name"]: w["entries"] for w in listed} == {"samverkan": 3, "röhfors": 2 + names_him}
    # the digest and the webhook after the second crawl list the same three entries, once
    [mail] = smtp.messages
    subject = str(make_header(decode_header(mail["Subject"])))
    assert mail["To"] == "redaktion@example.se" and subject == "kommunarkiv: 3 nytt för samverkan"
    text = mail.get_payload(decode=True).decode("utf-8")
    assert text.count("ÄNDRAD: ") == 2 and text.count("\nNY: ") == 1 and "{+i Visby+}" in text
    [hook] = hooks
    assert hook["watch"] == "samverkan" and {e["url"] for e in hook["entries"]} == set(by_link)
    assert cli("watch", "remove", "röhfors", "--db", db).returncode == 0
    assert cli("watch", "feed", "röhfors", "--db", db).returncode == 2
