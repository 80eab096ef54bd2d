"""Scrapy item pipelines: normalise, validate, deduplicate, store (in that order; see spiders/settings.py)."""
