"""What a replica site answers, shared by the ordinary pages (server.py) and the hostile ones
(hostile.py), and what the hostile pages need of the site they belong to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from replica.content import SiteContent

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str
    last_modified: datetime = EPOCH
    headers: dict[str, str] = field(default_factory=dict)


class SiteView(Protocol):
    """The parts of a replica site (server.ReplicaSite) that its hostile pages use."""

    content: SiteContent
    base: str

    def not_found(self) -> Reply: ...
