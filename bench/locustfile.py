"""The load of bench/serve_load.py: people searching with facets, reading articles, and programs
using the API, against `kommunarkiv serve`. Run by serve_load.py (locust headless); the queries and
article ids come from the archive itself, in the JSON file named by $SERVE_LOAD_INPUT.

Each simulated client waits 0.5-1.5 s between requests (a person reading a result page, a script
that is polite), so 64 clients ask about 64 requests a second.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

INPUT = json.loads(Path(os.environ["SERVE_LOAD_INPUT"]).read_text(encoding="utf-8"))


class Reader(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.rng = random.Random()

    def _query(self) -> str:
        return self.rng.choice(INPUT["queries"])

    def _article(self) -> int:
        return int(self.rng.choice(INPUT["article_ids"]))

    @task(3)
    def search_page(self) -> None:
        """The search page: facets, 20 hits with snippets and the timeline chart."""
        self.client.get("/", params={"q": self._query()}, name="search with facets (page)")

    @task(2)
    def search_api(self) -> None:
        self.client.get("/api/search", params={"q": self._query(), "facets": "true"}, name="search with facets (API)")

    @task(2)
    def article_page(self) -> None:
        self.client.get(f"/articles/{self._article()}", name="article (page)")

    @task(1)
    def article_api(self) -> None:
        self.client.get(f"/api/articles/{self._article()}", name="article (API)")
