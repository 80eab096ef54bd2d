"""Every replica article parsed under template variants drawn from a seed (replica/variants.py):
three Sitevision generations, lead forms, date forms, label case and shape, page-contact forms and
footer layouts. Every field is asserted on every variant; a failure names its seed, and
`replica.variants.draw(seed)` gives the variant back."""

from __future__ import annotations

import pytest

from records.parsers import parse_article
from records.parsers.contact import phone_e164
from replica import variants
from replica.content import load_site
from replica.render import blocks, render_article

PER_SITE = 500
SITES = ("arboga", "koping", "kungsor")


_DEFAULT: dict[str, list] = {}


def default_quotes(content, base, a):
    """The quotes as parsed from the default replica page: a template must not change them."""
    if a.path not in _DEFAULT:
        r = parse_article(render_article(content, base, a).encode(), base + a.path)
        _DEFAULT[a.path] = [(q.text, q.role, q.party) for q in r.quotes]
    return _DEFAULT[a.path]


def _check(content, base, a, v):
    url = variants.article_url(v, base, a)
    r = parse_article(variants.render(content, base, a, v).encode(), url)
    where = f"seed {v.seed} ({v}), article {a.path}"
    assert r.title == " ".join(a.title.split()), where
    assert r.lead == (" ".join(a.lead.split()) if a.lead else None), where
    assert r.published_at and r.published_at[:10] == a.published[:10], where
    if "T" in a.published and v.date_form in ("text", "iso", "time", "label-meta"):
        assert r.published_at[11:16] == a.published[11:16], where
    assert r.updated_at == a.modified[:10], where
    want = [(k, " ".join(t.split())) for k, t in blocks(a.body)]  # no-break spaces read as spaces
    assert r.body.split("\n\n") == [t for _, t in want], where
    assert r.subheadings == [t for k, t in want if k == "h2"], where
    assert [q.speaker for q in r.quotes] == [q["speaker"] for q in a.quotes], where
    assert [(q.text, q.role, q.party) for q in r.quotes] == default_quotes(content, base, a), where
    pc = r.page_contact
    assert (None if pc is None else {"name": pc.name, "email": pc.email, "phone": pc.phone}) == \
        variants.expected_contact(v, a.contact), where
    assert r.categories == variants.expected_categories(v, a), where
    f, c = variants.expected_footer(content.profile.slug), r.contact
    assert c is not None, where
    assert (c.organisation, c.phone, c.email, c.org_number, c.org_number_valid) == \
        (f["organisation"], phone_e164(f["phone"]), f["email"], f["org_number"], True), where
    assert c.postal_address is not None and f["postal"].endswith(f"{c.postal_address.postcode} {c.postal_address.city}"), where
    if "visiting" in f:
        assert c.visiting_address is not None and f["visiting"].startswith(c.visiting_address.lines[0]), where
    assert (c.gln, c.peppol_id) == (f.get("gln"), f.get("peppol")), where
    if v.footer == "real":
        assert c.van_provider == f.get("van"), where
    assert r.extraction.method.startswith("sitevision"), where


@pytest.mark.parametrize("slug", SITES)
def test_every_field_under_drawn_variants(slug):
    content = load_site(slug)
    base = "https://" + content.profile.live_host
    articles = [a for a in content.articles if not a.synthetic]
    for i in range(PER_SITE):
        v = variants.draw(1000 * SITES.index(slug) + i)
        _check(content, base, articles[i % len(articles)], v)


def test_the_draws_cover_every_form():
    drawn = [variants.draw(seed) for seed in range(PER_SITE)]
    for attr, forms in (("generation", variants.GENERATIONS), ("date_form", variants.DATE_FORMS),
                        ("label_case", variants.LABEL_CASES), ("label_shape", variants.LABEL_SHAPES),
                        ("contact_form", variants.CONTACT_FORMS), ("footer", variants.FOOTERS)):
        assert {getattr(v, attr) for v in drawn} == set(forms), attr
    assert {v.lead_form for v in drawn} >= set(variants.LEAD_CLASSES) | {"portlet:" + n for n in variants.LEAD_PORTLETS}
