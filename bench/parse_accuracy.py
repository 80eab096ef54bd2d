"""Parse accuracy, field by field: kommunarkiv's parser beside trafilatura (with metadata) on the
same pages, where trafilatura has the field.

    .venv/bin/python -m bench.parse_accuracy [--per-site 100]

Two corpora:
- the real Sitevision pages of other municipalities in tests/fixtures/real/ (parse-expected.json says what
  each shows; a field the page does not show is right when it is null);
- replica articles of the three sites under template variants drawn from a seed
  (replica/variants.py), --per-site each, the same draws as the property test's first ones.

A body is right when it holds every expected paragraph (real pages: its first paragraph and the
listed sentences) and none of the chrome (footer, page tools, contact lines, categories). Prints a
Markdown table; "—" where trafilatura has no such field.
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path

from bench.readme import Row, print_rows
from records.parsers import parse_article
from records.parsers.contact import phone_e164
from replica import variants
from replica.content import load_site
from replica.render import blocks

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "fixtures" / "real"
FIELDS = ("title", "lead", "published_at", "updated_at", "body", "quotes", "page_contact", "footer", "categories")
SITES = ("arboga", "koping", "kungsor")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def trafilatura_fields(html: bytes, url: str) -> dict:
    import trafilatura

    out = trafilatura.extract(html, url=url, with_metadata=True, output_format="json", favor_precision=True)
    data = json.loads(out) if out else {}
    return {"title": data.get("title"), "lead": data.get("excerpt"), "published_at": data.get("date"),
            "body": data.get("text") or ""}


def _body_ok(text: str, must: list[str], must_not: list[str]) -> bool:
    flat = _norm(text)
    return all(_norm(m) in flat for m in must) and not any(_norm(x) in flat for x in must_not)


def real_cases() -> list[tuple[bytes, str, dict]]:
    expected = json.loads((REAL / "parse-expected.json").read_text(encoding="utf-8"))
    return [((REAL / name).read_bytes(), want["url"], want) for name, want in sorted(expected.items())]


def score_real(ours, theirs: dict, want: dict) -> tuple[dict[str, bool], dict[str, bool]]:
    must = [want["body_starts"], *want["body_contains"]]
    pc = ours.page_contact
    c = ours.contact
    footer = want["contact"]
    mine = {
        "title": ours.title == want["title"], "lead": ours.lead == want["lead"],
        "published_at": (ours.published_at or "")[:10] == (want["published_at"] or ""),
        "updated_at": (ours.updated_at or "")[:10] == (want["updated_at"] or ""),
        "body": _body_ok(ours.body, must, want["body_excludes"]),
        "quotes": [{"speaker": q.speaker, "role": q.role} for q in ours.quotes] == want["quotes"],
        "page_contact": (None if pc is None else {"name": pc.name, "email": pc.email, "phone": pc.phone})
        == want["page_contact"],
        "footer": c is not None and (c.organisation, c.phone, c.email, c.org_number) ==
        (footer["organisation"], footer["phone"], footer["email"], footer["org_number"]),
    }
    other = {
        "title": _norm(theirs["title"]) == want["title"],
        "lead": _norm(theirs["lead"]) == (want["lead"] or "") if want["lead"] else None,
        "published_at": (theirs["published_at"] or "")[:10] == (want["published_at"] or ""),
        "body": _body_ok(theirs["body"], must, want["body_excludes"]),
    }
    return mine, other


def variant_cases(per_site: int):
    for s, slug in enumerate(SITES):
        content = load_site(slug)
        base = "https://" + content.profile.live_host
        articles = [a for a in content.articles if not a.synthetic]
        for i in range(per_site):
            v = variants.draw(1000 * s + i)
            a = articles[i % len(articles)]
            yield variants.render(content, base, a, v).encode(), variants.article_url(v, base, a), (slug, a, v)


def score_variant(ours, theirs: dict, slug: str, a, v) -> tuple[dict[str, bool], dict[str, bool]]:
    paragraphs = [t for _, t in blocks(a.body)]
    f = variants.expected_footer(slug)
    chrome = ["Tipsa en kompis", "Exempelbild", f["phone"], *variants.expected_categories(v, a)]
    if a.contact:
        chrome.append(a.contact["email"])
    chrome = [c for c in chrome if not any(c in p for p in paragraphs)]  # unless the text itself says it
    pc, c = ours.page_contact, ours.contact
    want_lead = _norm(a.lead) if a.lead else None
    mine = {
        "title": ours.title == _norm(a.title), "lead": ours.lead == want_lead,
        "published_at": (ours.published_at or "")[:10] == a.published[:10],
        "updated_at": (ours.updated_at or "")[:10] == a.modified[:10],
        "body": _body_ok(ours.body, paragraphs, chrome),
        "quotes": [q.speaker for q in ours.quotes] == [q["speaker"] for q in a.quotes],
        "page_contact": (None if pc is None else {"name": pc.name, "email": pc.email, "phone": pc.phone})
        == variants.expected_contact(v, a.contact),
        "footer": c is not None and (c.organisation, c.phone, c.email, c.org_number) ==
        (f["organisation"], phone_e164(f["phone"]), f["email"], f["org_number"]),
        "categories": ours.categories == variants.expected_categories(v, a),
    }
    other = {
        "title": _norm(theirs["title"]) == _norm(a.title),
        "published_at": (theirs["published_at"] or "")[:10] == a.published[:10],
        "body": _body_ok(theirs["body"], paragraphs, chrome),
    }
    return mine, other


def _rates(scores: list[dict[str, bool | None]]) -> dict[str, str]:
    out = {}
    for field in FIELDS:
        got = [s[field] for s in scores if s.get(field) is not None]
        out[field] = f"{sum(got)}/{len(got)}" if got else "—"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-site", type=int, default=100, help="variant pages per site (default 100)")
    args = parser.parse_args()
    real_scores: tuple[list, list] = ([], [])
    for html, url, want in real_cases():
        mine, other = score_real(parse_article(html, url), trafilatura_fields(html, url), want)
        real_scores[0].append(mine)
        real_scores[1].append(other)
    var_scores: tuple[list, list] = ([], [])
    for html, url, (slug, a, v) in variant_cases(args.per_site):
        mine, other = score_variant(parse_article(html, url), trafilatura_fields(html, url), slug, a, v)
        var_scores[0].append(mine)
        var_scores[1].append(other)
    cols = [_rates(real_scores[0]), _rates(real_scores[1]), _rates(var_scores[0]), _rates(var_scores[1])]
    print(f"{len(real_scores[0])} real pages (tests/fixtures/real), {len(var_scores[0])} variant replica pages "
          f"({args.per_site} per site); {platform.machine()}, Python {platform.python_version()}\n")
    print("| field | kommunarkiv, real | trafilatura, real | kommunarkiv, variants | trafilatura, variants |")
    print("|---|---|---|---|---|")
    for field in FIELDS:
        print(f"| {field} | " + " | ".join(c[field] for c in cols) + " |")
    print_rows(readme_row(real_scores, var_scores))


def _share(scores: list[dict[str, bool | None]], field: str) -> tuple[int, int]:
    got = [s[field] for s in scores if s.get(field) is not None]
    return sum(bool(g) for g in got), len(got)


def readme_row(real: tuple[list, list], var: tuple[list, list]) -> Row:
    """Each parser's weakest field over both corpora, and whether ours is behind trafilatura on any
    field trafilatura has."""
    def weakest(scores: list[dict]) -> tuple[float, str, str]:
        shares = []
        for field in FIELDS:
            right, of = _share(scores, field)
            if of:
                shares.append((right / of, field, f"{right}/{of}"))
        return min(shares)

    behind = []
    for field in FIELDS:
        for ours, theirs in (real, var):
            (a, n), (b, m) = _share(ours, field), _share(theirs, field)
            if n and m and a / n < b / m:
                behind.append(field)
    ours_low = [weakest(s) for s in (real[0], var[0])]
    theirs_low = [weakest(s) for s in (real[1], var[1])]
    def said_of(low: tuple[float, str, str]) -> str:
        return f"{low[2]} ({low[1]})" if low[0] < 1 else "every field right"

    said = "; ".join(f"{corpus}: kommunarkiv {said_of(o)}, trafilatura {said_of(t)}" for corpus, o, t in
                     (("real", ours_low[0], theirs_low[0]), ("variants", ours_low[1], theirs_low[1])))
    return Row(f"parse accuracy, the weakest field, on {len(real[0])} real and {len(var[0])} variant pages, against "
               "trafilatura", said + (f"; behind on {', '.join(sorted(set(behind)))}" if behind else ""),
               "no field worse", not behind)


if __name__ == "__main__":
    main()
