"""Check the hand-written replica content files against the shape in content/README.md."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

CONTENT = Path(__file__).parent / "content"
CATEGORIES = {
    "kommun-och-politik", "boende-miljo-och-trafik", "skola-och-forskola",
    "omsorg-och-stod", "uppleva-och-gora", "naringsliv-och-arbete",
}
TOPICS = {
    "samverkan", "skola och förskola", "vård och omsorg", "bygga och bo", "trafik", "miljö",
    "näringsliv och arbete", "kultur och fritid", "politik och demokrati",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
ARTICLE_KEYS = {"title", "lead", "body", "published", "updated", "category", "images",
                "attachments", "contact", "topics", "quotes", "people"}


def article_problems(a: dict, where: str) -> list[str]:
    out = []
    missing = ARTICLE_KEYS - a.keys()
    if missing:
        out.append(f"{where}: missing {sorted(missing)}")
        return out
    if not DATE.match(a["published"] or ""):
        out.append(f"{where}: bad published {a['published']!r}")
    if a["updated"] is not None and not DATE.match(a["updated"]):
        out.append(f"{where}: bad updated {a['updated']!r}")
    if a["published"] > "2026-11-27":
        out.append(f"{where}: published in the future")
    if a["category"] not in CATEGORIES:
        out.append(f"{where}: bad category {a['category']!r}")
    if not set(a["topics"]) <= TOPICS:
        out.append(f"{where}: unknown topics {set(a['topics']) - TOPICS}")
    if len(a["body"]) < 400:
        out.append(f"{where}: body under 400 characters")
    for q in a["quotes"]:
        if set(q) != {"speaker", "role", "party"}:
            out.append(f"{where}: quote keys {sorted(q)}")
    for p in a["people"]:
        if set(p) != {"name", "role"}:
            out.append(f"{where}: people keys {sorted(p)}")
    for img in a["images"]:
        if set(img) != {"file", "alt", "caption"}:
            out.append(f"{where}: image keys {sorted(img)}")
    for att in a["attachments"]:
        if set(att) != {"file", "title"} or not att["file"].endswith(".pdf"):
            out.append(f"{where}: attachment {att}")
    if a["contact"] is not None and set(a["contact"]) != {"name", "email", "phone"}:
        out.append(f"{where}: contact keys")
    return out


def main() -> int:
    problems: list[str] = []
    for path in sorted(CONTENT.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.stem == "shared":
            for s in data["stories"]:
                for site, a in s["versions"].items():
                    problems += article_problems(a, f"shared/{s['story']}/{site}")
            for i, d in enumerate(data.get("decoys", [])):
                problems += article_problems(d["article"], f"shared/decoy{i}/{d['site']}")
            continue
        for i, a in enumerate(data["articles"]):
            problems += article_problems(a, f"{path.stem}/{i}:{a.get('title', '?')[:30]}")
        for p in data.get("pages", []):
            if not p.get("path", "").startswith("/") or not p.get("title") or not p.get("body"):
                problems.append(f"{path.stem}/page {p.get('path')}: needs path, title, body")
        print(f"{path.name}: {len(data['articles'])} articles, {len(data.get('pages', []))} pages")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
