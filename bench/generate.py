"""Fill an archive with N generated Swedish news articles, through the archive's own storing path
(ArchiveWriter.write: revisions, full-text index, topics, people and quotes, MinHash/LSH stories),
for benchmarks at 100k and 1M articles.

    .venv/bin/python -m bench.generate --db sqlite:///data/bench-1m.sqlite --articles 1000000
    .venv/bin/python -m bench.generate --db postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        --schema bench_1m --articles 1000000

Article i of seed S is always the same record, so a run can be resumed: the generator counts the
articles of its seed already stored (whole batches, one transaction each) and goes on from there.
It refuses an archive holding anything else.

The text: sentences of the hand-written replica articles (replica/content/*.json) mixed with the
word banks of replica/synthetic.py, a subheading, quotes in Swedish press style with their speakers
in `quotes` and `people`, and a few rare tokens per article (diary numbers, street addresses,
names) so that search terms range from very rare to very common. Spread over arboga, koping and
kungsor and over 2015-2026. Every 40th article opens a story that two or three municipalities
publish with local edits (they join one story at shingle Jaccard >= 0.45); about a sixth carry a
cooperation sentence (topic samverkan).

Speed and size, measured 2026-11-28 on the shared 2-core machine (bench/ingest.py, 100,000
articles): 193 articles/s storing in one process, 334/s with the analysis made ahead in one
worker (the default here); 19.3 kB an article on SQLite, most of it the FTS5 index with its four
prefix indexes. So 1M articles take about 50 minutes and 19 GB on SQLite here; on PostgreSQL
5,000 articles went in at 193/s.

Not generated: raw captures and `pages` rows (there is no fetch behind a generated article), so
`warc` and `reparse` have nothing to work on in such an archive. Everything search reads is
filled as a crawl fills it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import random
import re
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from archive.analysis import Analysis
from archive.db import open_archive
from archive.incoming import Incoming
from archive.models import Article
from archive.when import ZONE
from archive.writer import ArchiveWriter
from records.sites import Site
from replica import synthetic

CONTENT = Path(__file__).resolve().parents[1] / "replica" / "content"
# Text that reads as cooperation is kept out of the filler: the words the topic rules read as
# samverkan when this generator was written, frozen here so that the generated corpora, and the
# figures measured on them, stay the same while the rules (archive/samverkan.py) change.
COOPERATIVE = re.compile(r"\b(?:samverk\w*|samarbet\w*|gemensam\w*|tillsammans)\b|kommunalförbund|"
                         r"överförmyndarnämnd|räddningsförbund|myndighetsförbund|västra mälardalens energi|"
                         r"avtalssamverkan|mellankommunal", re.IGNORECASE)
SITES = {
    "arboga": Site("arboga", "Arboga kommun", "https://www.arboga.se"),
    "koping": Site("koping", "Köpings kommun", "https://www.koping.se"),
    "kungsor": Site("kungsor", "Kungsörs kommun", "https://www.kungsor.se"),
}
SLUGS = tuple(SITES)
FOOTERS = {slug: {"organisation": site.name, "phone": "+4658987000", "email": f"kommun@{slug}.se"}
           for slug, site in SITES.items()}
STORY_EVERY = 40  # every 40th article opens a cross-posted story; its versions follow it
STREETS = ["Storgatan", "Kungsgatan", "Nygatan", "Västerlånggatan", "Järnvägsgatan", "Kyrkogatan", "Skolgatan",
           "Ågatan", "Torggatan", "Drottninggatan", "Smedjegatan", "Köpmangatan", "Industrivägen", "Parkvägen"]
PARTIES = [None, None, None, "S", "M", "C", "L", "KD", "V", "MP", "SD"]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, list[str]]:
    """Sentences, titles, leads and names of the hand-written replica articles."""
    sentences, titles, leads, subheadings, names = [], [], [], [], set()
    for path in sorted(CONTENT.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = data.get("articles", [])
        for story in data.get("stories", []) + data.get("decoys", []):
            articles += list(story["versions"].values()) if "versions" in story else [story["article"]]
        for a in articles:
            if not COOPERATIVE.search(a["title"]):
                titles.append(a["title"])
            if a.get("lead") and not COOPERATIVE.search(a["lead"]):
                leads.append(a["lead"])
            names.update(p["name"] for p in a.get("people") or [])
            for para in a["body"].split("\n\n"):
                if para.startswith("## "):
                    subheadings.append(para[3:])
                elif not para.startswith(("–", "”", '"')):
                    # cooperation is added on purpose below, not by chance from the replica's many samverkan texts
                    sentences += [s for s in SENTENCE.split(para) if len(s.split()) >= 4
                                  and not COOPERATIVE.search(s)]
    first = synthetic.FIRST + sorted({n.split()[0] for n in names})
    last = synthetic.LAST + sorted({n.split()[-1] for n in names})
    return {"sentences": sentences, "titles": titles, "leads": leads, "subheadings": subheadings,
            "first": first, "last": last}


def _person(rng: random.Random) -> dict[str, Any]:
    v = vocabulary()
    return {"name": f"{rng.choice(v['first'])} {rng.choice(v['last'])}", "role": rng.choice(synthetic.ROLES),
            "party": rng.choice(PARTIES)}


def _paragraphs(rng: random.Random, town: str) -> list[str]:
    v = vocabulary()
    paras = []
    for _ in range(rng.randint(3, 6)):
        sents = [rng.choice(v["sentences"]) if rng.random() < 0.6 else synthetic._sentence(rng, town)
                 for _ in range(rng.randint(2, 4))]
        paras.append(" ".join(sents))
    # rare tokens: a diary number, an address, a case year
    paras[rng.randrange(len(paras))] += (f" Ärendet har diarienummer KS {rng.randint(2015, 2026)}/{rng.randint(1, 999):03d}"
                                         f" och gäller fastigheten vid {rng.choice(STREETS)} {rng.randint(1, 120)}.")
    return paras


def _dated(rng: random.Random, base: datetime | None = None) -> str:
    when = base + timedelta(hours=rng.randint(0, 72)) if base else \
        datetime(2015, 1, 1) + timedelta(minutes=rng.randint(0, 60 * 24 * (365 * 12 - 40)))
    # as the parser gives it (archive/schema: a date alone, or a time with seconds and its offset)
    return when.replace(tzinfo=ZONE).isoformat(timespec="seconds") if rng.random() < 0.6 else when.strftime("%Y-%m-%d")


def _story_base(seed: int, block: int) -> dict[str, Any]:
    rng = random.Random(f"story-{seed}-{block}")
    return {"paras": _paragraphs(rng, "Västra Mälardalen"), "title": rng.choice(vocabulary()["titles"]),
            "lead": rng.choice(vocabulary()["leads"]), "speaker": _person(rng),
            "when": datetime(2015, 1, 1) + timedelta(days=rng.randint(0, 365 * 12 - 40)),
            "versions": SLUGS if rng.random() < 0.5 else tuple(rng.sample(SLUGS, 2))}


def generated_record(seed: int, i: int) -> tuple[str, dict[str, Any]]:
    """(municipality, normalised record) of generated article i: a pure function of (seed, i)."""
    rng = random.Random(f"{seed}-{i}")
    v = vocabulary()
    block, pos = divmod(i, STORY_EVERY)
    base = _story_base(seed, block) if pos < 3 else None
    if base is not None and pos < len(base["versions"]):
        slug = base["versions"][pos]
        town = synthetic.TOWNS[slug]
        paras = [p.replace("Västra Mälardalen", town) if k == 0 else p for k, p in enumerate(base["paras"])]
        paras.insert(rng.randint(1, len(paras)), synthetic._sentence(rng, town))  # a local edit
        title, lead, speaker = base["title"], base["lead"], base["speaker"]
        published = _dated(rng, base["when"])
    else:
        slug = SLUGS[rng.randrange(3)]
        town = synthetic.TOWNS[slug]
        paras, speaker = _paragraphs(rng, town), _person(rng)
        title = rng.choice(v["titles"]) if rng.random() < 0.5 else \
            f"{rng.choice(synthetic.SUBJECTS).capitalize()} {rng.choice(synthetic.ACTIONS)} {rng.choice(synthetic.OBJECTS)}"
        lead = rng.choice(v["leads"]) if rng.random() < 0.7 else None
        published = _dated(rng)
    if rng.random() < 0.15:
        paras.insert(1, rng.choice(synthetic.SAMVERKAN))
    if rng.random() < 0.4:
        paras.insert(2, "## " + rng.choice(v["subheadings"]))
    party = f" ({speaker['party']})" if speaker["party"] else ""
    quote = f"Det här är viktigt för alla som bor i {town}"
    paras.append(f"– {quote}, säger {speaker['name']}{party}, {speaker['role']}.")
    people = [speaker] + ([_person(rng)] if rng.random() < 0.3 else [])
    if len(people) > 1 and people[1]["name"] != speaker["name"]:
        paras.insert(1, f"{people[1]['name']}, {people[1]['role']}, berättar mer på ett möte i {rng.choice(synthetic.MONTHS)}.")
    else:
        people = people[:1]
    url = f"{SITES[slug].base_url}/nyheter/gen-s{seed}/{i}.html"
    record = {
        "url": url, "canonical_url": url, "municipality": slug, "title": title, "lead": lead,
        "body": "\n\n".join(p for p in paras if not p.startswith("## ")).strip(),
        "subheadings": [p[3:] for p in paras if p.startswith("## ")],
        "published_at": published, "published_raw": published, "published_source": "time[datetime]",
        "updated_at": None, "updated_raw": None, "updated_source": None,
        "quotes": [{"text": quote + ".", "speaker": speaker["name"], "role": speaker["role"],
                    "party": speaker["party"]}],
        "people": people,
        "page_contact": {"name": speaker["name"], "email": f"info@{slug}.se", "phone": None},
        "images": [], "attachments": [], "contact": FOOTERS[slug], "is_news": True,
        "template": "sv-template-nyhet", "extraction": {"method": "generated", "warnings": []},
    }
    return slug, record


def records(seed: int, start: int, stop: int) -> Iterator[Incoming]:
    for i in range(start, stop):
        slug, record = generated_record(seed, i)
        yield Incoming(SITES[slug], record)


def prepared(job: tuple[int, int, int]) -> list[Incoming]:
    """Articles start..stop with their text analysis made ahead (Analysis.of, what
    ArchiveWriter.write would do itself): run in worker processes while the main one writes."""
    seed, start, stop = job
    out = list(records(seed, start, stop))
    for item in out:
        item.analysis = Analysis.of(item.record)
    return out


def with_schema(url: str, schema: str | None) -> str:
    """The URL with its own PostgreSQL schema (created when missing)."""
    if not schema:
        return url
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise SystemExit(f"generate: bad schema name {schema!r}: lower-case letters, digits and _")
    import psycopg

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port or 5432, dbname=u.database, user=u.username,
                         password=u.password, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


def already_stored(engine, seed: int) -> int:  # noqa: ANN001 - an Engine
    """How many of this seed's articles the archive holds; refuses an archive holding others."""
    with engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(Article))
        ours = conn.scalar(select(func.count()).select_from(Article)
                           .where(Article.canonical_url.like(f"%/nyheter/gen-s{seed}/%")))
    if total != ours:
        raise SystemExit(f"generate: the archive holds {total - ours} articles not generated with seed {seed}; "
                         "give an empty archive (or the one this seed filled, to resume)")
    return ours


def vacuum_analyze(engine) -> None:  # noqa: ANN001 - an Engine
    """What autovacuum does some minutes after a bulk load, done at once so the first measurement
    sees it too: planner statistics, and the visibility map."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for (table,) in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).all():
            conn.execute(text(f'VACUUM ANALYZE "{table}"'))


def _ahead(pool, jobs: list[tuple[int, int, int]], depth: int) -> Iterator[list[Incoming]]:  # noqa: ANN001
    """The prepared batches in order, at most `depth` made ahead of the writer (Pool.imap has no
    bound: its workers ran ahead of a slower writer and held 7 GB of batches at 600,000 articles)."""
    pending: deque = deque()
    for job in jobs:
        pending.append(pool.apply_async(prepared, (job,)))
        if len(pending) > depth:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def generate(url: str, articles: int, seed: int = 1, batch_size: int = 1000, workers: int = 1,
             progress: bool = True) -> dict[str, float]:
    """Store generated articles until the archive holds `articles` of them, `batch_size` a
    transaction; `workers` processes generate and analyse while this one writes (0: all here).
    Returns counts and rates."""
    engine = open_archive(url)
    start = already_stored(engine, seed)
    writer = ArchiveWriter(engine)
    jobs = [(seed, lo, min(articles, lo + batch_size)) for lo in range(start, articles, batch_size)]
    t0, done, last = time.perf_counter(), 0, 0.0
    with contextlib.ExitStack() as stack:
        if workers > 0 and jobs:
            pool = stack.enter_context(multiprocessing.get_context("fork").Pool(workers))
            batches: Iterable[list[Incoming]] = _ahead(pool, jobs, depth=2 * workers)
        else:
            batches = (list(records(*job)) for job in jobs)
        for batch in batches:
            outcome = writer.write(batch)
            if outcome.get("store_failed"):
                raise SystemExit(f"generate: {outcome['store_failed']} articles could not be stored (see the log)")
            done += len(batch)
            elapsed = time.perf_counter() - t0
            if progress and (elapsed - last > 10 or done == articles - start):
                last = elapsed
                print(f"{start + done:>9} articles stored, {done / elapsed:,.0f}/s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    if done and engine.dialect.name == "postgresql":
        vacuum_analyze(engine)
    engine.dispose()
    return {"resumed_at": start, "stored": done, "seconds": elapsed, "per_second": done / elapsed if elapsed else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL or SQLite path")
    parser.add_argument("--articles", type=int, required=True, help="how many the archive should hold")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schema", help="PostgreSQL: a schema of its own (created when missing)")
    parser.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    parser.add_argument("--workers", type=int, default=1,
                        help="processes that generate and analyse text while the main one writes (0: none)")
    args = parser.parse_args()
    url = with_schema(args.db if "://" in args.db else f"sqlite:///{args.db}", args.schema)
    r = generate(url, args.articles, args.seed, args.batch, args.workers)
    print(f"stored {r['stored']} articles (resumed at {r['resumed_at']}) in {r['seconds']:.1f} s: "
          f"{r['per_second']:,.0f} articles/s")


if __name__ == "__main__":
    main()
