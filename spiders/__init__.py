"""Discovery and requests: the Sitevision spider family, the site list and the page parsers."""
