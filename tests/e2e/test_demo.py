"""`kommunarkiv demo`, the README's first command: the replica crawled into a fresh SQLite archive and a
search for "samverkan" that lists the seed article as one story published by all three."""

import re
import socket

import pytest

from tests.e2e.helpers import cli

pytestmark = pytest.mark.e2e


def three_free_ports() -> int:
    """A first port with the two after it free too (the demo serves one site on each)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            first = s.getsockname()[1]
        if first > 65530:
            continue
        try:
            with socket.socket() as a, socket.socket() as b:
                a.bind(("127.0.0.1", first + 1))
                b.bind(("127.0.0.1", first + 2))
            return first
        except OSError:
            continue
    raise RuntimeError("no three free ports in a row")


def test_demo_crawls_the_replica_and_shows_the_seed_article(tmp_path):
    result = cli("demo", "--db", f"sqlite:///{tmp_path / 'demo.sqlite'}", "--port", str(three_free_ports()),
                 timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""  # Scrapy's start-up and statistics are for `demo -v`
    out = result.stdout
    assert re.search(r"^crawl run \d+ finished in [\d.]+ s, archive .*\n(\w+: pages fetched \d+, .*\n){3}\n\$ kommunarkiv "
                     r"search samverkan\n", out, re.MULTILINE), out[:3000]
    found = re.search(r"^(\d+) articles match 'samverkan'; showing 5 hits$", out, re.MULTILINE)
    assert found and int(found.group(1)) >= 5, out[-3000:]
    seed = out.index("Kommunsamverkan på scen i Almedalen")
    assert re.match(r"[^\n]*\n[^\n]*\n[^\n]*\*\*samverkan\*\*[^\n]*\n  also published by \w+, \w+\n", out[seed:])
