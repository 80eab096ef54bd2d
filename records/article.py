"""The article record: the archive's public format (schema: archive/schema/article.schema.json)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Address:
    lines: list[str]
    postcode: str | None = None
    city: str | None = None


@dataclass
class Contact:
    """The municipality's contact footer, present on every page of a site."""

    organisation: str | None = None
    phone: str | None = None  # E.164
    phone_display: str | None = None  # as printed
    email: str | None = None
    opening_hours: list[str] = field(default_factory=list)  # schema.org strings
    opening_hours_raw: str | None = None
    org_number: str | None = None
    org_number_valid: bool | None = None
    visiting_address: Address | None = None
    postal_address: Address | None = None
    invoice_address: Address | None = None
    gln: str | None = None  # GS1 Global Location Number, for e-invoices
    peppol_id: str | None = None  # e-invoice address, e.g. 0007:2120002056
    van_provider: str | None = None  # the operator that receives e-invoices ("VAN-leverantör")


@dataclass
class PageContact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass
class Quote:
    text: str
    speaker: str | None = None
    role: str | None = None
    party: str | None = None


@dataclass
class Person:
    name: str
    role: str | None = None
    party: str | None = None


@dataclass
class Image:
    url: str
    caption: str | None = None
    alt: str | None = None


@dataclass
class Attachment:
    url: str
    title: str | None = None


@dataclass
class Extraction:
    method: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class ArticleRecord:
    """One news article as a researcher can cite it, field by field."""

    url: str
    canonical_url: str
    municipality: str | None
    title: str | None
    lead: str | None
    body: str
    subheadings: list[str]
    published_at: str | None
    published_raw: str | None
    published_source: str | None
    updated_at: str | None
    updated_raw: str | None
    updated_source: str | None
    quotes: list[Quote]
    people: list[Person]
    page_contact: PageContact | None
    images: list[Image]
    attachments: list[Attachment]
    contact: Contact | None
    is_news: bool
    template: str | None
    extraction: Extraction
    categories: list[str] = field(default_factory=list)  # the site's own labels ("Driftsnyhet")

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(self)
        return plain


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SHARED = (str, int, float, bool, type(None))  # immutable: deepcopy returns them as they are


def _plain(value: Any) -> Any:
    """What dataclasses.asdict gives for the record's types (dataclasses as dicts, lists copied, any
    other value deep-copied), without its deepcopy of every string (asdict took 71 µs a replica
    record, this 17 µs)."""
    kind = type(value)
    if kind in _SHARED:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if hasattr(kind, "__dataclass_fields__"):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return copy.deepcopy(value)
