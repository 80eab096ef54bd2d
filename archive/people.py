"""People in the news: who is named and quoted, what they said, and the roles the articles gave
them over time (a councillor who becomes chair shows as two roles with their dates).

A role's municipality is the one its text gives ("kommunstyrelsens ordförande i Arboga"), never
the site that published the article: a cross-posted press release puts Arboga's chair on
Köping's site too. One role is one row, whichever site, party mark or spelling of the place gave
it. A quote that the articles of one story repeat is shown once, with the story's other
publications named. Which spellings of a name are one person is archive/names.py's call, made
when articles are stored: a party mark is dropped, an initial joins a full name only on a shared
role.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, bindparam, text


class PersonNotFound(LookupError):
    pass


def list_people(engine: Engine, *, name: str = "", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """People by how often they are quoted, then named; `name` narrows to names containing it."""
    where = ""
    params: dict[str, Any] = {"limit": max(0, limit), "offset": max(0, offset)}
    if name.strip():
        where = "WHERE lower(p.name) LIKE :name ESCAPE '\\'"
        params["name"] = "%" + name.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    # Quotes counted as the person page shows them, once per story: a story's articles repeat its
    # quotes, so a story counts the most quotes any one of its articles gives the person.
    counts = ("WITH per_article AS (SELECT q.person_id, coalesce(a.story_id, -a.id) AS story, count(*) AS n "
              " FROM quotes q JOIN articles a ON a.id = q.article_id GROUP BY q.person_id, a.id, a.story_id), "
              "per_story AS (SELECT person_id, story, max(n) AS n FROM per_article GROUP BY person_id, story), "
              "per_person AS (SELECT person_id, sum(n) AS n FROM per_story GROUP BY person_id) "
              "SELECT p.id, p.name, "
              "(SELECT count(*) FROM article_people ap WHERE ap.person_id = p.id) AS articles, "
              "coalesce(pp.n, 0) AS quotes, "
              "(SELECT max(a.published_at) FROM article_people ap JOIN articles a ON a.id = ap.article_id "
              " WHERE ap.person_id = p.id) AS last_seen "
              f"FROM people p LEFT JOIN per_person pp ON pp.person_id = p.id {where}")
    with engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM people p {where}"), params).scalar_one()
        rows = conn.execute(text(f"{counts} ORDER BY quotes DESC, articles DESC, p.name LIMIT :limit OFFSET :offset"),
                            params).all()
    return {"total": total, "people": [dict(row._mapping) for row in rows]}


# "... i Arboga", "... i Köpings kommun", "... i Kungsör kommun": the municipality a role names.
PLACES = {"arboga": "arboga", "köping": "koping", "kungsör": "kungsor", "fagersta": "fagersta",
          "hallstahammar": "hallstahammar", "surahammar": "surahammar", "västerås": "vasteras"}
_ROLE_PLACE = re.compile(r"\s+(?:i|för)\s+(" + "|".join(PLACES) + r")s?(?:\s+kommun)?\s*$", re.IGNORECASE)


def role_and_place(role: str | None) -> tuple[str | None, str | None]:
    """(the role without its place, the municipality slug the role names or None)."""
    if not role:
        return None, None
    role = " ".join(role.split()).rstrip(".,")
    m = _ROLE_PLACE.search(role)
    if m is None:
        return role, None
    return role[:m.start()], PLACES[m.group(1).lower()]


def roles_of(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per role: rows of (role, party, published_at) from the articles that name the
    person. A role given without a place joins the same role with a place when only one place
    is ever given for it."""
    groups: dict[tuple[str | None, str | None], list[Any]] = {}
    for r in rows:
        role, place = role_and_place(r.role)
        groups.setdefault(((role or "").lower() or None, place), []).append((role, r.party, r.published_at))
    for (role, place) in [k for k in groups if k[1] is None and k[0] is not None]:
        places = [k for k in groups if k[0] == role and k[1] is not None]
        if len(places) == 1:
            groups[places[0]] += groups.pop((role, place))
    out = []
    for (_, place), seen in groups.items():
        dates = sorted(at for _, _, at in seen if at)
        parties = Counter(party for _, party, _ in seen if party)
        out.append({"role": Counter(role for role, _, _ in seen).most_common(1)[0][0],
                    "party": parties.most_common(1)[0][0] if parties else None, "municipality": place,
                    "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
                    "articles": len(seen)})
    return sorted(out, key=lambda r: (r["first_seen"] or "", r["role"] or ""))


def _same_quote(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and len(wa & wb) >= 0.8 * min(len(wa), len(wb))


def quotes_once(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes, newest first, a quote the articles of one story repeat (whole or trimmed) given
    once, with the other publications in `also_published`."""
    out: list[dict[str, Any]] = []
    for q in rows:
        same = next((o for o in out if q["story_id"] is not None and o["story_id"] == q["story_id"]
                     and o["article_id"] != q["article_id"] and _same_quote(o["text"], q["text"])), None)
        if same is None:
            out.append({**q, "also_published": []})
        else:
            same["also_published"].append({"id": q["article_id"], "municipality": q["municipality"],
                                           "url": q["url"], "published_at": q["published_at"]})
    return out


def person(engine: Engine, person_id: int) -> dict[str, Any]:
    """One person: roles over time (first and last article that gave each role) and every quote."""
    with engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM people WHERE id = :id"), {"id": person_id}).scalar()
        if name is None:
            raise PersonNotFound(f"no person {person_id}")
        roles = conn.execute(text(
            "SELECT ap.role, ap.party, a.published_at FROM article_people ap JOIN articles a ON a.id = ap.article_id "
            "WHERE ap.person_id = :id ORDER BY a.published_date, a.id"), {"id": person_id}).all()
        quotes = conn.execute(text(
            "SELECT q.text, q.role, q.party, a.id AS article_id, a.title, a.published_at, m.slug AS municipality, "
            "a.story_id, a.canonical_url AS url "
            "FROM quotes q JOIN articles a ON a.id = q.article_id JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE q.person_id = :id ORDER BY a.published_date DESC, a.id DESC, q.position"),
            {"id": person_id}).all()
        articles = conn.execute(text(
            "SELECT a.id, a.title, a.published_at, m.slug AS municipality FROM article_people ap "
            "JOIN articles a ON a.id = ap.article_id JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE ap.person_id = :id ORDER BY a.published_date DESC, a.id DESC"), {"id": person_id}).all()
    return {"id": person_id, "name": name, "roles": roles_of(roles),
            "quotes": quotes_once([dict(q._mapping) for q in quotes]), "articles": [dict(a._mapping) for a in articles]}


def people_ids(engine: Engine, names: list[str]) -> dict[str, int]:
    """Name -> id for the given names (to link an article's people to their pages)."""
    if not names:
        return {}
    sql = text("SELECT name, id FROM people WHERE name IN :names").bindparams(bindparam("names", expanding=True))
    with engine.connect() as conn:
        return dict(conn.execute(sql, {"names": names}).all())
