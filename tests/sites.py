"""The sites the tests expect, read from the site list (records/sites.toml), never written out."""

from records.sites import load_sites

SITES = load_sites()
SLUGS = sorted(SITES)
