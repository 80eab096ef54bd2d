"""Telling journalists: an e-mail digest per watch over SMTP, and an optional webhook (JSON POST),
after each crawl run that found something for the watch.

SMTP settings come from the environment: KOMMUNARKIV_SMTP_HOST (required to send), _PORT (25),
_USER and _PASSWORD (optional login), _STARTTLS (1 to upgrade the connection), _FROM
(default kommunarkiv@localhost). A failed delivery is logged and reported; it never fails the crawl.
"""

from __future__ import annotations

import json
import logging
import os
import smtplib
import urllib.request
from email.message import EmailMessage
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from archive.models import Watch
from archive.watches import FeedEntry, run_entries

log = logging.getLogger(__name__)


def digest_text(watch: Watch, items: list[FeedEntry]) -> str:
    lines = [f"kommunarkiv: {len(items)} nytt för bevakningen {watch.name!r} ({watch.query})", ""]
    for item in items:
        label = "ÄNDRAD" if item.kind == "changed" else "NY"
        lines += [f"{label}: {item.title}", f"  {item.municipality}, {item.published_at or 'utan datum'}",
                  f"  {item.url}", f"  {item.summary}", ""]
    return "\n".join(lines)


def send_digest(watch: Watch, items: list[FeedEntry]) -> None:
    host = os.environ.get("KOMMUNARKIV_SMTP_HOST")
    if not host:
        raise RuntimeError("KOMMUNARKIV_SMTP_HOST is not set: no digest can be sent")
    msg = EmailMessage()
    msg["Subject"] = f"kommunarkiv: {len(items)} nytt för {watch.name}"
    msg["From"] = os.environ.get("KOMMUNARKIV_SMTP_FROM", "kommunarkiv@localhost")
    msg["To"] = watch.email
    msg.set_content(digest_text(watch, items))
    with smtplib.SMTP(host, int(os.environ.get("KOMMUNARKIV_SMTP_PORT", "25")), timeout=30) as smtp:
        if os.environ.get("KOMMUNARKIV_SMTP_STARTTLS") == "1":
            smtp.starttls()
        if os.environ.get("KOMMUNARKIV_SMTP_USER"):
            smtp.login(os.environ["KOMMUNARKIV_SMTP_USER"], os.environ.get("KOMMUNARKIV_SMTP_PASSWORD", ""))
        smtp.send_message(msg)


def post_webhook(watch: Watch, items: list[FeedEntry]) -> None:
    payload = {"watch": watch.name, "query": watch.query, "entries": [
        {"kind": i.kind, "title": i.title, "url": i.url, "municipality": i.municipality,
         "published_at": i.published_at, "updated_at": i.updated_at, "found_at": i.found_at.isoformat(),
         "summary": i.summary} for i in items]}
    assert watch.webhook_url is not None  # notify() posts only to watches that have one
    request = urllib.request.Request(watch.webhook_url, data=json.dumps(payload, ensure_ascii=False).encode(),
                                     headers={"Content-Type": "application/json; charset=utf-8"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status >= 300:
            raise RuntimeError(f"webhook answered {response.status}")


def notify(engine: Engine, found: dict[str, int], run_id: int) -> dict[str, Any]:
    """Send each watch that found something in run `run_id` its digest and webhook. Returns what
    was sent and what failed, for the run record."""
    report: dict[str, Any] = {"sent": [], "failed": []}
    with Session(engine) as s:
        watches = [w for w in s.scalars(select(Watch)) if found.get(w.name)]
    for watch in watches:
        _, items = run_entries(engine, watch.name, run_id)
        for channel, target, send in (("email", watch.email, send_digest), ("webhook", watch.webhook_url, post_webhook)):
            if not target:
                continue
            try:
                send(watch, items)
                report["sent"].append(f"{watch.name}: {channel} to {target} ({len(items)} entries)")
            except Exception as exc:  # noqa: BLE001 - any delivery failure is reported, never fatal
                log.error("watch %s: %s to %s failed: %s", watch.name, channel, target, exc)
                report["failed"].append(f"{watch.name}: {channel} to {target}: {exc}")
    return report

