"""The archive over HTTP: a read-only JSON API (FastAPI, described by OpenAPI at /openapi.json)."""
