"""The municipalities' contact footers: a new version whenever a footer differs from the latest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from archive.incoming import json_digest
from archive.models import ContactVersion, Municipality, table_of

contacts_t, municipalities_t = table_of(ContactVersion), table_of(Municipality)


def store_contacts(conn: Connection, seen_contacts: list[tuple[int, dict[str, Any] | None]], seen: datetime) -> None:
    """Every distinct footer in the order seen: a new version when it differs from the latest."""
    latest: dict[int, tuple[int | None, str]] = {}
    touched: set[int] = set()
    new: list[dict[str, Any]] = []
    for mid, contact in seen_contacts:
        if not contact:
            continue
        if mid not in latest:
            row = conn.execute(select(contacts_t.c.id, contacts_t.c.content_hash)
                               .where(contacts_t.c.municipality_id == mid)
                               .order_by(contacts_t.c.id.desc()).limit(1)).first()
            latest[mid] = (row[0], row[1]) if row else (None, "")
        digest = json_digest(contact)
        if latest[mid][1] == digest:
            if (latest_id := latest[mid][0]) is not None:
                touched.add(latest_id)
            continue
        latest[mid] = (None, digest)
        new.append({"municipality_id": mid, "contact": contact, "content_hash": digest, "first_seen_at": seen,
                    "last_seen_at": seen})
    if touched:
        conn.execute(update(contacts_t).where(contacts_t.c.id.in_(touched)).values(last_seen_at=seen))
    if new:
        conn.execute(insert(contacts_t), new)
        last = {row["municipality_id"]: row["contact"] for row in new}
        conn.execute(update(municipalities_t).where(municipalities_t.c.id == bindparam("b_id"))
                     .values(contact=bindparam("b_contact"), contact_seen_at=seen),
                     [{"b_id": mid, "b_contact": c} for mid, c in last.items()])

