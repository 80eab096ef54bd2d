"""People in the news: who is named and quoted, what they said, and the roles the articles gave
them over time (a councillor who becomes chair shows as two roles with their dates)."""

from __future__ import annotations

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
    counts = ("SELECT p.id, p.name, "
              "(SELECT count(*) FROM article_people ap WHERE ap.person_id = p.id) AS articles, "
              "(SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quotes, "
              "(SELECT max(a.published_at) FROM article_people ap JOIN articles a ON a.id = ap.article_id "
              " WHERE ap.person_id = p.id) AS last_seen "
              f"FROM people p {where}")
    with engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM people p {where}"), params).scalar_one()
        rows = conn.execute(text(f"{counts} ORDER BY quotes DESC, articles DESC, p.name LIMIT :limit OFFSET :offset"),
                            params).all()
    return {"total": total, "people": [dict(row._mapping) for row in rows]}


def person(engine: Engine, person_id: int) -> dict[str, Any]:
    """One person: roles over time (first and last article that gave each role) and every quote."""
    with engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM people WHERE id = :id"), {"id": person_id}).scalar()
        if name is None:
            raise PersonNotFound(f"no person {person_id}")
        roles = conn.execute(text(
            "SELECT ap.role, ap.party, m.slug AS municipality, min(a.published_at) AS first_seen, "
            "max(a.published_at) AS last_seen, count(*) AS articles FROM article_people ap "
            "JOIN articles a ON a.id = ap.article_id JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE ap.person_id = :id GROUP BY ap.role, ap.party, m.slug ORDER BY first_seen, ap.role"),
            {"id": person_id}).all()
        quotes = conn.execute(text(
            "SELECT q.text, q.role, q.party, a.id AS article_id, a.title, a.published_at, m.slug AS municipality "
            "FROM quotes q JOIN articles a ON a.id = q.article_id JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE q.person_id = :id ORDER BY a.published_date DESC, a.id DESC, q.position"),
            {"id": person_id}).all()
        articles = conn.execute(text(
            "SELECT a.id, a.title, a.published_at, m.slug AS municipality FROM article_people ap "
            "JOIN articles a ON a.id = ap.article_id JOIN municipalities m ON m.id = a.municipality_id "
            "WHERE ap.person_id = :id ORDER BY a.published_date DESC, a.id DESC"), {"id": person_id}).all()
    return {"id": person_id, "name": name, "roles": [dict(r._mapping) for r in roles],
            "quotes": [dict(q._mapping) for q in quotes], "articles": [dict(a._mapping) for a in articles]}


def people_ids(engine: Engine, names: list[str]) -> dict[str, int]:
    """Name -> id for the given names (to link an article's people to their pages)."""
    if not names:
        return {}
    sql = text("SELECT name, id FROM people WHERE name IN :names").bindparams(bindparam("names", expanding=True))
    with engine.connect() as conn:
        return dict(conn.execute(sql, {"names": names}).all())
